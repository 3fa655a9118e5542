"""Deleting a recommendation (issue 18): never a link left pointing nowhere, never a
review's history lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwizard.model import Plan
from planwizard.recommendations import recommendation_links, remove_recommendation
from planwizard.storage import dumps_plan, load_plan, parse_plan_text
from tests.conftest import CONTRACT_EXAMPLE

RECS_EXAMPLE = CONTRACT_EXAMPLE.with_name("plan-format-recommendations.toml")


def unreviewed() -> Plan:
    """The contract's example without its review: actions and dialogue still name both."""
    plan = load_plan(RECS_EXAMPLE)
    plan.reviews = []
    return plan


def reloads(plan: Plan) -> Plan:
    """The plan as saved and read back: a link to nothing would fail to load."""
    return parse_plan_text(dumps_plan(plan), Path("plan.toml"))


def test_links_name_the_actions_dialogue_and_reviews() -> None:
    plan = load_plan(RECS_EXAMPLE)
    links = recommendation_links(plan, "r-2026-14")
    assert links.actions == ("a-2d8b", "a-48ab")
    assert links.dialogue == 2
    assert links.reviews == 1
    assert not recommendation_links(plan, "nothing")


def test_a_reviewed_recommendation_is_kept_with_its_history() -> None:
    plan = load_plan(RECS_EXAMPLE)
    before = plan.model_copy(deep=True)
    assert remove_recommendation(plan, "r-2026-21", unlink=True) == "reviewed"
    assert plan == before


def test_a_linked_recommendation_is_kept_unless_unlinking_is_agreed() -> None:
    plan = unreviewed()
    before = plan.model_copy(deep=True)
    assert remove_recommendation(plan, "r-2026-14") == "linked"
    assert plan == before

    assert remove_recommendation(plan, "r-2026-14", unlink=True) == "deleted"
    assert [r.id for r in plan.recommendations] == ["r-2026-21"]
    # The actions and the dialogue entries stay, naming what is left.
    assert [a.recommendations for a in plan.actions] == [["r-2026-21"], []]
    assert len(plan.dialogue) == 2
    assert [e.recommendations for e in plan.dialogue] == [[], []]
    saved = reloads(plan)
    assert saved.recommendation("r-2026-14") is None


@pytest.mark.parametrize("rec_id", ["r-2026-14", "r-2026-21"])
def test_after_unlinking_the_plan_saves_and_loads(rec_id: str) -> None:
    plan = unreviewed()
    assert remove_recommendation(plan, rec_id, unlink=True) == "deleted"
    assert not any(rec_id in a.recommendations for a in reloads(plan).actions)


def test_an_unlinked_recommendation_is_deleted_and_a_missing_one_said_so() -> None:
    plan = unreviewed()
    plan.actions = []
    plan.dialogue = []
    assert remove_recommendation(plan, "r-2026-21") == "deleted"
    assert remove_recommendation(plan, "r-2026-21") == "missing"


def test_new_ids_never_take_a_recommendations_id() -> None:
    plan = load_plan(RECS_EXAMPLE)
    assert {"r-2026-14", "r-2026-21"} <= plan.all_item_ids()
