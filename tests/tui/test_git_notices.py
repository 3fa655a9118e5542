"""The app tells what git did to the plans' repository as it happens: a pull in a clone
without planwizard's merge driver, files git has not finished merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwizard.gitsetup import DRIVER_KEY, setup_repository
from planwizard.storage import load_plan, save_plan
from planwizard.tui.app import PlanWizardApp
from tests.git_helpers import PLAN, git, isolate_git, make_repo, needs_git, run
from tests.tui.tui_helpers import screen_text, settle, steady_app

pytestmark = needs_git


def notices(app: PlanWizardApp) -> list[str]:
    return [n.message for n in app._notifications]


def edit(repo: Path, message: str, **fields: object) -> None:
    plan = load_plan(repo / PLAN)
    for name, value in fields.items():
        setattr(plan.workshop if name == "place" else plan, name, value)
    save_plan(plan, repo / PLAN)
    git(repo, "commit", "-qam", message)


def watching(folder: Path, **kwargs: object) -> PlanWizardApp:
    app = steady_app(folder, watch_interval=None, **kwargs)
    app.git_check_delay = 0
    return app


async def test_a_pull_in_a_clone_without_git_setup_is_noticed_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(tmp_path / "home", monkeypatch)
    origin = make_repo(tmp_path / "origin")
    assert run("git-setup", origin)[0] == 0
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "setup")
    server = tmp_path / "server.git"
    git(tmp_path, "clone", "-q", "--bare", str(origin), str(server))
    mine = tmp_path / "mine"
    git(tmp_path, "clone", "-q", str(server), str(mine))  # git-setup never run here
    app = watching(mine / "plans")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said = [n for n in notices(app) if "Run `planwizard git-setup`" in n]
        assert len(said) == 1
        app.check_repo()  # nothing happened: nothing more said
        await settle(pilot)
        assert len([n for n in notices(app) if "git-setup" in n]) == 1
        assert "Referral of victims" not in screen_text(app)
        edit(origin, "a partner's edit", title="Referral of victims")
        git(origin, "push", "-q", str(server), "main")
        git(mine, "pull", "-q", "--no-rebase")
        app.check_repo()
        await settle(pilot)
        assert len([n for n in notices(app) if "Run `planwizard git-setup`" in n]) == 2
        assert "Referral of victims" in screen_text(app)  # the list shows what came


async def test_an_unmerged_plan_is_told_on_home_and_in_the_open_plan_with_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(tmp_path / "home", monkeypatch)
    repo = make_repo(tmp_path / "repo")
    setup_repository(repo, verify=False)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "setup")
    app = watching(repo / "plans", open_path=repo / PLAN, start="open")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not [n for n in notices(app) if "merg" in n]
        git(repo, "checkout", "-qb", "partner")
        edit(repo, "place", place="Police station")
        git(repo, "checkout", "-q", "main")
        edit(repo, "title", title="Referral of victims")
        git(repo, "config", DRIVER_KEY, "false")  # a driver that does not run
        assert git(repo, "merge", "--no-edit", "partner", check=False).returncode == 1
        app.check_repo()
        await settle(pilot)
        told = "\n".join(notices(app))
        assert "plans/referral.toml: git has not finished merging this file" in told
        assert "`git checkout -m plans/referral.toml`" in told

    home = watching(repo / "plans")
    async with home.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "`git checkout -m plans/referral.toml`" in "\n".join(notices(home))
