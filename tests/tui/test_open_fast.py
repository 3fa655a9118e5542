"""Opening a plan and switching steps do less work, and draw the same screens: a step's
stylesheet parsed alone gives every widget the styles Textual's own loading gives, and a
screen shown for the first time is not styled whole a second time (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screen_css import ScreenStylesParsedAlone
from planwizard.tui.screens.steps import StepScreen
from tests.tui.tui_helpers import settle, steady_app


def styles_of(app: PlanWizardApp) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every widget of the screen showing, with its classes and the rules it got."""
    return [
        (repr(node), " ".join(sorted(node.classes)), tuple(node._css_styles.css_lines))
        for node in app.screen.walk_children(with_self=True)
    ]


async def _open_and_visit(
    plans_dir: Path, steps: str
) -> list[list[tuple[str, str, tuple[str, ...]]]]:
    app = steady_app(plans_dir, start="home")
    seen = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        seen.append(styles_of(app))
        for key in steps:
            await pilot.press(f"f{key}")
            await settle(pilot)
            seen.append(styles_of(app))
    return seen


async def test_a_step_stylesheet_parsed_alone_styles_every_widget_as_textual_does(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = await _open_and_visit(plans_dir, "2435")
    reparsed: list[str] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append("reparse")
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    assert not reparsed
    # Textual's own loading: the file read, then every source parsed again.
    monkeypatch.setattr(
        ScreenStylesParsedAlone,
        "_load_screen_css",
        lambda self, screen: App._load_screen_css(self, screen),
    )
    textuals = await _open_and_visit(plans_dir, "2435")
    assert reparsed  # the other way was taken
    assert ours == textuals


async def test_our_way_reads_the_steps_stylesheet_once_without_parsing_all_again(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[str] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append("reparse")
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = steady_app(plans_dir, start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        sources = [location for location, _ in app.stylesheet.source if location.endswith(".tcss")]
        assert sum(s.endswith("steps.tcss") for s in sources) == 1
    assert reparsed == []


async def test_a_screen_is_styled_whole_again_only_when_its_styles_may_have_changed(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole: list[str] = []
    update = App.update_styles

    def watched(self: App[Any], node: Any, animate: bool = True) -> None:
        if isinstance(node, Screen):
            whole.append(type(node).__name__)
        update(self, node, animate)

    monkeypatch.setattr(App, "update_styles", watched)
    app = steady_app(plans_dir, start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        opened = type(app.screen).__name__
        await pilot.press("f2")  # a first visit
        await settle(pilot)
        await pilot.press("f4")
        await pilot.press("f2")  # shown again, nothing changed meanwhile
        await settle(pilot)
        assert opened not in whole and "ProblemScreen" not in whole
        styles_before = styles_of(app)
        await pilot.press("f4")
        await settle(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        await pilot.press("f2")  # the theme changed while step 1 was not shown
        await settle(pilot)
        assert "ProblemScreen" in whole
        assert styles_of(app) != styles_before  # ...and it shows the new one


def test_the_step_screens_load_without_the_exports() -> None:
    # The exports (and the calendar library they load) wait for the first request written
    # from step 1 (`w`): opening a plan for the first time does not pay for them.
    code = (
        "import sys, planwizard.tui.app, planwizard.tui.screens.steps; "
        "print(sorted(m for m in ('planwizard.exports', 'icalendar') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
