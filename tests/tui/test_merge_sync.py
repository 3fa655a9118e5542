"""An open plan whose file someone else rewrites: reloaded, merged, or sent to the resolve
screen; and the warning when git would merge plans line by line.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from planwizard.model import Action, Plan, new_plan
from planwizard.storage import load_plan, save_plan
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.resolve import ResolveScreen
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen, StepScreen
from planwizard.tui.widgets.fields import LineField
from tests.tui.tui_helpers import screen_text, settle, steady_app


def referral_plan() -> Plan:
    plan = new_plan("Referral of victims", created=dt.date(2027, 1, 15))
    plan.workshop.place = "Town hall"
    plan.problem.statement = "Victims are not referred"
    plan.actions = [Action(id="a-1", title="Draft a referral form", owner="Shelter")]
    return plan


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "referral.toml"
    save_plan(referral_plan(), path)
    return path


def open_app(path: Path) -> PlanWizardApp:
    # No timer: the test looks at the file itself, at the moment it chooses.
    return steady_app(path.parent, open_path=path, start="open", watch_interval=None)


def partner_saves(path: Path, **fields: object) -> None:
    """Another laptop's edit arrives (a `git pull`): the file is rewritten."""
    plan = load_plan(path)
    for name, value in fields.items():
        target = plan.workshop if name == "place" else plan
        setattr(target, name, value)
    save_plan(plan, path)


def notices(app: PlanWizardApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_an_external_change_is_reloaded_and_told(plan_path: Path) -> None:
    app = open_app(plan_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        written_before = plan_path.read_bytes()
        partner_saves(plan_path, place="Police station")
        written = plan_path.read_bytes()
        assert written != written_before
        app.check_disk()
        await pilot.pause()
        assert screen.query_one("#place", LineField).value == "Police station"
        assert "referral.toml was changed on disk" in notices(app)
        assert plan_path.read_bytes() == written  # a reload writes nothing
        app.check_disk()  # nothing new: nothing more said
        await pilot.pause()
        assert notices(app).count("changed on disk") == 1


async def test_an_edit_being_typed_and_an_external_edit_both_end_up_in_the_file(
    plan_path: Path,
) -> None:
    app = open_app(plan_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        title = app.screen.query_one("#title", LineField)
        title.focus()
        await pilot.press("ctrl+u", *"Referral in the district")
        await pilot.pause()
        assert load_plan(plan_path).title == "Referral of victims"  # still being typed
        partner_saves(plan_path, place="Police station")
        app.check_disk()
        await pilot.pause()
        saved = load_plan(plan_path)
        assert saved.title == "Referral in the district"
        assert saved.workshop.place == "Police station"
        assert not saved.conflicts
        assert title.has_focus and title.value == "Referral in the district"
        assert app.screen.query_one("#place", LineField).value == "Police station"
        assert "merged" in notices(app)


async def test_a_save_that_failed_is_merged_when_the_file_changes(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app(plan_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        with monkeypatch.context() as full_disk:

            def refuse(target: Path, text: str, *_unchanged: object) -> None:
                from planwizard.storage import PlanError

                raise PlanError(target, "not saved (No space left on device)")

            full_disk.setattr("planwizard.storage.write_atomically", refuse)
            owner = screen.query_one("#doc-owner", LineField)
            owner.focus()
            await pilot.press(*"Awa", "enter")
            await pilot.pause()
            assert "NOT SAVED" in screen_text(app)
        partner_saves(plan_path, place="Police station")
        app.check_disk()
        await pilot.pause()
        saved = load_plan(plan_path)
        assert saved.documentation.owner == "Awa" and saved.workshop.place == "Police station"
        assert "NOT SAVED" not in screen_text(app)


async def test_a_conflicting_external_edit_opens_the_resolve_screen(plan_path: Path) -> None:
    app = open_app(plan_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        step = app.screen
        assert isinstance(step, ProblemScreen)
        step.query_one("#title", LineField).focus()
        await pilot.press("ctrl+u", *"Ours")
        partner_saves(plan_path, title="Theirs")
        app.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        (conflict,) = load_plan(plan_path).conflicts  # both values are in the file
        assert (conflict.value("ours"), conflict.value("theirs")) == ("Ours", "Theirs")
        assert '"Ours"' in screen_text(app) and '"Theirs"' in screen_text(app)

        await pilot.press("t")
        await pilot.pause()
        assert app.screen is step  # nothing left to resolve
        saved = load_plan(plan_path)
        assert saved.title == "Theirs" and not saved.conflicts
        assert step.query_one("#title", LineField).value == "Theirs"

        await pilot.press("ctrl+z")  # undo brings the conflict back, on disk too
        await pilot.pause()
        assert [c.path for c in load_plan(plan_path).conflicts] == ["title"]
        assert "conflicts: 1" in screen_text(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)


async def test_a_newer_file_that_does_not_load_is_never_overwritten(plan_path: Path) -> None:
    app = open_app(plan_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        broken = "<<<<<<< ours\ntitle = 'a'\n=======\ntitle = 'b'\n>>>>>>> theirs\n"
        plan_path.write_text(broken, encoding="utf-8")
        app.check_disk()
        await pilot.pause()
        assert "cannot be taken in" in notices(app)
        app.screen.query_one("#title", LineField).focus()
        await pilot.press("ctrl+u", *"Mine", "enter")
        await pilot.pause()
        assert plan_path.read_text(encoding="utf-8") == broken
        assert "NOT SAVED" in screen_text(app)
        assert isinstance(app.screen, StepScreen)


GIT = shutil.which("git")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
async def test_a_clone_without_the_merge_driver_is_told_to_run_git_setup(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = plan_path.parent.parent / "home"
    home.mkdir()
    for key, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)
    repo = plan_path.parent.parent
    subprocess.run([GIT or "git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    (repo / ".gitattributes").write_text("*.toml merge=planwizard\n", encoding="utf-8")
    app = steady_app(plan_path.parent, watch_interval=None)
    app.git_check_delay = 0  # at once, rather than a second after the start
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Run `planwizard git-setup`" in notices(app)

    from planwizard.gitsetup import setup_repository

    setup_repository(repo)
    app = steady_app(plan_path.parent, watch_interval=None)
    app.git_check_delay = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "git-setup" not in notices(app)
