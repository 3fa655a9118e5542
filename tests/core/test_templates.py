"""New plans from an old one or from a built-in starting point."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planwizard import load_plan, save_plan
from planwizard.storage import consistency_findings, dumps_plan
from planwizard.templates import builtin_templates, plan_from_template
from tests.conftest import EXAMPLE_PLANS, FIXED_TODAY


def test_template_keeps_the_analysis_and_clears_the_history() -> None:
    source = load_plan(EXAMPLE_PLANS / "orientation-victimes.toml")
    plan = plan_from_template(source, created=FIXED_TODAY, title="Atelier de Kaolack")
    assert plan.title == "Atelier de Kaolack" and plan.created == FIXED_TODAY
    assert plan.id != source.id
    assert plan.problem == source.problem
    assert plan.vision == source.vision
    assert [s.name for s in plan.stakeholders] == [s.name for s in source.stakeholders]
    assert [i.name for i in plan.indicators] == [i.name for i in source.indicators]
    assert [a.title for a in plan.actions] == [a.title for a in source.actions]
    assert all(a.due is None and a.status == "planned" for a in plan.actions)
    assert plan.reviews == [] and plan.monitoring.next_review is None
    assert plan.monitoring.cadence == source.monitoring.cadence
    assert plan.workshop.date is None
    assert not {a.id for a in plan.actions} & {a.id for a in source.actions}
    assert consistency_findings(plan) == []
    # The source is untouched.
    assert source.reviews and source.actions[0].due == dt.date(2026, 11, 30)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_builtin_starting_points(language: str) -> None:
    templates = dict(builtin_templates(language))
    assert set(templates) == {
        "multi-agency-partnership",
        "recommendation-follow-up",
        "violence-against-women",
    }
    for template in templates.values():
        assert template.language == language
        plan = plan_from_template(template, created=FIXED_TODAY)
        assert plan.problem.statement and plan.actions and plan.indicators
        assert dumps_plan(plan)  # writable as it is


def test_a_copy_of_a_plan_leaves_dropped_actions_behind(contract_plan: Path) -> None:
    source = load_plan(contract_plan)
    source.actions[1].status = "dropped"
    plan = plan_from_template(source, created=FIXED_TODAY, title="Next district")
    kept = [a.title for a in source.actions if a.status != "dropped"]
    assert [a.title for a in plan.actions] == kept
    assert all(a.status == "planned" and a.due is None for a in plan.actions)
    assert plan.parking_lot == [] and plan.conflicts == []
    target = contract_plan.parent / "next.toml"
    save_plan(plan, target)
    assert load_plan(target) == plan


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_violence_against_women_start_carries_the_sources_wording(language: str) -> None:
    from planwizard import method
    from planwizard.i18n import set_language

    set_language(language)
    template = dict(builtin_templates(language))["violence-against-women"]
    plan = plan_from_template(template, created=FIXED_TODAY)
    assert plan.workshop.questions == method.VIOLENCE_AGAINST_WOMEN
    wording = plan.workshop.questions
    partners = method.partner_guidance(wording).questions
    problem = method.step_guidance("problem", wording).questions
    neutral = method.partner_guidance().questions
    if language == "fr":
        assert partners[0] == "Les survivantes leur font-elles confiance\u00a0?"
        assert "l’auteur des infractions" in problem[0]
        assert "violence à l’égard des femmes" in problem[4]
    else:
        assert partners[0] == "Do survivors trust them?"
        assert "holding the perpetrator accountable" in problem[0]
        assert neutral[0] == "Do those affected trust them?"  # the default stays neutral
    assert len(partners) == len(neutral) == 6
