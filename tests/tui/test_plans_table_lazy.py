"""Home's table with many plans: a row's cells are made when it is first drawn (or
looked at), and are then the cells a full build gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import Input
from textual.widgets.data_table import ColumnKey, RowKey

from planwizard import clock
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.widgets.lazy_cells import CellsByRow, LazyCells
from planwizard.tui.widgets.plans_table import PlansTable, plain_cell_lines
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import settle, steady_app


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"plan-{n:02d}.toml").write_text(
            text.replace('title = "', f'title = "Plan {n:02d} ', 1), encoding="utf-8"
        )
    (folder / "plan-zz-broken.toml").write_text('schema_version = 1\ntitle = "x\n', "utf-8")
    return folder


async def test_only_the_rows_drawn_have_their_cells_made(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 80)
    app = steady_app(folder)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", PlansTable)
        assert table.row_count == 81
        made = [key for key, (_row, cells) in home.drawn.items() if cells.made]
        assert 0 < len(made) <= table.size.height  # a screenful, not 81 rows
        # Every row, looked at, has the cells a full build gives, in its place.
        today = clock.today()
        for n, (row, _text, key) in enumerate(home.filtered()):
            assert table.coordinate_to_cell_key(Coordinate(n, 0)).row_key.value == key
            assert table.get_row_at(n) == home.cells(row, today)
            assert table.get_cell_at(Coordinate(n, 1)) == home.cells(row, today)[1]
        # Filtered and widened again: the same, the highlight on its plan.
        home.query_one("#filter", Input).value = "broken"
        await pilot.pause()
        assert table.row_count == 1
        broken = home.filtered()[0][0]
        assert table.get_row_at(0) == home.cells(broken, today)
        assert home.current_path() == broken.path
        home.query_one("#filter", Input).value = ""
        await pilot.pause()
        assert table.row_count == 81
        assert [table.get_row_at(n) for n in range(81)] == [
            home.cells(r, today) for r, _text, _key in home.filtered()
        ]
        assert home.current_path() == broken.path


def test_lazy_cells_are_made_once_on_first_use() -> None:
    calls: list[int] = []

    def make() -> list[Text]:
        calls.append(1)
        return [Text("a"), Text("b")]

    cells = LazyCells(make)
    assert not cells.made and calls == []
    assert list(cells) == [Text("a"), Text("b")] and cells.made
    assert (len(cells), cells[1], cells[:1]) == (2, Text("b"), [Text("a")])
    assert cells == [Text("a"), Text("b")] and cells == LazyCells(make)
    assert calls == [1, 1]  # the other LazyCells made its own


def test_cells_by_row_makes_a_row_when_it_is_looked_at() -> None:
    a, b = ColumnKey("a"), ColumnKey("b")
    later, now, gone = RowKey("later"), RowKey("now"), RowKey("gone")
    made: list[str] = []

    def cells(name: str) -> LazyCells:
        def make() -> list[Text]:
            made.append(name)
            return [Text(name), Text(name + "!")]

        return LazyCells(make)

    data = CellsByRow([a, b])
    data.put_later(later, cells("later"))
    data[now] = {a: Text("now")}
    data.put_later(gone, cells("gone"))
    assert len(data) == 3 and later in data and list(data) == [later, now, gone]
    assert made == []
    del data[gone]  # never looked at: never made
    assert data.get(RowKey("other")) is None and made == []
    assert data[later] == {a: Text("later"), b: Text("later!")} and made == ["later"]
    assert data == {later: {a: Text("later"), b: Text("later!")}, now: {a: Text("now")}}
    data.put_later(gone, cells("gone"))
    assert dict(data.items())[gone] == {a: Text("gone"), b: Text("gone!")}
    data.put_later(gone, cells("again"))
    assert data.pop(gone) == {a: Text("again"), b: Text("again!")}
    data.put_later(gone, cells("replaced"))
    data[gone] = {b: Text("set")}  # set over a row not made: never made
    assert data.get(gone) == {b: Text("set")} and "replaced" not in made
    data.put_later(gone, cells("cleared"))
    data.clear()
    assert len(data) == 0 and not data.later
    data.put_later(gone, LazyCells(lambda: [Text("1"), Text("2"), Text("3")]))
    with pytest.raises(ValueError, match="More values"):
        data.get(gone)


CONSOLE = Console(width=120, color_system="truecolor")


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=12)
    | st.sampled_from(
        ["plan", "1er sept. 2027", "中文标题", "e\u0301té", "🙂 ok", "a\tb", "x" * 20]
    ),
    style=st.sampled_from(["", "bold", "dim", "bold red", "bold yellow", Style(italic=True)]),
    justify=st.sampled_from([None, "default", "left", "right", "center", "full"]),
    overflow=st.sampled_from([None, "fold", "ellipsis", "crop"]),
    width=st.integers(1, 18),
    padding=st.integers(0, 2),
    spans=st.booleans(),
)
def test_a_plain_cell_is_drawn_as_rich_draws_it(
    text: str,
    style: str | Style,
    justify: Any,
    overflow: Any,
    width: int,
    padding: int,
    spans: bool,
) -> None:
    cell = Text(text, style=style, justify=justify, overflow=overflow, no_wrap=True)
    if spans and text:
        cell.stylize("underline", 0, 1)
    ours = plain_cell_lines(CONSOLE, cell, width, padding)
    if ours is None:
        return  # Rich draws it
    options = CONSOLE.options.update_dimensions(width, 1).update(no_wrap=True)
    assert ours == CONSOLE.render_lines(Padding(cell, (0, padding)), options)


def test_most_cells_of_the_table_take_the_quick_way() -> None:
    for text, style in (
        ("Plan 01 Orientation", ""),
        ("3. Actions", ""),
        ("unreadable", "bold red"),
    ):
        assert plain_cell_lines(CONSOLE, Text(text, style=style), 24, 1) is not None
