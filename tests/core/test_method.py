"""The method's texts: every step has questions, every vocabulary value has words."""

from __future__ import annotations

from planwizard import method
from planwizard.method import STEPS
from planwizard.model import ACTION_KINDS, CADENCES, CONCERNS, LEVELS, ORIGINS, SCOPES, STATUSES


def test_every_step_has_guidance() -> None:
    for step in STEPS:
        guidance = method.step_guidance(step)
        assert guidance.title == method.step_title(step)
        assert guidance.questions
        assert all(q.strip() for q in guidance.questions)


def test_vision_hint_is_the_sources_example() -> None:
    hint = method.step_guidance("vision").hint
    assert "referred promptly, sensitively and appropriately" in hint


def test_partner_questions_cover_trust_relationships_risks_champions() -> None:
    text = " ".join(method.partner_guidance().questions)
    for word in ("trust", "respected", "risks", "champion", "leader"):
        assert word in text


def test_every_vocabulary_value_has_a_label() -> None:
    vocabularies = {
        "origin": ORIGINS,
        "concerns": CONCERNS,
        "scope": SCOPES,
        "status": STATUSES,
        "kind": ACTION_KINDS,
        "level": LEVELS,
        "cadence": CADENCES,
    }
    for name, values in vocabularies.items():
        assert tuple(method.labels(name)) == values
        assert all(method.label(name, v) for v in values)


def test_unknown_value_is_shown_as_written() -> None:
    assert method.label("status", "postponed") == "postponed"
    assert method.label("status", None) == ""
