"""Home's recommendations view (Ctrl+K, issue 18): every recommendation of the folder,
overdue replies first, filtered by authority, position and implementation; Enter opens
the plan at step 1 on that recommendation, Escape goes back."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select

from planwizard.i18n import set_language
from planwizard.model import Recommendation, Stakeholder
from planwizard.storage import load_plan, save_plan
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.recommendations_view import RecommendationsScreen
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen
from planwizard.tui.widgets.items_table import ItemsTable
from tests.conftest import EXAMPLE_PLANS
from tests.tui.tui_helpers import screen_text, settle, steady_app

SnapCompare = Callable[..., bool]
HOSTILE_NAME = "[bold]Préfecture[/] [@click=app.quit]x[/]"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three plans: the French and the English follow-up (one reply overdue for 45 days,
    one due in 17 days, with a hostile authority's name), and one without recommendations.
    Seen from the folder above plans/, so that paths on screen are the same every run."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(EXAMPLE_PLANS / "suivi-recommandations-mnp.toml", plans / "suivi-mnp.toml")
    shutil.copy(EXAMPLE_PLANS / "orientation-victimes.toml", plans / "orientation.toml")
    plan = load_plan(EXAMPLE_PLANS / "npm-recommendations-follow-up.toml")
    plan.recommendations[1].reply_due = dt.date(2026, 12, 1)
    plan.stakeholders.append(Stakeholder(id="pref", name=HOSTILE_NAME))
    plan.recommendations.append(
        Recommendation(
            id="rec-soon",
            text="Publish the custody registers' figures every quarter.",
            reference="para. 30",
            addressed_to=["pref"],
            position="noted",
            reply_due=dt.date(2027, 2, 1),
        )
    )
    save_plan(plan, plans / "npm.toml")
    monkeypatch.chdir(tmp_path)
    return Path("plans")


def table_rows(app: object) -> list[list[str]]:
    table = app.screen.query_one("#recommendations", DataTable)  # type: ignore[attr-defined]
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_view(pilot: Pilot[int]) -> None:
    await settle(pilot)
    await pilot.press("ctrl+k")
    await settle(pilot)


async def test_ctrl_k_lists_the_folders_recommendations_overdue_first(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(pilot)
        assert isinstance(app.screen, RecommendationsScreen)
        rows = table_rows(app)
        # Overdue replies first, the latest first; then the one due soon; then answered.
        assert [row[0].split(" · ")[0] for row in rows] == [
            "§ 21",
            "para. 21",
            "para. 30",
            "para. 14",
            "§ 14",
        ]
        assert rows[0][1:] == [
            "Ministère de l'Intérieur",
            "no reply yet",
            "! 21 Mar 2026",
            "not started",
        ]
        assert rows[3][3:] == ["✓ 30 Mar 2026", "partially implemented"]
        assert rows[2][4] == "—"  # never assessed at a review
        text = screen_text(app)
        assert "5 recommendations · 2 overdue" in text
        # The chosen one in full under the table: the overdue reply said in words.
        assert "Reply due 21 Mar 2026, 300 days late · position: no reply yet" in text
        assert "At the review of 10 Feb 2027: not started (why: not understood)" in text
        # A plan's text is shown as typed, never as markup.
        assert HOSTILE_NAME in rows[2][1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_filters_narrow_the_table(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(pilot)
        screen = app.screen
        assert isinstance(screen, RecommendationsScreen)
        authority = screen.query_one("#filter-authority", Select)
        # Every authority of the folder is a choice, the hostile name as written.
        assert [value for _label, value in authority._options[1:]] == [
            HOSTILE_NAME,
            "Ministry of Health",
            "Ministry of the Interior",
            "Ministère de l'Intérieur",
            "Ministère de la Santé",
        ]
        authority.value = "Ministry of the Interior"
        await pilot.pause()
        assert [row[0][:8] for row in table_rows(app)] == ["para. 21", "para. 14"]
        screen.query_one("#filter-position", Select).value = "accepted"
        await pilot.pause()
        assert [row[0][:8] for row in table_rows(app)] == ["para. 14"]
        authority.clear()
        screen.query_one("#filter-position", Select).clear()
        screen.query_one("#filter-implementation", Select).value = "not-assessed"
        await pilot.pause()
        assert [row[0][:8] for row in table_rows(app)] == ["para. 30"]
        screen.query_one("#filter-implementation", Select).value = "fully"
        await pilot.pause()
        assert table_rows(app) == []
        assert "No recommendation matches the filters." in screen_text(app)
        # From the keyboard: Tab to the first filter, Enter opens its choices, a choice.
        screen.query_one("#filter-implementation", Select).clear()
        await pilot.pause()
        await pilot.press("tab")
        assert authority.has_focus
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # the first authority: the hostile name
        await pilot.pause()
        assert authority.value == HOSTILE_NAME
        assert [row[0][:8] for row in table_rows(app)] == ["para. 30"]


async def test_enter_opens_the_plan_at_step_1_and_escape_comes_back(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_view(pilot)
        view = app.screen
        await pilot.press("down")  # para. 21 of the English plan
        await pilot.press("enter")
        await settle(pilot)
        step = app.screen
        assert isinstance(step, ProblemScreen)
        assert step.session.path == folder / "npm.toml"
        # The step's recommendations table has the focus, its cursor on para. 21.
        table = step.focused
        assert isinstance(table, ItemsTable) and table.kind == "recommendations"
        chosen = next(r for r in step.plan.recommendations if r.reference.startswith("para. 21"))
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == chosen.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is view
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_plan_opens_with_an_item_chosen(folder: Path) -> None:
    """StepScreen.focus_item: the step's table of that kind, its cursor on that item."""
    app = steady_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_plan(folder / "npm.toml", "planning", ("actions", "a-7e31"))
        await settle(pilot)
        step = app.screen
        assert isinstance(step, PlanningScreen)
        table = step.query_one("#actions", DataTable)
        assert table.has_focus and table.cursor_row == 2
        assert step.focus_item("actions", "a-2d8b") and table.cursor_row == 0
        # No such item, or no such table at this step: nothing moves.
        assert not step.focus_item("actions", "a-none")
        assert not step.focus_item("stakeholders", "min-health")
        assert table.cursor_row == 0
        await pilot.press("f2")
        await settle(pilot)
        problem = app.screen
        assert isinstance(problem, ProblemScreen)
        assert problem.focus_item("stakeholders", "min-health")
        await pilot.pause()
        stakeholders = problem.query_one("#stakeholders", DataTable)
        assert stakeholders.has_focus and stakeholders.cursor_row == 1


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield


@pytest.mark.usefixtures("french")
async def test_in_french(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        text = screen_text(app)
        assert "Recommandations · plans" in text
        assert "5 recommandations · 2 en retard" in text
        header = text.splitlines()[2]
        for word in ("Recommandation", "Destinataires", "Position", "Réponse"):
            assert word in header, word
        assert "toutes les autorités" in text
        assert "Réponse attendue le 21 mars 2026" in text
        rows = table_rows(app)
        assert rows[0][2:4] == ["pas encore de réponse", "! 21 mars 2026"]
        assert rows[3][3] == "✓ 30 mars 2026"


@pytest.mark.parametrize(
    ("size", "lang"), [((80, 24), "fr"), ((120, 40), "en")], ids=["80x24-fr", "120x40-en"]
)
def test_snapshot(
    snap_compare: SnapCompare, folder: Path, size: tuple[int, int], lang: str
) -> None:
    set_language(lang)
    assert snap_compare(steady_app(folder), terminal_size=size, run_before=open_view)


async def test_a_folder_without_recommendations_says_so(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(EXAMPLE_PLANS / "orientation-victimes.toml", plans / "orientation.toml")
    (plans / "broken.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    app = steady_app(plans)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        text = screen_text(app)
        assert "No recommendation in the plans of this folder." in text
        assert "0 recommendations · 1 unreadable" in text
        await pilot.press("enter")  # nothing to open
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)


async def test_switching_language_keeps_the_filters(folder: Path) -> None:
    app = steady_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(pilot)
        app.screen.query_one("#filter-position", Select).value = "accepted"
        await pilot.pause()
        await app.switch_language("fr")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecommendationsScreen)
        assert screen.query_one("#filter-position", Select).value == "accepted"
        rows = table_rows(app)
        assert [row[2] for row in rows] == ["acceptée", "acceptée"]
        assert "Recommandations · plans" in screen_text(app)
