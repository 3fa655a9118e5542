"""git-setup in real repositories: a driver command that survives a moved environment and
fails loudly when planwizard is gone, unmerged files that `check` explains, git run
safely in an untrusted clone, no write through a symlink, and the commit guard."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from planwizard.gitcmd import git_environment, run_git
from planwizard.gitsetup import DRIVER_KEY, GUARD_LINE, GitError, driver_command, setup_repository
from planwizard.model import Plan
from planwizard.storage import load_plan, save_plan
from tests.git_helpers import (
    PLAN,
    git,
    isolate_git,
    make_repo,
    needs_git,
    path_without_planwizard,
    run,
)

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(tmp_path / "home", monkeypatch)
    return make_repo(tmp_path / "plans-repo")


def edit(repo: Path, message: str, **fields: object) -> None:
    plan = load_plan(repo / PLAN)
    for name, value in fields.items():
        target: object = plan.workshop if name == "place" else plan
        setattr(target, name, value)
    save_plan(plan, repo / PLAN)
    git(repo, "commit", "-qam", message)


def diverge(repo: Path) -> None:
    """`partner` changed the place and the language, `main` the title: a clean merge by
    meaning, a conflict line by line (the title and the language are on adjacent lines)."""
    git(repo, "checkout", "-qb", "partner")
    edit(repo, "place", place="Police station", language="en")
    git(repo, "checkout", "-q", "main")
    edit(repo, "title", title="Referral of victims")


def merged_by_meaning(repo: Path) -> Plan:
    plan = load_plan(repo / PLAN)
    assert (plan.title, plan.workshop.place, plan.language) == (
        "Referral of victims",
        "Police station",
        "en",
    )
    return plan


def test_the_recorded_command_survives_a_moved_environment(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set up with a Python that has since gone: planwizard on the PATH still merges.
    setup_repository(repo, "/gone/venv/bin/python", verify=False)
    monkeypatch.setenv(
        "PATH", os.pathsep.join([str(Path(sys.executable).parent), path_without_planwizard()])
    )
    code, output = run("git-setup", repo)  # verifies with the command it records
    assert code == 0, output
    assert "checked: git's merge of plans runs planwizard on this computer" in output
    assert git(repo, "config", DRIVER_KEY).stdout.strip() == driver_command()
    assert "/gone/venv" not in driver_command()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    diverge(repo)
    setup_repository(repo, "/gone/venv/bin/python", verify=False)
    assert git(repo, "merge", "-q", "--no-edit", "partner", check=False).returncode == 0
    merged_by_meaning(repo)


def test_a_driver_that_cannot_find_planwizard_fails_loudly_and_check_says_what_to_run(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_repository(repo, verify=False)  # verified in the tests above
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    diverge(repo)
    setup_repository(repo, "/gone/venv/bin/python", verify=False)
    with monkeypatch.context() as without:
        without.setenv("PATH", path_without_planwizard())
        merged = git(repo, "merge", "--no-edit", "partner", check=False)
        with pytest.raises(GitError, match="the merge driver does not work on this computer"):
            setup_repository(repo, "/gone/venv/bin/python")
    said = merged.stdout + merged.stderr
    assert merged.returncode == 1
    assert "CONFLICT" in said
    assert "plans/referral.toml: NOT merged by meaning: planwizard cannot be found" in said
    assert "git checkout -m plans/referral.toml" in said
    assert git(repo, "ls-files", "-u").stdout  # git keeps it unmerged
    text = (repo / PLAN).read_text()
    assert "Police station" in text and "Referral of victims" in text  # both sides kept
    code, output = run("check", repo / "plans")
    assert code == 1
    assert "git merged this file line by line and left conflict markers" in output
    assert "`git checkout -m plans/referral.toml`" in output
    # Set up again with a planwizard that runs, and merge the file again as told.
    setup_repository(repo, verify=False)  # verified in the tests above
    git(repo, "checkout", "-m", str(PLAN))
    merged_by_meaning(repo)
    code, output = run("check", repo / PLAN)
    assert code == 1
    assert (
        "merged by planwizard, but git has not been told yet: `git add plans/referral.toml`"
        in output
    )
    git(repo, "add", str(PLAN))
    assert run("check", repo / PLAN)[0] == 0


def test_check_names_an_unmerged_file_left_with_only_our_side(repo: Path) -> None:
    assert run("git-setup", repo)[0] == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    diverge(repo)
    git(repo, "config", DRIVER_KEY, "false")  # a driver that fails and writes nothing
    assert git(repo, "merge", "--no-edit", "partner", check=False).returncode == 1
    assert load_plan(repo / PLAN).workshop.place != "Police station"  # ours only
    code, output = run("check", repo / "plans")
    assert code == 1
    assert (
        f"{repo / PLAN}: git has not finished merging this file and it holds only your side"
        in output
    )
    assert "then `git checkout -m plans/referral.toml` to merge it again" in output


def test_git_setup_replaces_an_older_recorded_command(repo: Path) -> None:
    old = f"{sys.executable} -m planwizard merge %O %A %B --name %P"
    git(repo, "config", DRIVER_KEY, old)
    code, output = run("git-setup", repo)
    assert code == 0
    assert f"set git config {DRIVER_KEY} = {driver_command()}" in output
    code, output = run("git-setup", repo)
    assert f"git config {DRIVER_KEY} is already set" in output
    assert "wrote" not in output


def test_git_is_never_asked_to_run_the_clones_fsmonitor(repo: Path) -> None:
    marker = repo.parent / "fsmonitor-ran"
    hook = repo.parent / "fsmonitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch '{marker}'\nexit 1\n")
    hook.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(hook))
    git(repo, "status")
    assert marker.exists(), "the test's fsmonitor does run under plain git"
    marker.unlink()
    (repo / PLAN).write_text((repo / PLAN).read_text() + "\n")  # a dirty tree
    post_commit = repo / ".git" / "hooks" / "post-commit"
    post_commit.write_text(f"#!/bin/sh\ntouch '{marker}'\n")
    post_commit.chmod(0o755)
    assert run("check", repo / "plans")[0] == 0
    assert run("git-setup", repo)[0] == 0
    server = repo.parent / "server.git"
    git(repo.parent, "init", "-q", "--bare", str(server))
    git(repo, "remote", "add", "origin", str(server))
    code, output = run("sync", repo / "plans")  # commits, merges, sends: no hook runs
    assert code == 0, output
    assert "Sent to the server for the first time." in output
    assert not marker.exists()


def test_git_setup_does_not_write_through_a_symlinked_gitattributes(repo: Path) -> None:
    victim = repo.parent / "victim"
    victim.write_text("secret\n")
    (repo / ".gitattributes").symlink_to("../victim")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qm", "a hostile link")
    code, output = run("git-setup", repo)
    assert code == 1
    assert ".gitattributes is a symbolic link: git-setup does not write through it" in output
    assert victim.read_text() == "secret\n"
    assert (repo / ".gitattributes").is_symlink()
    assert git(repo, "config", DRIVER_KEY, check=False).returncode == 1  # nothing changed


def test_git_setup_makes_git_ignore_temp_files_and_exports(repo: Path) -> None:
    (repo / ".gitignore").write_text("*.bak")
    setup_repository(repo, verify=False)  # verified in the tests above
    assert (repo / ".gitignore").read_text() == "*.bak\n.*.tmp\nexports/\n"
    (repo / "plans" / ".referral.toml.k3j4_x.tmp").write_text("half a save")
    (repo / "plans" / "exports").mkdir()
    (repo / "plans" / "exports" / "referral.md").write_text("# report")
    status = git(repo, "status", "--porcelain", "--untracked-files=all").stdout
    assert ".tmp" not in status and "exports" not in status
    setup_repository(repo, verify=False)  # verified in the tests above
    assert (repo / ".gitignore").read_text() == "*.bak\n.*.tmp\nexports/\n"


# ----------------------------------------------------------------------- commit guard


def test_the_commit_guard_refuses_an_unresolved_conflict_and_names_the_file(repo: Path) -> None:
    setup_repository(repo, verify=False)  # verified in the tests above
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    git(repo, "checkout", "-qb", "partner")
    edit(repo, "due", title="Orientation")
    git(repo, "checkout", "-q", "main")
    edit(repo, "due", title="Referral")
    assert git(repo, "merge", "--no-edit", "partner", check=False).returncode == 1
    git(repo, "add", str(PLAN))
    refused = git(repo, "commit", "--no-edit", check=False)
    assert refused.returncode == 1
    assert f"{PLAN}:" in refused.stderr
    assert "unresolved merge conflict" in refused.stderr
    assert "commit refused" in refused.stderr
    # A plan that loads and has nothing to settle goes through.
    git(repo, "merge", "--abort")
    plan = load_plan(repo / PLAN)
    plan.workshop.date = dt.date(2027, 2, 1)
    save_plan(plan, repo / PLAN)
    git(repo, "commit", "-qam", "a clean edit")


def test_the_commit_guard_refuses_conflict_markers_and_a_plan_that_does_not_load(
    repo: Path,
) -> None:
    setup_repository(repo, verify=False)  # verified in the tests above
    text = (repo / PLAN).read_text()
    (repo / PLAN).write_text(text.replace('title = "', '<<<<<<< ours\ntitle = "', 1))
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-qm", "markers", check=False)
    assert refused.returncode == 1
    assert f"{PLAN}:3: git conflict markers" in refused.stderr
    (repo / PLAN).write_text(text.replace('language = "fr"', 'language = "fr'))
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-qm", "broken", check=False)
    assert refused.returncode == 1
    assert f"{PLAN}:4: " in refused.stderr  # `planwizard check`'s message, at its line
    assert "commit refused" in refused.stderr


def test_git_setup_leaves_a_hook_of_ones_own_and_says_how_to_add_the_guard(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    code, output = run("git-setup", repo)
    assert code == 0
    assert "already exists and is not planwizard's: left as it is" in output
    assert GUARD_LINE in output
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"


def test_git_runs_in_the_folder_asked_whatever_git_variables_leak_in(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = make_repo(tmp_path / "other")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", "touch /never")
    env = git_environment()
    assert not {"GIT_DIR", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF"} & set(env)
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_AUTHOR_NAME"] == "Awa"  # who commits is kept
    top = run_git(["rev-parse", "--show-toplevel"], repo / "plans").stdout.strip()
    assert Path(top) == repo
    assert "GIT_INDEX_FILE" in git_environment(keep=["GIT_INDEX_FILE"])


def test_the_driver_never_imports_code_from_the_repository(repo: Path) -> None:
    assert run("git-setup", repo)[0] == 0
    marker = repo.parent / "imported"
    hostile = repo / "planwizard"
    hostile.mkdir()
    (hostile / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (hostile / "cli.py").write_text("def main():\n    return 0\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a package named like ours")
    diverge(repo)
    assert git(repo, "merge", "-q", "--no-edit", "partner", check=False).returncode == 0
    merged_by_meaning(repo)
    assert not marker.exists()


def test_the_commit_guard_refuses_a_merge_that_keeps_only_our_side(repo: Path) -> None:
    setup_repository(repo, verify=False)  # verified in the tests above
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    diverge(repo)
    git(repo, "config", DRIVER_KEY, "false")  # the driver did not run: ours is left
    assert git(repo, "merge", "--no-edit", "partner", check=False).returncode == 1
    git(repo, "add", str(PLAN))  # what someone who does not read messages does next
    refused = git(repo, "commit", "--no-edit", check=False)
    assert refused.returncode == 1
    assert f"{PLAN}: this merge keeps only your side of the plan" in refused.stderr
    assert f"`git checkout -m {PLAN}`" in refused.stderr


def test_the_commit_guard_shows_a_hostile_file_name_without_its_terminal_escapes(
    repo: Path,
) -> None:
    setup_repository(repo, verify=False)  # verified in the tests above
    hostile = repo / "plans" / "\x1b[2Jclear.toml"
    hostile.write_text((repo / PLAN).read_text() + '\n[[conflicts]]\npath = "title"\n')
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-qm", "hostile", check=False)
    assert refused.returncode == 1
    assert "plans/[2Jclear.toml:" in refused.stderr
    assert "\x1b" not in refused.stderr


def test_a_runner_that_is_gone_is_said_and_the_file_stays_unmerged(repo: Path) -> None:
    setup_repository(repo, verify=False)  # verified in the tests above
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    diverge(repo)
    (repo / ".git" / "planwizard-run").unlink()
    merged = git(repo, "merge", "--no-edit", "partner", check=False)
    assert merged.returncode == 1
    assert "planwizard-run is missing: run `planwizard git-setup` again" in merged.stderr
    code, output = run("check", repo / "plans")
    assert code == 1
    assert "it holds only your side" in output
