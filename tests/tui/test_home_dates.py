"""The home screen's date columns hold the longest date of the language whole."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planwizard.i18n import set_language
from planwizard.storage import load_plan, save_plan
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import screen_text, settle, steady_app


@pytest.mark.parametrize(("language", "shown"), [("en", "31 Jan 2027"), ("fr", "1er sept. 2027")])
async def test_home_shows_every_date_whole(tmp_path: Path, language: str, shown: str) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, folder / "plan.toml")
    plan = load_plan(folder / "plan.toml")
    # The next review on the language's widest date, the next deadline too.
    day = dt.date(2027, 1, 31) if language == "en" else dt.date(2027, 9, 1)
    plan.monitoring.next_review = day
    for action in plan.actions:
        if action.status not in ("done", "dropped"):
            action.due = day
    save_plan(plan, folder / "plan.toml", drop_comments=True)
    set_language(language)
    try:
        app = steady_app(folder)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            row = next(line for line in screen_text(app).splitlines() if shown in line)
            assert row.count(shown) == 2, row  # the deadline and the review, both whole
    finally:
        set_language("en")
