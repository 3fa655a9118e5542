"""The home screen's summaries: read from the files, kept for an unchanged folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from planwizard.home_index import cached_rows, read_rows, store_rows, unchanged_rows

TODAY = dt.date(2027, 1, 15)


def _folder(tmp_path: Path, contract_plan: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(contract_plan, folder / "orientation.toml")
    (folder / "broken.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    (folder / ".hidden.toml").write_text("not a plan", encoding="utf-8")
    (folder / "notes.txt").write_text("not a plan", encoding="utf-8")
    return folder


def test_rows_summarise_each_plan_and_name_broken_files(
    tmp_path: Path, contract_plan: Path
) -> None:
    rows = read_rows(_folder(tmp_path, contract_plan), TODAY)
    assert [r.path.name for r in rows] == ["broken.toml", "orientation.toml"]
    broken, plan = rows
    assert broken.error is not None and broken.error.startswith("broken.toml:2: invalid TOML")
    assert plan.error is None
    assert (plan.step, plan.step_number) == ("monitoring", 4)
    assert (plan.done, plan.total, plan.overdue) == (0, 3, 0)
    assert plan.deadline == dt.date(2027, 1, 31)
    assert plan.review == dt.date(2027, 3, 1)


def test_cache_is_used_only_for_unchanged_files_same_day(
    tmp_path: Path, contract_plan: Path
) -> None:
    folder = _folder(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    assert cached_rows(folder, TODAY, cache, "en") is None
    rows = read_rows(folder, TODAY)
    store_rows(folder, TODAY, rows, cache, "en")
    assert cached_rows(folder, TODAY, cache, "en") == rows
    assert cached_rows(folder, TODAY + dt.timedelta(days=1), cache, "en") is None
    assert cached_rows(folder, TODAY, cache, "fr") is None

    plan = folder / "orientation.toml"
    stat = plan.stat()
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, other size
    assert cached_rows(folder, TODAY, cache, "en") is None
    assert set(unchanged_rows(folder, TODAY, cache, "en")) == {"broken.toml"}

    (folder / "new.toml").write_text("schema_version = 1\ntitle = 'n'\n", encoding="utf-8")
    assert cached_rows(folder, TODAY, cache, "en") is None


def test_a_damaged_cache_is_ignored(tmp_path: Path, contract_plan: Path) -> None:
    folder = _folder(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    store_rows(folder, TODAY, read_rows(folder, TODAY), cache, "en")
    for file in cache.iterdir():
        file.write_text("{not json", encoding="utf-8")
    assert cached_rows(folder, TODAY, cache, "en") is None
    assert unchanged_rows(folder, TODAY, cache, "en") == {}
