"""Step screens built once per open plan and kept: F2–F5 switch to the same screens,
which show the plan as it is now, and go when the plan is left."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import ProblemScreen, StepScreen
from tests.tui.tui_helpers import settle, steady_app


async def test_kept_screens_show_the_plan_as_it_is_now(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        planning = app.screen
        assert isinstance(planning, StepScreen)
        session = planning.session
        session.drop_comments = True  # the comments question has its own tests
        await pilot.press("f2")
        await pilot.pause()
        problem = app.screen
        assert isinstance(problem, ProblemScreen)
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen is planning  # the same screen, not a new one
        # A change made while step 1 is not shown (a merge, a review): shown on arrival.
        session.apply(lambda plan: setattr(plan, "title", "Changed while away"))
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is problem
        title = problem.query_one("#title", Input)
        assert title.value == "Changed while away" and app.focused is title
        await pilot.press("escape")  # back to the plans: the kept screens go
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(key[0] is session for key in app._steps_kept)
        for _ in range(500):  # removed once home is drawn
            if not (planning.is_attached or problem.is_attached):
                break
            await pilot.pause(0.02)
        assert not (planning.is_attached or problem.is_attached)
