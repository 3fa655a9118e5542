"""The review's recommendations part: each recommendation's implementation, what was and
was not done, why (reason codes) and the follow-up, saved with the review and kept in its
draft; the history shows each one's implementation over the reviews."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from planwizard import load_plan, save_plan
from planwizard.i18n import set_language
from planwizard.review_draft import read_draft
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.parts.review_recommendations import (
    ImplementationPicker,
    RecommendationCard,
)
from planwizard.tui.parts.review_start import ResumeReviewPrompt
from planwizard.tui.screens.history import HistoryScreen
from planwizard.tui.screens.review import ReviewScreen
from tests.conftest import ROOT
from tests.tui.tui_helpers import screen_text, settle, steady_app

RECOMMENDATIONS = ROOT / "tests" / "data" / "plan-format-recommendations.toml"
#: A year after the example's first review (2027-02-10).
REVIEW_DAY = dt.date(2028, 2, 10)


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def rec_plan(tmp_path: Path) -> Path:
    """The recommendations contract example, written canonically (no comments to ask about)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "suivi.toml"
    shutil.copy(RECOMMENDATIONS, path)
    save_plan(load_plan(path), path, drop_comments=True)
    return path


def review_app(path: Path) -> PlanWizardApp:
    return steady_app(path.parent, open_path=path, start="review", review_date=REVIEW_DAY)


async def assess_both(app: PlanWizardApp, pilot: Pilot[int]) -> None:
    """§ 14 fully implemented; § 21 partially, for lack of budget and capacity."""
    app.screen.query_one("#rec-0-implementation", ImplementationPicker).focus()
    await pilot.press("3", *"Circulaire publiee")  # the picker moves on to "done"
    app.screen.query_one("#rec-1-implementation", ImplementationPicker).focus()
    await pilot.press("2", *"Registre pilote", "enter", *"Pas partout")
    await pilot.press("tab", "tab", "space", "tab", "tab", "tab", "space")  # budget, capacity
    await pilot.press("tab", "tab", *"Relancer le point focal")  # past "other reason"
    await pilot.pause()


async def test_a_review_assesses_two_recommendations_and_the_file_has_them(
    rec_plan: Path,
) -> None:
    app = review_app(rec_plan)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert len(review.query(RecommendationCard)) == 2
        await assess_both(app, pilot)
        assert "recommendations: 2 of 2" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    saved = load_plan(rec_plan)
    latest = max(saved.reviews, key=lambda r: r.date)
    assert latest.date == REVIEW_DAY
    found = {u.recommendation: u for u in latest.recommendations}
    assert found["r-2026-14"].implementation == "fully"
    assert found["r-2026-14"].done == "Circulaire publiee"
    assert found["r-2026-14"].why == []
    assert found["r-2026-21"].implementation == "partially"
    assert found["r-2026-21"].done == "Registre pilote"
    assert found["r-2026-21"].not_done == "Pas partout"
    assert found["r-2026-21"].why == ["budget", "capacity"]
    assert found["r-2026-21"].follow_up == "Relancer le point focal"
    assert read_draft(rec_plan) is None  # saved: no draft left


async def test_the_draft_keeps_the_recommendations_part_after_a_quit(rec_plan: Path) -> None:
    first = review_app(rec_plan)
    async with first.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await assess_both(first, pilot)
        review = first.screen
        assert isinstance(review, ReviewScreen)
        review.write_draft()  # the pause after the typing (no timer in tests)
        await pilot.press("ctrl+q")
    kept = read_draft(rec_plan)
    assert kept is not None and kept.recommendations_assessed == 2
    assert len(load_plan(rec_plan).reviews) == 1  # nothing written to the plan

    second = steady_app(rec_plan.parent, open_path=rec_plan, start="review")
    async with second.run_test(size=(80, 40)) as pilot:  # the history read at 80 columns
        await settle(pilot)
        assert isinstance(second.screen, ResumeReviewPrompt)
        await pilot.press("r")
        await settle(pilot)
        resumed = second.screen
        assert isinstance(resumed, ReviewScreen)
        assert resumed.draft.date == REVIEW_DAY
        again = resumed.draft.recommendation("r-2026-21")
        assert again.implementation == "partially"
        assert again.why == ["budget", "capacity"]
        assert again.follow_up == "Relancer le point focal"
        card = resumed.query_one("#rec-1", RecommendationCard)
        assert card.query_one(ImplementationPicker).value == "partially"
        assert card.query_one("#rec-1-why-budget").value is True  # type: ignore[attr-defined]
        assert card.query_one("#rec-1-follow_up").value == "Relancer le point focal"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The history: each recommendation's implementation at both reviews.
        assert isinstance(second.screen, HistoryScreen)
        body = second.screen.query_one("#history-body")
        heading = next(
            w for w in body.query(".review-section") if "Recommendations" in str(w.render())
        )
        body.scroll_to_widget(heading, top=True, animate=False)
        await settle(pilot)
        shown = screen_text(second)
        assert "Recommendations: implementation at each review" in shown
        lines = [line.strip() for line in shown.splitlines()]
        assert "10 Feb 2027  not started" in lines
        assert "10 Feb 2028  partially implemented" in lines
        assert "why: budget, capacity" in lines
        # Each review in full says what it found on each recommendation.
        texts = [str(static.render()) for static in second.screen.query(".history-review Static")]
        assert any("§ 21" in text and "→ partially implemented" in text for text in texts)
        assert any("§ 21" in text and "→ not started" in text for text in texts)
    history = [u for r in load_plan(rec_plan).reviews for u in r.recommendations]
    assert [u.implementation for u in history if u.recommendation == "r-2026-21"] == [
        "not-started",
        "partially",
    ]


async def test_a_plan_without_recommendations_has_no_such_part(plans_dir: Path) -> None:
    app = steady_app(
        plans_dir, open_path=plans_dir / "orientation.toml", start="review", review_date=REVIEW_DAY
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert not app.screen.query(RecommendationCard)
        assert "recommendations:" not in screen_text(app)


async def test_french_review_part_shows_plan_text_literally(rec_plan: Path) -> None:
    plan = load_plan(rec_plan)
    plan.recommendations[0].text = "[b]gras[/b] [@click=app.quit]x[/] \x1b[31mrouge"
    save_plan(plan, rec_plan)
    set_language("fr")
    app = review_app(rec_plan)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#rec-0-implementation", ImplementationPicker).focus()
        await settle(pilot)
        shown = screen_text(app)
        assert "[b]gras[/b] [@click=app.quit]x[/]" in shown
        assert "\x1b" not in shown
        assert "partiellement mise en œuvre" in shown
        assert "[ ] budget" in shown
        assert "Avancement" in shown  # the card's labels are French too
        assert "recommandations\u00a0: 0 sur 2" in shown


# ------------------------------------------------------------------ snapshots

SNAPSHOT_PLANS = {
    "fr": "suivi-recommandations-mnp.toml",
    "en": "npm-recommendations-follow-up.toml",
}


@pytest.mark.parametrize(
    ("language", "size"), [("fr", (80, 24)), ("en", (120, 40))], ids=["80x24-fr", "120x40-en"]
)
def test_review_recommendations_snapshot(
    snap_compare: object, tmp_path: Path, language: str, size: tuple[int, int]
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / SNAPSHOT_PLANS[language]
    shutil.copy(ROOT / "plans" / SNAPSHOT_PLANS[language], path)
    set_language(language)
    app = steady_app(folder, open_path=path, start="review", review_date=REVIEW_DAY)

    async def assess_the_first(pilot: Pilot[int]) -> None:
        await settle(pilot)
        app.screen.query_one("#rec-0-implementation", ImplementationPicker).focus()
        await pilot.press("2", *"Formulaire commun", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=assess_the_first)  # type: ignore[operator]
