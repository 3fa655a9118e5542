"""Share (`planwizard sync`) with real git: a bare repository as the team's server and two
clones, one facilitator's laptop each."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwizard.gitsetup import DRIVER_KEY, setup_repository
from planwizard.merge import resolve_conflict
from planwizard.share import ShareError, share
from planwizard.storage import load_plan, save_plan
from tests.git_helpers import PLAN, git, isolate_git, make_repo, needs_git, run

pytestmark = needs_git


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """The server (empty), Awa's clone holding one plan not yet sent, and Jean's clone."""
    isolate_git(tmp_path / "home", monkeypatch)
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", str(server))
    awa = make_repo(tmp_path / "awa")
    git(awa, "remote", "add", "origin", str(server))
    jean = tmp_path / "jean"
    git(tmp_path, "clone", "-q", str(server), str(jean))
    git(jean, "config", "user.name", "Jean")
    git(jean, "config", "user.email", "jean@example.org")
    # Set up here, unverified, to keep the tests short: Share would run git-setup, and
    # check that the driver runs (tests/cli/test_git_setup.py tests both).
    for clone in (awa, jean):
        setup_repository(clone, verify=False)
    return server, awa, jean


def as_jean(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.delenv(key)


def edit(repo: Path, **fields: object) -> None:
    """A saved change, not committed: what the app's autosave leaves."""
    plan = load_plan(repo / PLAN)
    for name, value in fields.items():
        setattr(plan.workshop if name == "place" else plan, name, value)
    save_plan(plan, repo / PLAN)


def server_log(server: Path) -> str:
    return git(server, "log", "--format=%an %s", "main").stdout


def test_the_first_share_sends_and_the_partner_receives(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, awa, jean = team
    code, output = run("sync", awa / "plans")
    assert code == 0, output
    assert "Sent to the server for the first time." in output
    assert "Awa Sharing of plans set up by Awa" in server_log(server)
    as_jean(monkeypatch)
    code, output = run("sync", jean / "plans")  # a folder the clone does not have yet
    assert code == 0, output
    assert "1 plan updated by Awa: “Orientation des victimes d'agression" in output
    assert load_plan(jean / PLAN).id == load_plan(awa / PLAN).id
    code, output = run("sync", jean / "plans")
    assert (code, output.strip()) == (
        0,
        "Nothing new: the plans here and on the server are the same.",
    )


def test_saved_changes_on_both_laptops_are_committed_merged_and_sent(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, awa, jean = team
    assert share(awa / "plans").sent
    as_jean(monkeypatch)
    share(jean / "plans")
    edit(jean, place="Police station")  # saved, not committed
    report = share(jean / "plans")
    assert report.sent and report.committed == [load_plan(jean / PLAN).title]
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Awa")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Awa")
    edit(awa, title="Referral of victims")  # Awa's tree is dirty: a pull would refuse
    report = share(awa / "plans")
    assert report.updated == {"Jean": ["Referral of victims"]}
    assert report.sent
    plan = load_plan(awa / PLAN)
    assert (plan.title, plan.workshop.place) == ("Referral of victims", "Police station")
    assert "Plans updated by Awa: Referral of victims" in server_log(server)
    assert git(awa, "stash", "list").stdout == ""  # nothing stashed, ever
    assert git(awa, "status", "--porcelain").stdout == ""


def test_offline_the_changes_are_committed_here_and_sent_next_time(
    team: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    server, awa, _jean = team
    git(awa, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    edit(awa, title="Referral of victims")
    code, output = run("sync", awa / "plans")
    assert code == 1
    assert "Offline (the server cannot be reached:" in output
    assert "your changes are committed here and will be sent next time" in output
    assert git(awa, "status", "--porcelain").stdout == ""
    assert "Referral of victims" in git(awa, "show", f"HEAD:{PLAN}").stdout
    git(awa, "remote", "set-url", "origin", str(server))
    code, output = run("sync", awa / "plans")
    assert code == 0
    assert "Sent to the server for the first time." in output
    assert "Plans updated by Awa: Referral of victims" in server_log(server)


def test_a_clash_is_committed_with_its_conflicts_and_sent_once_settled(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, awa, jean = team
    share(awa / "plans")
    with monkeypatch.context() as jean_env:
        as_jean(jean_env)
        share(jean / "plans")
        edit(jean, title="Orientation")
        share(jean / "plans")
    edit(awa, title="Referral")
    code, output = run("sync", awa / "plans")
    assert code == 1
    assert "1 point to settle in “Referral”: open it and press Ctrl+G." in output
    assert "Nothing was sent yet: once that is done, press Share again to send it." in output
    assert git(awa, "ls-files", "-u").stdout == ""  # the merge is committed here
    assert "Referral" not in git(server, "show", f"main:{PLAN}").stdout
    plan = load_plan(awa / PLAN)  # the plan loads, with what is left to settle
    assert [c.path for c in plan.conflicts] == ["title"]
    save_plan(resolve_conflict(plan, 0, "theirs"), awa / PLAN)
    code, output = run("sync", awa / "plans")
    assert code == 0, output
    assert "Sent to the server." in output
    as_jean(monkeypatch)
    share(jean / "plans")
    settled = load_plan(jean / PLAN)
    assert (settled.title, settled.conflicts) == ("Orientation", [])


def test_share_finishes_a_merge_git_left_with_only_our_side(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _server, awa, jean = team
    share(awa / "plans")
    with monkeypatch.context() as jean_env:
        as_jean(jean_env)
        share(jean / "plans")
        edit(jean, place="Police station")
        share(jean / "plans")
    edit(awa, title="Referral of victims")
    git(awa, "commit", "-qam", "by hand")
    git(awa, "config", DRIVER_KEY, "false")  # as after a venv was removed
    assert git(awa, "pull", "--no-rebase", "origin", "main", check=False).returncode == 1
    report = share(awa / "plans")  # sets the driver up again and merges again
    assert report.sent, report.lines()
    plan = load_plan(awa / PLAN)
    assert (plan.title, plan.workshop.place) == ("Referral of victims", "Police station")
    assert git(awa, "ls-files", "-u").stdout == ""


def test_share_outside_a_repository_says_so(tmp_path: Path) -> None:
    with pytest.raises(ShareError, match="is not in a git repository"):
        share(tmp_path)
    code, output = run("sync", tmp_path)
    assert code == 2
    assert "is not in a git repository" in output


def test_a_plan_deleted_on_the_server_and_changed_here_is_kept_and_said(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, awa, jean = team
    share(awa / "plans")
    with monkeypatch.context() as jean_env:
        as_jean(jean_env)
        share(jean / "plans")
        (jean / PLAN).unlink()  # deleted from the home screen
        share(jean / "plans")
    edit(awa, title="Referral of victims")
    code, output = run("sync", awa / "plans")
    assert code == 0, output
    assert (
        "“Referral of victims” was deleted on the server and changed here: it is kept, "
        "with your changes." in output
    )
    assert load_plan(awa / PLAN).title == "Referral of victims"
    assert "Referral of victims" in git(server, "show", f"main:{PLAN}").stdout


def test_a_plan_that_does_not_load_on_the_server_stops_the_merge_and_nothing_is_lost(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _server, awa, jean = team
    share(awa / "plans")
    with monkeypatch.context() as jean_env:
        as_jean(jean_env)
        share(jean / "plans")
        text = (jean / PLAN).read_text()
        (jean / PLAN).write_text(
            text.replace('title = "', 'title = "Broken', 1).replace(
                'language = "fr"', 'language = "fr'
            )
        )
        git(jean, "commit", "--no-verify", "-qam", "a hand edit that breaks the plan")
        git(jean, "push", "-q")
    edit(awa, title="Referral of victims")
    code, output = run("sync", awa / "plans")
    assert code == 1
    assert "plans/referral.toml: one of the two copies does not load as a plan" in output
    assert "Nothing from the server was taken in, so that nothing is lost" in output
    assert "Nothing was sent yet" in output
    assert load_plan(awa / PLAN).title == "Referral of victims"  # ours, whole, committed
    assert git(awa, "status", "--porcelain").stdout == ""
    assert git(awa, "ls-files", "-u").stdout == ""


def test_share_in_another_language_does_not_set_git_up_again(
    team: tuple[Path, Path, Path],
) -> None:
    _server, awa, _jean = team
    git(awa, "config", "--unset", DRIVER_KEY)
    assert share(awa / "plans").setup  # git-setup runs when the driver is missing
    edit(awa, title="Orientation")
    code, output = run("--lang", "fr", "sync", awa / "plans")
    assert code == 0, output
    assert "Vos modifications sont validées\u00a0: «\u00a0Orientation\u00a0»." in output
    assert "git config" not in output


def test_a_server_that_refuses_is_not_called_offline(team: tuple[Path, Path, Path]) -> None:
    server, awa, _jean = team
    hook = server / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'plans are frozen until Monday' >&2\nexit 1\n")
    hook.chmod(0o755)
    code, output = run("sync", awa / "plans")
    assert code == 1
    assert "The server refused your changes (" in output
    assert "they are committed here" in output
    assert "Offline" not in output
    assert git(awa, "status", "--porcelain").stdout == ""


def test_a_partner_who_sends_during_the_share_is_merged_and_the_share_sent_again(
    team: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import planwizard.share as share_module

    server, awa, jean = team
    share(awa / "plans")
    with monkeypatch.context() as jean_env:
        as_jean(jean_env)
        share(jean / "plans")
        edit(jean, place="Police station")
        git(jean, "commit", "-qam", "Jean's edit, sent while Awa shares")
    real_run_git = share_module.run_git
    raced: list[bool] = []

    def partner_sends_first(args: list[str], cwd: Path, **options: object) -> object:
        if args[0] == "push" and not raced:
            raced.append(True)
            git(jean, "push", "-q")
        return real_run_git(args, cwd, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(share_module, "run_git", partner_sends_first)
    edit(awa, title="Referral of victims")
    report = share(awa / "plans")
    assert raced and report.sent, report.lines()
    sent = load_plan(awa / PLAN)
    assert (sent.title, sent.workshop.place) == ("Referral of victims", "Police station")
    assert "Referral of victims" in git(server, "show", f"main:{PLAN}").stdout


def test_share_never_reads_a_plan_named_link_to_a_device(team: tuple[Path, Path, Path]) -> None:
    _server, awa, _jean = team
    (awa / "plans" / "zero.toml").symlink_to("/dev/zero")
    report = share(awa / "plans")  # returns: it never reads /dev/zero
    assert report.sent
    assert "zero.toml" not in git(awa, "ls-files").stdout  # a link is not a saved plan
