"""F9: the room view shows the step, one question and the group's answers; F9 goes back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Digits

from planwizard import load_plan
from planwizard.tui.screens.projector import ProjectorScreen
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
        assert "Question 1 of 7" in text and "What practical problems" in text
        assert "Tonight." in text  # the answer being typed is on the wall
        assert "systemic (recurring)" in text and "gaps in referral" in text
        assert "Police de district" in text  # partners by name...
        assert "Premier contact" in text  # ... and role
        # No side panels, no form: only the room's content.
        assert not room.query("#guide, #form, #checklist, #titlebar, Stepper")
        assert "Still to discuss" not in text and "Participants" not in text
        assert room.query_one(Digits).value == "37:55"
        await pilot.press("right", "right")
        assert "Question 3 of 7" in screen_text(app)
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
        assert "Question 3 of 7" in screen_text(app)


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
