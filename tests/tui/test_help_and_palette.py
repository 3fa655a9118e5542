"""F1 explains the current screen; every key's action is also in the command palette."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from planwizard.tui.help import HelpScreen
from planwizard.tui.screens.steps import PlanningScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_f1_help_for_home_and_for_a_step(plans_dir: Path) -> None:
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Type to filter" in screen_text(app)
        assert "New plan" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("enter", "f4")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "+2w" in text and "Undo" in text and "Next" in text
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)


async def test_palette_offers_the_screens_actions(plans_dir: Path) -> None:
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New plan", "Template", "Delete", "Sort", "Help"} <= titles
        await pilot.press("enter", "f4")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Next", "Back", "Save", "Plans", "Help"} <= titles
        # Running one from the palette does what the key does.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Back")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "VisionScreen"
        assert not isinstance(app.focused, Input) or app.focused.id != "filter"
