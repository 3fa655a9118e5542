"""The hooks the project offers to the pre-commit framework run the commands they name."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from planwizard.model import Conflict
from planwizard.storage import load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE, ROOT
from tests.git_helpers import run


def hooks() -> dict[str, list[str]]:
    """Each hook's id and the command line its entry runs (the file is a plain list)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)$", text, re.MULTILINE)
    entries = re.findall(r"^  entry: (.+)$", text, re.MULTILINE)
    assert len(ids) == len(entries)
    return {hook: shlex.split(entry) for hook, entry in zip(ids, entries, strict=True)}


def test_the_two_hooks_run_check_and_fmt_check(tmp_path: Path) -> None:
    found = hooks()
    assert found == {
        "planwizard-check": ["planwizard", "check"],
        "planwizard-fmt-check": ["planwizard", "fmt", "--check"],
    }
    plan = load_plan(CONTRACT_EXAMPLE)
    path = tmp_path / "plan.toml"
    save_plan(plan, path, drop_comments=True)
    for command in found.values():
        assert run(*command[1:], path)[0] == 0
    plan.conflicts = [
        Conflict.model_validate({"path": "title", "ours": plan.title, "theirs": "Other"})
    ]
    save_plan(plan, path)
    code, output = run(*found["planwizard-check"][1:], path)
    assert code == 1
    assert f"{path}:" in output and "unresolved merge conflict at title" in output
