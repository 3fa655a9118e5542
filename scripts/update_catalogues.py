"""Keep the gettext catalogues in step with the code.

Extracts every `_("...")` message id from src/planwizard (the English text), writes the
template `locale/planwizard.pot`, and updates each `locale/<lang>.po`: new ids are added
(English: translated as themselves; other languages: empty, to translate), ids the code
no longer uses are removed, existing translations are kept.

    .venv/bin/python scripts/update_catalogues.py          # update
    .venv/bin/python scripts/update_catalogues.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "planwizard"
LOCALE = SOURCE / "locale"
LANGUAGES = {"en": "English", "fr": "French"}


def extract_msgids(source: Path = SOURCE) -> dict[str, list[str]]:
    """msgid -> the files where `_()` is called with it."""
    found: dict[str, list[str]] = {}
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                # Files only, no line numbers: catalogues then change only when messages do.
                places = found.setdefault(node.args[0].value, [])
                if str(path.relative_to(ROOT)) not in places:
                    places.append(str(path.relative_to(ROOT)))
    return found


def _metadata(language: str) -> dict[str, str]:
    return {
        "Project-Id-Version": "planwizard",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def build_catalogue(language: str | None, msgids: dict[str, list[str]]) -> polib.POFile:
    existing: dict[str, polib.POEntry] = {}
    path = LOCALE / f"{language}.po" if language else None
    if path is not None and path.exists():
        existing = {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = _metadata(language or "")
    for msgid in sorted(msgids):
        old = existing.get(msgid)
        msgstr = old.msgstr if old is not None else ""
        if not msgstr and language == "en":
            msgstr = msgid
        entry = polib.POEntry(
            msgid=msgid,
            msgstr="" if language is None else msgstr,
            occurrences=[(place, "") for place in msgids[msgid]],
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
    stale = False
    targets: list[tuple[Path, str | None]] = [(LOCALE / "planwizard.pot", None)]
    targets += [(LOCALE / f"{lang}.po", lang) for lang in LANGUAGES]
    for path, language in targets:
        text = str(build_catalogue(language, msgids)) + "\n"
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale = True
            if not args.check:
                path.write_text(text, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
    if not args.check:
        for lang in LANGUAGES:
            missing = sum(1 for e in polib.pofile(str(LOCALE / f"{lang}.po")) if not e.msgstr)
            if missing:
                print(f"{lang}.po: {missing} entries still to translate")
    if args.check and stale:
        print("catalogues are out of date: run scripts/update_catalogues.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
