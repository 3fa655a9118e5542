"""The home screen at start: the folder read while Textual loads, and a big folder at 80x24."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Generator
from pathlib import Path

from textual.widgets import DataTable

from planwizard import locations
from planwizard.home_index import (
    BATCH_INTERVAL,
    HELPER_TIMEOUT,
    FolderReading,
    PlanRow,
    read_rows,
)
from planwizard.tui.screens.home import HomeScreen
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import screen_text, settle, steady_app

TODAY = dt.date(2027, 1, 15)


class SlowReading(FolderReading):
    """A reading the test lets finish when it wants."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, TODAY, locations.cache_dir(), "en")
        self.release = threading.Event()

    def batches(
        self, interval: float = BATCH_INTERVAL, timeout: float = HELPER_TIMEOUT
    ) -> Generator[list[PlanRow], None, None]:
        self.release.wait(5.0)
        yield from super().batches(interval, timeout)

    def wait(self, timeout: float = 5.0) -> list[PlanRow]:
        self.release.wait(timeout)
        return super().wait()


async def test_home_shows_the_folder_the_command_line_started_reading(plans_dir: Path) -> None:
    reading = SlowReading(plans_dir)
    assert reading.ready is None  # a first start: nothing kept yet
    app = steady_app(plans_dir, first_reading=reading)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        # The screen is there at once, saying what it waits for.
        assert "Reading the plans…" in screen_text(app)
        assert home.query_one("#plans", DataTable).row_count == 0
        reading.release.set()
        await settle(pilot)
        assert home.query_one("#plans", DataTable).row_count == 1
        assert "Orientation des victimes" in screen_text(app)
        assert "plans: 1" in screen_text(app)


async def test_the_next_start_draws_the_kept_rows_at_once(plans_dir: Path) -> None:
    first = FolderReading(plans_dir, TODAY, locations.cache_dir(), "en")
    first.wait()
    again = FolderReading(plans_dir, TODAY, locations.cache_dir(), "en")
    assert again.ready == read_rows(plans_dir, TODAY) and again.helper is None
    app = steady_app(plans_dir, first_reading=again)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Orientation des victimes" in screen_text(app)


async def test_many_plans_fit_80_columns_without_sideways_scrolling(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(40):
        shutil.copy(CONTRACT_EXAMPLE, folder / f"plan-{n:02d}.toml")
    app = steady_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#plans", DataTable)
        assert table.row_count == 40
        assert table.max_scroll_x == 0  # every column on screen, the review date whole
        assert table.max_scroll_y > 0
        lines = screen_text(app).splitlines()
        assert any("1 Mar 2027" in line for line in lines[3:10])
