"""The dialogue log (Ctrl+D): from home, every step and the review; an exchange added
through the session (saved, undone); a written reply dates the reply and sets the
position; the form's draft survives a quit; French; plan text shown literally."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from planwizard import load_plan, save_plan
from planwizard.drafts import read_form_draft
from planwizard.i18n import set_language
from planwizard.model import DialogueEntry
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.dialogs import FormDraftPrompt
from planwizard.tui.parts.review_start import ReviewDatePrompt
from planwizard.tui.screens.dialogue import DialogueForm, DialogueScreen
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.review import ReviewScreen
from planwizard.tui.screens.steps import PlanningScreen, StepScreen
from planwizard.tui.widgets.fields import MultiChoiceField
from tests.conftest import ROOT
from tests.tui.tui_helpers import screen_text, settle, steady_app

RECOMMENDATIONS = ROOT / "tests" / "data" / "plan-format-recommendations.toml"
TODAY = dt.date(2027, 1, 15)


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def rec_dir(tmp_path: Path) -> Path:
    """A folder with the recommendations contract example, written canonically (no
    hand-written comments, so that saving asks nothing)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "suivi.toml"
    shutil.copy(RECOMMENDATIONS, path)
    save_plan(load_plan(path), path, drop_comments=True)
    return folder


async def fill_form(app: PlanWizardApp, pilot: object, summary: str) -> DialogueForm:
    form = app.screen
    assert isinstance(form, DialogueForm)
    form.query_one("#field-with", MultiChoiceField).select("min-int")
    form.query_one("#field-form", Select).value = "written-reply"
    form.query_one("#field-recommendations", MultiChoiceField).select("r-2026-21")
    form.query_one("#field-position", Select).value = "partially-accepted"
    form.query_one("#field-summary", Input).focus()
    await pilot.press(*summary)  # type: ignore[attr-defined]
    return form


async def test_ctrl_d_from_home_records_a_written_reply_and_undo_takes_it_back(
    rec_dir: Path,
) -> None:
    path = rec_dir / "suivi.toml"
    app = steady_app(rec_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        log = app.screen
        assert isinstance(log, DialogueScreen)
        shown = screen_text(app)
        # Newest first: the round table of May before the written reply of March.
        assert shown.index("round table") < shown.index("written reply")
        await pilot.press("a")
        await pilot.pause()
        form = await fill_form(app, pilot, "Reponse du ministere")
        assert form.query_one("#field-date").input.value == "2027-01-15"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is log
        saved = load_plan(path)
        assert len(saved.dialogue) == 3
        entry = saved.dialogue[-1]
        assert entry.date == TODAY and entry.form == "written-reply"
        assert entry.with_ == ["min-int"] and entry.recommendations == ["r-2026-21"]
        assert entry.summary == "Reponse du ministere"
        rec = saved.recommendation("r-2026-21")
        assert rec is not None
        assert rec.reply_received == TODAY and rec.position == "partially-accepted"
        # The new exchange is the newest: first in the log, under the cursor.
        shown = screen_text(app)
        assert shown.index("Reponse du ministere") < shown.index("round table")
        assert log.current_index() == 2
        await pilot.press("ctrl+z")
        await settle(pilot)
        undone = load_plan(path)
        assert len(undone.dialogue) == 2
        back = undone.recommendation("r-2026-21")
        assert back is not None and back.reply_received is None and back.position == "no-reply"
        assert "Reponse du ministere" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_editing_an_exchange_replaces_it_and_delete_asks(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    app = steady_app(rec_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("enter")  # the newest: the round table
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DialogueForm)
        next_steps = form.query_one("#field-next_steps", Input)
        next_steps.focus()
        await pilot.press("end", *" (fait)", "ctrl+s")
        await settle(pilot)
        saved = load_plan(path)
        assert len(saved.dialogue) == 2
        assert saved.dialogue[1].next_steps.endswith("(fait)")
        assert saved.dialogue[1].form == "round-table"
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert [e.form for e in load_plan(path).dialogue] == ["written-reply"]


async def test_ctrl_d_from_a_step_and_from_the_review_returns_there(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    app = steady_app(rec_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        step = app.screen
        assert isinstance(step, PlanningScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        log = app.screen
        assert isinstance(log, DialogueScreen) and log.session is step.session
        await pilot.press("a")
        await pilot.pause()
        await fill_form(app, pilot, "Appel du point focal")
        form = app.screen
        form.query_one("#field-form", Select).value = "informal"
        form.query_one("#field-position", Select).clear()  # only a written reply gives one
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is step
        assert load_plan(path).dialogue[-1].summary == "Appel du point focal"
        # The step's Ctrl+Z takes the exchange back: one session, one undo history.
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(load_plan(path).dialogue) == 2
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDatePrompt)
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert app.screen.session is step.session
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is review
        # Removing an action added in the meeting moved to Ctrl+Del: on an action of
        # the plan it only says so.
        await pilot.press("ctrl+delete")
        await pilot.pause()
        assert app.screen is review


async def test_the_form_kept_as_a_draft_is_offered_back_after_a_quit(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    first = steady_app(rec_dir)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = await fill_form(first, pilot, "Visite du commissariat")
        form.write_draft()  # the pause after the typing (no timer in tests)
        await pilot.press("ctrl+q")
    draft = read_form_draft(path)
    assert draft is not None and draft.table == "dialogue"
    assert draft.values["summary"] == "Visite du commissariat"
    assert len(load_plan(path).dialogue) == 2  # nothing applied unasked

    second = steady_app(rec_dir, open_path=path, start="open")
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, FormDraftPrompt)
        await pilot.press("r")
        await settle(pilot)
        restored = second.screen
        assert isinstance(restored, DialogueForm)
        assert restored.query_one("#field-summary", Input).value == "Visite du commissariat"
        assert restored.query_one("#field-with", MultiChoiceField).parsed() == ["min-int"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(second.screen, DialogueScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(second.screen, StepScreen)
    assert load_plan(path).dialogue[-1].summary == "Visite du commissariat"
    assert read_form_draft(path) is None


async def test_french_log_shows_plan_text_literally(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    plan = load_plan(path)
    plan.dialogue.append(
        DialogueEntry(
            date=dt.date(2026, 6, 1),
            with_=["min-sante"],
            form="informal",
            summary="[b]gras[/b] [@click=app.quit]x[/] \x1b[31mrouge",
            next_steps="[link=https://example.org]lien[/link]",
        )
    )
    save_plan(plan, path)
    set_language("fr")
    app = steady_app(rec_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        shown = screen_text(app)
        assert "Journal du dialogue" in shown
        assert "échange informel" in shown
        assert "[b]gras[/b] [@click=app.quit]x[/]" in shown
        assert "\x1b" not in shown
        assert "[link=https://example.org]lien[/link]" in shown  # the detail, literal
        await pilot.press("f1")
        await pilot.pause()
        assert "tables rondes" in screen_text(app)


# ------------------------------------------------------------------ snapshots

SNAPSHOT_PLANS = {
    "fr": "suivi-recommandations-mnp.toml",
    "en": "npm-recommendations-follow-up.toml",
}


@pytest.mark.parametrize(
    ("language", "size"), [("fr", (80, 24)), ("en", (120, 40))], ids=["80x24-fr", "120x40-en"]
)
def test_dialogue_log_snapshot(
    snap_compare: object, tmp_path: Path, language: str, size: tuple[int, int]
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / SNAPSHOT_PLANS[language]
    shutil.copy(ROOT / "plans" / SNAPSHOT_PLANS[language], path)
    set_language(language)
    app = steady_app(folder, open_path=path, start="open")

    async def open_log(pilot: object) -> None:
        await settle(pilot)  # type: ignore[arg-type]
        await pilot.press("ctrl+d")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]

    assert snap_compare(app, terminal_size=size, run_before=open_log)  # type: ignore[operator]


async def test_a_partners_exchange_arriving_on_disk_shows_in_the_open_log(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    app = steady_app(rec_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        theirs = load_plan(path)
        theirs.dialogue.append(
            DialogueEntry(date=dt.date(2026, 11, 3), form="visit", summary="Visite partenaire")
        )
        save_plan(theirs, path)
        app.check_disk()  # the app's timer, by hand
        await settle(pilot)
        assert "Visite partenaire" in screen_text(app)


async def test_the_language_switches_with_the_log_open(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    app = steady_app(rec_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await app.switch_language("fr")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert "Journal du dialogue" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)


async def test_a_position_without_a_written_reply_is_refused_not_dropped(rec_dir: Path) -> None:
    path = rec_dir / "suivi.toml"
    app = steady_app(rec_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = await fill_form(app, pilot, "Appel")
        form.query_one("#field-form", Select).value = "informal"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, with the reason
        assert "a position is given by a written reply" in screen_text(app)
        form.query_one("#field-form", Select).value = "written-reply"
        form.query_one("#field-recommendations", MultiChoiceField).deselect_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "choose the recommendations whose position" in screen_text(app)
        form.query_one("#field-position", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert load_plan(path).dialogue[-1].summary == "Appel"
