"""The step timebox: started, paused and extended with a key, on a clock moved by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.filter import Monochrome
from textual.screen import ModalScreen

from planwizard import load_plan
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import ProblemScreen, VisionScreen
from planwizard.tui.widgets.timer import MARKERS, TimerBadge
from tests.tui.room_helpers import HandClock, advance, notices
from tests.tui.tui_helpers import screen_text, settle, steady_app


def badge_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one(TimerBadge).query_one("Static").render())


async def test_countdown_warning_zero_pause_and_extend(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    clock = HandClock()
    app = steady_app(plans_dir, open_path=path, start="open", monotonic=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        screen.session.drop_comments = True  # the comments question has its own test
        badge = screen.query_one(TimerBadge)
        assert badge.phase == "idle" and "F8 ○ 40:00" in screen_text(app)

        await advance(pilot, clock, 600)  # not started: nothing counts
        assert "40:00" in badge_text(app)

        await pilot.press("f8")
        await advance(pilot, clock, 60)
        assert badge.has_class("-running") and "▶ 39:00" in badge_text(app)

        await advance(pilot, clock, 35 * 60 + 1)  # into the last five minutes
        assert badge.phase == "warning" and badge.has_class("-warning")
        assert "▲ 03:59" in badge_text(app)
        assert not any("Time is up" in m for m in notices(app))

        await advance(pilot, clock, 4 * 60)  # zero: a gentle notice, once, never a dialog
        assert badge.phase == "overtime" and badge.has_class("-overtime")
        assert "-00:01" in badge_text(app)
        assert not isinstance(app.screen, ModalScreen)
        await advance(pilot, clock, 30)
        assert [m for m in notices(app) if "Time is up" in m] == [
            "Time is up for step 1, Problem analysis. F8 pauses the timer, Shift+F8 adds 5 minutes."
        ]

        await pilot.press("f8")  # pause: the time run is written to the plan
        await pilot.pause()
        spent = 60 + 35 * 60 + 1 + 4 * 60 + 30
        assert load_plan(path).workshop.seconds_spent == {"problem": spent}
        await advance(pilot, clock, 900)  # a long pause counts for nothing
        assert "-00:31" in badge_text(app)

        await pilot.press("shift+f8")  # +5 minutes
        await pilot.pause()
        assert badge.phase == "paused" and "‖ 04:29" in badge_text(app)
        await pilot.press("f8")
        await advance(pilot, clock, 5 * 60)  # zero again after the extension: told again
        assert len([m for m in notices(app) if "Time is up" in m]) == 2

        await pilot.press("f8")
        await pilot.pause()
        assert load_plan(path).workshop.seconds_spent == {"problem": spent + 300}


async def test_time_is_recorded_when_the_step_changes(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    clock = HandClock()
    app = steady_app(plans_dir, open_path=path, start="open", monotonic=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        app.screen.session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press("f8")
        await advance(pilot, clock, 90.6)
        assert load_plan(path).workshop.seconds_spent == {}  # nothing written on a tick
        await pilot.press("ctrl+n")  # on to step 2: step 1's time is saved...
        await pilot.pause()
        assert isinstance(app.screen, VisionScreen)
        assert load_plan(path).workshop.seconds_spent == {"problem": 90}
        # ... and the room's clock goes on with step 2's own timebox (20 minutes).
        await advance(pilot, clock, 30)
        assert "▶ 19:30" in badge_text(app)
        await pilot.press("ctrl+z")  # undo never takes the recorded time back
        await pilot.press("f2")  # back at step 1: its timer goes on from its 90.6 s
        await pilot.pause()
        assert "▶ 38:30" in badge_text(app)
        assert load_plan(path).workshop.seconds_spent == {"problem": 90, "vision": 30}
        await advance(pilot, clock, 9.5)
        await pilot.press("escape")  # leaving the plan stops the clock and records it
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert load_plan(path).workshop.seconds_spent == {"problem": 100, "vision": 30}


async def test_no_color_still_tells_the_phases_apart(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = plans_dir / "orientation.toml"
    clock = HandClock()
    app = steady_app(plans_dir, open_path=path, start="open", monotonic=clock)
    assert app.no_color and any(isinstance(f, Monochrome) for f in app._filters)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.session.drop_comments = True  # type: ignore[attr-defined]
        seen = {"idle": badge_text(app)}
        await pilot.press("f8")
        await advance(pilot, clock, 60)
        seen["running"] = badge_text(app)
        await advance(pilot, clock, 16 * 60)  # step 4 (where the plan opens): 20 minutes
        seen["warning"] = badge_text(app)
        await advance(pilot, clock, 4 * 60)
        seen["overtime"] = badge_text(app)
        await pilot.press("shift+f8", "f8")  # +5 minutes, then pause
        await pilot.pause()
        seen["paused"] = badge_text(app)
    # Without colour the marker says it: one different sign per phase.
    assert {phase: text.split()[1] for phase, text in seen.items()} == MARKERS


async def test_the_timebox_goes_on_from_the_time_the_file_records(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text(
        'schema_version = 1\nid = "plan-1"\ntitle = "T"\n\n'
        "[workshop.seconds_spent]\nproblem = 600\n",
        encoding="utf-8",
    )
    clock = HandClock()
    app = steady_app(folder, open_path=path, start="open", monotonic=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "30:00" in badge_text(app)  # 40 minutes, 10 already spent
        await pilot.press("f8")
        await advance(pilot, clock, 60)
        assert "29:00" in badge_text(app)
        await pilot.press("f8")
        await pilot.pause()
    assert load_plan(path).workshop.seconds_spent == {"problem": 660}  # not 600 + 660


async def test_a_tick_before_the_plans_screen_is_up_keeps_the_recorded_time(
    tmp_path: Path,
) -> None:
    """The room's clock ticks once a second, also between a step screen's compose and its
    mount on a busy laptop: the plan's timers must still start from its file's time."""
    from planwizard.tui.widgets.timer import TimerBadge

    path = tmp_path / "plan.toml"
    app = steady_app(tmp_path, monotonic=HandClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.screen.mount(TimerBadge(path, "problem"))  # composed, plan not read yet
        app.tick_room()
        box = app.room.timers_for(path, {"problem": 600}).box("problem")
        assert box.remaining == 30 * 60  # 40 minutes, 10 already spent
