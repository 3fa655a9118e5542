"""Home's filter: a key that every row still matches leaves the table as it is (the
highlighted plan, the part of the list in view); a key that changes the rows shows the
rows a full refill shows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.widgets.plans_table import PlansTable
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import settle, steady_app


def _folder(tmp_path: Path, count: int) -> Path:
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
    return folder


def _keys(table: PlansTable) -> list[str]:
    return [str(table.coordinate_to_cell_key((n, 0))[0].value) for n in range(table.row_count)]


async def test_a_key_every_row_matches_keeps_the_highlight_and_the_view(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 40)
    app = steady_app(folder)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        assert table.row_count == 40
        table.move_cursor(row=30)
        await pilot.pause()
        highlighted, view = home.current_path(), table.scroll_y
        keys = _keys(table)
        assert view > 0
        await pilot.press(*"plan")  # every title holds it
        await pilot.pause()
        assert home.query_one("#filter", Input).value == "plan"
        assert _keys(table) == keys
        assert home.current_path() == highlighted
        assert table.scroll_y == view  # the list did not jump
        await pilot.press("space", "3")  # now it narrows: 03, 13, 23, 30-39
        await pilot.pause()
        narrowed = [str(folder / f"plan-{n:02d}.toml") for n in (3, 13, 23, *range(30, 40))]
        assert sorted(_keys(table)) == sorted(narrowed)
        assert home.current_path() == highlighted  # still among them
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert _keys(table) == keys
        assert home.current_path() == highlighted


async def test_the_table_is_drawn_again_after_any_other_change(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 5)
    app = steady_app(folder)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        rows = [(key, home.drawn_cells(key, r)) for r, _text, key in home.filtered()]
        assert table.shows(rows)
        assert not table.shows(rows[1:])
        assert not table.shows([rows[1], rows[0], *rows[2:]])
        other = [(rows[0][0], list(rows[0][1])), *rows[1:]]  # a row drawn anew
        assert not table.shows(other)
        table.remove_row(rows[0][0])  # changed by something else than replace_rows
        assert not table.shows(rows)
        table.replace_rows(rows)
        assert table.shows(rows)
        table.clear()
        assert not table.shows(rows)
        await pilot.resize_terminal(90, 24)  # columns cut at another width
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == 5
        assert not table.shows(rows)


def _drawn(table: PlansTable) -> list[list[tuple[str, object]]]:
    """Every line of the table in view as drawn: text and style (with the mouse's row)."""
    return [
        [(segment.text, segment.style) for segment in table.render_line(y)]
        for y in range(table.size.height)
    ]


async def test_rows_drawn_at_an_earlier_key_are_drawn_as_a_fresh_table_draws_them(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, 40)
    app = steady_app(folder)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        # Narrowed: the rows shown were drawn before, at other places (other row
        # numbers for the mouse); widened: back at their places of before; narrowed
        # again.
        for keys in (["3"], ["backspace"], ["1", "backspace", "3"]):
            await pilot.press(*keys)
            await pilot.pause()
            kept = _drawn(table)
            table.notify_style_update()  # every cell drawn afresh
            assert kept == _drawn(table), keys
        # A click lands on the row under the mouse: its second row is plan 13.
        await pilot.click("#plans", offset=(3, 2))
        await pilot.pause()
        assert home.current_path() == folder / "plan-13.toml"
