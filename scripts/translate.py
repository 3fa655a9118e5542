"""Fill a catalogue's translations from a JSON file, and list what is left to translate.

For translators who prefer a script to a .po editor, and for a second pass after new
messages arrive in the code:

    .venv/bin/python scripts/update_catalogues.py               # new ids into the .po files
    .venv/bin/python -m scripts.translate todo fr > todo.json   # {"msgid": ""} left to do
    # ... write the translations as the values of todo.json ...
    .venv/bin/python -m scripts.translate apply fr todo.json    # into fr.po, layout kept

`apply` refuses ids the code does not use and translations that lose or invent a
placeholder, and for French puts the non-breaking spaces French typography wants
(U+00A0 before : ; ? ! and %, inside « »), so that a translator can type ordinary spaces.
The file is then rewritten exactly as scripts/update_catalogues.py writes it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import polib

from scripts.update_catalogues import LANGUAGES, LOCALE, build_catalogue, extract_msgids

NBSP = "\u00a0"
#: `{placeholder}` fields (with conversion and format spec), argparse's `%(name)s` and `%%`.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%%|%[sr]")
#: Spans French typography must not touch: placeholders and `code`.
_PROTECTED = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%%|%[sr]|`[^`]*`")
#: Each protected span stands in as one private-use character while the rules run.
_STAND_IN = 0xE000


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def french_typography(text: str) -> str:
    """`Plan : {x} ?` with U+00A0 where French puts a non-breaking space.

    A space (or none) before ; ? ! : becomes U+00A0, and so does the space before a
    percent sign after a figure and inside « » (English “ ” become « »). `://`, a time
    such as 10:30, placeholders and `code` are left alone.
    """
    spans: list[str] = []

    def stand_in(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return chr(_STAND_IN + len(spans) - 1)

    text = _PROTECTED.sub(stand_in, text)
    text = text.replace("“", "«").replace("”", "»")
    text = re.sub(r"[ \u202f\u00a0]?([;?!])", NBSP + r"\1", text)
    # A space before `:` always becomes U+00A0 (`Étape 1 :` too); a bare `:` gets one
    # unless a figure precedes it.
    text = re.sub(r"(?:[ \u202f\u00a0]|(?<![\d \u202f\u00a0])):(?!//|\d)", NBSP + ":", text)
    text = re.sub(r"(?<=[\d\ue000-\uf8ff])%|[ \u202f]%", NBSP + "%", text)
    text = re.sub(r"«[ \u202f\u00a0]?", "«" + NBSP, text)
    text = re.sub(r"[ \u202f\u00a0]?»", NBSP + "»", text)
    return re.sub(r"[\ue000-\uf8ff]", lambda m: spans[ord(m.group(0)) - _STAND_IN], text)


def _po_path(language: str) -> Path:
    return LOCALE / f"{language}.po"


Translation = str | list[str]


def _done(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def todo(language: str) -> dict[str, Translation]:
    """Untranslated ids; a plural entry's value is a list, one text per plural form."""
    return {
        e.msgid: ["" for _ in PLURAL_FORMS_COUNT] if e.msgid_plural else ""
        for e in polib.pofile(str(_po_path(language)))
        if not _done(e)
    }


#: Every language planwizard has takes two plural forms (singular, plural).
PLURAL_FORMS_COUNT = (0, 1)


def apply(language: str, translations: dict[str, Translation]) -> list[str]:
    """Write `translations` into the catalogue; returns the problems (nothing written then).

    A plural entry takes a list of texts, one per plural form (for French: 0 or 1 thing,
    then 2 or more).
    """
    msgids = extract_msgids()
    problems: list[str] = []
    ready: dict[str, Translation] = {}
    for msgid, value in translations.items():
        if msgid not in msgids:
            problems.append(f"not used in the code: {msgid!r}")
            continue
        texts = value if isinstance(value, list) else [value]
        if not all(texts):
            continue
        if language == "fr":
            texts = [french_typography(text) for text in texts]
        if any(placeholders(text) != placeholders(msgid) for text in texts):
            problems.append(f"placeholders differ: {msgid!r} -> {texts!r}")
            continue
        ready[msgid] = texts if isinstance(value, list) else texts[0]
    if problems:
        return problems
    path = _po_path(language)
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgid in ready:
            found = ready[entry.msgid]
            if isinstance(found, list):
                entry.msgstr_plural = dict(enumerate(found))
            else:
                entry.msgstr = found
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalogue.save(str(path))
    # Back to the exact layout update_catalogues writes, so that it then changes nothing.
    path.write_text(str(build_catalogue(language, msgids)) + "\n", encoding="utf-8")
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    todo_cmd = sub.add_parser("todo", help="print the untranslated ids as a JSON object")
    todo_cmd.add_argument("language", choices=sorted(LANGUAGES))
    apply_cmd = sub.add_parser("apply", help="write translations from a JSON object")
    apply_cmd.add_argument("language", choices=sorted(LANGUAGES))
    apply_cmd.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "todo":
        print(json.dumps(todo(args.language), ensure_ascii=False, indent=2))
        return 0
    translations = json.loads(args.file.read_text(encoding="utf-8"))
    problems = apply(args.language, translations)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{len([v for v in translations.values() if v])} translations written")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
