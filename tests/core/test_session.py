"""Editing sessions: each change on disk at once, undo on disk too, failures kept in memory."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from planwizard.model import Action, Indicator, new_plan
from planwizard.session import (
    Session,
    move_item,
    new_plan_path,
    remove_action,
    remove_indicator,
    slugify,
)
from planwizard.storage import PlanError, load_plan, save_plan


def _session(tmp_path: Path) -> Session:
    return Session.create(tmp_path / "p.toml", new_plan("Referral", created=dt.date(2027, 1, 15)))


def test_create_writes_the_file(tmp_path: Path) -> None:
    session = _session(tmp_path)
    assert load_plan(session.path).title == "Referral"


def test_each_change_is_saved_and_undone_on_disk(tmp_path: Path) -> None:
    session = _session(tmp_path)
    outcome = session.apply(lambda p: setattr(p.problem, "statement", "No referral"))
    assert outcome.saved
    assert load_plan(session.path).problem.statement == "No referral"
    session.apply(lambda p: setattr(p.problem, "statement", "Still none"))
    assert session.undo().saved
    assert load_plan(session.path).problem.statement == "No referral"
    session.undo()
    assert load_plan(session.path).problem.statement == ""
    assert not session.can_undo
    assert not session.undo().changed


def test_a_change_that_changes_nothing_is_not_an_undo_step(tmp_path: Path) -> None:
    session = _session(tmp_path)
    assert not session.apply(lambda p: setattr(p, "title", "Referral")).changed
    assert not session.can_undo


def test_a_refused_value_leaves_the_plan_as_it_was(tmp_path: Path) -> None:
    session = _session(tmp_path)
    with pytest.raises(ValueError):
        session.apply(lambda p: setattr(p.problem, "origin", "sometimes"))
    assert session.plan.problem.origin is None
    assert not session.can_undo


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_failed_save_keeps_working_in_memory(tmp_path: Path) -> None:
    session = _session(tmp_path)
    tmp_path.chmod(0o500)
    try:
        outcome = session.apply(lambda p: setattr(p, "title", "New title"))
        assert outcome.error is not None and session.unsaved
        assert session.plan.title == "New title"
    finally:
        tmp_path.chmod(0o700)
    assert session.save() is None
    assert load_plan(session.path).title == "New title"


def test_hand_written_comments_need_consent(tmp_path: Path, contract_plan: Path) -> None:
    session = Session.open(contract_plan)
    outcome = session.apply(lambda p: setattr(p, "title", "Orientation"))
    assert outcome.needs_comment_consent
    assert "# A complete plan" in contract_plan.read_text(encoding="utf-8")
    assert session.consent_to_drop_comments(True) is None
    assert load_plan(contract_plan).title == "Orientation"
    session.apply(lambda p: setattr(p, "title", "Orientation 2"))
    assert load_plan(contract_plan).title == "Orientation 2"


def test_declining_keeps_the_comments_and_the_changes_in_memory(contract_plan: Path) -> None:
    session = Session.open(contract_plan)
    original = contract_plan.read_text(encoding="utf-8")
    session.apply(lambda p: setattr(p, "title", "Orientation"))
    session.consent_to_drop_comments(False)
    session.apply(lambda p: setattr(p, "title", "Orientation 3"))
    assert contract_plan.read_text(encoding="utf-8") == original
    assert session.plan.title == "Orientation 3" and session.unsaved


def test_deleting_a_reviewed_action_drops_it(contract_plan: Path) -> None:
    plan = load_plan(contract_plan)
    assert remove_action(plan, "a-3c9e") == "dropped"
    assert plan.action("a-3c9e") is not None
    assert plan.action("a-3c9e").status == "dropped"  # type: ignore[union-attr]
    assert remove_action(plan, "a-f412") == "deleted"
    assert plan.action("a-f412") is None
    assert remove_indicator(plan, "i-formes") == "deleted"
    assert remove_action(plan, "nope") == "missing"


def test_deleting_a_read_indicator_stops_measuring_it(contract_plan: Path) -> None:
    plan = load_plan(contract_plan)
    readings = [m for r in plan.reviews for m in r.measurements if m.indicator == "i-orient"]
    assert readings  # the example's review read it
    assert remove_indicator(plan, "i-orient") == "dropped"
    dropped = plan.indicator("i-orient")
    assert dropped is not None and dropped.dropped == dt.date(2027, 1, 15)  # today
    assert "i-orient" not in {i.id for i in plan.measured_indicators()}
    assert [m for r in plan.reviews for m in r.measurements if m.indicator == "i-orient"] == (
        readings
    )  # its history stays
    # Saved and read back, as any field.
    path = contract_plan.parent / "dropped.toml"
    save_plan(plan, path)
    assert load_plan(path).indicator("i-orient").dropped == dt.date(2027, 1, 15)  # type: ignore[union-attr]
    assert "dropped = 2027-01-15" in path.read_text(encoding="utf-8")
    # Deleting it again measures it again.
    assert remove_indicator(plan, "i-orient") == "measured"
    assert plan.indicator("i-orient").measured  # type: ignore[union-attr]


def test_move_item_clamps() -> None:
    items = ["a", "b", "c"]
    assert move_item(items, 0, -1) == 0 and items == ["a", "b", "c"]
    assert move_item(items, 0, 1) == 1 and items == ["b", "a", "c"]
    assert move_item(items, 2, 5) == 2


def test_new_file_names_do_not_overwrite(tmp_path: Path) -> None:
    assert (
        slugify("Orientation des victimes d'agression !") == "orientation-des-victimes-d-agression"
    )
    assert slugify("???") == "plan"
    # Issue 12: a short tag from the plan's id, so that two laptops starting a plan with
    # the same title do not write one file that git would fuse.
    first = new_plan_path(tmp_path, "Été", "plan-3c9e1f")
    assert first.name == "ete-3c9e1f.toml"
    first.write_text("x")
    assert new_plan_path(tmp_path, "Été", "plan-3c9e1f").name == "ete-3c9e1f-2.toml"
    one, two = (new_plan_path(tmp_path, "Été").name for _ in range(2))
    assert one != two and one.startswith("ete-") and one.endswith(".toml")


def test_a_kept_change_survives_undo(tmp_path: Path) -> None:
    """The time a step took is recorded beside the history: undo never takes it back."""
    session = _session(tmp_path)
    session.apply(lambda p: setattr(p.problem, "statement", "No referral"))
    outcome = session.apply_kept(lambda p: p.workshop.seconds_spent.update(problem=600))
    assert outcome.saved
    assert load_plan(session.path).workshop.seconds_spent == {"problem": 600}
    assert session.undo().saved  # undoes the statement, the only typed change
    saved = load_plan(session.path)
    assert saved.problem.statement == "" and saved.workshop.seconds_spent == {"problem": 600}
    assert not session.can_undo
    assert not session.apply_kept(lambda p: None).changed


def test_action_and_indicator_lists_round_trip(tmp_path: Path) -> None:
    session = _session(tmp_path)
    session.apply(lambda p: p.actions.append(Action(title="Draft", due=dt.date(2027, 2, 1))))
    session.apply(lambda p: p.indicators.append(Indicator(name="Referred", target=80)))
    again = load_plan(session.path)
    assert again.actions[0].title == "Draft" and again.indicators[0].target == 80


def test_a_copy_is_kept_once_per_state_of_the_plan(tmp_path: Path, contract_plan: Path) -> None:
    session = Session.open(contract_plan)
    folder = tmp_path / "unsaved"
    first = session.keep_copy(folder)
    assert first == folder / "contract-2027-01-15.toml"
    assert load_plan(first) == session.plan
    assert session.keep_copy(folder) == first  # nothing new: no second copy
    session.plan.title = "Changed"
    second = session.keep_copy(folder)
    assert second == folder / "contract-2027-01-15-2.toml"
    assert load_plan(second).title == "Changed"
    assert load_plan(first).title != "Changed"  # the earlier copy is left as it was


def test_a_copy_that_cannot_be_written_says_why(tmp_path: Path, contract_plan: Path) -> None:
    session = Session.open(contract_plan)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        session.keep_copy(blocker / "unsaved")
    assert "cannot create the folder" in caught.value.message
