"""Quick add under a burst of keys and a paste: one action per Enter or line, in order, saved."""

from __future__ import annotations

from pathlib import Path

from textual import events

from planwizard import load_plan
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.quick_add import QuickAddInput
from tests.tui.tui_helpers import settle, steady_app


def burst(app: PlanWizardApp, text: str) -> None:
    """Keys as a fast typist or a terminal paste sends them: all queued before any is read."""
    for char in text:
        if char == "\t":
            app.post_message(events.Key("tab", "\t"))
        elif char == "\n":
            app.post_message(events.Key("enter", "\r"))
        elif char == " ":
            app.post_message(events.Key("space", " "))
        else:
            app.post_message(events.Key(char, char))


async def _planning(app: PlanWizardApp, pilot: object) -> PlanningScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("f4")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, PlanningScreen)
    screen.session.drop_comments = True  # the comments question has its own test
    await pilot.press("a")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.focused, QuickAddInput)
    return screen


async def test_a_burst_of_titles_and_enters_gives_one_action_each(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    before = [a.title for a in load_plan(path).actions]
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await _planning(app, pilot)
        burst(app, "Burst one\nBurst two\nBurst three\n")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.focused, QuickAddInput) and app.focused.value == ""
        # pilot.press too, without a pause between the actions.
        await pilot.press(*"Four", "enter", *"Five", "enter")
        await pilot.pause()
    titles = [a.title for a in load_plan(path).actions]
    assert titles == [*before, "Burst one", "Burst two", "Burst three", "Four", "Five"]


async def test_a_pasted_block_gives_one_action_per_line(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    before = [a.title for a in load_plan(path).actions]
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await _planning(app, pilot)
        await pilot.press(*"Ask ")
        app.focused.post_message(events.Paste("the police\n\n  Train the desk \r\nCall « 115 »"))  # type: ignore[union-attr]
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.focused, QuickAddInput) and app.focused.value == ""
        # A paste of one line is typed text, as usual: Enter commits it.
        app.focused.post_message(events.Paste("Single"))
        await pilot.pause()
        assert app.focused.value == "Single"
        await pilot.press("enter")
        await pilot.pause()
    titles = [a.title for a in load_plan(path).actions]
    assert titles == [*before, "Ask the police", "Train the desk", "Call « 115 »", "Single"]


async def test_keys_typed_right_after_tab_land_in_the_next_field(plans_dir: Path) -> None:
    """The "Signer un mémorandum" report: strategy typed fast after Tab was lost.

    Tab moved the focus only once it had gone back up to the app, behind the keys typed
    after it, which the app had already handed to the field being left (here a dropdown,
    which ignores them).
    """
    from planwizard.tui.dialogs import ItemForm
    from planwizard.tui.widgets.items_table import ItemsTable

    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        table = screen.query_one("#actions", ItemsTable)
        table.move_cursor(row=2)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-level").focus()
        await pilot.pause()
        burst(app, "\t")
        burst(app, "Plaidoyer")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    action = load_plan(path).actions[2]
    assert action.title.startswith("Signer un mémorandum")
    assert action.strategy.endswith("Plaidoyer")


async def test_owner_and_date_typed_on_the_quick_add_line(plans_dir: Path) -> None:
    import datetime as dt

    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await _planning(app, pilot)
        line = app.focused
        assert isinstance(line, QuickAddInput)
        assert line.placeholder == "title @owner +2w"
        await pilot.press(*"Write the leaflet @Fo")
        await pilot.pause()
        await pilot.press("right")  # accepts the suggested full name
        assert line.value == 'Write the leaflet @"Foyer d\'hébergement"'
        await pilot.press("space", *"+2w", "enter")
        await pilot.pause()
    action = load_plan(path).actions[-1]
    assert (action.title, action.owner, action.due) == (
        "Write the leaflet",
        "Foyer d'hébergement",
        dt.date(2027, 1, 29),
    )


async def test_keys_typed_right_after_enter_land_in_the_next_field(plans_dir: Path) -> None:
    from planwizard.tui.dialogs import ItemForm

    path = plans_dir / "orientation.toml"
    before = len(load_plan(path).actions)
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _planning(app, pilot)
        await pilot.press("escape")  # leave the quick-add line: the full form
        await pilot.pause()
        screen.query_one("#actions").focus()
        screen.open_quick_add = lambda kind: False  # type: ignore[method-assign]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        burst(app, "Print the leaflet\nPolice\n")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    added = load_plan(path).actions[before:]
    assert [(a.title, a.owner) for a in added] == [("Print the leaflet", "Police")]
