"""The real app writes changes on the session's thread: the screen shows each change at
once, the title bar says "saving…" until it is on disk and "saved" only then, and
leaving the plan waits for the writes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from planwizard import load_plan
from planwizard.session import SaveOutcome
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.items_table import ItemsTable
from planwizard.tui.widgets.quick_add import QuickAddInput
from tests.tui.test_quick_add_burst import burst
from tests.tui.tui_helpers import screen_text, settle, steady_app


async def test_changes_shown_at_once_written_in_order_and_leaving_waits(
    plans_dir: Path,
) -> None:
    path = plans_dir / "orientation.toml"
    before = [a.title for a in load_plan(path).actions]
    app = steady_app(plans_dir, open_path=path, start="open")
    app.write_later = True  # as run_app sets it
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, QuickAddInput)
        burst(app, "Later one\nLater two\n")
        await pilot.pause()
        table = screen.query_one("#actions", ItemsTable)
        shown = [table.get_row_at(n)[0].plain for n in range(table.row_count)]
        assert shown[-2:] == ["Later one", "Later two"]
        for _ in range(500):  # the writes are taken in as they end
            if not screen.session.writing:
                break
            assert "saving…" in screen_text(app)  # never "saved" before it is
            await pilot.pause()
        assert not screen.session.writing
        await pilot.pause()
        assert "saved" in screen_text(app) and "saving…" not in screen_text(app)
        titles = [a.title for a in load_plan(path).actions]
        assert titles == [*before, "Later one", "Later two"]
        # A change, then back to the plans at once: leaving waits for its write.
        burst(app, "Later three\n")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not screen.session.writing
    titles = [a.title for a in load_plan(path).actions]
    assert titles == [*before, "Later one", "Later two", "Later three"]


async def test_a_small_plans_change_says_saved_in_its_first_answer(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard.tui import step_screens

    # The app's short wait for a small plan's write, long enough for any loaded machine.
    monkeypatch.setattr(step_screens, "QUICK_WRITE_SECONDS", 30.0)
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    app.write_later = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        await pilot.press("a")
        await pilot.pause()
        session = screen.session
        outcomes: list[SaveOutcome] = []
        apply = session.apply

        def noting(*args: Any, **kwargs: Any) -> SaveOutcome:
            outcomes.append(apply(*args, **kwargs))
            return outcomes[-1]

        monkeypatch.setattr(session, "apply", noting)
        burst(app, "Quick one\n")
        await pilot.pause()
        # Written before the screen answered, not handed on as "saving…".
        assert [(o.saved, o.pending) for o in outcomes] == [(True, False)]
        assert not session.writing
        assert "saved" in screen_text(app) and "saving…" not in screen_text(app)
        assert [a.title for a in load_plan(path).actions][-1] == "Quick one"


async def test_enter_in_quick_add_makes_the_action_in_its_own_key_handler(
    plans_dir: Path,
) -> None:
    """No frame in between: the new row is in the table as the key's handler ends."""
    from textual import events

    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    app.write_later = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        await pilot.press("a")
        await pilot.pause()
        line = app.focused
        assert isinstance(line, QuickAddInput)
        line.value = "Made at once"
        table = screen.query_one("#actions", ItemsTable)
        rows = table.row_count
        await line._on_key(events.Key("enter", None))
        # Nothing else has run yet: the plan, the table and the line already agree.
        assert screen.plan.actions[-1].title == "Made at once"
        assert table.row_count == rows + 1
        assert line.value == ""


async def test_a_change_is_on_disk_when_the_app_quits_right_after_it(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard.tui import step_screens

    # No wait for the write: it is still under way as the app quits.
    monkeypatch.setattr(step_screens, "QUICK_WRITE_SECONDS", 0.0)
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    app.write_later = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        await pilot.press("a")
        await pilot.pause()
        burst(app, "Just before quitting\n")
        for _ in range(500):  # the keys taken in, the write not waited for
            if screen.plan.actions[-1].title == "Just before quitting":
                break
            await asyncio.sleep(0)
        assert screen.plan.actions[-1].title == "Just before quitting"
        app.exit()
    assert load_plan(path).actions[-1].title == "Just before quitting"
