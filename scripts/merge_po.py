"""Git merge driver for the gettext catalogues: entry by entry, never line by line.

Catalogues are sorted by message id, so two branches that each add messages touch
neighbouring lines and a line merge conflicts for no reason. This driver merges the
entries three ways (an entry added on one side is kept, deleted on one side is
deleted, a translation changed on one side wins over the unchanged one; where both
changed a translation differently, ours is kept and the message is printed), then
writes the result the way `scripts/update_catalogues.py` does. Run that script after
the merge anyway: it drops messages the merged code no longer uses.

Enabled per clone (git keeps merge drivers out of shared config):

    git config merge.pocatalogue.name "gettext catalogue merge"
    git config merge.pocatalogue.driver ".venv/bin/python scripts/merge_po.py %O %A %B"

`.gitattributes` names the catalogues; without the config git falls back to a line merge.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

Key = tuple[str | None, str]


def _entries(path: str) -> tuple[polib.POFile, dict[Key, polib.POEntry]]:
    text = Path(path).read_text(encoding="utf-8") if Path(path).stat().st_size else ""
    catalogue = polib.pofile(text, wrapwidth=0) if text else polib.POFile(wrapwidth=0)
    return catalogue, {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}


def _translation(entry: polib.POEntry | None) -> object:
    if entry is None:
        return None
    return (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())), entry.msgid_plural)


def merge_header(
    base: dict[str, str], ours: dict[str, str], theirs: dict[str, str]
) -> dict[str, str]:
    """The header's fields three ways too: a field added or changed on their side only (a
    language's name, say) is not lost because ours did not have it."""
    merged = dict(ours)
    for name, value in theirs.items():
        if ours.get(name) == base.get(name):
            merged[name] = value
    for name in base:
        if name not in theirs and ours.get(name) == base[name]:
            merged.pop(name, None)
    return merged


def merge(base_path: str, ours_path: str, theirs_path: str) -> list[str]:
    """Merge into `ours_path`; return the messages both sides translated differently."""
    base_file, base = _entries(base_path)
    ours_file, ours = _entries(ours_path)
    theirs_file, theirs = _entries(theirs_path)
    clashes: list[str] = []
    merged: dict[Key, polib.POEntry] = {}
    for key in ours.keys() | theirs.keys():
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o is None or t is None:
            present = o if o is not None else t
            if b is not None and _translation(present) == _translation(b):
                continue  # deleted on one side, unchanged on the other
            assert present is not None
            merged[key] = present
            continue
        chosen = o
        if _translation(o) != _translation(t):
            if _translation(o) == _translation(b):
                chosen = t
            elif _translation(t) != _translation(b):
                clashes.append(key[1])
        places = list(dict.fromkeys([*o.occurrences, *t.occurrences]))
        chosen.occurrences = places
        merged[key] = chosen
    result = polib.POFile(wrapwidth=0)
    result.metadata = merge_header(base_file.metadata, ours_file.metadata, theirs_file.metadata)
    for key in sorted(merged, key=lambda k: (k[1], k[0] or "")):
        result.append(merged[key])
    Path(ours_path).write_text(str(result) + "\n", encoding="utf-8")
    return clashes


def main(argv: list[str]) -> int:
    base, ours, theirs = argv
    clashes = merge(base, ours, theirs)
    for msgid in clashes:
        print(f"merge_po: both sides translated {msgid!r} differently; kept ours", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
