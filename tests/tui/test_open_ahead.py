"""The highlighted plan's screen built ahead on the home screen (the real app's
`open_ahead`): Enter shows it at once, drawn as a plan opened on the spot is, and only
while it is still true to the file (issue 15: open a plan)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from planwizard.storage import load_plan
from planwizard.tui import step_screens
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import StepScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app


@pytest.fixture(autouse=True)
def short_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(step_screens, "PREBUILD_PAUSE", 0.01)


def home_app(plans_dir: Path, *, ahead: bool = True) -> PlanWizardApp:
    app = steady_app(plans_dir, start="home")
    app.open_ahead = ahead
    return app


async def quiet(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def built_ahead(pilot: Pilot[int]) -> None:
    """Wait until the highlighted plan's screen is built (or given up)."""
    app = pilot.app
    assert isinstance(app, PlanWizardApp)
    for _ in range(200):
        await quiet(pilot)
        if app._ahead_tried is not None and not app._opening_ahead:
            return
        await pilot.pause(0.02)


async def test_enter_shows_the_screen_built_ahead_drawn_as_one_opened_on_the_spot(
    plans_dir: Path,
) -> None:
    drawn: dict[bool, str] = {}
    for ahead in (True, False):
        app = home_app(plans_dir, ahead=ahead)
        async with app.run_test(size=(100, 30)) as pilot:
            await (built_ahead(pilot) if ahead else quiet(pilot))
            built = app._ahead
            assert (built is not None) is ahead
            await pilot.press("enter")
            await quiet(pilot)
            screen = app.screen
            assert isinstance(screen, StepScreen)
            if built is not None:
                assert screen is built[3] and screen.session is built[2]
            assert app.focused is screen.query(StepScreen.FIRST_FIELD).first()
            drawn[ahead] = screen_text(app)
    assert drawn[True] == drawn[False]


async def test_a_file_changed_after_it_was_read_ahead_is_opened_as_it_is_now(
    plans_dir: Path,
) -> None:
    path = plans_dir / "orientation.toml"
    app = home_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await built_ahead(pilot)
        assert app._ahead is not None
        built = app._ahead[3]
        # A partner's edit arrives (a `git pull`): the title line of the file changes.
        title = load_plan(path).title
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(title, "Changed by a partner", 1), encoding="utf-8")
        await pilot.press("enter")
        await quiet(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen is not built
        assert app.screen.session.plan.title == "Changed by a partner"
        assert "Changed by a partner" in screen_text(app)
        await pilot.press("escape")  # back home: the plan is built ahead again
        await built_ahead(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app._ahead is not None and app._ahead[0] == path


async def test_a_plan_that_does_not_load_is_left_to_enter(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    path.write_text('title = "no id, no version"\n[[actions]\n', encoding="utf-8")
    app = home_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await built_ahead(pilot)  # tried once, given up
        assert app._ahead is None and not app._opening_ahead
        await pilot.press("enter")
        await quiet(pilot)
        assert isinstance(app.screen, HomeScreen)
