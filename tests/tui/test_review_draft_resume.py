"""A review in progress is kept on disk as it is typed, and offered back next time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwizard import load_plan
from planwizard.review_draft import draft_path, read_draft
from planwizard.tui.parts.review_start import ResumeReviewPrompt, ReviewDatePrompt
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.review import ReviewScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app

REVIEW_DAY = dt.date(2027, 3, 1)


async def test_a_draft_left_by_a_killed_review_is_resumed(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    original = path.read_bytes()
    first = steady_app(plans_dir, open_path=path, start="review", review_date=REVIEW_DAY)
    async with first.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = first.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("d", *"Fiche", "space", *"signée")  # done, and what was done
        await pilot.pause()
        assert screen.draft_pending
        screen.write_draft()  # the typing paused
        assert draft_path(path).exists()
        await pilot.pause()
        assert "not saved yet · draft kept" in screen_text(first)
        # The process dies here: nothing is saved into the plan, the draft stays.
    assert path.read_bytes() == original
    saved = read_draft(path)
    assert saved is not None and saved.actions_discussed == 1

    second = steady_app(plans_dir)  # later: Ctrl+R on home
    async with second.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(second.screen, ResumeReviewPrompt)
        await pilot.press("r")
        await pilot.pause()
        review = second.screen
        assert isinstance(review, ReviewScreen)
        assert review.draft.date == REVIEW_DAY  # the draft's own date, not today
        entry = review.draft.actions[0]
        assert (entry.status, entry.done) == ("done", "Fiche signée")
        assert review.query_one("#action-0-done").value == "Fiche signée"  # type: ignore[attr-defined]
        review.session.drop_comments = True
        await pilot.press("ctrl+s")
        await settle(pilot)
    update = load_plan(path).reviews[-1].updates[0]
    assert (update.status, update.done) == ("done", "Fiche signée")
    assert read_draft(path) is None  # saved: the draft is gone


async def test_a_draft_can_be_discarded_and_a_new_review_started(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="review", review_date=REVIEW_DAY)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("b")
        await pilot.pause()
        screen.write_draft()
        app.exit()
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("escape")  # not now: the draft is kept
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert read_draft(path) is not None
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert read_draft(path) is None
        assert isinstance(app.screen, ReviewDatePrompt)  # a new review, asked its date
