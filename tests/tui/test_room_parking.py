"""The parking lot: points parked at any step, decided at the end of step 4."""

from __future__ import annotations

from pathlib import Path

from planwizard import load_plan
from planwizard.tui.screens.parking import ParkingScreen
from planwizard.tui.screens.projector import ProjectorScreen
from planwizard.tui.screens.steps import MonitoringScreen, ProblemScreen
from planwizard.tui.widgets.parking_review import ParkingTable
from tests.tui.tui_helpers import screen_text, settle, steady_app

MARKUP = "[bold]Budget[/] for posters?"


async def test_parked_points_become_actions_or_are_dropped(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    actions_before = len(load_plan(path).actions)
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        step = app.screen
        assert isinstance(step, ProblemScreen)
        step.session.drop_comments = True  # the comments question has its own test
        step.query_one("#statement").focus()  # F7 works even in a text area
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ParkingScreen)
        await pilot.press(*MARKUP, "enter")
        await pilot.press(*"Invite the prosecutor", "enter")
        await pilot.pause()
        assert "Open points: 2" in screen_text(app)
        assert MARKUP in screen_text(app)  # shown as typed, never as markup
        saved = load_plan(path)  # saved at once, with the step it was raised at
        assert [(p.text, p.step, p.status) for p in saved.parking_lot] == [
            (MARKUP, "problem", "open"),
            ("Invite the prosecutor", "problem", "open"),
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is step

        # Parked from the room view too, at step 2.
        await pilot.press("f3", "f9", "f7")
        await pilot.pause()
        await pilot.press(*"Ask the mayor", "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        await pilot.press("f9", "f5")
        await pilot.pause()
        monitoring = app.screen
        assert isinstance(monitoring, MonitoringScreen)
        text = screen_text(app)
        assert "Parking lot" in text and "2·Vision" in text
        table = monitoring.query_one(ParkingTable)
        assert table.row_count == 3
        table.focus()
        await pilot.press("a")  # the first becomes an action
        await pilot.pause()
        await pilot.press("d")  # the next is dropped
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("a")
        await pilot.pause()
        assert table.row_count == 0
        assert "Every parked point is decided." in screen_text(app)

    saved = load_plan(path)
    assert [p.status for p in saved.parking_lot] == ["action", "dropped", "action"]
    new_actions = saved.actions[actions_before:]
    assert [a.title for a in new_actions] == [MARKUP, "Ask the mayor"]
    assert [p.action for p in saved.parking_lot] == [new_actions[0].id, "", new_actions[1].id]
    assert all(a.status == "planned" for a in new_actions)


async def test_undo_brings_a_parked_point_back(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        app.screen.session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press("f7", *"Training budget", "enter", "escape")
        await pilot.pause()
        table = app.screen.query_one(ParkingTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table.row_count == 1
        assert load_plan(path).parking_lot[0].status == "open"
