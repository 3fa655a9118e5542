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
#: Interface languages with a catalogue, in the order they are offered.
LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


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
    stamp = [info.st_size, info.st_mtime_ns]
    cached = cache_dir() / f"catalogue-{language}.json"
    try:
        saved = json.loads(cached.read_text(encoding="utf-8"))
        if saved.get("stamp") == stamp and isinstance(saved.get("messages"), dict):
            return dict(saved["messages"])
    except (OSError, ValueError):
        pass
    import polib  # only when the cache is cold: parsing is what the cache saves

    messages = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }
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


def long_date(day: date, language: str | None = None) -> str:
    """A date as people write it: `15 mars 2027` in French, `15 Mar 2027` in English.

    Month names are spelled here rather than by the system locale, which is often not
    installed on a workshop laptop and would make the output depend on the machine.
    """
    months = _MONTHS.get(language or _current, _MONTHS[DEFAULT_LANGUAGE])
    day_text = "1er" if day.day == 1 and (language or _current) == "fr" else str(day.day)
    return f"{day_text} {months[day.month - 1]} {day.year}"


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
