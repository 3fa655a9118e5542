"""A whole workshop from the home screen, typed from the keyboard, checked on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable

from planwizard import load_plan
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import (
    MonitoringScreen,
    PlanningScreen,
    ProblemScreen,
    VisionScreen,
)
from tests.tui.tui_helpers import settle, steady_app

TODAY = dt.date(2027, 1, 15)


async def test_whole_workshop_from_home(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    app = steady_app(folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+n")
        await pilot.press(*"Referral", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        # Title is focused and already filled; the workshop date defaults to today.
        await pilot.press("tab", "tab")  # date
        await pilot.press(*"Hall", "tab")  # place
        await pilot.press(*"Awa", "tab")  # facilitators
        await pilot.press(*"Police", "enter", *"Health", "enter", *"Shelter", "tab")
        await pilot.press(*"No referral", "tab")  # statement
        await pilot.press("enter", "down", "down", "enter", "tab")  # origin: systemic
        await pilot.press("down", "down", "space", "down", "down", "space", "tab")  # concerns
        await pilot.press("enter", "down", "enter", "tab")  # scope: local
        await pilot.press(*"Often", "tab")  # notes
        await pilot.press("a")  # a stakeholder
        await pilot.pause()
        await pilot.press(*"Shelter", "tab", *"Home", "tab", *"High", "ctrl+s")
        await pilot.pause()

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, VisionScreen)
        await pilot.press(*"All referred", "tab")
        await pilot.press(*"A form", "enter", *"Less", "tab")

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        await pilot.press("a")  # quick add: the title, Enter; Escape stops adding
        await pilot.press(*"Draft", "enter", "escape")
        await pilot.pause()
        await pilot.press("e")  # the details in the action's form
        await pilot.pause()
        await pilot.press("tab", *"He", "right", "tab", *"+2w", "tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", *"Shelter", "tab", *"Notes", "tab", *"All")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Referred", "tab", "%", "tab", "1", "0", "tab", "8", "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "enter", "down", "down", "enter", "tab")  # quarterly
        await pilot.press(*"+3m", "enter")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#plans", DataTable)
        assert table.row_count == 1
        assert "Referral" in str(table.get_row_at(0)[0])

    (created,) = folder.glob("referral-*.toml")  # a short tag from the plan's id (issue 12)
    plan = load_plan(created)
    assert plan.title == "Referral"
    assert plan.created == TODAY
    assert plan.workshop.date == TODAY
    assert plan.workshop.place == "Hall"
    assert plan.workshop.facilitators == ["Awa"]
    assert plan.workshop.participants == ["Police", "Health", "Shelter"]
    assert plan.problem.statement == "No referral"
    assert plan.problem.origin == "systemic"
    assert plan.problem.concerns == ["training", "referral"]
    assert plan.problem.scope == "local"
    assert plan.problem.notes == "Often"
    assert [(s.name, s.role, s.trust) for s in plan.stakeholders] == [("Shelter", "Home", "High")]
    assert plan.stakeholders[0].id.startswith("s-")
    assert plan.vision.statement == "All referred"
    assert plan.vision.outcomes == ["A form", "Less"]
    [action] = plan.actions
    assert (action.title, action.owner, action.due) == (
        "Draft",
        "Health",
        dt.date(2027, 1, 29),
    )
    assert action.status == "planned" and action.id.startswith("a-")
    assert plan.documentation.owner == "Shelter"
    assert plan.documentation.method == "Notes"
    assert plan.documentation.audience == ["All"]
    [indicator] = plan.indicators
    assert (indicator.name, indicator.unit, indicator.baseline, indicator.target) == (
        "Referred",
        "%",
        10,
        80,
    )
    assert plan.monitoring.cadence == "quarterly"
    assert plan.monitoring.next_review == dt.date(2027, 4, 15)
