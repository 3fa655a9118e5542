"""A first start's rows reach the screen as soon as they are read: until a screenful is
there, the helper writes each row as it is read, and the app hands over every row
written so far as soon as it has read them, without waiting for more."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from pathlib import Path

import pytest

from planwizard import home_index
from planwizard.home_index import FolderReading, read_rows
from tests.core.test_home_index import PipeHelper, _many

TODAY = dt.date(2027, 1, 15)


class Writes(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def test_the_helper_writes_each_of_the_first_rows_as_it_reads_it(
    tmp_path: Path, contract_plan: Path
) -> None:
    folder = _many(tmp_path, contract_plan, 5)
    out = Writes()
    left = home_index._read_folder_json(folder, TODAY, tmp_path / "cache", "en", out)
    assert len(out.writes) == 5  # one row each
    lines = [json.loads(text) for text in out.writes] + [json.loads(left)]
    assert [line.get("path") for line in lines] == [
        r.path.name for r in read_rows(folder, TODAY)
    ] + [None]
    assert lines[-1] == {"end": True}


def test_rows_written_so_far_are_handed_over_without_waiting_for_more(
    tmp_path: Path, contract_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches every hour: only "no more rows for now" can hand the second batch over.
    monkeypatch.setattr(home_index, "FIRST_INTERVAL", 3600.0)
    folder = _many(tmp_path, contract_plan, 6)
    reading = FolderReading(folder, TODAY, tmp_path / "cache", "en", helper=False)
    helper = PipeHelper(folder)
    reading.helper = helper
    ended = threading.Event()

    def end_later() -> None:  # only if the batch never comes: the test then fails
        ended.set()
        helper.end()

    timer = threading.Timer(20.0, end_later)
    timer.start()
    try:
        batches = reading.batches(interval=3600.0)
        helper.send("plan-0.toml")
        assert [r.path.name for r in next(batches)] == ["plan-0.toml"]  # the first at once
        helper.send("plan-1.toml", "plan-2.toml", "plan-3.toml")
        assert [r.path.name for r in next(batches)] == ["plan-1.toml", "plan-2.toml", "plan-3.toml"]
        assert not ended.is_set()
    finally:
        timer.cancel()
    helper.send("plan-4.toml", "plan-5.toml")
    helper.end()
    assert [r.path.name for batch in batches for r in batch] == ["plan-4.toml", "plan-5.toml"]
    assert reading.wait() == read_rows(folder, TODAY)
