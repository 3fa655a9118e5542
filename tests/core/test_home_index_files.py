"""The kept rows, looked up for the folder's files the caller listed already: the same
rows as looked up on their own, for every file of the folder."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planwizard.home_index import plan_files, read_rows, store_rows, unchanged_rows

TODAY = dt.date(2027, 1, 15)


def test_kept_rows_for_listed_files_are_the_rows_kept_for_the_folder(
    tmp_path: Path, contract_plan: Path
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("a.toml", "b.toml", "c.toml"):
        shutil.copy(contract_plan, folder / name)
    (folder / "broken.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    cache = tmp_path / "cache"
    store_rows(folder, read_rows(folder, TODAY), cache, "en")
    (folder / "b.toml").unlink()  # kept in the cache, gone from the folder
    (folder / "c.toml").write_text("schema_version = 1\ntitle = 'changed'\n", "utf-8")
    (folder / "new.toml").write_text("schema_version = 1\ntitle = 'new'\n", "utf-8")
    files = plan_files(folder)
    later = dt.date(2027, 3, 2)  # another day: late actions and due review worked out again
    for day in (TODAY, later):
        alone = unchanged_rows(folder, day, cache, "en")
        listed = unchanged_rows(folder, day, cache, "en", files)
        assert set(listed) == {"a.toml", "broken.toml"}
        assert listed == {name: row for name, row in alone.items() if name in listed}
        assert [listed[name] for name in listed] == [
            r for r in read_rows(folder, day) if r.path.name in listed
        ]
        assert all(row.path in files for row in listed.values())


def test_a_row_read_quickly_is_the_row_read_with_the_model(tmp_path: Path) -> None:
    from planwizard.home_index import read_row
    from tests.core.test_canonical_read import _texts

    for name, raw in _texts().items():
        path = tmp_path / f"{name}.toml"
        path.write_bytes(raw)
        assert read_row(path, TODAY, quick=True) == read_row(path, TODAY), name


def test_the_folder_s_files_are_the_paths_joined_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("b.toml", "a b.toml", "é.toml", ".hidden.toml", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for folder in (tmp_path, Path("."), Path(".") / ".." / tmp_path.name):
        files = plan_files(folder)
        assert files == [folder / name for name in ("a b.toml", "b.toml", "é.toml")]
        assert [str(path) for path in files] == [str(folder / path.name) for path in files]
        assert [path.name for path in files] == ["a b.toml", "b.toml", "é.toml"]
