"""A change to a big plan checked and undone item by item (planwizard.incremental): the
same answers as checking and reading the whole plan, for less."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwizard.incremental import LoadCheck, rebuild
from planwizard.model import Action, Plan
from planwizard.session import Session
from planwizard.storage import (
    PlanError,
    load_plan,
    plan_from_data,
    plan_to_data,
    read_existing_text,
    save_plan,
    verified_text,
)
from tests.conftest import CONTRACT_EXAMPLE


def _plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    shutil.copy(CONTRACT_EXAMPLE, path)
    save_plan(load_plan(path), path, drop_comments=True)
    return path


def _prepared(plan: Plan) -> tuple[dict[str, Any], str, dict[str, list[str]]]:
    parts: dict[str, list[str]] = {}
    data, text = verified_text(plan, parts)
    return data, text, parts


def _whole(data: dict[str, Any], text: str) -> str | None:
    try:
        plan_from_data(data, text, "plan.toml")
    except PlanError as exc:
        return exc.message
    return None


def _items(
    data: dict[str, Any], text: str, parts: dict[str, list[str]], check: LoadCheck
) -> str | None:
    try:
        check.check(data, text, parts)
    except PlanError as exc:
        return exc.message
    return None


# Values put in one field of one item: right ones, wrong types, out of range, unknown
# fields holding what TOML cannot keep, a duplicate id, a review naming nothing.
_VALUES = st.sampled_from(
    [
        ("title", "A new title"),
        ("title", 3),
        ("status", "done"),
        ("status", "finished"),
        ("due", dt.date(2027, 3, 1)),
        ("due", "2027-03-01"),
        ("owner", True),
        ("kind", "systemic"),
        ("budget", 12),
        ("budget", 2**70),
        ("budget", float("nan")),
        ("budget", {"nested": [1, 2]}),
        ("recommendations", ["rec-1"]),
        ("recommendations", "rec-1"),
        ("id", "DUPLICATE"),
        ("id", 5),
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(["actions", "stakeholders", "indicators"]), st.integers(0, 5), _VALUES
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_check_item_by_item_refuses_what_the_whole_check_refuses(
    tmp_path: Path, changes: list[tuple[str, int, tuple[str, Any]]]
) -> None:
    plan = load_plan(_plan_file(tmp_path))
    check = LoadCheck(Path("plan.toml"))
    data, text, parts = _prepared(plan)
    check.check(data, text, parts)  # the whole plan, seen to load
    for kind, index, (field, value) in changes:
        data = plan_to_data(plan)
        items = data[kind]
        item = dict(items[index % len(items)])
        if field == "id" and value == "DUPLICATE":
            value = data["actions"][0]["id"]
        item[field] = value
        items[index % len(items)] = item
        parts = {}
        try:
            from planwizard.plantext import ReadBackError, dumps_data_verified

            text = dumps_data_verified(data, parts)
        except ReadBackError:
            continue  # refused before any check (the save says why)
        expected = _whole(data, text)
        assert _items(data, text, parts, check) == expected
        if expected is None:
            plan = plan_from_data(data, text, "plan.toml")


def test_a_change_whose_file_would_not_load_is_not_written_later(tmp_path: Path) -> None:
    path = _plan_file(tmp_path)
    session = Session.open(path)
    before = path.read_bytes()
    session.apply(lambda plan: plan.actions.append(Action(id="a-new", title="New")), later=True)
    session.flush()
    assert not session.unsaved
    written = path.read_bytes()
    taken = session.plan.actions[0].id
    # Two actions with one id: the file would not load again.
    outcome = session.apply(
        lambda plan: plan.actions.append(Action(id=taken, title="Twin")), later=True
    )
    session.flush()
    assert outcome.changed
    assert session.error is not None and "would not load again" in session.error.message
    assert "duplicate id" in session.error.message
    assert path.read_bytes() == written != before
    assert read_existing_text(path) is not None and load_plan(path).actions[-1].id == "a-new"


def test_undo_right_after_a_change_gives_back_the_same_plan_and_text(tmp_path: Path) -> None:
    path = _plan_file(tmp_path)
    session = Session.open(path)
    unused = next(a.id for a in session.plan.actions if a.id not in session.plan.referenced_ids())
    changes = [
        lambda plan: plan.actions.append(Action(id="a-new", title="New")),
        lambda plan: setattr(plan.actions[0], "title", "Renamed"),
        lambda plan: setattr(plan, "actions", [a for a in plan.actions if a.id != unused]),
        lambda plan: plan.actions.insert(0, Action(id="a-first", title="First")),
        lambda plan: plan.workshop.seconds_spent.update({"problem": 60}),
        lambda plan: setattr(plan.problem, "statement", "Said otherwise"),
    ]
    for change in changes:
        before = load_plan(path)
        before_text = path.read_text(encoding="utf-8")
        assert session.apply(change, later=True).changed
        session.flush()
        assert load_plan(path) != before
        outcome = session.undo()
        assert outcome.saved
        assert session.plan == before
        assert path.read_text(encoding="utf-8") == before_text
        # No item object is shared twice (the plan stays editable item by item).
        actions = session.plan.actions
        assert len({id(a) for a in actions}) == len(actions)


def test_a_change_that_raises_leaves_the_plan_as_it_was(tmp_path: Path) -> None:
    path = _plan_file(tmp_path)
    session = Session.open(path)
    session.apply(lambda plan: setattr(plan, "title", "Known text"))
    before = session.plan.model_copy(deep=True)

    def half_done(plan: Plan) -> None:
        plan.actions[0].title = "Half"
        plan.workshop.seconds_spent["vision"] = 5
        plan.actions.append(Action(id="a-half", title="Half"))
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        session.apply(half_done)
    assert session.plan == before
    assert session.apply(lambda plan: setattr(plan, "title", "Known text")).changed is False


def test_the_data_of_a_plan_do_not_change_with_the_plan(tmp_path: Path) -> None:
    plan = load_plan(_plan_file(tmp_path))
    plan.workshop.seconds_spent = {"problem": 10}
    data = plan_to_data(plan)
    plan.workshop.seconds_spent["problem"] = 99
    assert data["workshop"]["seconds_spent"] == {"problem": 10}


def test_rebuild_reuses_the_models_of_items_that_did_not_change(tmp_path: Path) -> None:
    plan = load_plan(_plan_file(tmp_path))
    target = plan_to_data(plan)
    plan.actions[1].title = "Changed here"
    made = rebuild(plan, plan_to_data(plan), target)
    assert made is not None
    assert made.actions[0] is plan.actions[0]
    assert made.actions[1] is not plan.actions[1]
    assert plan_to_data(made) == target
