"""Keys that never surprise: one meaning per F-key, and deleting has a key of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwizard import load_plan
from planwizard.tui.dialogs import ConfirmScreen
from planwizard.tui.parts.review_start import ReviewDatePrompt
from planwizard.tui.screens.history import HistoryScreen
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.review import ReviewScreen
from planwizard.tui.screens.steps import PlanningScreen, StepScreen
from tests.tui.tui_helpers import settle, steady_app


async def test_the_wizard_f_keys_never_delete_on_home(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        # The facilitator's habit from the wizard, right after Escape back to the plans.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        for key in ("f7", "f8", "f9"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), key
        # Delete asks first; No keeps the plan.
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert path.exists()
        # While the filter has a character after its cursor, Delete edits the filter.
        await pilot.press(*"ori", "home", "delete")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#filter").value == "ri"  # type: ignore[attr-defined]


async def test_ctrl_r_holds_a_review_from_home_and_from_the_wizard(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        step = app.screen
        assert isinstance(step, PlanningScreen)
        step.session.drop_comments = True
        await pilot.press("ctrl+r")  # a review of this plan, on the same session
        await pilot.pause()
        assert isinstance(app.screen, ReviewDatePrompt)
        await pilot.press("ctrl+u", *"2027-03-01", "enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.session is step.session
        assert review.draft.date == dt.date(2027, 3, 1)
        await pilot.press("x")  # drop the first action on the agenda
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is step
        dropped = review.draft.actions[0].action_id
        assert load_plan(path).action(dropped).status == "dropped"  # type: ignore[union-attr]
        title_cell = step.query_one("#actions").get_row(dropped)[0]  # type: ignore[attr-defined]
        assert "strike" in str(title_cell.style)  # the table shows the review's change
        await pilot.press("ctrl+y")  # the reviews' history, as on home
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_ctrl_d_is_the_dialogue_log_on_home_every_step_and_the_review(
    plans_dir: Path,
) -> None:
    from planwizard.tui.help import HelpScreen
    from planwizard.tui.screens.dialogue import DialogueScreen

    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open", review_date=dt.date(2027, 3, 1))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        for key in ("f2", "f3", "f4", "f5"):
            await pilot.press(key)
            await pilot.pause()
            step = app.screen
            assert isinstance(step, StepScreen)
            field = step.focused
            before = getattr(field, "value", None)
            await pilot.press("home", "ctrl+d")  # in a text field too: not "delete right"
            await settle(pilot)
            assert isinstance(app.screen, DialogueScreen), key
            assert app.screen.session is step.session
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is step
            assert getattr(field, "value", None) == before
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+D opens the plan's dialogue log" in str(app.screen.text)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+r", "enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review


async def test_ctrl_del_removes_an_action_added_in_the_review_after_asking(
    plans_dir: Path,
) -> None:
    from planwizard.tui.help import HelpScreen

    app = steady_app(
        plans_dir,
        open_path=plans_dir / "orientation.toml",
        start="review",
        review_date=dt.date(2027, 3, 1),
    )
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("ctrl+n", *"Former les agents", "ctrl+s")
        await settle(pilot)
        assert app.screen is review
        assert any(entry.is_new for entry in review.draft.actions)
        # Ctrl+D is the dialogue log's key now; the new action is removed with Ctrl+Del.
        await pilot.press("ctrl+delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is review
        assert not any(entry.is_new for entry in review.draft.actions)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+Del removes an action added in this meeting" in str(app.screen.text)


async def test_ctrl_k_on_home_shows_the_recommendations_and_the_palette_has_it(
    plans_dir: Path,
) -> None:
    from planwizard.tui.help import HelpScreen
    from planwizard.tui.screens.recommendations_view import RecommendationsScreen
    from tests.tui.tui_helpers import screen_text

    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Recommendations" in titles
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+K lists the recommendations" in screen_text(app)
        assert ("^k", "Recommendations") in app.screen.keys  # in the keys' list
        await pilot.press("escape")
        # From the filter line too, where Ctrl+K would otherwise cut the text.
        await pilot.press(*"ori", "home", "ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, RecommendationsScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert "Every recommendation of the plans in this folder" in screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#filter").value == "ori"  # type: ignore[attr-defined]
