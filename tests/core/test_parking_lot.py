"""Parked points: raised at any step, each turned into an action or dropped."""

from __future__ import annotations

from pathlib import Path

from planwizard import load_plan, new_plan, save_plan
from planwizard.parking_lot import drop, open_items, park, turn_into_action


def test_parked_points_round_trip_into_actions(tmp_path: Path) -> None:
    plan = new_plan("Atelier")
    budget = park(plan, "  Qui finance les affiches ?  ", "problem")
    park(plan, "Inviter le parquet", "vision")
    assert budget.text == "Qui finance les affiches ?"
    assert [p.step for p in open_items(plan)] == ["problem", "vision"]

    action = turn_into_action(plan, budget.id)
    assert action.title == "Qui finance les affiches ?" and action.status == "planned"
    drop(plan, plan.parking_lot[1].id)
    assert open_items(plan) == []

    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    text = path.read_text(encoding="utf-8")
    assert "[[parking_lot]]" in text
    again = load_plan(path)
    assert again.parking_lot[0].status == "action"
    assert again.parking_lot[0].action == again.actions[0].id
    assert again.parking_lot[1].status == "dropped"


def test_open_parked_points_are_a_gap_of_step_four() -> None:
    from planwizard.checklist import step_gaps

    plan = new_plan("Atelier")
    park(plan, "Budget des affiches", "problem")
    assert any(
        "1 parked point still to turn into an action" in gap.message
        for gap in step_gaps(plan, "monitoring")
    )
    drop(plan, plan.parking_lot[0].id)
    assert not any("parked" in gap.message for gap in step_gaps(plan, "monitoring"))
