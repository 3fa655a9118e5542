"""planwizard as git's merge driver, in real repositories made in temp folders."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.gitsetup import ATTRIBUTES_LINE, driver_command
from planwizard.model import Action, ActionUpdate, Plan, Review
from planwizard.storage import load_plan, save_plan

CONTRACT = Path(__file__).resolve().parents[1] / "data" / "plan-format-example.toml"
PLAN = Path("plans") / "referral.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, timeout=60
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository on `main` holding one canonical plan, isolated from the machine's git."""
    home = tmp_path / "home"
    home.mkdir()
    for key, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Awa",
        "GIT_AUTHOR_EMAIL": "awa@example.org",
        "GIT_COMMITTER_NAME": "Awa",
        "GIT_COMMITTER_EMAIL": "awa@example.org",
        "PLANWIZARD_LANG": "en",
    }.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "plans-repo"
    root.mkdir()
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    (root / "plans").mkdir()
    save_plan(load_plan(CONTRACT), root / PLAN, drop_comments=True)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "A plan")
    return root


def setup_driver(repo: Path) -> str:
    code, output = run("git-setup", repo)
    assert code == 0, output
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qm", "Merge plans with planwizard")
    return output


def on_branch(repo: Path, branch: str, change: Callable[[Plan], None], *, new: bool) -> None:
    git(repo, "checkout", "-q", *(["-b"] if new else []), branch)
    plan = load_plan(repo / PLAN)
    change(plan)
    save_plan(plan, repo / PLAN)
    git(repo, "commit", "-qam", f"edit on {branch}")


def branches(repo: Path, ours: Callable[[Plan], None], theirs: Callable[[Plan], None]) -> None:
    """`partner` changed by `theirs`, then `main` by `ours`; main is checked out."""
    on_branch(repo, "partner", theirs, new=True)
    on_branch(repo, "main", ours, new=False)


def action(plan: Plan, action_id: str) -> Action:
    found = plan.action(action_id)
    assert found is not None
    return found


# ----------------------------------------------------------------------- git-setup


def test_git_setup_installs_the_driver_once_and_says_what_it_did(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.png binary")  # no final newline
    code, output = run("git-setup", repo)
    assert code == 0
    assert f"added `{ATTRIBUTES_LINE}`" in output
    assert "set git config merge.planwizard.driver" in output
    assert (repo / ".gitattributes").read_text() == f"*.png binary\n{ATTRIBUTES_LINE}\n"
    configured = git(repo, "config", "merge.planwizard.driver").stdout.strip()
    assert configured == driver_command()
    attribute = git(repo, "check-attr", "merge", "--", str(PLAN)).stdout
    assert attribute.strip().endswith("merge: planwizard")

    code, output = run("git-setup", repo)
    assert code == 0
    assert "already sends plan files to planwizard's merge" in output
    assert "git config merge.planwizard.driver is already set" in output
    assert (repo / ".gitattributes").read_text() == f"*.png binary\n{ATTRIBUTES_LINE}\n"


def test_git_setup_outside_a_repository_says_so(tmp_path: Path) -> None:
    code, output = run("git-setup", tmp_path)
    assert code == 1
    assert "is not in a git repository" in output
    code, output = run("git-setup", tmp_path / "missing")
    assert code == 1
    assert "no such folder" in output


# ----------------------------------------------------------------------- merges


def test_two_branches_adding_actions_editing_fields_and_reviewing_merge_cleanly(
    repo: Path,
) -> None:
    setup_driver(repo)

    def ours(plan: Plan) -> None:
        plan.actions.append(Action(id="a-main01", title="Print the referral form"))
        action(plan, "a-3c9e").owner = "Centre de santé"
        plan.reviews.append(
            Review(
                id="r-main01",
                date=dt.date(2027, 1, 10),
                updates=[ActionUpdate(action="a-main01", status="in-progress")],
            )
        )

    def theirs(plan: Plan) -> None:
        plan.actions.append(Action(id="a-part01", title="Brief the night shift"))
        action(plan, "a-3c9e").due = dt.date(2027, 2, 28)
        plan.workshop.facilitators.append("Jean Kaboré")
        plan.reviews.append(Review(id="r-part01", date=dt.date(2027, 1, 5), summary="On track"))

    branches(repo, ours, theirs)
    merged = git(repo, "merge", "-q", "--no-edit", "partner", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    plan = load_plan(repo / PLAN)
    assert [a.id for a in plan.actions] == ["a-3c9e", "a-81d0", "a-f412", "a-main01", "a-part01"]
    first = action(plan, "a-3c9e")
    assert (first.owner, first.due) == ("Centre de santé", dt.date(2027, 2, 28))
    assert plan.workshop.facilitators == ["Awa Diallo", "Jean Kaboré"]
    assert [(r.id, r.date) for r in plan.reviews] == [
        (None, dt.date(2026, 12, 15)),
        ("r-part01", dt.date(2027, 1, 5)),
        ("r-main01", dt.date(2027, 1, 10)),
    ]
    assert plan.conflicts == []
    assert run("check", repo / PLAN)[0] == 0


def test_the_same_field_edited_on_both_branches_is_a_conflict_check_names(repo: Path) -> None:
    setup_driver(repo)

    def set_due(day: dt.date) -> Callable[[Plan], None]:
        def change(plan: Plan) -> None:
            action(plan, "a-81d0").due = day

        return change

    branches(repo, set_due(dt.date(2027, 4, 1)), set_due(dt.date(2027, 5, 1)))
    merged = git(repo, "merge", "--no-edit", "partner", check=False)
    assert merged.returncode == 1
    assert "unresolved merge conflict at actions.a-81d0.due" in merged.stdout + merged.stderr
    assert "<<<<<<<" not in (repo / PLAN).read_text()
    plan = load_plan(repo / PLAN)
    assert action(plan, "a-81d0").due == dt.date(2027, 4, 1)
    conflict = plan.conflicts[0]
    assert (conflict.value("ours"), conflict.value("theirs")) == (
        dt.date(2027, 4, 1),
        dt.date(2027, 5, 1),
    )
    code, output = run("check", repo / PLAN)
    assert code == 1
    # Issue 12: the people beside the sides (both branches here are Awa's commits).
    assert (
        "unresolved merge conflict at actions.a-81d0.due: Awa (ours) 2027-04-01, "
        "Awa (theirs) 2027-05-01" in output
    )


def test_an_action_edited_on_one_branch_and_deleted_on_the_other_is_kept(repo: Path) -> None:
    setup_driver(repo)

    def delete(plan: Plan) -> None:
        plan.actions = [a for a in plan.actions if a.id != "a-f412"]

    def edit(plan: Plan) -> None:
        action(plan, "a-f412").status = "in-progress"

    branches(repo, delete, edit)
    merged = git(repo, "merge", "--no-edit", "partner", check=False)
    assert merged.returncode == 1
    plan = load_plan(repo / PLAN)
    assert action(plan, "a-f412").status == "in-progress"
    conflict = plan.conflicts[0]
    assert conflict.path == "actions.a-f412"
    assert conflict.deleted("ours") and conflict.value("theirs")["status"] == "in-progress"
    code, output = run("check", repo / PLAN)
    assert code == 1
    # Issue 12: the people beside the sides.
    assert (
        "unresolved merge conflict at actions.a-f412: Awa (ours) deleted, Awa (theirs) {" in output
    )


def both_edit_the_title(repo: Path) -> None:
    def title(text: str) -> Callable[[Plan], None]:
        def change(plan: Plan) -> None:
            plan.title = text

        return change

    branches(repo, title("Referral of victims"), title("Orientation des victimes"))


def test_without_git_setup_git_leaves_markers_that_check_explains(repo: Path) -> None:
    both_edit_the_title(repo)
    merged = git(repo, "merge", "--no-edit", "partner", check=False)
    assert merged.returncode == 1
    lines = (repo / PLAN).read_text().splitlines()
    marker = next(n for n, line in enumerate(lines, start=1) if line.startswith("<<<<<<<"))
    code, output = run("check", repo / PLAN)
    assert code == 1
    assert (
        f"{repo / PLAN}:{marker}: unresolved git merge conflict (conflict markers from line "
        f"{marker}); resolve it, or run `planwizard git-setup`"
    ) in output


def test_check_warns_when_gitattributes_names_the_driver_but_the_clone_lacks_it(
    repo: Path,
) -> None:
    setup_driver(repo)
    # As in a fresh clone: .gitattributes came with it, the local config did not.
    git(repo, "config", "--remove-section", "merge.planwizard")
    code, output = run("check", repo / PLAN)
    assert code == 0
    assert (
        f"{repo}: warning: this repository's .gitattributes asks git to merge plans with "
        "planwizard, but this clone has no such merge driver"
    ) in output
    assert "run `planwizard git-setup`" in output
    # git then merges line by line, without a word; check reports the markers.
    both_edit_the_title(repo)
    assert git(repo, "merge", "--no-edit", "partner", check=False).returncode == 1
    code, output = run("check", repo / PLAN)
    assert code == 1
    assert "unresolved git merge conflict" in output
    # Once set up, the warning is gone.
    git(repo, "merge", "--abort")
    setup_driver_again = run("git-setup", repo)
    assert setup_driver_again[0] == 0
    assert "run `planwizard git-setup`" not in run("check", repo / PLAN)[1]


def test_check_outside_git_or_without_the_attribute_does_not_warn(
    repo: Path, tmp_path: Path
) -> None:
    assert "git-setup" not in run("check", repo / PLAN)[1]
    loose = tmp_path / "loose.toml"
    shutil.copy(repo / PLAN, loose)
    assert "git-setup" not in run("check", loose)[1]
