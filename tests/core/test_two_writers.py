"""Two app instances editing one plan at the same time: no edit lost, no false conflict.

Real processes, each an editing session saving every change at once (as the app does)
while the other does the same on another field of the same file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from planwizard.storage import load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE, ROOT

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
    session.apply(lambda plan: setattr(getattr(plan, table), name, value))
    if i % 5 == 0:
        session.sync()  # the app's look at the file, between edits
    conflicts += sum(len(news.conflicts) for news in session.take_news())
print(conflicts, session.error.render() if session.error else "saved")
"""

EDITS = 80


def test_two_processes_editing_one_plan_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(CONTRACT_EXAMPLE, path)
    save_plan(load_plan(path), path, drop_comments=True)
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path), field, str(EDITS)],
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
        assert out.split() == ["0", "saved"]  # no conflict told, the last change on disk
    plan = load_plan(path)
    assert plan.problem.statement == f"problem.statement {EDITS - 1}"
    assert plan.vision.statement == f"vision.statement {EDITS - 1}"
    assert plan.conflicts == []
