"""Home with a big folder: rows shown as they are read, and the filter at every key.

The rows kept from the last start show at once, the others as the helper reads them,
each in its place in the sort; at the end the table is what a full read shows. Typing
in the filter shows the rows the filter always did, in the same order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from planwizard import home_index, locations
from planwizard.home_index import FolderReading, read_rows, store_rows
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.home import HomeScreen, sort_key
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.plans_table import PlansTable
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import screen_text, settle, steady_app

TODAY = dt.date(2027, 1, 15)


class PipeHelper:
    """The folder's helper, speaking when the test says so."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd, self.writer = os.pipe()

    def send(self, *names: str) -> None:
        for name in names:
            row = home_index.read_row(self.folder / name, TODAY)
            line = json.dumps(home_index._row_to_json(row)) + "\n"
            os.write(self.writer, line.encode("utf-8"))

    def end(self) -> None:
        os.write(self.writer, b'{"end": true}\n')

    def finish(self, stop: bool) -> None:
        os.close(self.fd)
        os.close(self.writer)


def _folder(tmp_path: Path) -> Path:
    """Seven plans whose titles sort against their file names, one that does not load."""
    folder = tmp_path / "plans"
    folder.mkdir()
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8")
    for n in range(7):
        title = f"{'GFEDCBA'[n]} plan {n}"
        (folder / f"plan-{n}.toml").write_text(
            text.replace('title = "', f'title = "{title} ', 1), encoding="utf-8"
        )
    (folder / "plan-3.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    return folder


def _keys(app: PlanWizardApp) -> list[str]:
    table = app.screen.query_one("#plans", DataTable)
    return [
        str(table.coordinate_to_cell_key((row, 0)).row_key.value) for row in range(table.row_count)
    ]


async def _until(pilot: Pilot[int], done: object) -> None:
    """Let the app work until `done()` holds (the worker hands rows over a thread)."""
    for _ in range(500):
        if done():  # type: ignore[operator]
            await pilot.pause()  # and drawn
            return
        await pilot.pause(0.01)
    raise AssertionError("the rows never came")


async def test_rows_come_in_sorted_and_end_as_a_full_load(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    everything = read_rows(folder, TODAY)
    # plan-5 and plan-6 are kept from the last start.
    store_rows(folder, everything[5:], locations.cache_dir(), "en")
    reading = FolderReading(folder, TODAY, locations.cache_dir(), "en", helper=False)
    helper = PipeHelper(folder)
    reading.helper = helper
    app = steady_app(folder, first_reading=reading)
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await _until(pilot, lambda: len(_keys(app)) == 2)
        # The kept rows at once, before any file is read.
        assert _keys(app) == [str(folder / "plan-6.toml"), str(folder / "plan-5.toml")]
        assert "reading: 2 of 7" in screen_text(app)
        helper.send("plan-2.toml", "plan-0.toml")
        await _until(pilot, lambda: len(_keys(app)) == 4)
        # Each in its place in the sort, not at the end.
        assert _keys(app) == [str(folder / f"plan-{n}.toml") for n in (6, 5, 2, 0)]
        # A file that does not load, in the middle of the stream, and the rest.
        helper.send("plan-3.toml", "plan-1.toml", "plan-4.toml")
        helper.end()
        await _until(pilot, lambda: len(_keys(app)) == 7 and home.reading is None)
        await settle(pilot)
        expected = [str(r.path) for r in sorted(everything, key=sort_key("title"))]
        assert _keys(app) == expected
        assert home.rows == everything
        text = screen_text(app)
        assert "plans: 6 · 1 unreadable" in text and "reading" not in text
        assert "unreadable" in text

    # The same folder read in one go, with nothing kept, shows the very same table.
    fresh = steady_app(folder)
    async with fresh.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _keys(fresh) == expected


async def test_the_filter_shows_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rows = read_rows(folder, TODAY)
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        filter_line = home.query_one("#filter", Input)
        for sort in ("title", "deadline", "step", "overdue"):
            home.sort = sort
            for typed in ("", "plan", "plan 1", "PLAN-3", "e plan", "x", "toml plan 4", "zzz"):
                filter_line.value = typed
                await pilot.pause()
                words = typed.casefold().split()
                matching = sorted((r for r in rows if r.matches(words)), key=sort_key(sort))
                assert _keys(app) == [str(r.path) for r in matching], (sort, typed)
        # Typed key by key, then erased, the same.
        filter_line.value = ""
        await pilot.pause()
        home.sort = "title"
        for key in ("p", "l", "a", "n", "space", "4", "backspace", "backspace"):
            await pilot.press(key)
            words = filter_line.value.casefold().split()
            matching = sorted((r for r in rows if r.matches(words)), key=sort_key("title"))
            assert _keys(app) == [str(r.path) for r in matching], filter_line.value


async def test_rows_replaced_at_once_are_the_rows_added_one_by_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        rows = home.filtered()
        cells = [(key, home.drawn_cells(key, r)) for r, _text, key in rows]

        async def drawn_by(fill: object) -> tuple[list[str], list[list[object]], str, int]:
            fill()  # type: ignore[operator]
            table.move_cursor(row=2)
            await pilot.pause()
            await pilot.pause()
            values = [table.get_row_at(n) for n in range(table.row_count)]
            return _keys(app), values, screen_text(app), table.virtual_size.height

        def one_by_one() -> None:
            table.clear()
            for key, row in cells:
                table.add_row(*row, key=key)

        by_add_row = await drawn_by(one_by_one)
        at_once = await drawn_by(lambda: table.replace_rows(cells))
        assert at_once == by_add_row
        again = await drawn_by(lambda: table.replace_rows(cells))  # rows made before
        assert again == by_add_row
        fewer = await drawn_by(lambda: table.replace_rows(cells[3:]))
        assert fewer[0] == [key for key, _row in cells[3:]]
        assert fewer[3] == by_add_row[3] - 3


async def test_home_after_leaving_a_plan_shows_its_new_row_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back on home from a plan, the plan's row is made from the plan in memory (its file
    is not loaded again), the rows are those a full read gives, and a plan someone else
    changed meanwhile is read again as before."""
    from planwizard import storage

    folder = _folder(tmp_path)
    left, other = folder / "plan-0.toml", folder / "plan-1.toml"
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        before = home.by_key[str(left)]
        app.open_plan(left, "planning")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        await pilot.press("a", *"Shelter", "enter", "escape")
        await pilot.pause()
        other.write_text(
            other.read_text(encoding="utf-8").replace('title = "', 'title = "Renamed ', 1),
            encoding="utf-8",
        )
        loaded: list[str] = []
        load_plan = storage.load_plan

        def counted(path: Path, *args: object, **kwargs: object) -> object:
            loaded.append(Path(path).name)
            return load_plan(path, *args, **kwargs)

        monkeypatch.setattr(storage, "load_plan", counted)
        await pilot.press("escape")
        assert app.screen is home
        assert home.by_key[str(left)].total == before.total + 1  # at once
        await settle(pilot)
        assert loaded == ["plan-1.toml"]
        monkeypatch.undo()
        assert home.rows == read_rows(folder, TODAY)
        assert "Renamed" in home.by_key[str(other)].title
        shown = _keys(app)
        cells = [home.drawn[key][1] for key in shown]

    fresh = steady_app(folder)
    async with fresh.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        again = fresh.screen
        assert isinstance(again, HomeScreen)
        assert _keys(fresh) == shown
        assert [again.drawn[key][1] for key in shown] == cells
