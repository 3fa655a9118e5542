"""An open plan whose file someone else changes: reloaded, merged, never overwritten."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwizard.model import Action, Plan, new_plan
from planwizard.session import Session, get_field, set_field
from planwizard.storage import PlanError, load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE


def _plan() -> Plan:
    plan = new_plan("Referral of victims", created=dt.date(2027, 1, 15))
    plan.workshop.place = "Town hall"
    plan.problem.statement = "Victims are not referred"
    plan.actions = [
        Action(id="a-1", title="Draft a referral form", owner="Shelter"),
        Action(id="a-2", title="Train the front desk", owner="Police"),
    ]
    return plan


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "referral.toml"
    save_plan(_plan(), target)
    return target


def edit_on_a_full_disk(
    session: Session, monkeypatch: pytest.MonkeyPatch, change: Callable[[Plan], object]
) -> None:
    """A change whose save fails (a full disk): it stays in memory only."""

    def full(target: Path, text: str, *_unchanged: object) -> None:
        raise PlanError(target, "not saved (No space left on device)")

    with monkeypatch.context() as patched:
        patched.setattr("planwizard.storage.write_atomically", full)
        assert session.apply(change).error is not None
    assert session.unsaved


def partner_edits(path: Path, **fields: object) -> None:
    """Someone else saves the file (a `git pull`, another laptop's planwizard)."""
    plan = load_plan(path)
    for where, value in fields.items():
        set_field(plan, where.replace("__", "."), value)
    save_plan(plan, path)


def test_nothing_changed_is_unchanged_and_a_touch_is_no_change(path: Path) -> None:
    session = Session.open(path)
    assert session.sync().kind == "unchanged"
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 5_000_000_000))
    assert session.disk_changed()
    assert session.sync().kind == "unchanged"
    assert not session.disk_changed()
    assert session.take_news() == []


def test_external_change_without_local_edits_reloads_without_writing(path: Path) -> None:
    session = Session.open(path)
    partner_edits(path, workshop__place="Police station")
    written = path.read_bytes()
    assert session.disk_changed()
    outcome = session.sync()
    assert outcome.kind == "reloaded" and not outcome.conflicts
    assert session.plan.workshop.place == "Police station"
    assert path.read_bytes() == written  # a reload never writes
    assert session.take_news() == [outcome]
    assert session.sync().kind == "unchanged"


def test_unsaved_local_edits_and_external_edits_on_different_fields_are_both_kept(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.open(path)
    edit_on_a_full_disk(session, monkeypatch, lambda p: setattr(p, "title", "Mine"))
    partner_edits(path, problem__statement="Theirs")
    outcome = session.sync()
    assert outcome.kind == "merged" and outcome.saved and not outcome.conflicts
    saved = load_plan(path)
    assert saved.title == "Mine" and saved.problem.statement == "Theirs"
    assert not session.unsaved and session.plan == saved


def test_same_field_changed_on_both_sides_is_a_conflict_with_both_values(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.open(path)
    edit_on_a_full_disk(session, monkeypatch, lambda p: setattr(p, "title", "Mine"))
    partner_edits(path, title="Theirs")
    outcome = session.sync()
    assert outcome.kind == "merged" and outcome.saved
    assert [c.path for c in outcome.conflicts] == ["title"]
    saved = load_plan(path)
    assert saved.title == "Mine"  # the plan holds ours' value, and the conflict both
    (conflict,) = saved.conflicts
    assert conflict.value("ours") == "Mine" and conflict.value("theirs") == "Theirs"
    assert conflict.value("base") == "Referral of victims"


def test_a_save_after_an_external_change_never_loses_it(path: Path) -> None:
    session = Session.open(path)
    partner_edits(path, workshop__place="Police station")
    # Not yet noticed by any check: the next change's save finds it.
    outcome = session.apply(lambda p: setattr(p.problem, "statement", "Mine"))
    assert outcome.saved
    saved = load_plan(path)
    assert saved.workshop.place == "Police station" and saved.problem.statement == "Mine"
    assert [n.kind for n in session.take_news()] == ["merged"]


def test_a_save_over_an_external_edit_of_the_same_field_records_a_conflict(path: Path) -> None:
    session = Session.open(path)
    partner_edits(path, actions=[Action(id="a-1", title="Draft it", owner="Police")])
    session.apply(lambda p: setattr(p.actions[0], "owner", "Health centre"))
    saved = load_plan(path)
    assert [c.path for c in saved.conflicts] == ["actions.a-1.owner"]
    assert saved.actions[0].title == "Draft it"  # their other edit is in
    assert saved.action("a-2") is None  # and so is their deletion of a-2
    assert {saved.conflicts[0].value(s) for s in ("ours", "theirs")} == {"Health centre", "Police"}


def test_undo_after_an_external_change_takes_back_only_the_local_change(path: Path) -> None:
    session = Session.open(path)
    session.apply(lambda p: setattr(p, "title", "Mine"))
    partner_edits(path, workshop__place="Police station")
    assert session.sync().kind == "reloaded"
    assert session.undo().saved
    saved = load_plan(path)
    assert saved.title == "Referral of victims"
    assert saved.workshop.place == "Police station"


def test_undo_of_a_value_changed_again_by_someone_else_keeps_theirs(path: Path) -> None:
    session = Session.open(path)
    session.apply(lambda p: setattr(p, "title", "Mine"))
    partner_edits(path, title="Theirs")
    session.sync()
    session.undo()
    saved = load_plan(path)
    assert saved.title == "Theirs" and not saved.conflicts


def test_a_newer_file_that_does_not_load_is_never_overwritten(path: Path) -> None:
    session = Session.open(path)
    broken = "<<<<<<< ours\ntitle = 'a'\n=======\ntitle = 'b'\n>>>>>>> theirs\n"
    path.write_text(broken, encoding="utf-8")
    outcome = session.sync()
    assert outcome.kind == "unreadable" and outcome.error is not None
    assert "conflict markers" in outcome.error.message
    assert session.sync().kind == "unchanged"  # told once
    assert not session.disk_changed()
    result = session.apply(lambda p: setattr(p, "title", "Mine"))
    assert result.error is not None and session.unsaved
    assert path.read_text(encoding="utf-8") == broken
    # Fixed by hand: the kept change is merged with the fixed file.
    partner_edits_text = _plan()
    partner_edits_text.workshop.place = "Court"
    save_plan(partner_edits_text, path)
    assert session.sync().kind == "merged"
    saved = load_plan(path)
    assert saved.title == "Mine" and saved.workshop.place == "Court"


def test_a_deleted_file_is_written_again_by_the_next_change(path: Path) -> None:
    session = Session.open(path)
    path.unlink()
    assert session.sync().kind == "missing"
    assert session.sync().kind == "unchanged"
    session.apply(lambda p: setattr(p, "title", "Still here"))
    assert load_plan(path).title == "Still here"


def test_declined_comments_merge_in_memory_and_leave_the_file(tmp_path: Path) -> None:
    path = tmp_path / "contract.toml"
    shutil.copy(CONTRACT_EXAMPLE, path)
    session = Session.open(path)
    session.apply(lambda p: setattr(p, "title", "Mine"))
    session.consent_to_drop_comments(False)
    text = path.read_text(encoding="utf-8")
    edited = text.replace('place = "', 'place = "Annex, ', 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    outcome = session.sync()
    assert outcome.kind == "merged" and not outcome.saved
    assert session.plan.title == "Mine"
    assert session.plan.workshop.place.startswith("Annex, ")
    assert path.read_text(encoding="utf-8") == edited  # the comments are still there


def test_items_without_ids_are_not_doubled_by_a_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(
        'schema_version = 1\ntitle = "By hand"\n\n'
        '[[actions]]\ntitle = "Call the shelter"\n\n[[actions]]\ntitle = "Write to the mayor"\n',
        encoding="utf-8",
    )
    session = Session.open(path)
    edit_on_a_full_disk(session, monkeypatch, lambda p: setattr(p, "title", "By hand, edited"))
    path.write_text(path.read_text(encoding="utf-8") + "\n# a note\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Write to the mayor", "Write to the governor"), encoding="utf-8")
    session.drop_comments = True
    outcome = session.sync()
    assert outcome.kind == "merged"
    assert sorted(a.title for a in session.plan.actions) == [
        "Call the shelter",
        "Write to the governor",
    ]


SCALARS = [
    "title",
    "workshop.place",
    "problem.statement",
    "vision.statement",
    "documentation.owner",
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.lists(st.sampled_from(SCALARS), min_size=2, max_size=5, unique=True),
    split=st.integers(min_value=1, max_value=4),
    noticed=st.booleans(),
)
def test_edits_of_different_fields_on_each_side_are_all_kept(
    tmp_path_factory: pytest.TempPathFactory, fields: list[str], split: int, noticed: bool
) -> None:
    path = tmp_path_factory.mktemp("sync") / "p.toml"
    save_plan(_plan(), path)
    ours, theirs = fields[: min(split, len(fields) - 1)], fields[min(split, len(fields) - 1) :]
    session = Session.open(path)
    partner_edits(path, **{f.replace(".", "__"): f"theirs {f}" for f in theirs})
    if noticed:
        assert session.sync().kind == "reloaded"
    for field in ours:
        session.apply(lambda p, f=field: set_field(p, f, f"ours {f}"))  # type: ignore[misc]
    saved = load_plan(path)
    for field in ours:
        assert str(get_field(saved, field)) == f"ours {field}"
    for field in theirs:
        assert str(get_field(saved, field)) == f"theirs {field}"
    assert not saved.conflicts


def test_a_write_by_someone_else_right_after_a_save_is_still_noticed(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard import storage

    write = storage.write_atomically

    def write_then_partner(target: Path, text: str, *unchanged: Callable[[], bool]) -> None:
        write(target, text, *unchanged)
        monkeypatch.setattr("planwizard.storage.write_atomically", write)
        partner_edits(target, workshop__place="Police station")  # in the same instant

    session = Session.open(path)
    monkeypatch.setattr("planwizard.storage.write_atomically", write_then_partner)
    session.apply(lambda p: setattr(p, "title", "Mine"))
    assert session.disk_changed()
    assert session.sync().kind == "reloaded"
    assert session.plan.title == "Mine" and session.plan.workshop.place == "Police station"


def test_a_write_by_someone_else_during_a_save_is_merged_not_overwritten(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard import storage

    write = storage.write_atomically

    def partner_then_write(target: Path, text: str, *unchanged: Callable[[], bool]) -> None:
        # git writes the file between the session's comparison and its rename.
        monkeypatch.setattr("planwizard.storage.write_atomically", write)
        partner_edits(target, workshop__place="Police station")
        write(target, text, *unchanged)

    session = Session.open(path)
    monkeypatch.setattr("planwizard.storage.write_atomically", partner_then_write)
    outcome = session.apply(lambda p: setattr(p, "title", "Mine"))
    assert outcome.saved
    saved = load_plan(path)
    assert saved.title == "Mine" and saved.workshop.place == "Police station"
    assert not saved.conflicts


def test_a_save_that_finds_the_file_changed_writes_nothing(path: Path) -> None:
    before = path.read_bytes()
    plan = load_plan(path)
    plan.title = "Mine"
    with pytest.raises(PlanError) as caught:
        save_plan(plan, path, unchanged=lambda: False)
    assert caught.value.kind == "changed"
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


def test_a_save_waits_for_another_one_and_keeps_changes_if_it_waits_too_long(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard import storage

    monkeypatch.setattr(storage, "LOCK_WAIT_SECONDS", 0.05)
    session = Session.open(path)
    with storage.folder_lock(path.parent):  # another planwizard, saving in this folder
        outcome = session.apply(lambda p: setattr(p, "title", "Mine"))
    assert outcome.error is not None and outcome.error.kind == "busy"
    assert session.unsaved and load_plan(path).title != "Mine"
    assert session.save() is None
    assert load_plan(path).title == "Mine"
