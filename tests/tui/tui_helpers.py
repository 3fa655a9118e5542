"""Helpers for driving the app in tests: a steady app, and waiting for it to settle."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from planwizard.tui import heap
from planwizard.tui.app import PlanWizardApp, make_app


def steady_app(plans_dir: Path, **kwargs: object) -> PlanWizardApp:
    """The app as the CLI builds it, with cursors that do not blink (stable screenshots)."""
    return make_app(plans_dir, blink=False, save_pause=None, **kwargs)  # type: ignore[arg-type]


async def settle(pilot: Pilot[int]) -> None:
    """Wait until the folder is read and the screen has drawn it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: PlanWizardApp) -> str:
    """What the terminal shows now, as plain text, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def edit_title_and_keep_comments(pilot: Pilot[int]) -> None:
    """In an open plan whose file has comments: add "!" to the title at step 1, and
    answer "keep them, don't save" when asked about the comments."""
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press(*"!", "tab")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()


async def leave_for_home(app: PlanWizardApp, pilot: Pilot[int]) -> None:
    """Escape from an open plan, and wait until its screens are dropped (half a second
    later) and what the app froze of it is given back (a frame after that)."""
    from planwizard.tui.screens.home import HomeScreen

    await pilot.press("escape")
    for _ in range(100):
        await asyncio.sleep(0.05)
        if not app._drops_pending and not heap.plan_frozen():
            break
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    assert not app._drops_pending and not heap.plan_frozen()
