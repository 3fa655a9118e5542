"""Nothing of a screen left stays in memory (tui/textual_leaks.py): a facilitator opens
and leaves plans, help and dialogs all day on one laptop, and each visit to a plan used
to leave some 17,000 objects (2.5 MiB) behind, through Textual's watch of the theme by
every text area and its cache of colours keyed by the widgets asking."""

from __future__ import annotations

import ast
import gc
import weakref
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import TextArea

from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import ProblemScreen
from planwizard.tui.textual_leaks import unpin_styles_caches
from tests.tui.tui_helpers import leave_for_home, settle, steady_app

SRC = Path(__file__).resolve().parents[2] / "src" / "planwizard"


@pytest.fixture
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def _as_the_real_app(plans_dir: Path) -> PlanWizardApp:
    """The app with what run_app turns on: screens built ahead and kept, writes later."""
    app = steady_app(plans_dir, start="home", watch_interval=None)
    app.write_later = True
    app.prebuild_steps = True
    app.open_ahead = True
    return app


async def _visit_plan(app: PlanWizardApp, pilot: Pilot[int]) -> None:
    """Open the highlighted plan, go to step 3, come back home."""
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    await leave_for_home(app, pilot)


def _look_at(key: str) -> Callable[[PlanWizardApp, Pilot[int]], Awaitable[None]]:
    """Open a screen from home with `key` (the help, the reviews history), come back."""

    async def visit(app: PlanWizardApp, pilot: Pilot[int]) -> None:
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, HomeScreen)
        await leave_for_home(app, pilot)

    return visit


def _tracked_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


async def test_the_text_areas_of_a_plan_left_are_freed(plans_dir: Path, thawed: None) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        areas = [weakref.ref(area) for area in app.screen.query(TextArea)]
        assert areas  # step 1 asks for the problem in text areas
        await leave_for_home(app, pilot)
        gc.collect()
        assert [ref() for ref in areas if ref() is not None] == []


@pytest.mark.parametrize(
    "visit", [_visit_plan, _look_at("f1"), _look_at("ctrl+y")], ids=["plan", "help", "history"]
)
async def test_coming_back_home_again_and_again_keeps_memory_flat(
    plans_dir: Path, thawed: None, visit: Callable[[PlanWizardApp, Pilot[int]], Awaitable[None]]
) -> None:
    app = _as_the_real_app(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await visit(app, pilot)  # the first visit loads what stays (modules, styles)
        before = _tracked_objects()
        for _ in range(2):
            await visit(app, pilot)
        grown = _tracked_objects() - before
    # A plan visited left ~17,000 objects behind, the help ~4,000, the history ~1,800;
    # what may differ now is the event loop's timers and tasks of the moment.
    assert grown < 1_000


def test_textual_styles_caches_are_not_kept_by_its_cache_of_colours() -> None:
    """The colours come out as Textual computes them, and a styles cache asking for them
    is freed once nothing else holds it."""
    unpin_styles_caches()
    unpin_styles_caches()  # twice changes nothing
    asking = StylesCache()
    gone = weakref.ref(asking)
    base, background = Color(10, 20, 30), Color(200, 100, 0, 0.5)
    inner, outer = asking.get_inner_outer(base, background)
    assert (inner, outer) == (Style(background=base + background), Style(background=base))
    del asking
    assert gone() is None


def test_every_text_area_lets_go_of_the_app_when_removed() -> None:
    """planwizard's text areas are TextBox (widgets/text_box.py), never Textual's bare
    TextArea, whose watch of the theme keeps it alive once removed."""
    slips = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "text_box.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = None
            if isinstance(node, ast.Call):
                named = node.func
            elif isinstance(node, ast.ClassDef):
                named = next((base for base in node.bases if _is_text_area(base)), None)
            if named is not None and _is_text_area(named):
                slips.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert slips == []


def _is_text_area(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "TextArea") or (
        isinstance(node, ast.Attribute) and node.attr == "TextArea"
    )
