"""The actions table: status in one key, the review's keys, and titles the room can read."""

from __future__ import annotations

from pathlib import Path

from planwizard import load_plan
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.items_table import ItemsTable
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_one_key_gives_the_highlighted_action_its_status(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        table = screen.query_one("#actions", ItemsTable)
        assert table.has_focus
        first = table.current_id
        await pilot.press("d")
        await pilot.pause()
        assert load_plan(path).action(first).status == "done"  # type: ignore[union-attr]
        assert table.current_id == first  # the cursor stays on it
        await pilot.press("4")
        await pilot.pause()
        assert load_plan(path).action(first).status == "blocked"  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_plan(path).action(first).status == "done"  # type: ignore[union-attr]
        # a and e keep their meaning: add and edit, never a status.
        text = screen_text(app)
        assert "p ○ planned" in text and "5 ✗ dropped" in text
        # The narrow table shows the status as a mark, and a title over two lines.
        assert "●" in text
        assert "fiche d'orienta" in text


async def test_the_checklist_counts_actions_and_a_key_lists_them(tmp_path: Path) -> None:
    from planwizard.tui.help import HelpScreen

    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "T"\n', encoding="utf-8")
    app = steady_app(folder, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("a", *"Un", "enter", *"Deux", "enter", *"Trois", "enter", "escape")
        await pilot.pause()
        text = screen_text(app)
        assert "actions without an owner or a due date: 3" in text
        assert "Ctrl+O lists them" in text
        assert "“Deux”" not in text  # not named twice over on the status line
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listing = screen_text(app)
        assert "action “Deux” has no owner" in listing
        assert "action “Trois” has no due date" in listing
