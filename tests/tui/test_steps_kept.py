"""Step screens built once per open plan and kept: F2–F5 switch to the same screens,
which show the plan as it is now; built ahead, off screen, in the real app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from planwizard.method import STEPS
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import StepScreen
from tests.tui.tui_helpers import settle, steady_app


async def test_kept_screens_show_the_plan_as_it_is_now(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    app.build_ahead = True  # as run_app sets it
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = app.screen
        assert isinstance(first, StepScreen)
        session = first.session
        for _ in range(500):  # the other steps are built ahead, one after the other
            kept = {step: app._steps_kept.get((session, step)) for step in STEPS}
            if all(k is not None and k[0].is_mounted for k in kept.values()):
                break
            await pilot.pause()
        screens = {step: k[0] for step, k in kept.items() if k is not None}
        assert set(screens) == set(STEPS) and screens[first.STEP] is first
        session.drop_comments = True  # the comments question has its own tests
        # A change made while step 1 is not shown (a merge, a review): shown on arrival.
        session.apply(lambda plan: setattr(plan, "title", "Changed while away"))
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is screens["problem"]
        title = app.screen.query_one("#title", Input)
        assert title.value == "Changed while away" and app.focused is title
        await pilot.press("f5", "f2")
        await pilot.pause()
        assert app.screen is screens["problem"]  # the same screen, not a new one
        await pilot.press("escape")  # back to the plans: the kept screens go
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(key[0] is session for key in app._steps_kept)
        for _ in range(500):  # removed once home is drawn
            if not any(screen.is_attached for screen in screens.values()):
                break
            await pilot.pause(0.02)
        assert not any(screen.is_attached for screen in screens.values())
