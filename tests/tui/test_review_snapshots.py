"""Screenshots of the review screen and of the review history.

Stable by construction: today is fixed (conftest), the review date is given, cursors do
not blink, and review ids (random) are never shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from planwizard import load_plan, save_plan
from planwizard.review import commit_review, start_review
from tests.tui.tui_helpers import settle, steady_app

SnapCompare = Callable[..., bool]
REVIEW_DAY = dt.date(2027, 3, 1)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_screen(snap_compare: SnapCompare, plans_dir: Path, size: tuple[int, int]) -> None:
    app = steady_app(
        plans_dir,
        open_path=plans_dir / "orientation.toml",
        start="review",
        review_date=REVIEW_DAY,
    )

    async def first_action_done(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("d", *"Fiche")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=first_action_done)


@pytest.fixture
def reviewed_twice(plans_dir: Path) -> Path:
    """The example plan after a second review: statuses changed, a reading, a re-dating."""
    path = plans_dir / "orientation.toml"
    plan = load_plan(path)
    draft = start_review(plan, REVIEW_DAY)
    draft.summary = "La fiche est adoptée ; la formation attend le budget."
    first = draft.action("a-3c9e")
    first.status, first.done = "done", "Fiche adoptée par les trois partenaires"
    second = draft.redate("a-81d0", dt.date(2027, 5, 15))
    second.status, second.why = "blocked", "Budget de formation non voté"
    draft.indicator("i-orient").value = 45
    draft.indicator("i-orient").note = "Relevé de février"
    save_plan(commit_review(plan, draft), path, drop_comments=True)
    return path


def test_review_history(snap_compare: SnapCompare, reviewed_twice: Path) -> None:
    app = steady_app(reviewed_twice.parent)

    async def open_history(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_history)
