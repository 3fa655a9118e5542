"""The other steps' screens built ahead while the room looks at the step shown (the real
app's `prebuild_steps`): F2–F5 then show a screen already composed and laid out, which
shows the plan as it is now, draws what a screen built on the spot draws, and leaves the
step's clock alone until it is shown (issue 15: switch step)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from planwizard.tui import step_screens
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import ProblemScreen, StepScreen
from planwizard.tui.step_screens import prebuild_order
from tests.tui.room_helpers import HandClock
from tests.tui.tui_helpers import screen_text, settle, steady_app


@pytest.fixture(autouse=True)
def short_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(step_screens, "PREBUILD_PAUSE", 0.01)


def ahead_app(plans_dir: Path, *, ahead: bool = True, **kwargs: object) -> PlanWizardApp:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open", **kwargs)
    app.prebuild_steps = ahead
    return app


async def built_ahead(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_the_nearest_steps_are_built_first() -> None:
    assert prebuild_order("monitoring") == ["planning", "vision", "problem"]
    assert prebuild_order("vision") == ["planning", "problem", "monitoring"]
    assert prebuild_order("problem") == ["vision", "planning", "monitoring"]


async def test_every_step_is_built_and_laid_out_ahead_and_shown_as_it_is(
    plans_dir: Path,
) -> None:
    app = ahead_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await built_ahead(pilot)
        shown = app.screen
        assert isinstance(shown, StepScreen)
        session = shown.session
        kept = {
            step: screen for (s, step), (screen, _name) in app._steps_kept.items() if s is session
        }
        assert sorted(kept) == ["monitoring", "planning", "problem", "vision"]
        for screen in kept.values():
            assert screen.is_mounted and screen.size == app.size
        session.drop_comments = True  # the comments question has its own tests
        # A change made while step 1 waits unseen (a merge, another step): shown on arrival.
        session.apply(lambda plan: setattr(plan, "title", "Changed while built ahead"))
        await pilot.press("f2")
        await settle(pilot)
        problem = app.screen
        assert problem is kept["problem"] and isinstance(problem, ProblemScreen)
        title = problem.query_one("#title", Input)
        assert title.value == "Changed while built ahead" and app.focused is title
        assert "Changed while built ahead" in screen_text(app)
        await pilot.press("escape")  # back to the plans: every kept screen goes
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not any(key[0] is session for key in app._steps_kept)


async def test_a_step_built_ahead_draws_what_a_step_built_on_the_spot_draws(
    plans_dir: Path,
) -> None:
    drawn: dict[bool, list[str]] = {}
    for ahead in (False, True):
        app = ahead_app(plans_dir, ahead=ahead)
        drawn[ahead] = []
        async with app.run_test(size=(100, 30)) as pilot:
            await built_ahead(pilot)
            drawn[ahead].append(screen_text(app))
            for key in ("f2", "f3", "f5", "f4"):
                await pilot.press(key)
                await built_ahead(pilot)
                drawn[ahead].append(screen_text(app))
    assert drawn[True] == drawn[False]


async def test_after_a_change_a_step_built_ahead_draws_what_one_built_then_draws(
    plans_dir: Path,
) -> None:
    """Built before the change: its fields, checklist, title bar and keys follow it."""
    drawn: dict[bool, str] = {}
    for ahead in (False, True):
        app = ahead_app(plans_dir, ahead=ahead)
        async with app.run_test(size=(100, 30)) as pilot:
            await built_ahead(pilot)
            shown = app.screen
            assert isinstance(shown, StepScreen)
            shown.session.drop_comments = True
            shown.change(lambda plan: setattr(plan.problem, "summary", ""))
            shown.change(lambda plan: setattr(plan, "title", "A change"))
            await settle(pilot)
            await pilot.press("f2")
            await built_ahead(pilot)
            drawn[ahead] = screen_text(app)
    assert "A change" in drawn[True]
    assert drawn[True] == drawn[False]


async def test_a_step_built_ahead_takes_the_running_clock_only_when_shown(
    plans_dir: Path,
) -> None:
    clock = HandClock()
    app = ahead_app(plans_dir, monotonic=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = app.screen
        assert isinstance(shown, StepScreen)
        shown.session.drop_comments = True
        await pilot.press("f8")  # the clock of the step shown runs
        await built_ahead(pilot)
        timers = shown.timers
        assert timers.box(shown.STEP).running
        others = [step for step in prebuild_order(shown.STEP)]
        assert not any(timers.box(step).running for step in others)
        await pilot.press("f2")  # the running clock goes on with the step shown next
        await settle(pilot)
        assert timers.box("problem").running and not timers.box(shown.STEP).running
