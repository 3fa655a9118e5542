"""A review meeting typed from the keyboard, checked field by field in the saved file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Checkbox

from planwizard import load_plan
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.dialogs import ConfirmScreen, ItemForm
from planwizard.tui.help import HelpScreen
from planwizard.tui.parts.review_start import ReviewDatePrompt
from planwizard.tui.screens.history import HistoryScreen
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.review import ReviewScreen
from planwizard.tui.screens.steps import MonitoringScreen, ProblemScreen
from planwizard.tui.widgets.review_bits import StatusPicker
from tests.tui.tui_helpers import screen_text, settle, steady_app

REVIEW_DAY = dt.date(2027, 3, 1)


def review_app(plans_dir: Path, day: dt.date = REVIEW_DAY) -> PlanWizardApp:
    """The app as `planwizard review orientation.toml --date 2027-03-01` starts it."""
    return steady_app(
        plans_dir, open_path=plans_dir / "orientation.toml", start="review", review_date=day
    )


async def test_full_review_saved_field_by_field_and_undone_in_one_go(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    before = load_plan(path)
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # The overdue action first, its status line focused, the last review's word shown.
        assert app.focused is screen.query_one("#action-0-status", StatusPicker)
        text = screen_text(app)
        assert "OVERDUE" in text
        assert "Last review: in progress · done: Premier projet de fiche" in text
        await pilot.press("d", *"Fiche", "enter", "enter", "enter", *"ok", "enter")
        await pilot.press("enter")  # no new due date: on to the next action
        await pilot.press("b", *"Rien", "enter", *"Formation", "enter", *"Budget", "enter")
        await pilot.press("enter", *"+3m", "enter")
        assert app.focused is screen.query_one("#action-2-status", StatusPicker)
        await pilot.press("ctrl+down")  # the first indicator
        await pilot.press(*"45", "tab", *"fév")
        await pilot.pause()
        assert "50%" in screen_text(app)  # 45 is half-way from 10 to 80
        await pilot.press("ctrl+down", "ctrl+down")  # the meeting
        assert app.focused is not None and app.focused.id == "facilitator"
        await pilot.press("tab", *"Bien", "tab", "tab")
        await pilot.press("ctrl+u", *"15/06/2027", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # the file has hand-written comments
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Bien" in screen_text(app)

        saved = load_plan(path)
        assert saved.reviews[0] == before.reviews[0]  # earlier reviews never rewritten
        assert len(saved.reviews) == 2
        review = saved.reviews[1]
        assert review.id is not None and review.id.startswith("r-")
        assert review.date == REVIEW_DAY
        assert review.facilitator == "Awa Diallo"
        assert review.summary == "Bien"
        assert review.revisit_problem is False
        first, second = review.updates
        assert (first.action, first.status, first.done, first.not_done, first.why) == (
            "a-3c9e",
            "done",
            "Fiche",
            "",
            "",
        )
        assert (first.note, first.due) == ("ok", None)
        assert (second.action, second.status) == ("a-81d0", "blocked")
        assert (second.done, second.not_done, second.why) == ("Rien", "Formation", "Budget")
        assert second.due == dt.date(2027, 6, 1)  # +3m from the review date, 2027-03-01
        [reading] = review.measurements
        assert (reading.indicator, reading.value, reading.note) == ("i-orient", 45, "fév")
        assert [(a.id, a.status) for a in saved.actions] == [
            ("a-3c9e", "done"),
            ("a-81d0", "blocked"),
            ("a-f412", "planned"),
        ]
        assert saved.action("a-81d0").due == dt.date(2027, 6, 1)  # type: ignore[union-attr]
        assert saved.monitoring.next_review == dt.date(2027, 6, 15)

        await pilot.press("ctrl+z")  # one undo takes the whole review back
        await pilot.pause()
        assert load_plan(path) == before
        assert "Bien" not in screen_text(app)


async def test_revisiting_the_problem_opens_step_one_and_is_recorded(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    statement = load_plan(path).problem.statement
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.session.drop_comments = True  # the comments question has its own test
        screen.query_one("#revisit", Checkbox).focus()
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert statement.strip() in app.screen.query_one("#statement").text  # type: ignore[attr-defined]
        saved = load_plan(path)
        assert saved.reviews[-1].revisit_problem is True
        assert saved.reviews[-1].updates == [] and saved.reviews[-1].measurements == []
        assert saved.problem.statement == statement  # the earlier answers are kept
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(load_plan(path).reviews) == 1


async def test_leaving_with_something_typed_asks_first(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    original = path.read_bytes()
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: leaves at once
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        app.review_plan(path, REVIEW_DAY)
        await pilot.pause()
        await pilot.press("i", *"Presque")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # stay: nothing typed is lost
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.draft.actions[0].status == "in-progress"
        assert review.draft.actions[0].done == "Presque"

        await pilot.press("ctrl+q")  # quitting asks too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n", "escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert path.read_bytes() == original


async def test_a_date_typed_but_not_confirmed_counts_as_input(plans_dir: Path) -> None:
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "enter", "enter", "enter", *"+2w", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_new_action_redate_and_drop_in_the_sitting(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.session.drop_comments = True
        screen.query_one("#action-2-status", StatusPicker).focus()
        await pilot.press("x", "enter", "enter", *"Plus nécessaire")  # dropped, with why
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*"Affiche", "tab", *"Foyer", "tab", *"+1m", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.focused is screen.query_one("#action-3-status", StatusPicker)
        assert "NEW" in screen_text(app)
        await pilot.press("i", *"Maquette")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)

    saved = load_plan(path)
    added = saved.actions[-1]
    assert (added.title, added.owner, added.due, added.status) == (
        "Affiche",
        "Foyer",
        dt.date(2027, 4, 1),  # +1m from the review date, 2027-03-01
        "in-progress",
    )
    assert added.id.startswith("a-") and added.id not in {"a-3c9e", "a-81d0", "a-f412"}
    assert saved.action("a-f412").status == "dropped"  # type: ignore[union-attr]
    updates = {u.action: u for u in saved.reviews[-1].updates}
    assert updates["a-f412"].why == "Plus nécessaire"
    assert updates[added.id].done == "Maquette"
    assert set(updates) == {"a-f412", added.id}  # actions nobody spoke of get no update


async def test_a_reading_that_is_no_number_is_refused_in_place(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    original = path.read_bytes()
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        app.screen.query_one("#indicator-0-value").focus()
        await pilot.press(*"beaucoup", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "'beaucoup' is not a number" in screen_text(app)
        assert app.focused is app.screen.query_one("#indicator-0-value")
        await pilot.press("ctrl+u", *"12,5")
        await pilot.pause()
        assert app.screen.draft.indicators[0].value == 12.5  # type: ignore[attr-defined]
    assert path.read_bytes() == original


async def test_review_and_history_from_home_and_history_from_the_wizard(plans_dir: Path) -> None:
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDatePrompt)
        await pilot.press("enter")  # today
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.draft.date == dt.date(2027, 1, 15)
        await pilot.press("escape")
        await pilot.press("ctrl+r", "ctrl+u", *"31/02")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDatePrompt)  # no such day: asked again
        assert "not a day of the calendar" in screen_text(app)
        await pilot.press("ctrl+u", *"01/03/2027", "enter")
        await pilot.pause()
        assert app.screen.draft.date == REVIEW_DAY  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "Review 1 · 15 Dec 2026" in text and "Premier point d'étape" in text
        assert "Undo the review" not in text  # only right after a review is saved
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)


async def test_f1_explains_the_review_and_the_history(plans_dir: Path) -> None:
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Save review", "New action", "Leave", "Help"} <= titles
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "d done" in text and "Save review" in text and "New action" in text
        await pilot.press("escape")
        await pilot.pause()
        app.screen.session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "status changes (before → after)" in text and "Undo the review" in text


async def test_plan_text_is_shown_literally_in_review_and_history(tmp_path: Path) -> None:
    from planwizard import save_plan
    from planwizard.model import Action, ActionUpdate, Indicator, Measurement, Review, new_plan

    click, bold, escape = "[@click=app.quit]q[/]", "[bold red]x[/]", "\x1b]0;pwned\x07"
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = new_plan(f"{bold} plan")
    plan.actions = [Action(id="a-1", title=click, owner=bold, status="blocked")]
    plan.indicators = [Indicator(id="i-1", name=f"[link=x]{escape}", baseline=0, target=4)]
    plan.reviews = [
        Review(
            date=dt.date(2026, 12, 1),
            facilitator=bold,
            summary=f"{click} {escape}",
            updates=[ActionUpdate(action="a-1", status="blocked", why=bold)],
            measurements=[Measurement(indicator="i-1", value=1, note=click)],
        )
    ]
    save_plan(plan, folder / "hostile.toml")
    app = steady_app(folder, open_path=folder / "hostile.toml", start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert click in text and "BLOCKED LAST TIME" in text
        assert f"why: {bold}" in text
        assert "[link=x]]0;pwned" in text and "\x1b" not in text
        await pilot.press("escape")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert f"facilitated by {bold}" in text and click in text
        assert "\x07" not in text
        assert app.is_running


async def test_blocked_first_and_a_done_action_folded_but_reopenable(plans_dir: Path) -> None:
    from planwizard import save_plan

    path = plans_dir / "orientation.toml"
    plan = load_plan(path)
    plan.actions[0].status = "done"  # a-3c9e
    plan.actions[2].status = "blocked"  # a-f412, due in June
    save_plan(plan, path, drop_comments=True)
    app = review_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [e.action_id for e in screen.draft.actions] == ["a-f412", "a-81d0", "a-3c9e"]
        text = screen_text(app)
        assert "1. Signer un mémorandum" in text and "BLOCKED LAST TIME" in text
        assert "Done or dropped before this review (1)" in text
        assert "Rédiger une fiche" not in text  # folded away
        await pilot.press("ctrl+down", "ctrl+down")  # the folded card is skipped
        assert app.focused is screen.query_one("#indicator-0-value")
        screen.query_one("#closed-actions CollapsibleTitle").focus()
        await pilot.press("enter", "tab", "i", *"Révision")  # reopened
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    saved = load_plan(path)
    assert saved.action("a-3c9e").status == "in-progress"  # type: ignore[union-attr]
    assert [(u.action, u.done) for u in saved.reviews[-1].updates] == [("a-3c9e", "Révision")]


async def test_review_of_a_broken_file_says_why_and_stays_home(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    broken = folder / "broken.toml"
    broken.write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    app = steady_app(folder, open_path=broken, start="review")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "broken.toml:2: invalid TOML" in screen_text(app)
