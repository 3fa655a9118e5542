"""Quick add: `a` starts an action, Enter commits it and starts the next, Escape stops."""

from __future__ import annotations

from pathlib import Path

from planwizard import load_plan
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.items_table import ItemsTable
from planwizard.tui.widgets.quick_add import QuickAdd, QuickAddInput
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_three_actions_with_enter(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    before = [a.id for a in load_plan(path).actions]
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True  # the comments question has its own test
        table = screen.query_one("#actions", ItemsTable)
        assert table.has_focus
        await pilot.press("a")
        await pilot.pause()
        quick = screen.query_one(QuickAdd)
        assert quick.has_class("-open") and isinstance(app.focused, QuickAddInput)
        await pilot.press(*"Print the form", "enter")
        await pilot.press(*"[b]Call[/b] the shelter", "enter")
        await pilot.press(*"Train the desk", "enter")
        await pilot.pause()
        assert isinstance(app.focused, QuickAddInput) and app.focused.value == ""
        assert table.row_count == len(before) + 3
        assert "[b]Call[/b]" in screen_text(app)  # literal, over two lines at 80 columns
        await pilot.press("escape")  # stops adding; back on the table, on the last one
        await pilot.pause()
        assert not quick.has_class("-open") and table.has_focus
        assert table.current_id == load_plan(path).actions[-1].id

    actions = load_plan(path).actions
    assert [a.id for a in actions[: len(before)]] == before
    added = actions[len(before) :]
    assert [a.title for a in added] == [
        "Print the form",
        "[b]Call[/b] the shelter",
        "Train the desk",
    ]
    assert all(a.status == "planned" and a.id.startswith("a-") for a in added)
    assert len({a.id for a in actions}) == len(actions)


async def test_enter_on_an_empty_line_stops_too(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    count = len(load_plan(path).actions)
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4", "a", "enter")
        await pilot.pause()
        assert app.screen.query_one("#actions", ItemsTable).has_focus
        assert len(load_plan(path).actions) == count
        await pilot.press("escape")  # Escape on the table goes home as before
        await settle(pilot)
        assert not isinstance(app.screen, PlanningScreen)
