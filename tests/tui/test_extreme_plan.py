"""The app on a plan with extreme readings: the review and the history show them."""

from __future__ import annotations

from pathlib import Path

from planwizard.storage import save_plan
from planwizard.tui.screens.history import HistoryScreen
from planwizard.tui.screens.review import ReviewScreen
from tests.core.test_extreme_values import extreme_plan
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_review_and_history_of_extreme_readings(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    save_plan(extreme_plan(), folder / "extreme.toml")
    app = steady_app(folder, open_path=folder / "extreme.toml", start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "<-100000%" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+y")  # the history of reviews (issue 14's key map)
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "100000%" in screen_text(app)
        assert app.is_running
