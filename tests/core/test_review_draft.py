"""A review being typed survives on disk and comes back as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planwizard.model import Plan
from planwizard.review import commit_review, start_review
from planwizard.review_draft import (
    discard_draft,
    draft_path,
    read_draft,
    resume_draft,
    save_draft,
)
from planwizard.storage import load_plan
from tests.conftest import CONTRACT_EXAMPLE

REVIEW_DAY = dt.date(2027, 6, 1)


@pytest.fixture
def plan() -> Plan:
    return load_plan(CONTRACT_EXAMPLE)


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_draft_comes_back_and_commits_like_the_original(plan: Plan, tmp_path: Path) -> None:
    plan_path = tmp_path / "plans" / "orientation.toml"
    draft = start_review(plan, REVIEW_DAY)
    draft.facilitator = "Chloé « Coordination »"
    draft.summary = "Deux lignes\net la suite"
    entry = draft.action("a-3c9e")
    entry.status = "done"
    entry.done = "Fiche signée"
    entry.new_due = dt.date(2027, 9, 1)
    new = draft.add_action("Former les agents", owner="Police", kind="practical")
    new.why = "demandé en séance"
    reading = draft.indicator("i-orient")
    reading.value = 42.5
    reading.note = "relevé de mai"
    draft.next_review = None  # the group cleared the proposed date

    written = save_draft(draft, plan_path)
    assert written == draft_path(plan_path)
    assert not written.is_relative_to(plan_path.parent)  # never in the plans folder
    saved = read_draft(plan_path)
    assert saved is not None and saved.date == REVIEW_DAY
    assert (saved.actions_discussed, saved.readings) == (2, 1)
    again, lost = resume_draft(plan, saved)
    assert lost == 0
    assert again.facilitator == draft.facilitator and again.summary == draft.summary
    assert again.next_review is None
    assert again.action("a-3c9e").status == "done"
    assert again.action("a-3c9e").new_due == dt.date(2027, 9, 1)
    [added] = [e for e in again.actions if e.is_new]
    assert (added.title, added.action.owner, added.why) == (
        "Former les agents",
        "Police",
        "demandé en séance",
    )
    assert again.indicator("i-orient").value == 42.5
    # Saving from the resumed draft gives the same plan (new ids aside).
    first = commit_review(plan, draft)
    second = commit_review(plan, again)
    assert first.model_dump(exclude={"actions", "reviews"}) == second.model_dump(
        exclude={"actions", "reviews"}
    )
    assert [a.title for a in first.actions] == [a.title for a in second.actions]

    discard_draft(plan_path)
    assert read_draft(plan_path) is None


def test_answers_about_items_no_longer_in_the_plan_are_counted(plan: Plan, tmp_path: Path) -> None:
    plan_path = tmp_path / "orientation.toml"
    draft = start_review(plan, REVIEW_DAY)
    draft.action("a-3c9e").note = "vu"
    save_draft(draft, plan_path)
    plan.actions = [a for a in plan.actions if a.id != "a-3c9e"]
    saved = read_draft(plan_path)
    assert saved is not None
    _again, lost = resume_draft(plan, saved)
    assert lost == 1


def test_an_unreadable_draft_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    plan_path = tmp_path / "orientation.toml"
    target = draft_path(plan_path)
    target.parent.mkdir(parents=True)
    target.write_text("draft_version = 1\ndate = [", encoding="utf-8")
    assert read_draft(plan_path) is None
    assert not target.exists()
    assert target.with_suffix(".unreadable.toml").read_text(encoding="utf-8").endswith("[")


def test_the_recommendations_assessed_come_back_and_a_removed_one_is_counted(
    tmp_path: Path,
) -> None:
    recommendations = CONTRACT_EXAMPLE.parent / "plan-format-recommendations.toml"
    plan = load_plan(recommendations)
    plan_path = tmp_path / "suivi.toml"
    draft = start_review(plan, dt.date(2028, 2, 10))
    first = draft.recommendation("r-2026-14")
    first.implementation = "partially"
    first.why = ["resistance", "budget"]
    first.not_done = "Pas de circulaire"
    second = draft.recommendation("r-2026-21")
    second.follow_up = "Réunion technique"  # assessed by its follow-up alone
    save_draft(draft, plan_path)
    saved = read_draft(plan_path)
    assert saved is not None and saved.recommendations_assessed == 2
    again, lost = resume_draft(plan, saved)
    assert lost == 0
    back = again.recommendation("r-2026-14")
    assert back.implementation == "partially"
    assert back.why == ["budget", "resistance"]  # the vocabulary's order
    assert back.not_done == "Pas de circulaire"
    assert again.recommendation("r-2026-21").follow_up == "Réunion technique"
    assert again.recommendation("r-2026-21").implementation is None
    committed = commit_review(plan, again)
    assert [u.recommendation for u in committed.reviews[-1].recommendations] == [
        "r-2026-14",
        "r-2026-21",
    ]
    plan.recommendations = [r for r in plan.recommendations if r.id != "r-2026-21"]
    _again, lost = resume_draft(plan, saved)
    assert lost == 1
