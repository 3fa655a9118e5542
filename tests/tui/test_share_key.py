"""The Share key (Ctrl+L) in the app, with real git: a bare server and a clone."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwizard.gitsetup import setup_repository
from planwizard.storage import load_plan
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.steps import ProblemScreen
from planwizard.tui.widgets.fields import LineField
from tests.git_helpers import PLAN, git, isolate_git, make_repo, needs_git
from tests.tui.tui_helpers import settle, steady_app

pytestmark = needs_git


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An empty server, and a clone holding one plan that was never sent."""
    isolate_git(tmp_path / "home", monkeypatch)
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", str(server))
    repo = make_repo(tmp_path / "awa")
    git(repo, "remote", "add", "origin", str(server))
    setup_repository(repo, verify=False)  # as Share would, unverified: a shorter test
    return server, repo


def told(app: PlanWizardApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def test_ctrl_l_on_home_shares_and_says_what_happened(clone: tuple[Path, Path]) -> None:
    server, repo = clone
    app = steady_app(repo / "plans", watch_interval=None)
    app.git_check_delay = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "Shared: " in told(app)
        assert "Sent to the server for the first time." in told(app)
        assert not app.sharing
    assert "Sharing of plans set up by Awa" in git(server, "log", "--format=%s", "main").stdout


async def test_ctrl_l_in_an_open_plan_sends_the_word_being_typed(
    clone: tuple[Path, Path],
) -> None:
    server, repo = clone
    app = steady_app(repo / "plans", open_path=repo / PLAN, start="open", watch_interval=None)
    app.git_check_delay = 0
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Share" in commands  # in the palette too
        app.screen.query_one("#place", LineField).focus()
        await pilot.press("ctrl+u", *"Town hall")  # typed, not yet left
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "Sent to the server for the first time." in told(app)
    sent = git(server, "show", f"main:{PLAN}").stdout
    assert 'place = "Town hall"' in sent
    assert load_plan(repo / PLAN).workshop.place == "Town hall"


async def test_leaving_the_resolve_screen_with_everything_settled_says_share_finishes(
    clone: tuple[Path, Path],
) -> None:
    from planwizard.model import Conflict
    from planwizard.storage import save_plan
    from planwizard.tui.screens.resolve import ResolveScreen

    _server, repo = clone
    plan = load_plan(repo / PLAN)
    plan.conflicts = [
        Conflict.model_validate(
            {"path": "workshop.place", "base": "Hall", "ours": "Town hall", "theirs": "School"}
        )
    ]
    plan.workshop.place = "Town hall"
    save_plan(plan, repo / PLAN)
    app = steady_app(repo / "plans", open_path=repo / PLAN, start="open", watch_interval=None)
    app.git_check_delay = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Press Ctrl+L (Share) to send the decision to the team" in told(app)
    assert load_plan(repo / PLAN).workshop.place == "School"


async def test_what_share_brings_shows_in_the_open_plan(
    clone: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard.share import share
    from planwizard.storage import save_plan

    server, repo = clone
    share(repo / "plans")
    partner = tmp_path / "jean"
    git(tmp_path, "clone", "-q", str(server), str(partner))
    setup_repository(partner, verify=False)
    with monkeypatch.context() as jean:
        jean.setenv("GIT_AUTHOR_NAME", "Jean")
        plan = load_plan(partner / PLAN)
        plan.workshop.place = "Police station"
        save_plan(plan, partner / PLAN)
        share(partner / "plans")
    app = steady_app(repo / "plans", open_path=repo / PLAN, start="open", watch_interval=None)
    app.git_check_delay = 0
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#place", LineField).value != "Police station"
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "1 plan updated by Jean" in told(app)
        assert app.screen.query_one("#place", LineField).value == "Police station"
