"""The footer is rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer

from planwizard import load_plan
from planwizard.tui.screens.steps import PlanningScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_adding_actions_rebuilds_the_footer_only_when_its_keys_change(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt: list[int] = []
    recompose = Footer.recompose

    async def counting(self: Footer) -> None:
        rebuilt.append(1)
        await recompose(self)

    monkeypatch.setattr(Footer, "recompose", counting)
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, PlanningScreen)
        app.screen.session.drop_comments = True
        app.screen.query_one("#actions").focus()
        await pilot.press("a", *"First", "enter")
        await settle(pilot)
        assert "^z Undo" in screen_text(app)  # undo became possible: the footer says so
        rebuilt.clear()
        await pilot.press(*"Second", "enter", *"Third", "enter")
        await settle(pilot)
        assert rebuilt == []  # same keys: the footer was left alone
        await pilot.press("escape")
        await settle(pilot)
        assert "^z Undo" in screen_text(app)
    titles = [a.title for a in load_plan(path).actions]
    assert titles[-3:] == ["First", "Second", "Third"]
