"""A long table keeps its width as the form around it grows past the screen: opening the
quick-add line under 250 actions does not narrow the table by the form's scrollbar, which
lays every row out again (half a second at 5,000 actions, on "a" and again on Escape)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.items_table import STEADY_WIDTH_FROM, ItemsTable
from planwizard.tui.widgets.quick_add import QuickAddInput
from tests.tui.tui_helpers import settle, steady_app


def grow(path: Path, actions: int) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    model = data["actions"][0]
    more = actions - len(data["actions"])
    data["actions"] += [
        {**model, "id": f"a-{n:06x}", "title": f"{model['title']} ({n})"} for n in range(more)
    ]
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


async def test_the_quick_add_line_under_a_long_table_lays_no_row_out_again(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plans_dir / "orientation.toml"
    grow(path, STEADY_WIDTH_FROM + 50)
    layouts: list[int] = []
    lay_out = ItemsTable._lay_out

    def counted(self: ItemsTable, *args: object) -> None:
        layouts.append(len(args[1]))  # type: ignore[arg-type]
        lay_out(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ItemsTable, "_lay_out", counted)
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(120, 38)) as pilot:  # the line takes the form past it
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        form = screen.query_one("#form")
        table = screen.query_one("#actions", ItemsTable)
        assert table.row_count == STEADY_WIDTH_FROM + 50
        assert form.has_class("-long-table")
        width, laid_out = table.size.width, len(layouts)
        assert not form.show_vertical_scrollbar  # the table scrolls itself, the form fits
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.focused, QuickAddInput)
        assert form.show_vertical_scrollbar  # the line took the form past the screen
        assert table.size.width == width
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert table.size.width == width
        assert len(layouts) == laid_out  # no row laid out again on either key


async def test_a_short_tables_form_keeps_every_column(plans_dir: Path) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        # No column kept for a scrollbar the form does not show (80 columns are few).
        assert not app.screen.query_one("#form").has_class("-long-table")
