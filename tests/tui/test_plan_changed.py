"""The "plan changed" signal (issue 16): the widgets showing the plan (the checklist, the
parking review) listen to it, so that whatever changed the plan (a change here, a
partner's file, an undo, another screen) they show it as it is now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwizard.model import Action, ParkingItem, new_plan
from planwizard.storage import load_plan, save_plan
from planwizard.tui.screens.steps import MonitoringScreen
from planwizard.tui.widgets.checklist import Checklist
from planwizard.tui.widgets.parking_review import ParkingTable
from tests.tui.tui_helpers import screen_text, settle, steady_app


def plan_file(tmp_path: Path) -> Path:
    plan = new_plan("Referral of victims", created=dt.date(2027, 1, 15))
    plan.problem.statement = "Victims are not referred"
    plan.actions = [Action(id="a-1", title="Draft a referral form", owner="Shelter")]
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "referral.toml"
    save_plan(plan, path)
    return path


async def test_a_partners_change_shows_in_the_checklist_and_the_parking_review(
    tmp_path: Path,
) -> None:
    path = plan_file(tmp_path)
    app = steady_app(path.parent, open_path=path, start="open", watch_interval=None)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        step = app.screen
        assert isinstance(step, MonitoringScreen)
        checklist = step.query_one(Checklist)
        assert "no date for the next review" in str(checklist.render())
        assert step.query_one(ParkingTable).row_count == 0

        # Another laptop dates the next review and parks a point (a `git pull`).
        partner = load_plan(path)
        partner.monitoring.next_review = dt.date(2027, 4, 15)
        partner.parking_lot.append(ParkingItem(id="p-1", text="Ask the mayor", step="vision"))
        save_plan(partner, path)
        app.check_disk()
        await pilot.pause()
        assert "no date for the next review" not in str(checklist.render())
        assert step.query_one(ParkingTable).row_count == 1
        assert "Ask the mayor" in screen_text(app)

        # Dropped here, then undone: the review shows the point again.
        table = step.query_one(ParkingTable)
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        assert table.row_count == 0
        assert "Every parked point is decided." in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [p.status for p in step.session.plan.parking_lot] == ["open"]
        assert table.row_count == 1
        assert "no date for the next review" not in str(checklist.render())
