"""Typed text reaches the file after a short pause, without leaving the field."""

from __future__ import annotations

from pathlib import Path

from planwizard import load_plan
from planwizard.tui.screens.steps import ProblemScreen
from planwizard.tui.widgets.fields import LineField, TextField
from tests.tui.tui_helpers import settle, steady_app


def _state(app: object) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#save-state", Static).render())  # type: ignore[attr-defined]


async def test_a_pause_in_typing_saves_the_field_as_one_undo_step(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "Old"\n', encoding="utf-8")
    app = steady_app(folder, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        title = app.screen.query_one("#title", LineField)
        assert title.has_focus
        assert _state(app) == "saved"
        await pilot.press("ctrl+u", *"Écoute", "space", *"active")
        await pilot.pause()
        # Typed but not yet on disk: the title bar does not claim it is.
        assert title.pause_pending
        assert _state(app) == "typing… not saved yet"
        assert load_plan(path).title == "Old"
        title.pause_over()  # the typing paused
        await pilot.pause()
        assert title.has_focus  # still typing in it
        assert load_plan(path).title == "Écoute active"
        assert _state(app) == "saved"
        # Typing on, then another pause: a second undo step, not one per key.
        await pilot.press(*" !")
        await pilot.pause()
        title.pause_over()
        await pilot.pause()
        assert load_plan(path).title == "Écoute active !"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_plan(path).title == "Écoute active"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert load_plan(path).title == "Old"
        assert title.value == "Old"


async def test_a_pause_saves_a_multi_line_field(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "T"\n', encoding="utf-8")
    app = steady_app(folder, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        notes = app.screen.query_one("#notes", TextField)
        notes.focus()
        await pilot.press(*"first", "enter", *"second")
        await pilot.pause()
        assert _state(app) == "typing… not saved yet"
        notes.pause_over()
        await pilot.pause()
        assert load_plan(path).problem.notes == "first\nsecond"
        assert _state(app) == "saved"
