"""Following up recommendations (issue 18): the format, its links, warnings and sums."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from planwizard import method
from planwizard.checklist import plan_gaps
from planwizard.i18n import set_language
from planwizard.model import (
    DIALOGUE_FORMS,
    IMPLEMENTATIONS,
    INDICATOR_TYPES,
    POSITIONS,
    PRIORITIES,
    REASONS,
    DialogueEntry,
    Plan,
)
from planwizard.recommendations import (
    folder_recommendations,
    implementation_history,
    recommendation_states,
    record_dialogue,
    reply_overdue,
)
from planwizard.storage import PlanError, dumps_plan, load_plan, parse_plan_text, save_plan
from tests.conftest import CONTRACT_EXAMPLE, EXAMPLE_PLANS

RECS_EXAMPLE = CONTRACT_EXAMPLE.with_name("plan-format-recommendations.toml")


def recs_text() -> str:
    return RECS_EXAMPLE.read_text(encoding="utf-8")


def recs_plan() -> Plan:
    return load_plan(RECS_EXAMPLE)


def load_error(tmp_path: Path, text: str) -> PlanError:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return caught.value


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[nth - 1]


# ------------------------------------------------------------------ the format


def _contains(saved: Any, original: Any) -> bool:
    """Every value of `original` is in `saved` (which may add defaults such as false)."""
    if isinstance(original, dict):
        return isinstance(saved, dict) and all(
            k in saved and _contains(saved[k], v) for k, v in original.items()
        )
    if isinstance(original, list):
        return (
            isinstance(saved, list)
            and len(saved) == len(original)
            and all(_contains(s, o) for s, o in zip(saved, original, strict=True))
        )
    return bool(type(saved) is type(original) and saved == original)


def test_recommendations_example_loads_every_new_table() -> None:
    plan = recs_plan()
    assert [r.id for r in plan.recommendations] == ["r-2026-14", "r-2026-21"]
    first = plan.recommendations[0]
    assert first.addressed_to == ["min-int", "min-sante"]
    assert (first.position, first.priority, first.indicator_type) == ("accepted", "high", "process")
    assert first.reply_due == dt.date(2026, 3, 21)
    assert first.reply_received == dt.date(2026, 3, 30)
    assert plan.recommendations[1].reply_received is None
    assert plan.actions[0].recommendations == ["r-2026-14", "r-2026-21"]
    assert [d.form for d in plan.dialogue] == ["written-reply", "round-table"]
    assert plan.dialogue[1].with_ == ["min-int", "min-sante"]
    assert plan.dialogue[1].next_steps.startswith("Le ministère de la Santé")
    assert [t.person for t in plan.team_roles] == ["Miriam Osei", "Équipe de suivi"]
    update = plan.reviews[0].recommendations[0]
    assert (update.implementation, update.why) == ("partially", ["budget", "resistance"])
    assert update.follow_up.startswith("Présenter")


def test_recommendations_example_round_trips_in_canonical_order(tmp_path: Path) -> None:
    original = tomllib.loads(recs_text())
    text = dumps_plan(recs_plan())
    assert _contains(tomllib.loads(text), original)
    assert dumps_plan(parse_plan_text(text)) == text  # fmt is idempotent
    headers = [line for line in text.splitlines() if line.startswith("[")]
    firsts = [
        headers.index(h)
        for h in (
            "[workshop]",
            "[problem]",
            "[[stakeholders]]",
            "[[team_roles]]",
            "[[recommendations]]",
            "[vision]",
            "[[actions]]",
            "[[dialogue]]",
            "[monitoring]",
            "[[reviews]]",
            "[[reviews.recommendations]]",
        )
    ]
    assert firsts == sorted(firsts)
    # The dialogue's `with` is written under its own name, and entries get no id.
    assert 'with = [\n    "min-int",\n]' in text
    assert "[[dialogue]]\ndate = 2026-03-30\nwith" in text
    path = tmp_path / "copy.toml"
    save_plan(load_plan(RECS_EXAMPLE), path, drop_comments=True)
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "path", [CONTRACT_EXAMPLE, *sorted(EXAMPLE_PLANS.glob("*.toml"))], ids=lambda p: p.name
)
def test_plans_without_the_new_tables_are_unchanged(path: Path) -> None:
    plan = load_plan(path)
    text = dumps_plan(plan)
    if "[[recommendations]]" not in path.read_text(encoding="utf-8"):
        for header in ("[[recommendations]]", "[[dialogue]]", "[[team_roles]]"):
            assert header not in text
        assert "recommendations = " not in text
    if path.parent == EXAMPLE_PLANS:
        assert text == path.read_text(encoding="utf-8")


def test_vocabularies_have_words_in_both_languages() -> None:
    vocabularies = {
        "position": POSITIONS,
        "priority": PRIORITIES,
        "indicator_type": INDICATOR_TYPES,
        "form": DIALOGUE_FORMS,
        "implementation": IMPLEMENTATIONS,
        "why": REASONS,
    }
    english = {name: method.labels(name) for name in vocabularies}
    set_language("fr")
    french = {name: method.labels(name) for name in vocabularies}
    for name, values in vocabularies.items():
        assert tuple(english[name]) == values == tuple(french[name])
        assert all(english[name].values()) and all(french[name].values())
    assert french["position"]["rejected"] == "rejetée"
    assert french["why"]["legal-obstacle"] == "obstacle juridique"
    assert french["form"]["round-table"] == "table ronde"
    assert english["implementation"]["partially"] == "partially implemented"


# ------------------------------------------------------------------ links (errors)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            'addressed_to = ["min-int"]',
            'addressed_to = ["min-justice"]',
            'addressed_to = ["min-justice"]',
            "recommendation r-2026-21 is addressed to 'min-justice', which is not a stakeholder",
        ),
        (
            'stakeholders = ["min-int"]',
            'stakeholders = ["min-ext"]',
            'stakeholders = ["min-ext"]',
            "team role of Équipe de suivi names 'min-ext', which is not a stakeholder",
        ),
        (
            'recommendations = ["r-2026-14", "r-2026-21"]',
            'recommendations = ["r-2026-14", "r-2026-99"]',
            '"r-2026-99"',
            "action a-2d8b refers to recommendation 'r-2026-99', which is not in the plan",
        ),
        (
            'with = ["min-int"]',
            'with = ["police"]',
            'with = ["police"]',
            "dialogue of 2026-03-30 is with 'police', which is not a stakeholder",
        ),
        (
            'next_steps = "Le ministère de la Santé propose un projet de formulaire avant le 30 '
            'juin."\nrecommendations = ["r-2026-14"]',
            'next_steps = "x"\nrecommendations = ["r-14"]',
            'recommendations = ["r-14"]',
            "dialogue of 2026-05-12 refers to recommendation 'r-14', which is not in the plan",
        ),
        (
            'recommendation = "r-2026-21"',
            'recommendation = "r-2026-12"',
            'recommendation = "r-2026-12"',
            "review of 2027-02-10 refers to recommendation 'r-2026-12', which is not in the plan",
        ),
    ],
)
def test_links_that_point_nowhere_are_errors_with_their_line(
    tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    text = recs_text()
    assert old in text
    text = text.replace(old, new)
    error = load_error(tmp_path, text)
    assert message in error.message
    assert error.line == line_of(text, needle)
    assert error.render().startswith(f"{tmp_path / 'plan.toml'}:{error.line}: ")


def test_duplicate_recommendation_ids(tmp_path: Path) -> None:
    text = recs_text().replace('id = "r-2026-21"', 'id = "r-2026-14"')
    error = load_error(tmp_path, text)
    assert "duplicate id 'r-2026-14'" in error.message
    assert error.line == line_of(text, 'id = "r-2026-14"', 2)


def test_unknown_reason_code_names_the_allowed_words_and_the_line(tmp_path: Path) -> None:
    text = recs_text().replace('why = ["budget", "resistance"]', 'why = ["budget", "money"]')
    error = load_error(tmp_path, text)
    assert "'money' is not allowed" in error.message
    assert "not-understood, budget, resistance, legal-obstacle, capacity, other" in error.message
    assert error.line == line_of(text, 'why = ["budget", "money"]')


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ('position = "no-reply"', 'position = "supported"', "no-reply, accepted"),
        ('form = "round-table"', 'form = "phone"', "written-reply, letter, meeting"),
        ('implementation = "partially"', 'implementation = "half"', "not-started, partially"),
    ],
)
def test_words_outside_the_new_vocabularies(
    tmp_path: Path, old: str, new: str, allowed: str
) -> None:
    text = recs_text().replace(old, new)
    error = load_error(tmp_path, text)
    assert allowed in error.message
    assert error.line == line_of(text, new)


# ------------------------------------------------------------------ the checklist


def messages(plan: Plan) -> list[str]:
    return [gap.message for gap in plan_gaps(plan)]


def test_checklist_warns_of_an_overdue_reply_on_the_clock() -> None:
    plan = recs_plan()  # today is 2027-01-15: r-2026-21's reply was due 2026-03-21
    overdue = [g for g in plan_gaps(plan) if "written reply" in g.message]
    assert [(g.item_id, g.step) for g in overdue] == [("r-2026-21", "monitoring")]
    assert "r-2026-21 (§ 21) was due on 2026-03-21" in overdue[0].message
    plan.recommendations[1].reply_received = dt.date(2026, 4, 2)
    assert not [m for m in messages(plan) if "written reply" in m]


def test_a_reply_due_today_is_not_overdue() -> None:
    plan = recs_plan()
    rec = plan.recommendations[1]
    rec.reply_due = dt.date(2027, 1, 15)
    assert not reply_overdue(rec, dt.date(2027, 1, 15))
    assert reply_overdue(rec, dt.date(2027, 1, 16))


def test_checklist_warns_of_a_recommendation_with_no_action() -> None:
    plan = recs_plan()
    assert not [m for m in messages(plan) if "has no action" in m]
    plan.actions[0].recommendations = ["r-2026-14"]
    gaps = [g for g in plan_gaps(plan) if "has no action" in g.message]
    assert [(g.item_id, g.step) for g in gaps] == [("r-2026-21", "planning")]
    # A dropped action implements nothing; a recommendation fully implemented needs none.
    plan.actions[1].status = "dropped"
    plan.actions[0].recommendations = []
    assert {g.item_id for g in plan_gaps(plan) if "has no action" in g.message} == {
        "r-2026-14",
        "r-2026-21",
    }
    plan.reviews[0].recommendations[0].implementation = "fully"
    assert {g.item_id for g in plan_gaps(plan) if "has no action" in g.message} == {"r-2026-21"}


def test_checklist_warns_of_an_action_on_a_rejected_recommendation() -> None:
    plan = recs_plan()
    plan.recommendations[1].position = "rejected"
    gaps = [g for g in plan_gaps(plan) if "rejected" in g.message]
    assert [g.item_id for g in gaps] == ["a-2d8b"]
    assert "r-2026-21 (§ 21)" in gaps[0].message


# ------------------------------------------------------------------ the sums


def test_each_recommendation_state_on_the_clock(fixed_today: dt.date) -> None:
    plan = recs_plan()
    first, second = recommendation_states(plan, fixed_today)
    assert first.authorities == ("Ministère de l'Intérieur", "Ministère de la Santé")
    assert (first.position, first.overdue, first.days_overdue) == ("accepted", False, 0)
    assert [a.id for a in first.actions] == ["a-2d8b", "a-48ab"]
    assert first.implementation == "partially"
    assert second.overdue and second.days_overdue == (fixed_today - dt.date(2026, 3, 21)).days
    assert [a.id for a in second.actions] == ["a-2d8b"]
    assert second.implementation == "not-started"
    assert second.last is not None and second.last.why == ("not-understood",)


def test_implementation_history_over_reviews_in_date_order() -> None:
    plan = recs_plan()
    later = plan.reviews[0].model_copy(deep=True)
    later.date = dt.date(2028, 2, 10)
    later.recommendations[0].implementation = "fully"
    later.recommendations[0].why = []
    plan.reviews = [later, plan.reviews[0]]  # out of order in the file
    history = implementation_history(plan, "r-2026-14")
    assert [(s.date, s.implementation, s.why) for s in history] == [
        (dt.date(2027, 2, 10), "partially", ("budget", "resistance")),
        (dt.date(2028, 2, 10), "fully", ()),
    ]
    assert recommendation_states(plan, dt.date(2028, 3, 1))[0].implementation == "fully"
    assert implementation_history(plan, "r-none") == ()


def test_a_stakeholder_without_a_name_is_shown_by_its_id(fixed_today: dt.date) -> None:
    plan = recs_plan()
    plan.stakeholders[1].name = ""
    assert recommendation_states(plan, fixed_today)[0].authorities == (
        "Ministère de l'Intérieur",
        "min-sante",
    )


def test_folder_table_puts_overdue_replies_first(tmp_path: Path) -> None:
    text = recs_text()
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    soon = text.replace('id = "suivi-mnp-2026-4b1e"', 'id = "other"').replace(
        "reply_due = 2026-03-21\n\n[vision]", "reply_due = 2027-01-20\n\n[vision]"
    )
    (tmp_path / "b.toml").write_text(soon, encoding="utf-8")
    (tmp_path / "c.toml").write_text("schema_version = 1\ntitle = 3\n", encoding="utf-8")
    rows, errors = folder_recommendations(sorted(tmp_path.glob("*.toml")), dt.date(2027, 1, 15), 14)
    assert [(r.path.name, r.state.id, r.reply) for r in rows] == [
        ("a.toml", "r-2026-21", "overdue"),
        ("b.toml", "r-2026-21", "due-soon"),
        ("a.toml", "r-2026-14", "received"),
        ("b.toml", "r-2026-14", "received"),
    ]
    assert [(e.path.name, e.line) for e in errors] == [("c.toml", 2)]
    rows, _ = folder_recommendations([tmp_path / "b.toml"], dt.date(2027, 1, 15), 3)
    assert rows[0].reply == "waiting"


# ------------------------------------------------------------------ the dialogue log


def test_a_written_reply_dates_the_reply_and_sets_the_position() -> None:
    plan = recs_plan()
    entry = DialogueEntry(
        date=dt.date(2026, 4, 20),
        with_=["min-int"],
        form="written-reply",
        summary="Réponse : prise en note.",
        recommendations=["r-2026-21", "r-2026-14"],
    )
    changed = record_dialogue(plan, entry, position="noted")
    assert changed == ["r-2026-21", "r-2026-14"]
    assert plan.recommendation("r-2026-21") is not None
    second, first = plan.recommendation("r-2026-21"), plan.recommendation("r-2026-14")
    assert second is not None and first is not None
    assert (second.reply_received, second.position) == (dt.date(2026, 4, 20), "noted")
    # The first reply counts: an earlier one stays.
    assert (first.reply_received, first.position) == (dt.date(2026, 3, 30), "noted")
    # In date order in the log, and the plan still saves and loads.
    assert [d.date for d in plan.dialogue] == [
        dt.date(2026, 3, 30),
        dt.date(2026, 4, 20),
        dt.date(2026, 5, 12),
    ]
    assert load_plan_text(dumps_plan(plan)).dialogue[1].summary == "Réponse : prise en note."


def load_plan_text(text: str) -> Plan:
    return parse_plan_text(text)


def test_an_earlier_written_reply_replaces_a_later_date_and_no_position_keeps_it() -> None:
    plan = recs_plan()
    entry = DialogueEntry(
        date=dt.date(2026, 3, 25), form="written-reply", recommendations=["r-2026-14"]
    )
    assert record_dialogue(plan, entry) == ["r-2026-14"]
    rec = plan.recommendations[0]
    assert (rec.reply_received, rec.position) == (dt.date(2026, 3, 25), "accepted")
    assert plan.dialogue[0] is entry


def test_other_forms_of_dialogue_change_no_reply() -> None:
    plan = recs_plan()
    entry = DialogueEntry(date=dt.date(2026, 6, 1), form="meeting", recommendations=["r-2026-21"])
    assert record_dialogue(plan, entry, position="accepted") == []
    rec = plan.recommendations[1]
    assert (rec.reply_received, rec.position) == (None, "no-reply")
    assert plan.dialogue[-1] is entry


@pytest.mark.parametrize(
    ("entry", "position", "message"),
    [
        (DialogueEntry(date=dt.date(2026, 6, 1), with_=["x"]), None, "'x' is not a stakeholder"),
        (
            DialogueEntry(date=dt.date(2026, 6, 1), recommendations=["r-0"]),
            None,
            "'r-0' is not a recommendation",
        ),
        (
            DialogueEntry(date=dt.date(2026, 6, 1), form="written-reply"),
            "supported",
            "'supported' is not allowed",
        ),
    ],
)
def test_a_dialogue_entry_that_names_nothing_changes_nothing(
    entry: DialogueEntry, position: str | None, message: str
) -> None:
    plan = recs_plan()
    before = dumps_plan(plan)
    with pytest.raises(ValueError, match=message):
        record_dialogue(plan, entry, position=position)
    assert dumps_plan(plan) == before


def test_a_plan_started_from_one_with_recommendations_keeps_them_without_the_replies() -> None:
    from planwizard.templates import plan_from_template

    source = recs_plan()
    plan = plan_from_template(source, created=dt.date(2027, 1, 15))
    reread = parse_plan_text(dumps_plan(plan))  # every link still points somewhere
    new_ids = [s.id for s in reread.stakeholders]
    assert "min-int" not in new_ids
    assert reread.recommendations[0].addressed_to == new_ids
    assert reread.team_roles[1].stakeholders == [new_ids[0]]
    assert [(r.position, r.reply_due, r.reply_received) for r in reread.recommendations] == [
        ("no-reply", None, None),
        ("no-reply", None, None),
    ]
    assert reread.recommendations[0].text == source.recommendations[0].text
    assert reread.actions[0].recommendations == ["r-2026-14", "r-2026-21"]
    assert reread.dialogue == [] and reread.reviews == []


def test_a_stakeholder_the_recommendations_name_is_kept() -> None:
    from planwizard.session import remove_stakeholder

    plan = recs_plan()
    assert remove_stakeholder(plan, "min-sante") == "linked"
    assert [s.id for s in plan.stakeholders] == ["min-int", "min-sante"]
    plan.recommendations[0].addressed_to = ["min-int"]
    plan.team_roles[0].stakeholders = ["min-int"]
    plan.dialogue[1].with_ = ["min-int"]
    assert remove_stakeholder(plan, "min-sante") == "deleted"
    parse_plan_text(dumps_plan(plan))  # still saves and loads


# ------------------------------------------------------------------ the yearly review


def test_a_review_assesses_recommendations_with_their_history() -> None:
    from planwizard.review import commit_review, start_review

    plan = recs_plan()
    draft = start_review(plan, dt.date(2028, 2, 10))
    assert [r.recommendation_id for r in draft.recommendations] == ["r-2026-14", "r-2026-21"]
    first = draft.recommendation("r-2026-14")
    assert [(d, u.implementation) for d, u in first.history] == [
        (dt.date(2027, 2, 10), "partially")
    ]
    assert first.last is not None and first.last.why == ["budget", "resistance"]
    assert not first.discussed
    second = draft.recommendation("r-2026-21")
    second.implementation = "partially"
    second.why = ["capacity", "budget", "capacity"]
    second.done = "  Registre testé dans trois commissariats. "
    committed = commit_review(plan, draft)
    findings = committed.reviews[-1].recommendations
    assert [(f.recommendation, f.implementation, f.why, f.done) for f in findings] == [
        (
            "r-2026-21",
            "partially",
            ["capacity", "budget"],
            "Registre testé dans trois commissariats.",
        )
    ]
    assert implementation_history(committed, "r-2026-21")[-1].implementation == "partially"
    reread = parse_plan_text(dumps_plan(committed))
    assert reread.reviews[-1].recommendations == findings
    assert plan.reviews[-1].date == dt.date(2027, 2, 10)  # the plan itself is untouched


def test_a_review_refuses_unknown_reason_codes() -> None:
    from planwizard.review import ReviewError, commit_review, start_review

    plan = recs_plan()
    draft = start_review(plan, dt.date(2028, 2, 10))
    draft.recommendation("r-2026-14").why = ["money"]  # type: ignore[list-item]
    with pytest.raises(ReviewError, match="unknown reason money; use: not-understood"):
        commit_review(plan, draft)


def test_the_method_text_for_recommendations_follows_the_source_in_both_languages() -> None:
    english = method.recommendations_guidance()
    assert len(english.questions) == 7
    assert "written reply" in english.questions[3] and "deadline" in english.questions[3]
    assert "focal point" in english.questions[2]
    set_language("fr")
    french = method.recommendations_guidance()
    assert french.title == "Suivi des recommandations avec les autorités"
    assert "tables rondes interinstitutionnelles" in french.intro
    assert "afin d’assurer leur adhésion à un stade précoce\u00a0?" in french.questions[1]
    assert "instaurer la confiance, de surmonter les résistances" in french.questions[4]
    assert "ce qui a été fait, ce qui ne l’a pas été, et pourquoi\u00a0?" in french.questions[6]


# ------------------------------------------------------------------ pasting a list


def test_pasted_recommendations_one_per_line_with_their_reference() -> None:
    from planwizard.recommendations import recommendations_from_text

    pasted = """
§ 14 Garantir un examen médical à l'arrivée.
- para. 21 – Tenir un registre unique.

14.2 - Former les agents.
(3) Informer les familles.
2026 a été une année difficile pour les commissariats.
"""
    recs = recommendations_from_text(
        pasted,
        taken=["rec-000001"],
        source="Rapport annuel 2026",
        issued=dt.date(2026, 1, 20),
        addressed_to=["min-int"],
    )
    assert [(r.reference, r.text) for r in recs] == [
        ("§ 14", "Garantir un examen médical à l'arrivée."),
        ("para. 21", "Tenir un registre unique."),
        ("14.2", "Former les agents."),
        ("(3)", "Informer les familles."),
        ("", "2026 a été une année difficile pour les commissariats."),
    ]
    assert len({r.id for r in recs}) == 5 and all(r.id.startswith("rec-") for r in recs)
    assert all(r.source == "Rapport annuel 2026" and r.addressed_to == ["min-int"] for r in recs)
    assert all(r.issued == dt.date(2026, 1, 20) and r.position == "no-reply" for r in recs)
    assert recommendations_from_text("\n  \n") == []


def test_the_folder_table_filters_by_authority_position_and_implementation(
    tmp_path: Path,
) -> None:
    from planwizard.recommendations import NOT_ASSESSED, authorities, filter_rows

    (tmp_path / "a.toml").write_text(recs_text(), encoding="utf-8")
    other = recs_text().replace('id = "suivi-mnp-2026-4b1e"', 'id = "other"')
    other = other.replace("[[reviews.recommendations]]", "[[reviews.other]]")
    (tmp_path / "b.toml").write_text(other, encoding="utf-8")
    rows, _ = folder_recommendations(sorted(tmp_path.glob("*.toml")), dt.date(2027, 1, 15), 30)
    assert authorities(rows) == ["Ministère de l'Intérieur", "Ministère de la Santé"]

    def ids(found: list[Any]) -> list[tuple[str, str]]:
        return [(r.path.name, r.state.id) for r in found]

    assert ids(filter_rows(rows, authority="ministère de la santé")) == [
        ("a.toml", "r-2026-14"),
        ("b.toml", "r-2026-14"),
    ]
    assert ids(filter_rows(rows, authority="min-sante", position="accepted")) == ids(
        filter_rows(rows, authority="Ministère de la Santé")
    )
    assert ids(filter_rows(rows, position="no-reply", implementation="not-started")) == [
        ("a.toml", "r-2026-21")
    ]
    assert ids(filter_rows(rows, implementation=NOT_ASSESSED)) == [
        ("b.toml", "r-2026-21"),
        ("b.toml", "r-2026-14"),
    ]
    assert filter_rows(rows) == rows
