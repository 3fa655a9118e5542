"""A review held on its own date: quick dates count from it, and an earlier due date is flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwizard.tui.parts.review_cards import RedateField
from planwizard.tui.screens.review import ReviewScreen
from planwizard.tui.widgets.date_input import DateField
from tests.tui.tui_helpers import settle, steady_app

MEETING = dt.date(2027, 6, 1)  # months after "today" (2027-01-15)


async def test_quick_dates_count_from_the_review_date(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="review", review_date=MEETING)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        redate = screen.query_one("#action-0-due", RedateField)
        redate.input.focus()
        await pilot.press(*"+2m", "enter")
        await pilot.pause()
        assert redate.date == dt.date(2027, 8, 1)  # two months after the meeting
        assert not redate.has_class("-early")
        assert screen.draft.actions[0].new_due == dt.date(2027, 8, 1)

        redate.input.focus()
        await pilot.press("ctrl+u", *"15/03/2027", "enter")
        await pilot.pause()
        assert redate.date == dt.date(2027, 3, 15)  # taken, but flagged
        assert redate.has_class("-early")
        feedback = str(redate.query_one(".date-feedback").render())
        assert "before the meeting of 2027-06-01" in feedback

        following = screen.query_one("#next-review", DateField)
        following.input.focus()
        await pilot.press("ctrl+u", *"+3m", "enter")
        await pilot.pause()
        assert following.date == dt.date(2027, 9, 1)
