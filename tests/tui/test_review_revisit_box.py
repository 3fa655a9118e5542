"""The review's "revisit the problem" box is drawn [ ] / [x], as every tick in the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Checkbox

from planwizard.tui.screens.review import ReviewScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_the_revisit_box_reads_as_the_other_ticks(plans_dir: Path) -> None:
    app = steady_app(
        plans_dir,
        open_path=plans_dir / "orientation.toml",
        start="review",
        review_date=dt.date(2027, 3, 1),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        box = screen.query_one("#revisit", Checkbox)
        box.focus()
        box.scroll_visible(animate=False)
        await settle(pilot)
        assert "[ ] revisit the problem analysis" in screen_text(app)
        assert "▐" not in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert "[x] revisit the problem analysis" in screen_text(app)
        assert screen.draft.revisit_problem is True
