"""Commands from the palette: exports of the open plan, and switching the interface
language in a running app without losing what was typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from planwizard import load_plan
from planwizard.i18n import current_language
from planwizard.tui.screens.steps import ProblemScreen, StepScreen
from tests.conftest import EXAMPLE_PLANS
from tests.tui.tui_helpers import screen_text, settle, steady_app

PLAN_NAME = "detention-recommendations-follow-up.toml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(EXAMPLE_PLANS / PLAN_NAME, plans / PLAN_NAME)
    return plans


async def run_palette_command(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    # The palette searches its providers in the background: wait for the match.
    for _attempt in range(50):
        await pilot.pause(0.05)
        options = pilot.app.screen.query("CommandList")
        if options and options.first().option_count:
            break
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_the_open_plan_from_the_palette(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_plan(folder / PLAN_NAME, step="planning")
        await pilot.pause()
        await run_palette_command(pilot, "Export: report (Markdown)")
        # Who is it for? Enter takes the focused choice, the partners' version.
        assert type(app.screen).__name__ == "AudienceScreen"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        report = folder / "exports" / PLAN_NAME.replace(".toml", ".md")
        assert report.exists()
        text = report.read_text(encoding="utf-8")
        assert text.startswith("# Follow-up of the 2026 detention-monitoring recommendations")
        assert "Round table with police, health and justice" in text
        assert "Partners version" in text and "Deputy Director for Police Oversight" not in text
        assert any(str(report) in str(n.message) for n in app._notifications)
        await run_palette_command(pilot, "Export: report to print")
        await pilot.press("t")  # the team's version, written apart
        await pilot.pause()
        await app.workers.wait_for_complete()
        team = (folder / "exports" / PLAN_NAME.replace(".toml", "-team.html")).read_text(
            encoding="utf-8"
        )
        assert "Deputy Director for Police Oversight" in team
        await run_palette_command(pilot, "Export: calendar")
        assert (
            (folder / "exports" / PLAN_NAME.replace(".toml", ".ics"))
            .read_text()
            .startswith("BEGIN:VCALENDAR")
        )


async def test_export_from_home_uses_the_selected_plan(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "Export: actions spreadsheet")
        await pilot.press("escape")  # asked who it is for, and cancelled: nothing written
        await pilot.pause()
        assert not list(folder.glob("**/*.csv"))
        await run_palette_command(pilot, "Export: actions spreadsheet")
        await pilot.press("p")
        await pilot.pause()
        await app.workers.wait_for_complete()
        sheet = folder / "exports" / PLAN_NAME.replace(".toml", ".csv")
        assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")


async def test_switching_language_keeps_what_was_typed(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_plan(folder / PLAN_NAME, step="problem")
        await pilot.pause()
        place = app.screen.query_one("#place", Input)
        place.focus()
        await pilot.press("end", *" (annex)")
        date_input = app.screen.query_one("#workshop-date Input", Input)
        date_input.focus()
        await pilot.press("ctrl+u", *"31/02")  # not a date: kept as typed, not saved

        await run_palette_command(pilot, "Interface language: Français")

        assert current_language() == "fr"
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        assert "Analyse du problème" in screen_text(app)
        labels = {b.binding.action: b.binding.description for b in screen.active_bindings.values()}
        assert labels["next_step"] == "Suite"
        # The finished field was saved; the half-typed date is still there to correct.
        assert screen.query_one("#place", Input).value.endswith("(annex)")
        assert load_plan(folder / PLAN_NAME).workshop.place.endswith("(annex)")
        assert screen.query_one("#workshop-date Input", Input).value == "31/02"
        # Only planwizard screens were rebuilt: one home and one step, as before.
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "ProblemScreen"]

        await run_palette_command(pilot, "English")
        assert current_language() == "en"
        assert isinstance(app.screen, StepScreen)
        labels = {
            b.binding.action: b.binding.description for b in app.screen.active_bindings.values()
        }
        assert labels["next_step"] == "Next"
