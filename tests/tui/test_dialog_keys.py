"""Dialogs show their own keys; ticked boxes look ticked; the way to tick is said."""

from __future__ import annotations

from pathlib import Path

from planwizard.tui.dialogs import ItemForm
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen
from planwizard.tui.widgets.fields import MultiChoiceField
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_an_item_form_shows_its_own_keys_not_the_wizards(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        assert "Room view" in screen_text(app).splitlines()[-1]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        text = screen_text(app)
        footer = text.splitlines()[-1]
        assert "^s Save" in footer and "esc Cancel" in footer
        assert "Room view" not in footer and "Next" not in footer
        assert "Enter: next field · Ctrl+S: save · Esc: cancel" in text


async def test_concerns_ticked_and_unticked_differ_by_more_than_colour(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        concerns = screen.query_one("#concerns", MultiChoiceField)
        concerns.focus()
        await pilot.pause()
        lines = [concerns.render_line(y).text for y in range(concerns.option_count)]
        ticked = set(concerns.selected)
        for index, line in enumerate(lines):
            value = concerns.get_option_at_index(index).value
            assert line.startswith("[x]" if value in ticked else "[ ]"), line
        assert "Space ticks or unticks" in screen_text(app)
        first = concerns.get_option_at_index(0).value
        was = first in concerns.selected
        concerns.highlighted = 0
        await pilot.press("space")
        await pilot.pause()
        assert (first in concerns.selected) is not was
        assert concerns.render_line(0).text.startswith("[ ]" if was else "[x]")
