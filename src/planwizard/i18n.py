"""The one translation function of planwizard, and the choice of interface language.

Every word planwizard itself shows or prints goes through :func:`_`, with the English
text as the message id, as gettext does. The catalogues are standard gettext `.po`
files in `planwizard/locale/`, read at run time with `polib` so that nobody has to
compile them; translators use their usual tools on them.

The interface language is independent of a plan's own `language` field, which records
the language the group wrote the plan's content in.
"""

from __future__ import annotations

import contextlib
import json
import locale
import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

from planwizard.locations import cache_dir

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "en"


def _languages_present(folder: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The languages with a catalogue in `folder` (`fr.po` -> `fr`): English first, the
    others in alphabetical order. Adding a language is adding its `.po` file."""
    try:
        codes = {path.stem for path in folder.glob("*.po")}
    except OSError:
        codes = set()
    return (DEFAULT_LANGUAGE, *sorted(codes - {DEFAULT_LANGUAGE}))


#: Interface languages with a catalogue, in the order they are offered (the palette, the
#: command line's `--lang`).
LANGUAGES: tuple[str, ...] = _languages_present()
#: The header of a catalogue that says what its language is called in itself (`Français`).
NAME_HEADER = "X-Language-Name"


@cache
def language_name(language: str) -> str:
    """What `language` is called in itself, from its catalogue's header (the code when
    the catalogue has none). Reads the header only, not the whole catalogue."""
    try:
        with (LOCALE_DIR / f"{language}.po").open(encoding="utf-8") as po:
            for line in po:
                if not line.strip():
                    break  # the header entry ends at the first blank line
                prefix = f'"{NAME_HEADER}: '
                if line.startswith(prefix):
                    return line[len(prefix) :].rstrip().removesuffix('"').removesuffix("\\n")
    except OSError:
        pass
    return language


_current = DEFAULT_LANGUAGE
#: Bumped when the cached catalogue's layout changes (2: plural forms), so that a cache
#: written by an older planwizard is parsed again rather than read without them.
_CACHE_FORMAT = 2


def _plural_key(singular: str, plural: str) -> str:
    # As in a compiled .mo catalogue: both ids joined by NUL, the forms likewise.
    return f"{singular}\x00{plural}"


def _plural_index(language: str, count: int) -> int:
    """Which plural form a count takes: CLDR's rule for each language, as in Plural-Forms.

    French takes the singular for 0 and 1 (« 0 erreur », « 1 erreur », « 2 erreurs »);
    English only for 1.
    """
    if language == "fr":
        return 0 if count in (0, 1) else 1
    return 0 if count == 1 else 1


#: The Plural-Forms header of each catalogue, the same rule as :func:`_plural_index`.
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);"}


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """msgid -> msgstr for one language; missing or empty entries are left out.

    Parsing a `.po` file takes a noticeable share of the app's start, so the parsed
    catalogue is kept as JSON in the user's cache, keyed by the file's size and time; a
    cache that cannot be read or written is simply not used.
    """
    path = LOCALE_DIR / f"{language}.po"
    try:
        info = path.stat()
    except OSError:
        return {}
    stamp = [_CACHE_FORMAT, info.st_size, info.st_mtime_ns]
    cached = cache_dir() / f"catalogue-{language}.json"
    try:
        saved = json.loads(cached.read_text(encoding="utf-8"))
        if saved.get("stamp") == stamp and isinstance(saved.get("messages"), dict):
            return dict(saved["messages"])
    except (OSError, ValueError):
        pass
    import polib  # only when the cache is cold: parsing is what the cache saves

    messages: dict[str, str] = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(len(entry.msgstr_plural))]
            if forms and all(forms):
                messages[_plural_key(entry.msgid, entry.msgid_plural)] = "\x00".join(forms)
        elif entry.msgstr:
            messages[entry.msgid] = entry.msgstr
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"stamp": stamp, "messages": messages}), "utf-8")
        os.replace(temporary, cached)
    return messages


class Translated(str):
    """A translated text that remembers its message id.

    Key labels are translated once, when their class is defined; the app gives them a new
    language later from the id (two ids can share a translation: Undo and Cancel are
    both « Annuler »).
    """

    msgid: str


def _(message: str) -> str:
    """Translate an interface message into the current language."""
    if _current == DEFAULT_LANGUAGE:
        text = Translated(message)  # the English text is the message id: nothing to load
    else:
        text = Translated(catalogue(_current).get(message, message))
    text.msgid = message
    return text


def ngettext(singular: str, plural: str, count: int) -> str:
    """The message for `count` things in the current language, in its right plural form.

    `singular` and `plural` are the English texts; the caller still formats the result
    (`ngettext("{count} error", "{count} errors", n).format(count=n)`), so a translation
    may leave the number out of its singular (« une erreur »).
    """
    if _current != DEFAULT_LANGUAGE:
        found = catalogue(_current).get(_plural_key(singular, plural))
        if found:
            forms = found.split("\x00")
            return forms[min(_plural_index(_current, count), len(forms) - 1)]
    return singular if _plural_index(DEFAULT_LANGUAGE, count) == 0 else plural


def N_(message: str) -> str:
    """Mark a message for the catalogues without translating it now (gettext's `N_`): for
    labels kept in tables, such as planwizard.fields, translated with `_()` when shown."""
    return message


#: Short name, as gettext's `N_`/`ngettext` pair; the catalogue script extracts both.
n_ = ngettext


def current_language() -> str:
    return _current


def set_language(language: str) -> str:
    """Switch the interface language; an unknown one falls back to English."""
    global _current
    _current = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def detect_language(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, else `PLANWIZARD_LANG`, else the system locale, else English."""
    env = os.environ if environ is None else environ
    for candidate in (requested, env.get("PLANWIZARD_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(variable, "")
        code = value.strip().lower()[:2]
        if code in LANGUAGES:
            return code
        if value:
            break
    if environ is None:
        system, _encoding = locale.getlocale()
        if system and system[:2].lower() in LANGUAGES:
            return system[:2].lower()
    return DEFAULT_LANGUAGE


_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


_SHORT_MONTHS_FR = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def short_date(day: date, language: str | None = None) -> str:
    """A date in words for a narrow column: `15 janv. 2027` / `15 Jan 2027` (at most 14
    characters), the month abbreviated as French writes it."""
    language = language or _current
    if language != "fr":
        return long_date(day, language)
    day_text = "1er" if day.day == 1 else str(day.day)
    return f"{day_text} {_SHORT_MONTHS_FR[day.month - 1]} {day.year}"


def long_date(day: date, language: str | None = None) -> str:
    """A date as people write it: `15 mars 2027` in French, `15 Mar 2027` in English.

    Month names are spelled here rather than by the system locale, which is often not
    installed on a workshop laptop and would make the output depend on the machine.
    """
    months = _MONTHS.get(language or _current, _MONTHS[DEFAULT_LANGUAGE])
    day_text = "1er" if day.day == 1 and (language or _current) == "fr" else str(day.day)
    return f"{day_text} {months[day.month - 1]} {day.year}"


NBSP = "\u00a0"
#: Decimal mark and thousands separator of each language (CLDR's, except that French
#: groups with U+00A0 like the rest of our French rather than the narrow U+202F).
_NUMBER_MARKS = {"en": (".", ","), "fr": (",", NBSP)}


def format_number(
    value: float | None, language: str | None = None, *, grouping: bool = True
) -> str:
    """A figure as people write it in the language: `12.5` / `12,5`, `15` never `15.0`,
    `12 500` (French, a no-break space) / `12,500` from five digits on, never `1e+20`
    (but `1e+307` from 1e21 on, rather than hundreds of digits).

    Written here rather than with Babel: two languages and one rule each do not call for
    a dependency and its start-up cost. `grouping=False` for a spreadsheet cell, which
    must read back as a number.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if abs(value) >= 1e21:
            # `1e+307` rather than three hundred digits (a typo, or hostile input)
            return str(value)
        if value.is_integer():
            value = int(value)
    if isinstance(value, float):
        from decimal import Decimal  # only for a fraction: start-up does not pay for it

        text = format(Decimal(repr(value)), "f")
    else:
        text = str(value)
    sign = "-" if text.startswith("-") else ""
    whole, _dot, fraction = text.lstrip("-").partition(".")
    decimal_mark, thousands = _NUMBER_MARKS.get(language or _current, _NUMBER_MARKS["en"])
    if grouping and len(whole) > 4:
        head = len(whole) % 3 or 3
        whole = thousands.join(
            [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
        )
    return sign + whole + (decimal_mark + fraction if fraction else "")


def with_unit(value: float | None, unit: str, language: str | None = None) -> str:
    """A figure and its unit, never split across two lines: `32,5 %`, `48 heures`."""
    number = format_number(value, language)
    unit = unit.strip()
    if not unit or not number:
        return number
    if unit == "%":
        return format_percent_text(number, language)
    return f"{number}{NBSP}{unit}"


def format_percent_text(number: str, language: str | None = None) -> str:
    """A figure already written, as a percentage: `37.5%` / `37,5 %` (no-break space)."""
    return f"{number}{NBSP}%" if (language or _current) == "fr" else f"{number}%"


def format_percent(share: float | None) -> str:
    """Progress towards a target (0.0 to 1.0, or beyond) as a whole percentage.

    Through the catalogue, so that French gets its non-breaking space before `%`.
    """
    if share is None:
        return ""
    return _("{percent}%").format(percent=percent_text(share))


#: Shares of the way beyond this, either side, are shown as out of range (100,000 %).
PERCENT_LIMIT = 1000.0


def percent_text(share: float) -> str:
    """A share as a whole number of percent; beyond ±PERCENT_LIMIT, `>100000` or `<-100000`.

    Never fails: an extreme reading (1e307 against a target of 1) or a non-finite share
    says it is out of range instead of overflowing.
    """
    if share != share:  # nan: no way to place it
        return "?"
    if share >= PERCENT_LIMIT:
        return f">{round(PERCENT_LIMIT * 100)}"
    if share <= -PERCENT_LIMIT:
        return f"<{round(-PERCENT_LIMIT * 100)}"
    return str(round(share * 100))
