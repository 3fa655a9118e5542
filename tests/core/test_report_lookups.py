"""The report of a big plan looks its actions and indicators up by id, made once per
report: the same report as one item at a time, in time proportional to the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planwizard import monitoring
from planwizard.exports import report
from planwizard.exports.report import build_report
from planwizard.model import Action, ActionUpdate, Indicator, Measurement, Plan, Review, new_plan
from tests.export_samples import all_plans

TODAY = dt.date(2027, 1, 15)


def big_plan(size: int = 120) -> Plan:
    """`size` actions and indicators, `size` reviews each updating an action and reading
    an indicator (one update names an action the plan no longer has)."""
    plan = new_plan("A big plan")
    plan.actions = [Action(id=f"a-{n:04x}", title=f"Action {n}") for n in range(size)]
    plan.indicators = [
        Indicator(id=f"i-{n:04x}", name=f"Indicator {n}", baseline=0, target=10)
        for n in range(size)
    ]
    plan.reviews = [
        Review(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=n),
            updates=[ActionUpdate(action=f"a-{n % size:04x}", status="done")],
            measurements=[Measurement(indicator=f"i-{(n * 7) % size:04x}", value=n % 11)],
        )
        for n in range(size)
    ]
    plan.reviews[3].updates.append(ActionUpdate(action="a-gone"))
    return plan


def one_at_a_time(plan: Plan, audience: str) -> report.Report:
    """The report with every lookup made afresh, item by item, as it was."""
    built: report.Report = build_report.__wrapped__(plan, audience, TODAY)  # type: ignore[attr-defined]
    return built


@pytest.mark.parametrize("audience", ["team", "partners"])
def test_the_report_is_the_one_looked_up_item_by_item(audience: str) -> None:
    for _name, plan in [*all_plans(), ("big", big_plan())]:
        assert build_report(plan, audience, TODAY) == one_at_a_time(plan, audience)


def test_a_big_plan_is_looked_up_once_per_report(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = big_plan()
    passes: list[int] = []
    by_indicator = monitoring.readings_by_indicator

    def counted(of: Plan) -> Any:
        passes.append(1)
        return by_indicator(of)

    def looked_up_one_by_one(*args: object) -> None:
        raise AssertionError("a lookup item by item, for every row")

    monkeypatch.setattr(monitoring, "readings_by_indicator", counted)
    monkeypatch.setattr(monitoring, "readings", looked_up_one_by_one)
    monkeypatch.setattr(Plan, "action", looked_up_one_by_one)
    monkeypatch.setattr(Plan, "indicator", looked_up_one_by_one)
    built = build_report(plan, "team", TODAY)
    assert passes == [1]
    text = repr(built)
    assert "Action 3" in text and "a-gone" in text  # a missing action is named by its id
