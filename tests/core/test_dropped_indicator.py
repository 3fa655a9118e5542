"""An indicator the group stopped measuring: kept with its readings, asked for no more."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from planwizard.checklist import plan_gaps
from planwizard.exports import export_bytes
from planwizard.model import Plan
from planwizard.monitoring import off_track_details
from planwizard.review import start_review
from planwizard.session import remove_indicator
from planwizard.storage import load_plan
from planwizard.templates import plan_from_template

LATER = dt.date(2027, 6, 1)


@pytest.fixture
def plan(contract_plan: Path) -> Plan:
    """The contract's plan with its read indicator (i-orient) dropped today."""
    plan = load_plan(contract_plan)
    assert remove_indicator(plan, "i-orient") == "dropped"
    return plan


def test_a_review_no_longer_asks_for_it(plan: Plan) -> None:
    draft = start_review(plan, LATER)
    assert [r.indicator.id for r in draft.indicators] == ["i-formes"]


def test_it_is_never_off_track(plan: Plan, contract_plan: Path) -> None:
    before = {o.indicator.id for o in off_track_details(load_plan(contract_plan), LATER)}
    assert "i-orient" in before  # not read at the last review: it would be flagged
    assert "i-orient" not in {o.indicator.id for o in off_track_details(plan, LATER)}


def test_the_checklist_wants_an_indicator_still_measured(plan: Plan) -> None:
    remove_indicator(plan, "i-formes")  # never read: deleted outright
    assert [i.id for i in plan.indicators] == ["i-orient"]
    messages = [gap.message for gap in plan_gaps(plan)]
    assert "no success indicator yet" in messages


def test_a_new_workshop_from_this_plan_leaves_it_out(plan: Plan) -> None:
    copy = plan_from_template(plan, created=LATER, title="Next year")
    assert [i.name for i in copy.indicators] == [plan.indicators[1].name]
    assert all(i.dropped is None for i in copy.indicators)


def test_reports_say_since_when_it_is_no_longer_measured(plan: Plan) -> None:
    name = plan.indicators[0].name
    report = export_bytes(plan, "md", today=LATER, lang="en").decode("utf-8")
    assert f"{name} (no longer measured since 15 Jan 2027)" in report
    html = export_bytes(plan, "html", today=LATER, lang="en").decode("utf-8")
    assert "(no longer measured since 15 Jan 2027)" in html
    rows = list(
        csv.DictReader(io.StringIO(export_bytes(plan, "csv", "indicators", lang="en").decode()))
    )
    assert {r["Indicator id"]: r["No longer measured since"] for r in rows} == {
        "i-orient": "2027-01-15",
        "i-formes": "",
    }
    # Its readings are still there, row by row.
    assert [r["Value"] for r in rows if r["Indicator id"] == "i-orient"] != [""]
