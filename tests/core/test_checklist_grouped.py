"""The step's status line counts actions that lack something rather than naming each."""

from __future__ import annotations

from planwizard.checklist import grouped_gaps, step_gaps
from planwizard.model import Action, Indicator, Plan


def test_several_actions_lacking_owner_or_date_are_counted_once() -> None:
    plan = Plan(
        schema_version=1,
        id="plan-1",
        title="T",
        actions=[
            Action(id="a-1", title="Un"),
            Action(id="a-2", title="Deux", owner="Police"),
            Action(id="a-3", title="Trois"),
            Action(id="a-4", title="Quatre"),
        ],
    )
    gaps = step_gaps(plan, "planning")
    lines, grouped = grouped_gaps(gaps)
    assert grouped
    assert lines == [
        "actions without an owner or a due date: 4",
        "nobody documents the plan yet",
    ]
    assert len([g for g in gaps if g.item_id]) == 7  # each still named in the full list


def test_one_action_is_still_named() -> None:
    plan = Plan(
        schema_version=1,
        id="plan-1",
        title="T",
        actions=[Action(id="a-1", title="Seule", owner="X")],
    )
    lines, grouped = grouped_gaps(step_gaps(plan, "planning"))
    assert not grouped
    assert lines[0] == "action “Seule” has no due date"


def test_indicators_without_target_are_counted() -> None:
    plan = Plan(
        schema_version=1,
        id="plan-1",
        title="T",
        indicators=[Indicator(id="i-1", name="A"), Indicator(id="i-2", name="B")],
    )
    lines, grouped = grouped_gaps(step_gaps(plan, "monitoring"))
    assert grouped and "indicators without a target: 2" in lines
