"""The catalogues' merge driver (scripts/merge_po.py): entries and header fields three ways."""

from __future__ import annotations

from pathlib import Path

import polib
from scripts.merge_po import merge

HEADER = "\n".join(
    [
        'msgid ""',
        'msgstr ""',
        '"Language: fr\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        "{extra}",
        "",
    ]
)


def _catalogue(path: Path, extra: str, entries: dict[str, str]) -> str:
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
    path.write_text(HEADER.format(extra=extra) + "\n" + body, encoding="utf-8")
    return str(path)


def test_a_header_field_and_messages_added_on_either_side_are_all_kept(tmp_path: Path) -> None:
    base = _catalogue(tmp_path / "base.po", "", {"Save": "Enregistrer"})
    ours = _catalogue(
        tmp_path / "ours.po", "", {"Save": "Enregistrer", "Dialogue log": "Journal du dialogue"}
    )
    theirs = _catalogue(
        tmp_path / "theirs.po",
        '"X-Language-Name: Français\\n"',
        {"Save": "Enregistrer", "Recommendations": "Recommandations"},
    )
    assert merge(base, ours, theirs) == []
    merged = polib.pofile(ours)
    assert merged.metadata["X-Language-Name"] == "Français"
    assert merged.metadata["Language"] == "fr"
    assert {e.msgid: e.msgstr for e in merged} == {
        "Save": "Enregistrer",
        "Dialogue log": "Journal du dialogue",
        "Recommendations": "Recommandations",
    }
