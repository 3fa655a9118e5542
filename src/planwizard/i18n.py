"""The one translation function of planwizard, and the choice of interface language.

Every word planwizard itself shows or prints goes through :func:`_`, with the English
text as the message id, as gettext does. The catalogues are standard gettext `.po`
files in `planwizard/locale/`, read at run time with `polib` so that nobody has to
compile them; translators use their usual tools on them.

The interface language is independent of a plan's own `language` field, which records
the language the group wrote the plan's content in.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).parent / "locale"
#: Interface languages with a catalogue, in the order they are offered.
LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """msgid -> msgstr for one language; missing or empty entries are left out."""
    path = LOCALE_DIR / f"{language}.po"
    if not path.exists():
        return {}
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def _(message: str) -> str:
    """Translate an interface message into the current language."""
    return catalogue(_current).get(message, message)


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
