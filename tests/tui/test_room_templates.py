"""Ctrl+N offers a blank plan and the built-in starting points; Ctrl+T copies a plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import OptionList

from planwizard import load_plan
from planwizard.i18n import set_language
from planwizard.templates import builtin_templates
from planwizard.tui.screens.new_plan import NewPlanScreen
from planwizard.tui.screens.steps import ProblemScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app

TODAY = dt.date(2027, 1, 15)


async def test_new_plan_from_a_builtin_starting_point(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    [(_first, _plan), (name, template), *_others] = builtin_templates("en")
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewPlanScreen)
        text = screen_text(app)
        assert "A blank plan" in text and template.title in text
        await pilot.press(*"Kaolack", "down", "down")  # the title stays focused
        await pilot.pause()
        assert "Filled in to adapt" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        assert app.screen.query_one("#statement").text.strip()  # type: ignore[attr-defined]

    (created,) = folder.glob("kaolack-*.toml")  # a short tag from the plan's id (issue 12)
    plan = load_plan(created)
    assert name == "recommendation-follow-up"
    assert plan.title == "Kaolack" and plan.created == TODAY and plan.workshop.date == TODAY
    assert plan.problem == template.problem and plan.vision == template.vision
    assert [a.title for a in plan.actions] == [a.title for a in template.actions]
    assert [i.name for i in plan.indicators] == [i.name for i in template.indicators]
    assert not {a.id for a in plan.actions} & {a.id for a in template.actions}
    assert plan.id != template.id


async def test_enter_alone_still_starts_a_blank_plan(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    app = steady_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "enter")  # no title yet: asked for one
        await pilot.pause()
        assert "a title is needed" in screen_text(app)
        await pilot.press(*"Cells", "down", "up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
    (created,) = folder.glob("cells-*.toml")  # a short tag from the plan's id (issue 12)
    plan = load_plan(created)
    assert plan.problem.statement == "" and plan.actions == []


async def test_starting_points_in_the_interface_language(tmp_path: Path) -> None:
    set_language("fr")
    french = [plan.title for _name, plan in builtin_templates("fr")]
    app = steady_app(tmp_path / "plans")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        starts = app.screen.query_one("#starts", OptionList)
        shown = [str(starts.get_option_at_index(i).prompt) for i in range(1, starts.option_count)]
        assert shown == french
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NewPlanScreen)
    assert not (tmp_path / "plans").exists() or not list((tmp_path / "plans").iterdir())


async def test_the_violence_against_women_start_speaks_the_sources_words(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    names = [name for name, _plan in builtin_templates("en")]
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        downs = ["down"] * (names.index("violence-against-women") + 1)
        await pilot.press(*"Bukavu", *downs, "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        problem, partners = screen.guidances()  # type: ignore[attr-defined]
        assert partners.questions[0] == "Do survivors trust them?"
        assert "holding the perpetrator accountable" in problem.questions[0]
    (created,) = folder.glob("bukavu-*.toml")  # a short tag from the plan's id (issue 12)
    assert load_plan(created).workshop.questions == "violence-against-women"
