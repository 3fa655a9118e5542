"""F9: the room view shows the step, one question and the group's answers; F9 goes back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Digits

from planwizard import load_plan
from planwizard.text import one_line
from planwizard.tui.screens.projector import ProjectorScreen, wrap_keeping_no_breaks
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen
from planwizard.tui.themes import PROJECTOR_DARK, PROJECTOR_LIGHT
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import TextField
from tests.tui.room_helpers import HandClock, advance
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_room_view_and_back_keeps_what_was_typed(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    clock = HandClock()
    app = steady_app(plans_dir, open_path=path, start="open", monotonic=clock)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        step = app.screen
        assert isinstance(step, ProblemScreen)
        step.session.drop_comments = True  # the comments question has its own test
        theme = app.theme
        # A date being typed that is not one yet: kept as typed, not saved.
        date = step.query_one("#workshop-date", DateField)
        date.input.focus()
        await pilot.press("ctrl+u", *"31/02")
        # The statement being typed, not yet left.
        step.query_one("#statement", TextField).focus()
        await pilot.press(*"Tonight. ")
        await pilot.press("f8")
        await advance(pilot, clock, 125)

        await pilot.press("f9")
        await pilot.pause()
        room = app.screen
        assert isinstance(room, ProjectorScreen)
        assert app.theme == PROJECTOR_DARK
        text = screen_text(app)
        assert "Step 1 of 4: Problem analysis" in text
        assert "Question 1 of 13" in text and "What practical problems" in text
        assert "Tonight." in text  # the answer being typed is on the wall
        assert "systemic (recurring)" in text and "gaps in referral" in text
        assert "Police de district" in text  # partners by name...
        assert "Premier contact" in text  # ... and role
        # No side panels, no form: only the room's content.
        assert not room.query("#guide, #form, #checklist, #titlebar, Stepper")
        assert "Still to discuss" not in text and "Participants" not in text
        assert room.query_one(Digits).value == "37:55"
        await pilot.press("right", "right")
        assert "Question 3 of 13" in screen_text(app)
        await advance(pilot, clock, 60)  # the big clock ticks too
        assert room.query_one(Digits).value == "36:55"

        await pilot.press("f9")
        await pilot.pause()
        assert app.screen is step and app.theme == theme
        assert date.input.value == "31/02" and date.has_class("-invalid")
        assert step.query_one("#statement", TextField).text.startswith("Tonight. Les femmes")
        saved = load_plan(path)
        assert saved.problem.statement.startswith("Tonight. Les femmes")
        assert saved.workshop.date == dt.date(2026, 11, 24)
        # The room view remembers which question it was on.
        await pilot.press("f9")
        await pilot.pause()
        assert "Question 3 of 13" in screen_text(app)


async def test_room_view_of_the_plan_and_light_projector(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == PROJECTOR_LIGHT  # a light room stays light, in high contrast
        text = screen_text(app)
        assert "Step 3 of 4: Planning" in text
        assert "1. Rédiger une fiche" in text and "31 Jan 2027" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "textual-light"


async def test_room_view_is_in_the_palette_and_themes_too(plans_dir: Path) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Room view", "Start or pause the timer", "Add 5 minutes", "Parking lot"} <= titles
        assert {"Theme: dark", "Theme: light", "Theme: high contrast"} <= titles
        footer = screen_text(app).splitlines()[-1]
        assert "Room view" in footer
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Theme: high contrast"
        )
        command.callback()
        await pilot.pause()
        assert app.theme == "planwizard-high-contrast"
        assert app.current_theme.background == "#000000"


async def test_partner_questions_in_turn_and_their_analysis_only_when_asked(
    plans_dir: Path,
) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2", "f9")
        await pilot.pause()
        room = app.screen
        assert isinstance(room, ProjectorScreen)
        trust = load_plan(path).stakeholders[0].trust
        assert trust and one_line(trust)[:20] not in screen_text(app)  # sensitive: off the wall
        for _ in range(7):
            await pilot.press("right")
        text = screen_text(app)
        assert "Question 8 of 13 · ← → · Partners and stakeholders" in text
        assert "Do those affected trust them?" in text
        for _ in range(5):
            await pilot.press("right")
        assert "Question 13 of 13" in screen_text(app)
        await pilot.press("a")  # the facilitator asks for the partners' analysis
        await pilot.pause()
        assert one_line(trust)[:20] in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert one_line(trust)[:20] not in screen_text(app)


async def test_step_four_shows_the_latest_reading_against_baseline_and_target(
    plans_dir: Path,
) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f5", "f9")
        await pilot.pause()
        text = screen_text(app)
        assert "baseline 10 → target 80" in text
        flowing = re.sub("[ \n]+", " ", text)  # wrapped lines joined; no-break spaces kept
        assert "latest reading 15\u00a0% on 15 Dec 2026 (7%)" in flowing


@settings(max_examples=80, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abcdéèàç", min_size=1, max_size=12), min_size=1, max_size=12),
    width=st.integers(min_value=16, max_value=70),  # a group held by no-break spaces fits
)
def test_no_break_spaces_hold_when_the_wall_wraps(words: list[str], width: int) -> None:
    text = "«\u00a0" + " ".join(words) + "\u00a0» ou pas\u00a0?"
    lines = wrap_keeping_no_breaks(text, width)
    for line in lines:
        assert not line.startswith(("?", "»")), lines
        assert line.strip() not in ("?", "»", "«")
    assert " ".join(lines).replace(" ", "") == text.replace(" ", "")
