"""Home's filter, a key that changes the rows: the screen answers it in one frame, and
that frame shows what Textual's own way of filling a table shows (every cell drawn as
DataTable draws it, the scrollbar shown or hidden with the same thumb)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.widgets.plans_table import PlansTable
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import settle, steady_app


def _folder(tmp_path: Path, count: int) -> Path:
    """`count` plans titled "Plan NN …", and one file that does not load."""
    folder = tmp_path / "plans"
    folder.mkdir()
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"plan-{n:02d}.toml").write_text(
            text.replace('title = "', f'title = "Plan {n:02d} ', 1).replace(
                'id = "', f'id = "p{n:02d}', 1
            ),
            encoding="utf-8",
        )
    (folder / "plan-19-broken.toml").write_text('schema_version = 1\ntitle = "x\n', "utf-8")
    return folder


def _count_frames(app: PlanWizardApp) -> list[int]:
    """A list whose length is the number of frames the app drew since."""
    frames: list[int] = []
    display = app._display

    def counted(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            frames.append(1)

    app._display = counted  # type: ignore[method-assign]
    return frames


def _table_as_drawn(app: PlanWizardApp, table: PlansTable) -> list[list[tuple[str, object]]]:
    """The table's part of the screen (its scrollbar with it), piece by piece with styles."""
    strips = app.screen._compositor.render_strips()
    region = table.region
    return [
        [(segment.text, segment.style) for segment in strip]
        for strip in strips[region.y : region.bottom]
    ]


def _state(app: PlanWizardApp, table: PlansTable) -> tuple[object, ...]:
    bar = table.vertical_scrollbar
    keys = [
        str(table.coordinate_to_cell_key(Coordinate(n, 0))[0].value) for n in range(table.row_count)
    ]
    return (
        keys,
        table.cursor_row,
        table.scroll_y,
        table.virtual_size,
        table.show_vertical_scrollbar,
        (bar.window_virtual_size, bar.window_size) if table.show_vertical_scrollbar else None,
        _table_as_drawn(app, table),
    )


async def _as_textual_fills_it(pilot: Pilot[int], home: HomeScreen, table: PlansTable) -> None:
    """The same rows put in the way Textual does: clear, add_row each, move the cursor."""
    target = table.cursor_row
    rows = [(key, home.drawn_cells(key, r)) for r, _text, key in home.filtered()]
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if rows:
        table.move_cursor(row=target)
    for _ in range(3):
        await pilot.pause()


async def test_a_key_that_changes_the_rows_is_drawn_in_one_frame_as_textual_draws_it(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, 100)
    app = steady_app(folder)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        assert table.row_count == 101 and table.show_vertical_scrollbar
        frames = _count_frames(app)
        # Fewer rows, more than fit (the thumb grows); one row (the scrollbar goes);
        # more rows than fit again (it comes back); every row.
        for key, rows, scrolls in (
            ("1", 20, True),
            ("9", 2, False),
            ("backspace", 20, True),
            ("backspace", 101, True),
        ):
            frames.clear()
            await pilot.press(key)
            for _ in range(3):
                await pilot.pause()
            assert table.row_count == rows, key
            assert table.show_vertical_scrollbar is scrolls, key
            assert len(frames) == 1, (key, len(frames))
            shown = _state(app, table)
            await _as_textual_fills_it(pilot, home, table)
            assert _state(app, table) == shown, key
            assert home.query_one("#filter", Input).value in ("1", "19", "")


async def test_every_cell_is_drawn_as_datatable_draws_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 30)
    app = steady_app(folder)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        table._show_hover_cursor = True
        for typed, cursor in (("", 3), ("1", 1), ("broken", 0), ("", 18)):
            home.query_one("#filter", Input).value = typed
            await pilot.pause()
            table.move_cursor(row=cursor)
            table.hover_coordinate = table.cursor_coordinate.down()
            await pilot.pause()
            for row in range(min(table.row_count, 20)):
                for column, col in enumerate(table.ordered_columns):
                    width = col.get_render_width(table)
                    for base in (table.rich_style, table._get_row_style(row, table.rich_style)):
                        for place in ((False, False), (True, False), (False, True)):
                            ours = table._render_cell(row, column, base, width, *place)
                            theirs = DataTable._render_cell(table, row, column, base, width, *place)
                            assert ours == theirs, (typed, row, column, place)
        # The unreadable plan's cells (bold, "unreadable" in red) were among them.
        assert any(r.error is not None for r in home.visible_rows())


async def test_a_highlight_deep_in_the_list_stays_in_view_in_the_key_s_frame(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, 100)
    app = steady_app(folder)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        table.move_cursor(row=92)
        for _ in range(3):
            await pilot.pause()
        highlighted = home.current_path()
        assert highlighted is not None and table.scroll_y > 0
        frames = _count_frames(app)
        for key in ("9", "backspace"):  # fewer rows, it among them; every row again
            frames.clear()
            await pilot.press(key)
            for _ in range(3):
                await pilot.pause()
            assert home.current_path() == highlighted, key
            assert len(frames) == 1, (key, len(frames))
            top = table.scroll_y
            assert top <= table.cursor_row < top + table.size.height - 1, key  # in view
            shown = _state(app, table)
            await _as_textual_fills_it(pilot, home, table)
            assert _state(app, table) == shown, key
