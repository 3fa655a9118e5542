"""Helpers for the room tests: a clock moved by hand, and what the app announced."""

from __future__ import annotations

from textual.pilot import Pilot

from planwizard.tui.app import PlanWizardApp


class HandClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def advance(pilot: Pilot[int], clock: HandClock, seconds: float) -> None:
    """Let `seconds` pass, then run the app's once-a-second tick as the interval would."""
    clock.now += seconds
    app = pilot.app
    assert isinstance(app, PlanWizardApp)
    app.tick_room()
    await pilot.pause()


def notices(app: PlanWizardApp) -> list[str]:
    """The messages of the notifications on screen now."""
    return [n.message for n in app._notifications]
