"""Changes written on the session's thread (the app's way, Session.apply `later`): in
order, all of them, and someone else's edit merged as a save here would merge it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from planwizard.model import Action
from planwizard.session import Session
from planwizard.storage import load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE, ROOT


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    shutil.copy(CONTRACT_EXAMPLE, path)
    save_plan(load_plan(path), path, drop_comments=True)
    return path


def test_changes_written_later_all_reach_the_file_in_order(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    session = Session.open(path)
    told: list[int] = []
    session.when_written = lambda: told.append(1)
    for n in range(30):
        outcome = session.apply(
            lambda plan, n=n: plan.actions.append(Action(id=f"a-later-{n}", title=f"A {n}")),
            later=True,
        )
        assert outcome.changed and outcome.error is None
    assert session.apply(lambda plan: setattr(plan, "title", "Last"), later=True).pending
    session.flush()
    assert not session.writing and not session.unsaved
    assert told  # the screen is told from the thread, to take the writes in
    assert load_plan(path) == session.plan
    assert [a.id for a in load_plan(path).actions][-30:] == [f"a-later-{n}" for n in range(30)]
    # Undo waits for the writes, then goes back one change, on disk too.
    assert session.undo().saved
    assert load_plan(path).title != "Last" and load_plan(path) == session.plan


def test_someone_elses_edit_meanwhile_is_merged_not_overwritten(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    session = Session.open(path)
    theirs = load_plan(path)
    theirs.vision.statement = "Their vision"
    save_plan(theirs, path)  # another laptop's edit, after this session read the file
    assert session.apply(lambda plan: setattr(plan.problem, "statement", "Ours"), later=True)
    session.flush()
    on_disk = load_plan(path)
    assert on_disk.problem.statement == "Ours"
    assert on_disk.vision.statement == "Their vision"
    assert on_disk == session.plan and not session.unsaved


EDITOR = """
import sys
from pathlib import Path
from planwizard.session import Session

path, field, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
table, name = field.split(".")
session = Session.open(path)
conflicts = 0
for i in range(count):
    value = f"{field} {i}"
    session.apply(lambda plan: setattr(getattr(plan, table), name, value), later=True)
    if i % 5 == 0:
        session.sync()  # the app's look at the file, between edits
    conflicts += sum(len(news.conflicts) for news in session.take_news())
session.flush()
conflicts += sum(len(news.conflicts) for news in session.take_news())
print(conflicts, session.error.render() if session.error else "saved")
"""


def test_two_processes_writing_later_lose_nothing(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    edits = 40
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path), field, str(edits)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for field in ("problem.statement", "vision.statement")
    ]
    for editor in editors:
        out, err = editor.communicate(timeout=300)
        assert editor.returncode == 0, err
        assert out.split() == ["0", "saved"]
    plan = load_plan(path)
    assert plan.problem.statement == f"problem.statement {edits - 1}"
    assert plan.vision.statement == f"vision.statement {edits - 1}"
    assert plan.conflicts == []


def test_a_small_plans_change_waits_a_moment_for_its_write(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    session = Session.open(path)
    session.quick_write = 30.0  # the app's wait, made long enough for any loaded machine
    outcome = session.apply(lambda plan: setattr(plan, "title", "Quick"), later=True)
    # Written and taken in before the screen answers: "saved" at once, not "saving…".
    assert outcome.saved and not outcome.pending
    assert not session.writing and load_plan(path).title == "Quick"
    # A plan bigger than a small one does not wait: the screen answers first.
    long = "x" * 1000  # over QUICK_WRITE_CHARS in all (512 KB)
    more = [Action(id=f"a-big-{n}", title=f"Action number {n} {long}") for n in range(600)]
    assert session.apply(lambda plan: plan.actions.extend(more)).saved
    assert session.apply(lambda plan: setattr(plan, "title", "Big"), later=True).pending
    session.flush()
    assert load_plan(path) == session.plan
