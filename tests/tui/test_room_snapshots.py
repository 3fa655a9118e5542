"""Screenshots of the room view (80x24, 120x40, 200x50) and of the parking lot's review.

Stable by construction, as the other snapshots: today fixed, steady cursors, the
timers on a clock moved by hand, paths relative to a temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from planwizard.tui.widgets.parking_review import ParkingTable
from tests.tui.room_helpers import HandClock, advance
from tests.tui.tui_helpers import settle, steady_app

SnapCompare = Callable[..., bool]


@pytest.fixture
def in_folder(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(plans_dir.parent)
    return Path("plans")


@pytest.mark.parametrize(
    ("size", "step_key", "minutes"),
    [((80, 24), "f2", 10), ((120, 40), "f2", 3), ((200, 50), "f4", 37), ((200, 50), "f5", 1)],
    ids=[
        "80x24-problem-running",
        "120x40-problem-running",
        "200x50-planning-warning",
        "200x50-monitoring-running",
    ],
)
def test_room_view(
    snap_compare: SnapCompare,
    in_folder: Path,
    size: tuple[int, int],
    step_key: str,
    minutes: int,
) -> None:
    clock = HandClock()
    app = steady_app(
        in_folder, open_path=in_folder / "orientation.toml", start="open", monotonic=clock
    )

    async def into_the_room(pilot: Pilot[int]) -> None:
        await settle(pilot)
        app.screen.session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press(step_key, "f8")
        await advance(pilot, clock, minutes * 60)
        await pilot.press("f9", "right")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=into_the_room)


def test_parking_review(snap_compare: SnapCompare, in_folder: Path) -> None:
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")

    async def park_then_review(pilot: Pilot[int]) -> None:
        await settle(pilot)
        app.screen.session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press("f2", "f7", *"Who pays for the posters?", "enter")
        await pilot.press(*"Invite the prosecutor's office to the next workshop", "enter")
        await pilot.press("escape", "f3", "f7", *"[b]Ask[/b] the mayor", "enter", "escape")
        await pilot.press("f5")
        await settle(pilot)
        app.screen.query_one(ParkingTable).focus()
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=park_then_review)
