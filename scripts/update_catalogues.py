"""Keep the gettext catalogues in step with the code.

Extracts every `_("...")` message id from src/planwizard (the English text; `N_("...")`
too, marked now and translated when shown), and every
`ngettext("singular", "plural", n)` (or `n_(...)`) pair as an entry with `msgid_plural`,
writes the template `locale/planwizard.pot`, and updates each `locale/<lang>.po`: new ids
are added (English: translated as themselves; other languages: empty, to translate), ids
the code no longer uses are removed, existing translations are kept.

    .venv/bin/python scripts/update_catalogues.py          # update
    .venv/bin/python scripts/update_catalogues.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import polib

from planwizard.i18n import LANGUAGES, NAME_HEADER, PLURAL_FORMS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "planwizard"
LOCALE = SOURCE / "locale"
PLURAL_FUNCTIONS = ("ngettext", "n_")


def _constant_strings(node: ast.Call, count: int) -> list[str] | None:
    values = [a.value for a in node.args[:count] if isinstance(a, ast.Constant)]
    strings = [v for v in values if isinstance(v, str)]
    return strings if len(strings) == count else None


def _calls(source: Path) -> Iterator[tuple[Path, ast.Call, str]]:
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else None
                if name is None and isinstance(func, ast.Attribute):
                    name = func.attr
                if name:
                    yield path, node, name


def extract_plurals(source: Path = SOURCE) -> dict[str, str]:
    """msgid -> msgid_plural, for every `ngettext(singular, plural, n)` call."""
    found: dict[str, str] = {}
    for _path, node, name in _calls(source):
        if name in PLURAL_FUNCTIONS and (strings := _constant_strings(node, 2)):
            found[strings[0]] = strings[1]
    return found


def extract_msgids(source: Path = SOURCE) -> dict[str, list[str]]:
    """msgid -> the files where `_()` or `ngettext()` is called with it (the singular)."""
    found: dict[str, list[str]] = {}
    for path, node, name in _calls(source):
        if name in ("_", "N_") and isinstance(node.func, ast.Name):
            strings = _constant_strings(node, 1)
        elif name in PLURAL_FUNCTIONS:
            strings = _constant_strings(node, 2)
        else:
            continue
        if strings:
            # Files only, no line numbers: catalogues then change only when messages do.
            places = found.setdefault(strings[0], [])
            if str(path.relative_to(ROOT)) not in places:
                places.append(str(path.relative_to(ROOT)))
    return found


def _metadata(language: str, existing: dict[str, str] | None = None) -> dict[str, str]:
    """The header of a catalogue. A language's name in itself (NAME_HEADER, shown in the
    palette) and, for a language planwizard has no rule for yet, its Plural-Forms are
    kept from the catalogue as its translator wrote them."""
    existing = existing or {}
    plural = PLURAL_FORMS.get(language) or existing.get(
        "Plural-Forms", "nplurals=INTEGER; plural=EXPRESSION;"
    )
    metadata = {
        "Project-Id-Version": "planwizard",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural,
    }
    if language and existing.get(NAME_HEADER):
        metadata[NAME_HEADER] = existing[NAME_HEADER]
    return metadata


def build_catalogue(
    language: str | None,
    msgids: dict[str, list[str]],
    plurals: dict[str, str] | None = None,
) -> polib.POFile:
    """The catalogue of one language (None: the template) as the script writes it.

    `plurals` (msgid -> msgid_plural) defaults to what the code holds.
    """
    plurals = extract_plurals() if plurals is None else plurals
    existing: dict[str, polib.POEntry] = {}
    header: dict[str, str] = {}
    path = LOCALE / f"{language}.po" if language else None
    if path is not None and path.exists():
        old_catalogue = polib.pofile(str(path))
        existing = {e.msgid: e for e in old_catalogue if not e.obsolete}
        header = dict(old_catalogue.metadata)
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = _metadata(language or "", header)
    for msgid in sorted(msgids):
        old = existing.get(msgid)
        occurrences = [(place, "") for place in msgids[msgid]]
        if msgid in plurals:
            plural = plurals[msgid]
            forms = dict(old.msgstr_plural) if old is not None and old.msgid_plural else {}
            if language == "en":
                forms = {0: forms.get(0) or msgid, 1: forms.get(1) or plural}
            elif language is None or not forms:
                forms = {0: "", 1: ""}
            entry = polib.POEntry(
                msgid=msgid, msgid_plural=plural, msgstr_plural=forms, occurrences=occurrences
            )
        else:
            msgstr = old.msgstr if old is not None else ""
            if not msgstr and language == "en":
                msgstr = msgid
            entry = polib.POEntry(
                msgid=msgid,
                msgstr="" if language is None else msgstr,
                occurrences=occurrences,
            )
        if "{" in msgid:
            entry.flags.append("python-brace-format")
        catalogue.append(entry)
    return catalogue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if stale")
    args = parser.parse_args()
    msgids = extract_msgids()
    plurals = extract_plurals()
    stale = False
    targets: list[tuple[Path, str | None]] = [(LOCALE / "planwizard.pot", None)]
    targets += [(LOCALE / f"{lang}.po", lang) for lang in LANGUAGES]
    for path, language in targets:
        text = str(build_catalogue(language, msgids, plurals)) + "\n"
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale = True
            if not args.check:
                path.write_text(text, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
    if not args.check:
        for lang in LANGUAGES:
            missing = sum(
                1
                for e in polib.pofile(str(LOCALE / f"{lang}.po"))
                if not (e.msgstr or (e.msgid_plural and all(e.msgstr_plural.values())))
            )
            if missing:
                print(f"{lang}.po: {missing} entries still to translate")
    if args.check and stale:
        print("catalogues are out of date: run scripts/update_catalogues.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
