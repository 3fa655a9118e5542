"""The resolve screen: a plan with conflicts opens on it; a typed value is checked in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable

from planwizard.model import Action, Conflict, Plan, new_plan
from planwizard.storage import load_plan, save_plan
from planwizard.tui.dialogs import ConfirmScreen
from planwizard.tui.help import HelpScreen
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.resolve import ResolveScreen
from planwizard.tui.screens.steps import StepScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app


def plan_with_conflicts() -> Plan:
    """What a merge leaves when two laptops re-dated and re-assigned the same action."""
    plan = new_plan("Referral of victims", created=dt.date(2027, 1, 15))
    plan.workshop.place = "Town hall"
    plan.actions = [
        Action(id="a-1", title="Draft a referral form", owner="Shelter", due=dt.date(2027, 2, 15)),
    ]
    plan.conflicts = [
        Conflict.model_validate(
            {
                "path": "actions.a-1.due",
                "base": dt.date(2027, 1, 31),
                "ours": dt.date(2027, 2, 15),
                "theirs": dt.date(2027, 3, 1),
            }
        ),
        Conflict.model_validate(
            {"path": "actions.a-1.status", "base": "planned", "ours": "planned"}
            | {"theirs": "blocked"}
        ),
    ]
    return plan


@pytest.fixture
def conflicted(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "referral.toml"
    save_plan(plan_with_conflicts(), path)
    return path


async def test_a_bad_new_value_is_refused_in_place_and_a_good_one_saved(conflicted: Path) -> None:
    app = steady_app(conflicted.parent, open_path=conflicted, start="open", watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)  # opened on the conflicts first
        assert "2 to resolve" in screen_text(app)
        assert "“Draft a referral form”" in screen_text(app)
        await pilot.press("n", "ctrl+u", *"31/02", "enter")
        await pilot.pause()
        assert "'31/02' is not a day of the calendar" in screen_text(app)
        assert len(load_plan(conflicted).conflicts) == 2  # nothing saved

        await pilot.press("escape", "down")  # the status conflict: a word the plan refuses
        await pilot.pause()
        await pilot.press("n", "ctrl+u", *"finished", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "status" in text and "planned" in text and "blocked" in text
        assert "finished" in text  # the refused value named in the message
        assert len(load_plan(conflicted).conflicts) == 2

        await pilot.press("escape", "up", "n", "ctrl+u", *"2027-02-20", "enter")
        await pilot.pause()
        saved = load_plan(conflicted)
        assert saved.actions[0].due == dt.date(2027, 2, 20)
        assert [c.path for c in saved.conflicts] == ["actions.a-1.status"]
        assert "1 to resolve" in screen_text(app)

        await pilot.press("ctrl+z")  # the typed value is taken back
        await pilot.pause()
        assert load_plan(conflicted).actions[0].due == dt.date(2027, 2, 15)
        assert len(load_plan(conflicted).conflicts) == 2


async def test_picking_a_side_for_every_conflict_goes_back_to_the_plan(conflicted: Path) -> None:
    app = steady_app(conflicted.parent, open_path=conflicted, start="open", watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("b")  # the due date from before both changes
        await pilot.pause()
        await pilot.press("t")  # their status
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        saved = load_plan(conflicted)
        assert saved.actions[0].due == dt.date(2027, 1, 31)
        assert saved.actions[0].status == "blocked"
        assert not saved.conflicts
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Conflicts" not in titles  # nothing left: the key is gone too


async def test_home_marks_plans_with_conflicts_and_opens_them_on_the_conflicts(
    conflicted: Path,
) -> None:
    save_plan(new_plan("Another plan"), conflicted.parent / "other.toml")
    app = steady_app(conflicted.parent, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert text.count("conflicts: 2") == 1
        await pilot.press(*"referral", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "o keeps ours" in screen_text(app) and "Keep theirs" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # later: the plan, with the conflicts still to do
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert "conflicts: 2 (^g)" in screen_text(app)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Conflicts" in titles


async def test_a_text_of_several_lines_is_shown_and_typed_whole(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = new_plan("Referral of victims", created=dt.date(2027, 1, 15))
    ours = "Victims wait.\nNobody owns the referral."
    plan.problem.statement = ours
    plan.conflicts = [
        Conflict.model_validate(
            {
                "path": "problem.statement",
                "base": "Victims wait.\nNobody knows.",
                "ours": ours,
                "theirs": "Victims wait for hours.\nNobody follows up.",
            }
        )
    ]
    path = folder / "referral.toml"
    save_plan(plan, path)
    app = steady_app(folder, open_path=path, start="open", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        text = screen_text(app)
        for line in ("Nobody owns the referral.", "Victims wait for hours.", "Nobody follows up."):
            assert line in text
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("down", "end", "enter", *"Ask the police.", "ctrl+s")
        await pilot.pause()
        saved = load_plan(path)
        assert saved.problem.statement == f"{ours}\nAsk the police."
        assert saved.conflicts == []


async def test_the_people_behind_each_side_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = plan_with_conflicts()
    first = plan.conflicts[0].model_dump()
    plan.conflicts = [Conflict.model_validate({**first, "ours_by": "Ben", "theirs_by": "Awa"})]
    path = folder / "referral.toml"
    save_plan(plan, path)
    app = steady_app(folder, open_path=path, start="open", watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Ben (ours) · Awa (theirs)" in text
        await pilot.press("t")  # Awa's value
        await pilot.pause()
    assert load_plan(path).actions[0].due == dt.date(2027, 3, 1)


@pytest.mark.parametrize("agree", [True, False])
async def test_a_conflict_settled_in_a_file_with_comments_asks_before_they_go(
    conflicted: Path, agree: bool
) -> None:
    """As on every screen that edits a plan: the hand-written comments never go unasked,
    and the last conflict's screen closes only once the question is answered."""
    conflicted.write_text("# Agreed with the shelter on 12 January\n" + conflicted.read_text())
    app = steady_app(conflicted.parent, open_path=conflicted, start="open", watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        await pilot.press("o")  # ours, for the date
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # the comments question
        await pilot.press("y" if agree else "n")
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        text = conflicted.read_text()
        if agree:
            assert "# Agreed" not in text and len(load_plan(conflicted).conflicts) == 1
        else:  # kept in memory, the file as it was
            assert "# Agreed" in text and len(load_plan(conflicted).conflicts) == 2
            assert "NOT SAVED" in screen_text(app)
        assert app.screen.query_one("#conflicts", DataTable).row_count == 1  # one left
        await pilot.press("o")  # the last one: asked once only, the screen closes
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen | ResolveScreen)
        assert ("# Agreed" in conflicted.read_text()) is not agree
