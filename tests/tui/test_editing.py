"""Editing a plan that exists: saved at once, comments asked about, undo, dates in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable

from planwizard import load_plan
from planwizard.tui.dialogs import ConfirmScreen
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import MonitoringScreen, ProblemScreen
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import LineField
from tests.tui.tui_helpers import edit_title_and_keep_comments, screen_text, settle, steady_app


async def test_edit_existing_plan_asks_once_about_comments_and_undoes(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    original = load_plan(path)
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the only plan
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)  # the step it has reached
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        await pilot.press("ctrl+u", *"Orientation", "tab")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # hand-written comments in the file
        assert "# A complete plan" in path.read_text(encoding="utf-8")
        await pilot.press("y")
        await pilot.pause()
        saved = load_plan(path)
        assert saved.title == "Orientation"
        assert "#" not in path.read_text(encoding="utf-8").split("\n", 1)[0]
        # Everything else is as it was.
        assert saved.model_copy(update={"title": original.title}) == original
        await pilot.press("shift+tab", "ctrl+u", *"Second", "tab")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # asked once only
        assert load_plan(path).title == "Second"

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_plan(path).title == "Orientation"
        assert app.screen.query_one("#title", LineField).value == "Orientation"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_plan(path).title == original.title
        assert app.screen.query_one("#title", LineField).value == original.title


async def test_declining_keeps_the_file_and_says_not_saved(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    before = path.read_bytes()
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await edit_title_and_keep_comments(pilot)
        assert "NOT SAVED" in screen_text(app)
        assert app.screen.session.plan.title.endswith("!")  # type: ignore[attr-defined]
    assert path.read_bytes() == before


async def test_dates_quick_forms_refusal_in_place_and_undo(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MonitoringScreen)
        screen.session.drop_comments = True  # the comments question has its own test
        field = screen.query_one("#next-review", DateField)
        field.input.focus()
        await pilot.press("ctrl+u", *"+2w", "enter")
        await pilot.pause()
        assert field.input.value == "2027-01-29"
        assert "in 14 days" in screen_text(app)
        assert load_plan(path).monitoring.next_review == dt.date(2027, 1, 29)

        field.input.focus()
        await pilot.press("ctrl+u", *"31/02", "enter")
        await pilot.pause()
        assert field.input.value == "31/02"  # kept as typed, to be corrected
        assert field.has_class("-invalid")
        assert "not a day of the calendar" in screen_text(app)
        assert load_plan(path).monitoring.next_review == dt.date(2027, 1, 29)
        assert load_plan(path).monitoring.cadence == "quarterly"  # the rest is kept

        await pilot.press("ctrl+u", *"31/01", "enter")
        await pilot.pause()
        assert load_plan(path).monitoring.next_review == dt.date(2027, 1, 31)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_plan(path).monitoring.next_review == dt.date(2027, 1, 29)
        assert field.input.value == "2027-01-29"


async def test_actions_add_edit_reorder_delete(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        screen.session.drop_comments = True  # type: ignore[attr-defined]
        table = screen.query_one("#actions", DataTable)
        table.focus()
        await pilot.press("e")  # edit the first action
        await pilot.pause()
        await pilot.press("tab", "ctrl+u", *"Po", "right", "ctrl+s")
        await pilot.pause()
        assert load_plan(path).actions[0].owner == "Police de district"
        await pilot.press("]")  # move it down
        await pilot.pause()
        assert load_plan(path).actions[1].id == "a-3c9e"
        await pilot.press("down", "delete", "y")  # a-f412 has no review: deleted
        await pilot.pause()
        assert [a.id for a in load_plan(path).actions] == ["a-81d0", "a-3c9e"]
        await pilot.press("delete", "y")  # the cursor is on a-3c9e, in a review: dropped
        await pilot.pause()
        plan = load_plan(path)
        assert [a.id for a in plan.actions] == ["a-81d0", "a-3c9e"]
        assert plan.action("a-3c9e").status == "dropped"  # type: ignore[union-attr]


async def test_an_indicator_with_readings_is_dropped_then_measured_again(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MonitoringScreen)
        app.screen.session.drop_comments = True
        app.screen.query_one("#indicators", DataTable).focus()
        await pilot.press("delete")  # i-orient, read at the review of December
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        indicator = load_plan(path).indicator("i-orient")
        assert indicator is not None and indicator.dropped == dt.date(2027, 1, 15)
        text = screen_text(app)
        assert "(dropped) Part des victimes" in text
        # The notification says what happened, and how to undo it.
        assert any("no longer measured" in str(n.message) for n in app._notifications)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Measure it again?" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert load_plan(path).indicator("i-orient").measured  # type: ignore[union-attr]
        assert "(dropped)" not in screen_text(app)
        assert "Part des victimes reçues au commissariat" in screen_text(app)  # not squeezed


async def test_broken_file_is_listed_and_others_load(plans_dir: Path) -> None:
    (plans_dir / "broken.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    (plans_dir / "future.toml").write_text('schema_version = 9\ntitle = "f"\n', encoding="utf-8")
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#plans", DataTable)
        assert table.row_count == 3
        text = screen_text(app)
        assert "Orientation des victimes" in text
        assert text.count("unreadable") == 3  # two rows, and "2 unreadable" in the title bar
        assert "2 unreadable" in text
        await pilot.press(*"broken")
        await pilot.pause()
        assert table.row_count == 1
        assert "broken.toml:2: invalid TOML" in screen_text(app)
        await pilot.press("enter")  # refused with the reason, no crash
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+u", *"future")
        await pilot.pause()
        assert "newer than version 1" in screen_text(app)
        await pilot.press("ctrl+u", *"orient", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)


async def test_new_plan_from_the_command_line(tmp_path: Path) -> None:
    app = steady_app(tmp_path / "new-folder", start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Cells", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
    # The file's name carries a short tag from the plan's id (issue 12).
    (created,) = (tmp_path / "new-folder").glob("cells-*.toml")
    assert load_plan(created).title == "Cells"


async def test_template_and_delete_from_home(plans_dir: Path) -> None:
    app = steady_app(plans_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", "ctrl+u", *"Next", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        (made,) = plans_dir.glob("next-*.toml")  # a short tag from the id (issue 12)
        copy = load_plan(made)
        assert copy.reviews == [] and len(copy.actions) == 3
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#plans", DataTable)
        assert table.row_count == 2
        await pilot.press(*"Next")
        await pilot.pause()
        await pilot.press("delete", "y")
        await settle(pilot)
        assert not made.exists()
        assert (plans_dir / "orientation.toml").exists()
