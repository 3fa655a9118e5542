"""Text from a plan file is shown exactly as typed and never acts: markup, links, escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from planwizard import save_plan
from planwizard.model import Action, Stakeholder, new_plan
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen, VisionScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app

LINK = "[link=https://example.org]x[/link]"
BOLD = "[bold red]x[/]"
CLICK = "[@click=app.quit]q[/]"
ESCAPE = "\x1b[31mred\x1b]0;pwned\x07"


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = new_plan(f"{LINK} {BOLD}")
    plan.problem.statement = f"{CLICK} {ESCAPE}"
    plan.workshop.participants = [BOLD]
    plan.stakeholders.append(Stakeholder(name=LINK, role=CLICK))
    plan.vision.outcomes = [f"[b]{ESCAPE}"]
    plan.actions.append(Action(title=CLICK, owner=BOLD))
    save_plan(plan, folder / "hostile.toml")
    return folder


async def test_markup_and_escapes_are_shown_literally(hostile_folder: Path) -> None:
    app = steady_app(hostile_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert f"{LINK} {BOLD}" in text  # the home table and the detail line
        row = app.screen.query_one("#plans", DataTable).get_row_at(0)[0]
        assert row.plain == f"{LINK} {BOLD}" and not row.spans

        await pilot.press("enter")  # opens at "planning", the step reached
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        text = screen_text(app)
        assert CLICK in text and BOLD in text
        actions = app.screen.query_one("#actions", DataTable)
        title, owner = actions.get_row_at(0)[:2]
        assert title.plain == CLICK and not title.spans
        assert owner.plain.startswith("[bold red]x") and not owner.spans  # cut to fit, no style
        await pilot.click("#actions", offset=(3, 1))  # a click on the literal [@click=...]
        await pilot.pause()
        assert app.is_running  # it opened the action's form, and did not quit
        assert CLICK in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        text = screen_text(app)
        assert LINK in text and CLICK in text
        assert "red]0;pwned" in text  # the escape characters removed, the rest kept
        assert "\x1b" not in text and "\x07" not in text

        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, VisionScreen)
        assert "[b][31mred" in screen_text(app)
        assert app.is_running


async def test_notifications_show_file_names_literally(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    name = "[@click=app.quit]q [b]y [link=x]z.toml"  # no "/": it is a file name
    save_plan(new_plan("Plan"), folder / name)
    app = steady_app(folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.open_plan(folder / name)
        await pilot.pause()
        await pilot.press("ctrl+s")  # "Saved to <file>"
        await pilot.pause()
        app.notify(f"{ESCAPE} {CLICK}")
        await pilot.pause()
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(f"{name}" in shown for shown in toasts), toasts
        assert any("red]0;pwned" in shown for shown in toasts), toasts
        assert not any("\x1b" in shown for shown in toasts)
        assert app.is_running  # the [@click] did nothing
