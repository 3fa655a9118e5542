"""A save killed half-way leaves a hidden temp copy: the next read or save removes it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from planwizard import tempfiles
from planwizard.home_index import FolderReading
from planwizard.storage import load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE

AN_HOUR_AGO = time.time() - 3600


def leftovers(folder: Path) -> dict[str, Path]:
    """A killed save's temp file, a save under way, and files that are not ours."""
    files = {
        "stale": folder / ".plan.toml.k3x_9abz.tmp",
        "fresh": folder / ".plan.toml.q1w2e3r4.tmp",  # another process saving right now
        "notes": folder / ".notes.tmp",
        "visible": folder / "plan.toml.k3x_9abz.tmp",
        "stale-export": folder / ".plan.md.aaaaaaaa.tmp",
    }
    for path in files.values():
        path.write_text("copy", encoding="utf-8")
    for name in ("stale", "notes", "visible", "stale-export"):
        os.utime(files[name], (AN_HOUR_AGO, AN_HOUR_AGO))
    (folder / ".old.toml.zzzzzzzz.tmp").symlink_to(folder / "plan.toml")  # not a file
    return files


def remaining(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_saving_removes_what_killed_saves_left(tmp_path: Path) -> None:
    files = leftovers(tmp_path)
    tempfiles._swept.discard(tmp_path)
    save_plan(load_plan(CONTRACT_EXAMPLE), tmp_path / "plan.toml")
    assert not files["stale"].exists() and not files["stale-export"].exists()
    assert remaining(tmp_path) == {
        "plan.toml",
        ".plan.toml.q1w2e3r4.tmp",
        ".notes.tmp",
        "plan.toml.k3x_9abz.tmp",
        ".old.toml.zzzzzzzz.tmp",
    }


def test_opening_a_folder_removes_them_too(tmp_path: Path) -> None:
    shutil.copy(CONTRACT_EXAMPLE, tmp_path / "plan.toml")
    files = leftovers(tmp_path)
    FolderReading(tmp_path, dt.date(2027, 1, 15), tmp_path / "cache", "en").wait()
    assert not files["stale"].exists() and files["fresh"].exists()
    assert files["notes"].exists() and files["visible"].exists()
