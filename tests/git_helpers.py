"""Real git repositories in temp folders, isolated from the machine's own git config."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.storage import load_plan, save_plan

CONTRACT = Path(__file__).resolve().parent / "data" / "plan-format-example.toml"
PLAN = Path("plans") / "referral.toml"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def isolate_git(home: Path, monkeypatch: pytest.MonkeyPatch, name: str = "Awa") -> None:
    """No system or user git config from this machine; `name` commits."""
    home.mkdir(parents=True, exist_ok=True)
    for key, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": f"{name.lower()}@example.org",
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": f"{name.lower()}@example.org",
        "PLANWIZARD_LANG": "en",
    }.items():
        monkeypatch.setenv(key, value)
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GIT or "git", *args], cwd=repo, capture_output=True, text=True, check=check, timeout=60
    )


def run(*argv: str | Path) -> tuple[int, str]:
    """`planwizard ARGV` in this process: the exit code and what it printed."""
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def make_repo(root: Path) -> Path:
    """A repository on `main` holding one canonical plan, committed."""
    root.mkdir(parents=True)
    git(root, "init", "-q")
    (root / "plans").mkdir()
    save_plan(load_plan(CONTRACT), root / PLAN, drop_comments=True)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "A plan")
    return root


def path_without_planwizard() -> str:
    """A PATH with git and sh but no planwizard and no Python that has it."""
    folders = {str(Path(GIT or "/usr/bin/git").parent), "/bin", "/usr/bin"}
    venv_bin = str(Path(sys.executable).parent)
    return os.pathsep.join(sorted(f for f in folders if f != venv_bin))
