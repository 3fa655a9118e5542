"""The home screen's summaries: read from the files, kept for an unchanged folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard import home_index
from planwizard.home_index import (
    FolderReading,
    PlanRow,
    cached_rows,
    read_rows,
    row_for_plan,
    store_rows,
    unchanged_rows,
)
from planwizard.model import STATUSES, Action, new_plan

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


def test_cache_is_used_only_for_unchanged_files(tmp_path: Path, contract_plan: Path) -> None:
    folder = _folder(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    assert cached_rows(folder, TODAY, cache, "en") is None
    rows = read_rows(folder, TODAY)
    store_rows(folder, rows, cache, "en")
    assert cached_rows(folder, TODAY, cache, "en") == rows
    # Another day: the kept rows, with what is late and next worked out for that day.
    later = dt.date(2027, 2, 20)
    assert cached_rows(folder, later, cache, "en") == read_rows(folder, later)
    assert cached_rows(folder, later, cache, "en") != rows
    # Error messages are in the interface language: another language reads again.
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
    store_rows(folder, read_rows(folder, TODAY), cache, "en")
    for file in cache.iterdir():
        file.write_text("{not json", encoding="utf-8")
    assert cached_rows(folder, TODAY, cache, "en") is None
    assert unchanged_rows(folder, TODAY, cache, "en") == {}


# ------------------------------------------------------------------ any day


days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    dues=st.lists(st.tuples(st.none() | days, st.sampled_from(STATUSES)), max_size=8),
    next_review=st.none() | days,
    read_on=days,
    seen_on=days,
)
def test_a_row_seen_another_day_is_the_row_read_that_day(
    dues: list[tuple[dt.date | None, str]],
    next_review: dt.date | None,
    read_on: dt.date,
    seen_on: dt.date,
) -> None:
    # What the cache relies on: late actions, next deadline and review due, worked out
    # from the kept dates, agree with the monitoring arithmetic on the plan itself.
    plan = new_plan("A plan")
    plan.actions = [
        Action(title=f"a{n}", due=due, status=status)  # type: ignore[arg-type]
        for n, (due, status) in enumerate(dues)
    ]
    plan.monitoring.next_review = next_review
    path = Path("plan.toml")
    assert row_for_plan(path, plan, read_on).on(seen_on) == row_for_plan(path, plan, seen_on)


# ------------------------------------------------------------------ reading at start


def test_a_warm_folder_is_ready_at_once(tmp_path: Path, contract_plan: Path) -> None:
    folder = _folder(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    store_rows(folder, read_rows(folder, TODAY), cache, "en")
    reading = FolderReading(folder, TODAY, cache, "en")
    assert reading.helper is None
    assert reading.ready == read_rows(folder, TODAY)
    assert reading.wait() == reading.ready


def test_a_spawned_helper_reads_a_new_folder(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_index, "_fork_helper", lambda *args: None)
    folder = _folder(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    reading = FolderReading(folder, TODAY, cache, "en")
    assert isinstance(reading.helper, home_index._SpawnedHelper)
    assert reading.wait() == read_rows(folder, TODAY)
    # The helper kept the rows for the next start.
    assert cached_rows(folder, TODAY, cache, "en") == read_rows(folder, TODAY)


def test_a_spawned_helper_says_why_a_file_is_broken_in_the_app_language(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_index, "_fork_helper", lambda *args: None)
    folder = _folder(tmp_path, contract_plan)
    rows = FolderReading(folder, TODAY, tmp_path / "cache", "fr").wait()
    assert rows[0].error is not None and "TOML non valide" in rows[0].error


@pytest.mark.skipif(sys.platform != "linux", reason="the helper forks only on Linux")
def test_a_forked_helper_reads_a_new_folder(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test runner has threads of its own; the command line, where this runs, has not.
    monkeypatch.setattr(home_index.threading, "active_count", lambda: 1)
    folder = _folder(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    reading = FolderReading(folder, TODAY, cache, "en")
    assert isinstance(reading.helper, home_index._ForkedHelper)
    assert reading.wait() == read_rows(folder, TODAY)
    assert cached_rows(folder, TODAY, cache, "en") == read_rows(folder, TODAY)


@pytest.mark.skipif(sys.platform != "linux", reason="the helper forks only on Linux")
def test_a_helper_that_fails_costs_only_time(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_index.threading, "active_count", lambda: 1)
    monkeypatch.setattr(home_index, "_read_folder_json", lambda *args: "not json")
    folder = _folder(tmp_path, contract_plan)
    reading = FolderReading(folder, TODAY, tmp_path / "cache", "en")
    assert reading.helper is not None
    assert reading.wait() == read_rows(folder, TODAY)  # read here instead


def test_a_helper_that_cannot_start_costs_only_time(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_index, "_fork_helper", lambda *args: None)
    monkeypatch.setattr(home_index.sys, "executable", str(tmp_path / "no-such-python"))
    folder = _folder(tmp_path, contract_plan)
    reading = FolderReading(folder, TODAY, tmp_path / "cache", "en")
    assert reading.helper is None
    assert reading.wait() == read_rows(folder, TODAY)


def test_a_helper_that_takes_too_long_is_stopped(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_index, "_fork_helper", lambda *args: None)
    folder = _folder(tmp_path, contract_plan)
    reading = FolderReading(folder, TODAY, tmp_path / "cache", "en")
    assert reading.wait(timeout=0) == read_rows(folder, TODAY)
    assert isinstance(reading.helper, home_index._SpawnedHelper)
    assert reading.helper.process.returncode is not None  # stopped, not left running


def test_a_kept_row_comes_back_whole(tmp_path: Path, contract_plan: Path) -> None:
    # Every field of a row goes to the cache and back (a new field cannot be forgotten).
    folder = _folder(tmp_path, contract_plan)
    for row in read_rows(folder, TODAY):
        kept = home_index._row_to_json(row)
        assert set(kept) == set(PlanRow._fields) | {"stamp"}
        assert home_index._row_from_json(folder, json.loads(json.dumps(kept))) == row


def test_an_empty_or_missing_folder_is_ready_at_once(tmp_path: Path) -> None:
    for folder in (tmp_path / "missing", tmp_path):
        reading = FolderReading(folder, TODAY, tmp_path / "cache", "en")
        assert reading.ready == [] and reading.helper is None


# ------------------------------------------------------------------ rows as they are read


class PipeHelper:
    """A helper the test speaks for: rows go down a pipe when the test says so."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd, self.writer = os.pipe()
        self.stopped: bool | None = None

    def send(self, *names: str) -> None:
        for name in names:
            row = home_index.read_row(self.folder / name, TODAY)
            line = json.dumps(home_index._row_to_json(row)) + "\n"
            os.write(self.writer, line.encode("utf-8"))

    def end(self) -> None:
        os.write(self.writer, b'{"end": true}\n')

    def finish(self, stop: bool) -> None:
        self.stopped = stop
        os.close(self.fd)
        os.close(self.writer)


def _many(tmp_path: Path, contract_plan: Path, count: int = 6) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    text = contract_plan.read_text(encoding="utf-8")
    for n in range(count):
        retitled = text.replace('title = "', f'title = "{(count - n):02d} ', 1)
        (folder / f"plan-{n}.toml").write_text(retitled, encoding="utf-8")
    return folder


def _streamed(tmp_path: Path, folder: Path) -> tuple[FolderReading, PipeHelper]:
    reading = FolderReading(folder, TODAY, tmp_path / "cache", "en", helper=False)
    helper = PipeHelper(folder)
    reading.helper = helper
    return reading, helper


def test_streamed_rows_end_as_a_full_read(tmp_path: Path, contract_plan: Path) -> None:
    folder = _many(tmp_path, contract_plan)
    cache = tmp_path / "cache"
    # Two files kept from the last start: they are there at once, never read again.
    store_rows(folder, read_rows(folder, TODAY)[:2], cache, "en")
    reading, helper = _streamed(tmp_path, folder)
    assert [r.path.name for r in reading.known] == ["plan-0.toml", "plan-1.toml"]
    assert reading.ready is None and reading.total == 6
    batches = reading.batches(interval=0)
    helper.send("plan-4.toml")
    assert [r.path.name for r in next(batches)] == ["plan-4.toml"]  # as soon as read
    helper.send("plan-2.toml", "plan-3.toml", "plan-5.toml")
    helper.end()
    rest = [r.path.name for batch in batches for r in batch]
    assert rest == ["plan-2.toml", "plan-3.toml", "plan-5.toml"]
    assert helper.stopped is False
    assert reading.wait() == read_rows(folder, TODAY)
    assert not reading.read_here


def test_a_file_changed_while_the_rows_come_is_read_again(
    tmp_path: Path, contract_plan: Path
) -> None:
    folder = _many(tmp_path, contract_plan, 3)
    reading, helper = _streamed(tmp_path, folder)
    batches = reading.batches(interval=0)
    helper.send("plan-0.toml")
    assert [r.path.name for r in next(batches)] == ["plan-0.toml"]
    # Meanwhile a partner's change arrives: plan-0 is renamed, plan-2 goes, a new one
    # comes.
    changed = folder / "plan-0.toml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace('title = "', 'title = "Renamed ', 1),
        encoding="utf-8",
    )
    (folder / "plan-2.toml").unlink()
    shutil.copy(folder / "plan-1.toml", folder / "plan-9.toml")
    helper.send("plan-1.toml")
    helper.end()
    list(batches)
    rows = reading.wait()
    assert rows == read_rows(folder, TODAY)
    assert rows[0].title.startswith("Renamed ")
    assert [r.path.name for r in rows] == ["plan-0.toml", "plan-1.toml", "plan-9.toml"]
    # The next start is not misled by the row read before the change.
    assert cached_rows(folder, TODAY, tmp_path / "cache", "en") == rows


def test_a_bad_file_in_the_middle_of_the_stream(tmp_path: Path, contract_plan: Path) -> None:
    folder = _many(tmp_path, contract_plan, 4)
    (folder / "plan-2.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    reading, helper = _streamed(tmp_path, folder)
    helper.send("plan-0.toml", "plan-1.toml", "plan-2.toml", "plan-3.toml")
    helper.end()
    streamed = [r for batch in reading.batches(interval=0) for r in batch]
    assert [r.path.name for r in streamed] == [f"plan-{n}.toml" for n in range(4)]
    broken = streamed[2]
    assert broken.error is not None and broken.error.startswith("plan-2.toml:2: invalid TOML")
    assert all(r.error is None for r in streamed if r is not broken)
    assert reading.wait() == read_rows(folder, TODAY)


def test_a_helper_that_stops_half_way_leaves_the_rest_to_read_here(
    tmp_path: Path, contract_plan: Path
) -> None:
    folder = _many(tmp_path, contract_plan, 4)
    reading, helper = _streamed(tmp_path, folder)
    helper.send("plan-0.toml")
    os.write(helper.writer, b'{"path": "plan-1.toml", "tit')  # and then it died
    os.close(helper.writer)
    helper.writer = os.open(os.devnull, os.O_WRONLY)  # for finish() to close
    streamed = [r.path.name for batch in reading.batches(interval=0) for r in batch]
    assert streamed == ["plan-0.toml", "plan-1.toml", "plan-2.toml", "plan-3.toml"]
    assert helper.stopped is True and reading.read_here
    assert reading.wait() == read_rows(folder, TODAY)
    assert cached_rows(folder, TODAY, tmp_path / "cache", "en") == read_rows(folder, TODAY)


@pytest.mark.skipif(sys.platform != "linux", reason="the helper forks only on Linux")
def test_a_forked_helper_hands_rows_over_as_it_reads(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_index.threading, "active_count", lambda: 1)
    folder = _many(tmp_path, contract_plan, 5)
    (folder / "plan-3.toml").write_text("schema_version = 1\n[[actions]\n", encoding="utf-8")
    reading = FolderReading(folder, TODAY, tmp_path / "cache", "en")
    streamed = [r for batch in reading.batches(interval=0) for r in batch]
    assert streamed == read_rows(folder, TODAY)
    assert reading.wait() == read_rows(folder, TODAY)
    assert not reading.read_here


def test_plan_files_come_in_the_order_of_their_paths(tmp_path: Path) -> None:
    names = ["b.toml", "B.toml", "a-1.toml", "a.toml", "a0.toml", "é.toml", "Z z.toml"]
    names += [".hidden.toml", "notes.txt", "x.TOML", "plan.toml.bak"]
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.toml").mkdir()  # listed, as before: it says it is a folder
    expected = sorted(
        p for p in tmp_path.iterdir() if p.suffix == ".toml" and not p.name.startswith(".")
    )
    assert home_index.plan_files(tmp_path) == expected
