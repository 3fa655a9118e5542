"""Holding a review: the agenda, the record written to the plan, the history read back."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwizard.model import STATUSES, Action, ActionUpdate, Indicator, Measurement, Plan, Review
from planwizard.monitoring import summarize
from planwizard.review import (
    ReviewError,
    commit_review,
    review_history,
    start_review,
)
from planwizard.storage import load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE

D = dt.date
REVIEW_DAY = D(2027, 3, 1)  # the contract example's agreed next review


@pytest.fixture
def plan() -> Plan:
    return load_plan(CONTRACT_EXAMPLE)


def snapshot(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(mode="json")


# ------------------------------------------------------------------ the agenda


def test_agenda_of_the_contract_example(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    # a-3c9e was due on 2027-01-31: overdue on the review day, so it comes first.
    assert [e.action_id for e in draft.actions] == ["a-3c9e", "a-81d0", "a-f412"]
    assert draft.actions[0].overdue
    assert not draft.actions[1].overdue
    assert draft.facilitator == "Awa Diallo"
    assert draft.proposed_next_review == draft.next_review == D(2027, 6, 1)  # quarterly
    last = draft.action("a-3c9e").last_update
    assert last is not None and last.done == "Premier projet de fiche circulé aux partenaires"
    assert draft.discussed_actions == []


def test_agenda_shows_each_indicator_with_its_earlier_readings(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    orient = draft.indicator("i-orient")
    assert [(r.date, r.value, r.note) for r in orient.history] == [
        (D(2026, 12, 15), 15, "Relevé de novembre")
    ]
    assert orient.history[0].progress == pytest.approx((15 - 10) / (80 - 10))
    assert orient.progress is None  # no new reading yet
    orient.value = 45
    assert orient.progress == pytest.approx(0.5)
    assert draft.indicator("i-formes").history == []


def test_agenda_order_overdue_and_blocked_first_closed_last() -> None:
    plan = Plan(schema_version=1, title="Order")
    plan.actions = [
        Action(id="a-done", title="Done", due=D(2027, 1, 1), status="done"),
        Action(id="a-later", title="Later", due=D(2027, 9, 1)),
        Action(id="a-undated", title="Undated"),
        Action(id="a-blocked", title="Blocked", due=D(2027, 12, 1), status="blocked"),
        Action(id="a-dropped", title="Dropped", due=D(2026, 1, 1), status="dropped"),
        Action(id="a-soon", title="Soon", due=D(2027, 4, 1)),
        Action(id="a-late", title="Late", due=D(2027, 2, 1), status="in-progress"),
        Action(id="a-was-blocked", title="Was blocked", due=D(2027, 10, 1), status="planned"),
    ]
    plan.reviews = [
        Review(
            date=D(2026, 12, 1), updates=[ActionUpdate(action="a-was-blocked", status="planned")]
        ),
        # Later by date though earlier in the file: this one counts.
        Review(
            date=D(2027, 1, 1), updates=[ActionUpdate(action="a-was-blocked", status="blocked")]
        ),
    ]
    plan.reviews.reverse()
    draft = start_review(plan, REVIEW_DAY)
    assert [e.action_id for e in draft.actions] == [
        "a-late",
        "a-was-blocked",
        "a-blocked",
        "a-soon",
        "a-later",
        "a-undated",
        "a-dropped",
        "a-done",
    ]
    assert [e.closed for e in draft.actions][-2:] == [True, True]


def test_facilitator_falls_back_to_the_workshop_and_can_be_given() -> None:
    plan = Plan(schema_version=1, title="F")
    plan.workshop.facilitators = ["Jeanne", "Paul"]
    assert start_review(plan, REVIEW_DAY).facilitator == "Jeanne"
    assert start_review(plan, REVIEW_DAY, facilitator="Moussa").facilitator == "Moussa"
    assert start_review(Plan(schema_version=1, title="G"), REVIEW_DAY).facilitator == ""


def test_without_a_cadence_the_agreed_later_date_is_proposed() -> None:
    plan = Plan(schema_version=1, title="No cadence")
    assert start_review(plan, REVIEW_DAY).next_review is None
    plan.monitoring.next_review = D(2027, 5, 1)
    assert start_review(plan, REVIEW_DAY).next_review == D(2027, 5, 1)
    assert start_review(plan, D(2027, 6, 1)).next_review is None


def test_next_review_from_a_month_end_review() -> None:
    plan = Plan(schema_version=1, title="Month end")
    plan.monitoring.cadence = "monthly"
    assert start_review(plan, D(2027, 1, 31)).next_review == D(2027, 2, 28)
    plan.monitoring.cadence = "yearly"
    assert start_review(plan, D(2028, 2, 29)).next_review == D(2029, 2, 28)


def test_starting_a_review_changes_nothing(plan: Plan) -> None:
    before = snapshot(plan)
    draft = start_review(plan, REVIEW_DAY)
    draft.action("a-3c9e").status = "done"
    draft.action("a-3c9e").action.title = "edited in the draft"
    assert snapshot(plan) == before


# ------------------------------------------------------------------ a full review


def hold_full_review(plan: Plan) -> tuple[Plan, str]:
    draft = start_review(plan, REVIEW_DAY)
    fiche = draft.action("a-3c9e")
    fiche.status = "done"
    fiche.done = "Fiche adoptée par les trois partenaires  "
    fiche.note = "Imprimée en 200 exemplaires"
    training = draft.action("a-81d0")
    training.status = "blocked"
    training.done = "Demande envoyée à la commission"
    training.not_done = "Aucune session programmée"
    training.why = "Budget de formation gelé"
    draft.redate("a-81d0", D(2027, 6, 15))
    # a-f412 is not discussed: it must get no update.
    new = draft.add_action(
        "Présenter la fiche au conseil de district",
        owner="Centre de santé",
        due=D(2027, 4, 30),
        kind="practical",
        level="local",
    )
    draft.indicator("i-orient").value = 35
    draft.indicator("i-orient").note = "Relevé de février"
    draft.indicator("i-formes").value = 0
    draft.summary = "La fiche est adoptée ; la formation attend le budget."
    draft.revisit_problem = True
    draft.next_review = D(2027, 5, 15)
    return commit_review(plan, draft), new.action_id


def test_full_review_saved_and_read_back_field_by_field(plan: Plan, tmp_path: Path) -> None:
    original = snapshot(plan)
    reviewed, new_id = hold_full_review(plan)
    assert snapshot(plan) == original  # the caller's plan is untouched

    path = tmp_path / "plan.toml"
    save_plan(reviewed, path)
    again = load_plan(path)

    assert len(again.reviews) == 2
    earlier, review = again.reviews
    assert earlier.model_dump() == load_plan(CONTRACT_EXAMPLE).reviews[0].model_dump()

    assert review.id is not None and review.id.startswith("r-")
    assert review.date == REVIEW_DAY
    assert review.facilitator == "Awa Diallo"
    assert review.summary == "La fiche est adoptée ; la formation attend le budget."
    assert review.revisit_problem is True
    # Plan order, untouched a-f412 left out, the new action last.
    assert [u.action for u in review.updates] == ["a-3c9e", "a-81d0", new_id]
    fiche, training, added = review.updates
    assert fiche.status == "done"
    assert fiche.done == "Fiche adoptée par les trois partenaires"  # trimmed
    assert (fiche.not_done, fiche.why, fiche.due) == ("", "", None)
    assert fiche.note == "Imprimée en 200 exemplaires"
    assert training.status == "blocked"
    assert training.done == "Demande envoyée à la commission"
    assert training.not_done == "Aucune session programmée"
    assert training.why == "Budget de formation gelé"
    assert training.due == D(2027, 6, 15)
    assert added.status == "planned"
    assert added.due is None  # a new action is not "re-dated"
    assert [(m.indicator, m.value, m.note) for m in review.measurements] == [
        ("i-orient", 35, "Relevé de février"),
        ("i-formes", 0, ""),
    ]

    # Each action's status follows the latest review; the new action joined the plan.
    statuses = {a.id: a.status for a in again.actions}
    assert statuses == {
        "a-3c9e": "done",
        "a-81d0": "blocked",
        "a-f412": "planned",
        new_id: "planned",
    }
    training_action = again.action("a-81d0")
    assert training_action is not None and training_action.due == D(2027, 6, 15)
    new_action = again.action(new_id)
    assert new_action is not None
    assert (new_action.title, new_action.owner, new_action.due) == (
        "Présenter la fiche au conseil de district",
        "Centre de santé",
        D(2027, 4, 30),
    )
    assert (new_action.kind, new_action.level) == ("practical", "local")
    assert again.monitoring.next_review == D(2027, 5, 15)
    assert again.monitoring.cadence == "quarterly"


def test_saved_review_has_the_contract_shape(plan: Plan, tmp_path: Path) -> None:
    reviewed, new_id = hold_full_review(plan)
    path = tmp_path / "plan.toml"
    text = save_plan(reviewed, path)
    data = tomllib.loads(text)
    assert text.count("[[reviews]]") == 2
    assert text.count("[[reviews.updates]]") == 4
    assert text.count("[[reviews.measurements]]") == 3
    saved = data["reviews"][1]
    assert list(saved)[:5] == ["id", "date", "facilitator", "summary", "revisit_problem"]
    assert saved["date"] == REVIEW_DAY
    assert saved["updates"][0] == {
        "action": "a-3c9e",
        "status": "done",
        "done": "Fiche adoptée par les trois partenaires",
        "note": "Imprimée en 200 exemplaires",
    }
    assert saved["updates"][1]["due"] == D(2027, 6, 15)
    assert saved["updates"][2] == {"action": new_id, "status": "planned"}
    assert saved["measurements"][1] == {"indicator": "i-formes", "value": 0}


def test_review_summary_afterwards(plan: Plan) -> None:
    reviewed, _new_id = hold_full_review(plan)
    summary = summarize(reviewed, D(2027, 3, 2))
    assert summary.actions_done == 1
    assert not summary.review_due
    assert summary.next_review == D(2027, 5, 15)
    assert summary.last_review == REVIEW_DAY


def test_a_note_alone_records_the_unchanged_status(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    draft.action("a-f412").note = "Pas encore abordé avec le ministère"
    reviewed = commit_review(plan, draft)
    [update] = reviewed.reviews[-1].updates
    assert (update.action, update.status) == ("a-f412", "planned")
    assert reviewed.reviews[-1].measurements == []


def test_whitespace_alone_is_not_a_discussion(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    draft.action("a-f412").note = "  \n"
    assert commit_review(plan, draft).reviews[-1].updates == []


def test_dropping_an_action_in_the_sitting(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    draft.drop("a-f412", why="Le ministère refuse de signer")
    reviewed = commit_review(plan, draft)
    [update] = reviewed.reviews[-1].updates
    assert (update.status, update.why) == ("dropped", "Le ministère refuse de signer")
    dropped = reviewed.action("a-f412")
    assert dropped is not None and dropped.status == "dropped"
    assert summarize(reviewed, REVIEW_DAY).actions_total == 2


def test_a_closed_action_can_be_reopened() -> None:
    plan = Plan(schema_version=1, title="Reopen")
    plan.actions = [Action(id="a-1", title="Done too soon", status="done")]
    draft = start_review(plan, REVIEW_DAY)
    draft.action("a-1").status = "in-progress"
    reviewed = commit_review(plan, draft)
    assert reviewed.actions[0].status == "in-progress"


def test_new_action_ids_are_new(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    ids = {draft.add_action(f"Action {n}").action_id for n in range(20)}
    assert len(ids) == 20
    assert not ids & plan.all_item_ids()


def test_indicator_without_baseline_starts_at_its_first_reading() -> None:
    plan = Plan(schema_version=1, title="Waiting")
    plan.indicators = [Indicator(id="i-wait", name="Waiting days", target=5)]
    draft = start_review(plan, REVIEW_DAY)
    draft.indicator("i-wait").value = 25
    assert draft.indicator("i-wait").progress == 0.0
    plan = commit_review(plan, draft)
    draft = start_review(plan, D(2027, 6, 1))
    reading = draft.indicator("i-wait")
    assert reading.start == 25
    reading.value = 15
    assert reading.progress == pytest.approx(0.5)


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: setattr(d.indicator("i-formes"), "note", "pas de relevé"), "no reading"),
        (lambda d: setattr(d, "next_review", REVIEW_DAY), "must come after"),
        (lambda d: d.add_action("   "), "needs a title"),
        (lambda d: setattr(d, "plan_id", "plan-other"), "another plan"),
    ],
)
def test_drafts_that_cannot_be_committed(plan: Plan, change: Any, message: str) -> None:
    draft = start_review(plan, REVIEW_DAY)
    change(draft)
    with pytest.raises(ReviewError, match=message) as caught:
        commit_review(plan, draft)
    assert len(caught.value.problems) == 1
    assert len(plan.reviews) == 1


def test_an_action_removed_meanwhile_is_named(plan: Plan) -> None:
    draft = start_review(plan, REVIEW_DAY)
    draft.action("a-f412").status = "done"
    plan.actions = [a for a in plan.actions if a.id != "a-f412"]
    with pytest.raises(ReviewError, match="Signer un mémorandum"):
        commit_review(plan, draft)


# ------------------------------------------------------------------ out of date order


def test_a_forgotten_earlier_review_does_not_overwrite_newer_decisions(plan: Plan) -> None:
    plan.reviews[0].updates[0].due = D(2027, 1, 31)  # the Dec 15 review set this date
    draft = start_review(plan, D(2026, 12, 1))
    draft.action("a-3c9e").status = "planned"  # the Dec 15 review said in-progress
    draft.action("a-81d0").status = "in-progress"  # no later review spoke of it
    draft.redate("a-3c9e", D(2027, 2, 28))
    draft.redate("a-81d0", D(2027, 4, 15))
    draft.next_review = D(2027, 1, 1)
    reviewed = commit_review(plan, draft)
    statuses = {a.id: a.status for a in reviewed.actions}
    assert statuses["a-3c9e"] == "in-progress"
    assert statuses["a-81d0"] == "in-progress"
    dues = {a.id: a.due for a in reviewed.actions}
    assert dues["a-3c9e"] == D(2027, 1, 31)
    assert dues["a-81d0"] == D(2027, 4, 15)
    assert reviewed.monitoring.next_review == D(2027, 3, 1)
    assert reviewed.reviews[0].model_dump() == plan.reviews[0].model_dump()


def test_a_second_review_on_the_same_day_counts_as_the_later(plan: Plan) -> None:
    first = start_review(plan, REVIEW_DAY)
    first.action("a-81d0").status = "blocked"
    plan = commit_review(plan, first)
    second = start_review(plan, REVIEW_DAY)
    assert second.action("a-81d0").blocked_last_time
    assert second.actions[0].action_id == "a-3c9e"  # still overdue, earlier due date
    second.action("a-81d0").status = "in-progress"
    plan = commit_review(plan, second)
    training = plan.action("a-81d0")
    assert training is not None and training.status == "in-progress"


@given(
    choices=st.lists(st.sampled_from((None, *STATUSES)), min_size=3, max_size=3),
    offset=st.integers(min_value=-60, max_value=200),
)
def test_statuses_always_follow_each_actions_latest_review(choices: list[Any], offset: int) -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    before = [r.model_dump() for r in plan.reviews]
    draft = start_review(plan, D(2026, 12, 15) + dt.timedelta(days=offset))
    draft.next_review = None
    for action, status in zip(plan.actions, choices, strict=True):
        draft.action(action.id).status = status
    reviewed = commit_review(plan, draft)
    assert [r.model_dump() for r in reviewed.reviews[:-1]] == before
    for action in reviewed.actions:
        said = [
            (review.date, index, update.status)
            for index, review in enumerate(reviewed.reviews)
            for update in review.updates
            if update.action == action.id and update.status
        ]
        original = plan.action(action.id)
        assert original is not None
        expected = max(said)[2] if said else original.status
        assert action.status == expected


# ------------------------------------------------------------------ history


def test_history_in_date_order_with_status_changes_and_readings(plan: Plan) -> None:
    reviewed, new_id = hold_full_review(plan)
    third = start_review(reviewed, D(2027, 5, 15))
    third.action("a-81d0").status = "in-progress"
    third.action("a-81d0").why = "Budget débloqué"
    third.indicator("i-orient").value = 60
    reviewed = commit_review(reviewed, third)
    reviewed.reviews.reverse()  # the file order must not matter

    history = review_history(reviewed)
    assert [r.date for r in history] == [D(2026, 12, 15), REVIEW_DAY, D(2027, 5, 15)]
    first, second, last = history
    assert first.facilitator == "Awa Diallo"
    assert first.summary.startswith("Premier point")
    assert [(c.action_id, c.before, c.after) for c in first.changes] == [
        ("a-3c9e", None, "in-progress")
    ]
    assert [(c.action_id, c.before, c.after, c.changed) for c in second.changes] == [
        ("a-3c9e", "in-progress", "done", True),
        ("a-81d0", None, "blocked", True),
        (new_id, None, "planned", True),
    ]
    assert second.changes[1].due == D(2027, 6, 15)
    assert second.changes[1].why == "Budget de formation gelé"
    assert (
        second.changes[0].title == "Rédiger une fiche d'orientation commune police / santé / foyer"
    )
    assert second.revisit_problem and not first.revisit_problem
    assert [(c.before, c.after) for c in last.changes] == [("blocked", "in-progress")]

    orient = [
        [(r.value, r.previous) for r in rec.readings if r.indicator_id == "i-orient"]
        for rec in history
    ]
    assert orient == [[(15, None)], [(35, 15)], [(60, 35)]]
    progress = [r.progress for rec in history for r in rec.readings if r.indicator_id == "i-orient"]
    assert progress == pytest.approx([5 / 70, 25 / 70, 50 / 70])
    formes = second.readings[1]
    assert (formes.name, formes.unit, formes.value, formes.progress) == (
        "Agents d'accueil formés",
        "agents",
        0,
        0.0,
    )


def test_history_of_a_plan_without_reviews() -> None:
    assert review_history(Plan(schema_version=1, title="New")) == []


def test_history_unchanged_status_is_not_a_change() -> None:
    plan = Plan(schema_version=1, title="Steady")
    plan.actions = [Action(id="a-1", title="Keep going", status="in-progress")]
    plan.indicators = [Indicator(id="i-1", name="Count", target=10)]
    plan.reviews = [
        Review(
            date=D(2027, 1, 1),
            updates=[ActionUpdate(action="a-1", status="in-progress")],
            measurements=[Measurement(indicator="i-1", value=4)],
        ),
        Review(
            date=D(2027, 2, 1),
            updates=[ActionUpdate(action="a-1", status="in-progress", note="still")],
            measurements=[Measurement(indicator="i-1", value=7)],
        ),
    ]
    history = review_history(plan)
    assert not history[1].changes[0].changed
    # No baseline: progress counts from the first reading.
    assert [r.progress for rec in history for r in rec.readings] == [0.0, pytest.approx(0.5)]
