"""A letter typed redraws the field it lands in, and nothing typed is lost on the way:
the pause counts from the last key, long text scrolls within its field, suggestions
come with the key, and the quick-add line is not a field of the plan."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static

from planwizard import load_plan
from planwizard.tui.app import make_app
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen
from planwizard.tui.widgets.fields import LineField
from planwizard.tui.widgets.quick_add import QuickAddInput
from tests.tui.tui_helpers import settle, steady_app


def _state(app: object) -> str:
    return str(app.screen.query_one("#save-state", Static).render())  # type: ignore[attr-defined]


def _plan(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "Old"\n', encoding="utf-8")
    return folder, path


async def test_the_pause_counts_from_the_last_key_and_saves_the_whole_word(
    tmp_path: Path,
) -> None:
    folder, path = _plan(tmp_path)
    # A real pause (no test stands for it here): keys half a pause apart are one typing.
    app = make_app(folder, blink=False, save_pause=1.0, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        title = app.screen.query_one("#title", LineField)
        await pilot.press("ctrl+u", *"Sh")
        await asyncio.sleep(0.6)
        await pilot.press(*"elter")
        await asyncio.sleep(0.6)  # the first key's pause is over, not the last one's
        await pilot.pause()
        assert title.pause_pending
        assert load_plan(path).title == "Old"
        for _ in range(100):  # then the pause ends: saved, whole
            await asyncio.sleep(0.05)
            if not title.pause_pending:
                break
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert load_plan(path).title == "Shelter"
        assert _state(app) == "saved"
        await pilot.press("ctrl+z")  # one undo step for the word
        await pilot.pause()
        assert load_plan(path).title == "Old"


async def test_a_title_longer_than_its_field_scrolls_within_it(tmp_path: Path) -> None:
    folder, path = _plan(tmp_path)
    app = steady_app(folder, open_path=path, start="open")
    long = "A referral pathway that every service in the district knows by heart"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = app.screen.query_one("#title", LineField)
        width = title.size.width
        assert len(long) > width
        await pilot.press("ctrl+u", *[("space" if c == " " else c) for c in long])
        await pilot.pause()
        assert title.value == long
        assert title.size.width == width  # the field did not grow with its text
        assert title.scroll_x > 0  # the end of the text, where the cursor is, shows
        shown = "".join(s.text for s in title.render_line(0))
        assert "by heart" in shown
        await pilot.press("home")  # and back to its start
        await pilot.pause()
        assert title.scroll_x == 0
        assert "".join(s.text for s in title.render_line(0)).startswith("A referral")
        title.pause_over()
        await pilot.pause()
    assert load_plan(path).title == long


async def _planning(app: object, pilot: object) -> PlanningScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("f4")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, PlanningScreen)
    return screen


async def test_a_known_name_is_suggested_with_the_key_typed(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _planning(app, pilot)
        owner = screen.query_one("#doc-owner", LineField)
        owner.focus()
        await pilot.press("ctrl+u", *"foy")
        await pilot.pause()
        shown = "".join(s.text for s in owner.render_line(0))
        assert "foyer d'hébergement" in shown.casefold()
        await pilot.press("end", "right")  # accepts it
        assert owner.value == "Foyer d'hébergement"


async def test_the_quick_add_line_is_not_a_field_being_typed(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await _planning(app, pilot)
        screen.session.drop_comments = True
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, QuickAddInput)
        await pilot.press(*"Call the shelter @Fo")
        await pilot.pause()
        # Nothing of the plan waits for a pause: the bar still says saved.
        assert _state(app) == "saved"
        shown = "".join(s.text for s in app.focused.render_line(0))
        assert "hébergement" in shown  # the suggestion, shown with the key
        await pilot.press("right")
        assert app.focused.value == 'Call the shelter @"Foyer d\'hébergement"'
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    action = load_plan(path).actions[-1]
    assert (action.title, action.owner) == ("Call the shelter", "Foyer d'hébergement")
