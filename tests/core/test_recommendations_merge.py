"""Merging the recommendation tables (issue 18): recommendations by id, review findings by
recommendation, team roles by person, dialogue entries as a set of whole entries."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.merge import merge_data, merge_plans
from planwizard.model import IMPLEMENTATIONS, POSITIONS, REASONS
from planwizard.storage import dumps_plan, parse_plan_text, plan_from_data, plan_to_data
from planwizard.threeway import _freeze

STAKEHOLDERS = ("min-int", "min-sante", "min-just")
WORDS = st.sampled_from(["", "réponse", "table ronde", "budget", "x"])
DATES = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31))
PEOPLE = st.sampled_from(["Miriam", "Équipe", "Jo"])

PROPERTY = settings(max_examples=40, deadline=None)


def _rec(rec_id: str, draw: st.DrawFn) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": rec_id, "text": draw(WORDS) or "rec"}
    addressed = draw(st.lists(st.sampled_from(STAKEHOLDERS), unique=True, max_size=2))
    if addressed:
        rec["addressed_to"] = addressed
    rec["position"] = draw(st.sampled_from(POSITIONS))
    if draw(st.booleans()):
        rec["reply_due"] = draw(DATES)
    return rec


def _entry(plan: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": draw(DATES)}
    with_ = draw(st.lists(st.sampled_from(STAKEHOLDERS), unique=True, max_size=2))
    if with_:
        entry["with"] = with_
    entry["form"] = draw(st.sampled_from(["written-reply", "meeting", "informal"]))
    summary = draw(WORDS)
    if summary:
        entry["summary"] = summary
    recs = [r["id"] for r in plan.get("recommendations", [])]
    named = draw(st.lists(st.sampled_from(recs), unique=True, max_size=2)) if recs else []
    if named:
        entry["recommendations"] = named
    return entry


def _finding(rec_id: str, draw: st.DrawFn) -> dict[str, Any]:
    finding: dict[str, Any] = {
        "recommendation": rec_id,
        "implementation": draw(st.sampled_from(IMPLEMENTATIONS)),
    }
    why = draw(st.lists(st.sampled_from(REASONS), unique=True, max_size=2))
    if why:
        finding["why"] = why
    return finding


@st.composite
def base_plans(draw: st.DrawFn) -> dict[str, Any]:
    plan: dict[str, Any] = {"schema_version": 1, "id": "plan-p", "title": "suivi"}
    plan["stakeholders"] = [{"id": s, "name": s.upper()} for s in STAKEHOLDERS]
    roles = draw(st.lists(PEOPLE, unique=True, max_size=2))
    if roles:
        plan["team_roles"] = [{"person": p, "stakeholders": ["min-int"]} for p in roles]
    recs = [_rec(f"r-b{n}", draw) for n in range(draw(st.integers(0, 3)))]
    if recs:
        plan["recommendations"] = recs
        plan["actions"] = [
            {
                "id": "a-1",
                "title": "envoyer",
                "status": "planned",
                "recommendations": [recs[0]["id"]],
            }
        ]
    entries = [_entry(plan, draw) for _ in range(draw(st.integers(0, 3)))]
    if entries:
        plan["dialogue"] = sorted(entries, key=lambda e: e["date"])
    if recs and draw(st.booleans()):
        plan["reviews"] = [
            {
                "id": "r-rev",
                "date": dt.date(2027, 2, 10),
                "revisit_problem": False,
                "recommendations": [_finding(recs[-1]["id"], draw)],
            }
        ]
    return plan


def _delete_recommendation(plan: dict[str, Any], index: int) -> None:
    """As the app would: a recommendation leaves with every link to it."""
    recs = plan.get("recommendations", [])
    if not recs:
        return
    gone = recs.pop(index % len(recs))["id"]
    if not recs:
        del plan["recommendations"]
    for table, field in (("actions", "recommendations"), ("dialogue", "recommendations")):
        for item in plan.get(table, []):
            kept = [r for r in item.get(field, []) if r != gone]
            if kept:
                item[field] = kept
            else:
                item.pop(field, None)
    for review in plan.get("reviews", []):
        kept = [f for f in review.get("recommendations", []) if f["recommendation"] != gone]
        if kept:
            review["recommendations"] = kept
        else:
            review.pop("recommendations", None)


@st.composite
def edits(draw: st.DrawFn, base: dict[str, Any], tag: str) -> dict[str, Any]:
    plan = copy.deepcopy(base)
    for step in range(draw(st.integers(0, 5))):
        kind = draw(
            st.sampled_from(
                [
                    "add_rec",
                    "edit_rec",
                    "delete_rec",
                    "link_rec",
                    "add_entry",
                    "edit_entry",
                    "delete_entry",
                    "role",
                    "assess",
                ]
            )
        )
        recs = plan.get("recommendations", [])
        entries = plan.get("dialogue", [])
        if kind == "add_rec":
            plan.setdefault("recommendations", []).append(_rec(f"r-{tag}{step}", draw))
        elif kind == "edit_rec" and recs:
            target = recs[draw(st.integers(0, len(recs) - 1))]
            field = draw(st.sampled_from(["position", "reply_received", "text", "addressed_to"]))
            if field == "position":
                target["position"] = draw(st.sampled_from(POSITIONS))
            elif field == "reply_received":
                target["reply_received"] = draw(DATES)
            elif field == "text":
                target["text"] = draw(WORDS) or "rec"
            else:
                names = set(target.get("addressed_to", [])) ^ {draw(st.sampled_from(STAKEHOLDERS))}
                target["addressed_to"] = [s for s in STAKEHOLDERS if s in names]
                if not target["addressed_to"]:
                    del target["addressed_to"]
        elif kind == "delete_rec":
            _delete_recommendation(plan, draw(st.integers(0, 5)))
        elif kind == "link_rec" and recs and plan.get("actions"):
            links = plan["actions"][0].setdefault("recommendations", [])
            rec_id = recs[draw(st.integers(0, len(recs) - 1))]["id"]
            if rec_id not in links:
                links.append(rec_id)
        elif kind == "add_entry":
            # In date order, as record_dialogue adds them.
            log = plan.setdefault("dialogue", [])
            log.append(_entry(plan, draw))
            log.sort(key=lambda e: e["date"])
        elif kind == "edit_entry" and entries:
            entries[draw(st.integers(0, len(entries) - 1))]["next_steps"] = f"suite {tag}{step}"
        elif kind == "delete_entry" and entries:
            entries.pop(draw(st.integers(0, len(entries) - 1)))
            if not entries:
                del plan["dialogue"]
        elif kind == "role":
            person = draw(PEOPLE)
            roles = plan.setdefault("team_roles", [])
            role = next((r for r in roles if r["person"] == person), None)
            if role is None:
                roles.append(
                    {"person": person, "stakeholders": [draw(st.sampled_from(STAKEHOLDERS))]}
                )
            else:
                role["role"] = f"rôle {tag}{step}"
        elif kind == "assess" and plan.get("reviews") and recs:
            review = plan["reviews"][0]
            rec_id = recs[draw(st.integers(0, len(recs) - 1))]["id"]
            findings = [
                f for f in review.get("recommendations", []) if f["recommendation"] != rec_id
            ]
            review["recommendations"] = [*findings, _finding(rec_id, draw)]
    return plan


def _sides(data: st.DataObject) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    base = data.draw(base_plans(), label="base")
    ours = data.draw(edits(base, "x"), label="ours")
    theirs = data.draw(edits(base, "y"), label="theirs")
    for side in (base, ours, theirs):
        plan_from_data(side, "", "<side>")  # the strategies only make valid plans
    return base, ours, theirs


def _frozen_entries(data: dict[str, Any]) -> list[Any]:
    return [_freeze(e) for e in data.get("dialogue", [])]


def _numbered_entries(data: dict[str, Any]) -> set[tuple[Any, int]]:
    """Each entry with its occurrence number: two identical entries are two entries."""
    seen: Counter[Any] = Counter()
    numbered = set()
    for entry in _frozen_entries(data):
        seen[entry] += 1
        numbered.add((entry, seen[entry]))
    return numbered


@PROPERTY
@given(base_plans())
def test_the_new_tables_round_trip(data: dict[str, Any]) -> None:
    plan = plan_from_data(data, "", "<plan>")
    assert _freeze(plan_to_data(plan)) == _freeze(data)
    text = dumps_plan(plan)
    assert dumps_plan(parse_plan_text(text)) == text


@PROPERTY
@given(st.data())
def test_merging_with_an_unchanged_side_gives_the_changed_side(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    assert merge_data(base, ours, base) == (ours, [])
    assert merge_data(base, base, theirs) == (theirs, [])


@PROPERTY
@given(st.data())
def test_the_merge_loads_and_loses_no_recommendation_or_exchange(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    result = merge_plans(base, ours, theirs)  # raises if the merged plan would not load
    merged = plan_to_data(result.plan)
    text = dumps_plan(result.plan)
    assert dumps_plan(parse_plan_text(text)) == text
    # Recommendations by id: kept unless deleted on one side and unchanged on the other.
    b, o, t = (
        {r["id"]: r for r in side.get("recommendations", [])} for side in (base, ours, theirs)
    )
    deletable = {
        key
        for key, item in b.items()
        if (key not in o and _freeze(t.get(key, item)) == _freeze(item))
        or (key not in t and _freeze(o.get(key, item)) == _freeze(item))
    }
    result_ids = {r["id"] for r in merged.get("recommendations", [])}
    assert (set(o) | set(t)) - deletable <= result_ids <= set(o) | set(t)
    # Dialogue entries as a set of whole entries: both sides' additions kept, an entry
    # removed (or edited, which replaces it) on either side gone.
    b_e, o_e, t_e = (_numbered_entries(side) for side in (base, ours, theirs))
    expected = (o_e & t_e) | (o_e - b_e) | (t_e - b_e)
    assert Counter(_frozen_entries(merged)) == Counter(entry for entry, _ in expected)
    assert not [c for c in result.new_conflicts if c.path.startswith("dialogue")]
    dates = [e["date"] for e in merged.get("dialogue", [])]
    assert dates == sorted(dates)


@PROPERTY
@given(st.data())
def test_swapping_sides_keeps_the_same_recommendations_and_exchanges(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    one, _ = merge_data(base, ours, theirs)
    two, _ = merge_data(base, theirs, ours)
    assert {r["id"] for r in one.get("recommendations", [])} == {
        r["id"] for r in two.get("recommendations", [])
    }
    assert set(_frozen_entries(one)) == set(_frozen_entries(two))
    assert {r["person"] for r in one.get("team_roles", [])} == {
        r["person"] for r in two.get("team_roles", [])
    }


# ------------------------------------------------------------------ examples


def _plan() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "p",
        "title": "suivi",
        "stakeholders": [{"id": "min-int", "name": "Intérieur"}],
        "team_roles": [{"person": "Miriam", "role": "haut niveau", "stakeholders": ["min-int"]}],
        "recommendations": [
            {"id": "r-14", "text": "examen médical", "position": "no-reply"},
            {"id": "r-21", "text": "registre", "position": "no-reply"},
        ],
        "dialogue": [{"date": dt.date(2026, 3, 1), "form": "meeting", "summary": "a"}],
        "reviews": [
            {
                "id": "r-rev",
                "date": dt.date(2027, 2, 10),
                "revisit_problem": False,
                "recommendations": [{"recommendation": "r-14", "implementation": "partially"}],
            }
        ],
    }


def test_two_findings_on_one_recommendation_merge_field_by_field() -> None:
    base = _plan()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["reviews"][0]["recommendations"][0]["why"] = ["budget"]
    theirs["reviews"][0]["recommendations"][0]["follow_up"] = "voir le ministre"
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["reviews"][0]["recommendations"] == [
        {
            "recommendation": "r-14",
            "implementation": "partially",
            "why": ["budget"],
            "follow_up": "voir le ministre",
        }
    ]


def test_reason_codes_and_addressees_merge_as_sets() -> None:
    base = _plan()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["reviews"][0]["recommendations"][0]["why"] = ["budget"]
    theirs["reviews"][0]["recommendations"][0]["why"] = ["capacity"]
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["reviews"][0]["recommendations"][0]["why"] == ["budget", "capacity"]


def test_team_roles_merge_by_person() -> None:
    base = _plan()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["team_roles"][0]["role"] = "ministres"
    theirs["team_roles"].append({"person": "Jo", "role": "technique"})
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["team_roles"] == [
        {"person": "Miriam", "role": "ministres", "stakeholders": ["min-int"]},
        {"person": "Jo", "role": "technique"},
    ]


def test_the_same_position_changed_two_ways_is_a_conflict_by_id() -> None:
    base = _plan()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["recommendations"][1]["position"] = "accepted"
    theirs["recommendations"][1]["position"] = "rejected"
    result = merge_plans(base, ours, theirs)
    assert [c.path for c in result.new_conflicts] == ["recommendations.r-21.position"]
    assert result.plan.recommendations[1].position == "accepted"


def test_an_exchange_edited_on_both_sides_keeps_both_versions() -> None:
    base = _plan()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["dialogue"][0]["summary"] = "a, corrigé"
    theirs["dialogue"][0]["summary"] = "a, complété"
    theirs["dialogue"].append({"date": dt.date(2026, 2, 1), "form": "informal"})
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [(e["date"], e.get("summary")) for e in merged["dialogue"]] == [
        (dt.date(2026, 2, 1), None),
        (dt.date(2026, 3, 1), "a, corrigé"),
        (dt.date(2026, 3, 1), "a, complété"),
    ]


def test_a_recommendation_a_review_or_a_new_link_names_is_not_deleted_silently() -> None:
    base = _plan()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours["recommendations"][0]  # r-14, with the review's finding on it
    del ours["reviews"][0]["recommendations"]
    del ours["recommendations"][0]  # r-21 too
    theirs["reviews"][0]["recommendations"][0]["why"] = ["budget"]  # while theirs assesses r-14
    theirs["actions"] = [{"id": "a-1", "title": "registre", "recommendations": ["r-21"]}]
    result = merge_plans(base, ours, theirs)
    assert [r.id for r in result.plan.recommendations] == ["r-14", "r-21"]
    assert {c.path for c in result.new_conflicts} >= {
        "recommendations.r-14",
        "recommendations.r-21",
    }
