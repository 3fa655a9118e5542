"""Undo kept as text: it gives back exactly the plans the changes started from."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwizard.model import Action, Plan, new_plan
from planwizard.session import Session, remove_action
from planwizard.storage import load_plan

titles = st.text(min_size=1, max_size=30).filter(str.strip)
edits = st.one_of(
    st.tuples(st.just("add"), titles),
    st.tuples(st.just("retitle"), titles),
    st.tuples(st.just("remove"), st.just("")),
    st.tuples(st.just("statement"), st.text(max_size=30)),
    st.tuples(st.just("timer"), st.integers(min_value=1, max_value=900).map(str)),
)


def _edit(session: Session, kind: str, value: str) -> None:
    if kind == "add":
        session.apply(lambda p: p.actions.append(Action(title=value, due=dt.date(2027, 2, 1))))
    elif kind == "retitle" and session.plan.actions:
        session.apply(lambda p: setattr(p.actions[-1], "title", value))
    elif kind == "remove" and session.plan.actions:
        session.apply(lambda p: remove_action(p, p.actions[0].id))
    elif kind == "statement":
        session.apply(lambda p: setattr(p.problem, "statement", value))
    elif kind == "timer":
        seconds = int(value)

        def add(plan: Plan) -> None:
            spent = plan.workshop.seconds_spent
            spent["problem"] = spent.get("problem", 0) + seconds

        session.apply_kept(add)


def _set_statement(text: str) -> Callable[[Plan], None]:
    return lambda p: setattr(p.problem, "statement", text)


def _add_action(title: str) -> Callable[[Plan], None]:
    return lambda p: p.actions.append(Action(title=title))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=8))
def test_undo_gives_back_each_plan_before_its_change(steps: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        session = Session.create(
            Path(folder) / "p.toml", new_plan("Referral", created=dt.date(2027, 1, 15))
        )
        history: list[Plan] = []  # the plan before each undoable change
        for kind, value in steps:
            before = session.plan.model_copy(deep=True)
            undoable = len(session._undo)
            _edit(session, kind, value)
            if len(session._undo) > undoable:
                history.append(before)
        while history:
            expected = history.pop()
            assert session.undo().saved
            # The time the timer recorded is never taken back; everything else is.
            expected.workshop.seconds_spent = dict(session.plan.workshop.seconds_spent)
            assert session.plan == expected
            assert load_plan(session.path) == expected
        assert not session.can_undo


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(edits, st.just(("undo", ""))), min_size=1, max_size=10))
def test_undo_between_changes_gives_back_the_plan_before_each(
    steps: list[tuple[str, str]],
) -> None:
    """Ctrl+Z right after a change (the plan kept from before it), after another undo
    or after the timer recorded time: each gives back the plan before its change, in
    memory and on disk, and the changes made after an undo undo as well."""
    with tempfile.TemporaryDirectory() as folder:
        session = Session.create(
            Path(folder) / "p.toml", new_plan("Referral", created=dt.date(2027, 1, 15))
        )
        history: list[Plan] = []
        for kind, value in steps:
            if kind == "undo":
                if not history:
                    assert not session.undo().changed
                    continue
                expected = history.pop()
                assert session.undo().saved
                expected.workshop.seconds_spent = dict(session.plan.workshop.seconds_spent)
                assert session.plan == expected
                assert load_plan(session.path) == expected
                continue
            before = session.plan.model_copy(deep=True)
            undoable = len(session._undo)
            _edit(session, kind, value)
            if len(session._undo) > undoable:
                history.append(before)
            assert load_plan(session.path) == session.plan


def test_undo_keeps_no_more_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planwizard.session as session_module

    monkeypatch.setattr(session_module, "UNDO_LIMIT", 12)
    session = Session.create(tmp_path / "p.toml", new_plan("Referral"))
    for n in range(session_module.UNDO_LIMIT + 5):
        session.apply(_set_statement(f"Take {n}"))
    undone = 0
    while session.undo().changed:
        undone += 1
    assert undone == session_module.UNDO_LIMIT
    assert session.plan.problem.statement == "Take 4"


def test_undo_memory_per_change_is_less_than_the_file(tmp_path: Path) -> None:
    session = Session.create(tmp_path / "p.toml", new_plan("Referral"))
    for n in range(40):
        session.apply(_add_action(f"Action number {n}"))
    size = len(session.path.read_bytes())
    changes = session._undo
    # One text per change: each change's "before" is the text the previous one left.
    assert all(a.after is b.before for a, b in itertools.pairwise(changes))
    assert len(changes[-1].after) < size  # and that text is compressed
