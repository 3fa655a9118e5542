"""Text typed in an item form is kept as a draft until Save or Cancel, and offered back
when the plan is next opened: restored on the right step, prefilled, never applied unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from planwizard import load_plan
from planwizard.drafts import FormDraft, form_draft_path, read_form_draft, save_form_draft
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.dialogs import FormDraftPrompt, ItemForm
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.steps import MonitoringScreen, PlanningScreen, ProblemScreen
from tests.tui.tui_helpers import screen_text, settle, steady_app

TITLE = "Rédiger la fiche « accueil » [b]"


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


async def _add_action_form(app: PlanWizardApp, pilot: object) -> ItemForm:
    """The add-action form at step 3 (the table's `a`, past the quick-add line)."""
    await pilot.press("f4")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, PlanningScreen)
    screen.query_one("#actions").focus()
    screen.open_quick_add = lambda kind: False  # type: ignore[method-assign]
    await pilot.press("a")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    form = app.screen
    assert isinstance(form, ItemForm)
    return form


def _type(app: PlanWizardApp, text: str) -> None:
    """Typed keys, « » included (which Pilot's key names do not spell)."""
    for char in text:
        name = {" ": "space", "\n": "enter"}.get(char, char)
        app.post_message(events.Key(name, "\r" if char == "\n" else char))


def _field(form: ItemForm, name: str) -> str:
    return form.query_one(f"#field-{name}", Input).value


async def test_a_form_left_before_save_is_restored_prefilled_on_its_step(
    plans_dir: Path,
) -> None:
    path = plans_dir / "orientation.toml"
    original = path.read_bytes()
    first = steady_app(plans_dir, open_path=path, start="open")
    async with first.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        form = await _add_action_form(first, pilot)
        await pilot.pause()
        form.write_draft()
        assert read_form_draft(path) is None  # a form as it opened is no draft
        _type(first, TITLE + "\nFoyer")
        await pilot.pause()
        await pilot.pause()
        assert form.draft_pending
        form.write_draft()  # the typing paused
        # The terminal dies here: nothing in the plan, the text in the draft.
    assert path.read_bytes() == original
    saved = read_form_draft(path)
    assert saved is not None and (saved.table, saved.item_id) == ("actions", None)
    assert (saved.values["title"], saved.values["owner"]) == (TITLE, "Foyer")

    second = steady_app(plans_dir, open_path=path, start="open")  # `planwizard open`
    async with second.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, FormDraftPrompt)
        assert TITLE in second.screen.question
        assert "« accueil » [b]”" in screen_text(second)  # literally, markup and all
        assert path.read_bytes() == original  # offered, not applied
        await pilot.press("r")
        await settle(pilot)
        form = second.screen
        assert isinstance(form, ItemForm)
        assert isinstance(second.screen_stack[-2], PlanningScreen)  # from step 4 to 3
        assert (_field(form, "title"), _field(form, "owner")) == (TITLE, "Foyer")
        second.screen_stack[-2].session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    action = load_plan(path).actions[-1]
    assert (action.title, action.owner) == (TITLE, "Foyer")
    assert read_form_draft(path) is None  # saved: the draft is gone


async def test_cancel_deletes_the_draft_and_changes_nothing(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    original = path.read_bytes()
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        form = await _add_action_form(app, pilot)
        await pilot.press(*"Brouillon")
        await pilot.pause()
        form.write_draft()
        assert form_draft_path(path).exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        assert not form_draft_path(path).exists()
    assert path.read_bytes() == original


async def test_later_keeps_the_draft_discard_drops_it(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    original = path.read_bytes()
    plan = load_plan(path)
    indicator = plan.indicators[0]
    typed = {"name": indicator.name + " (révisé)", "target": "80"}
    save_form_draft(FormDraft(plan.id, "indicators", indicator.id, typed), path)
    app = steady_app(plans_dir)  # from home: Enter on the plan
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDraftPrompt)
        assert "Edit success indicator" in screen_text(app)
        await pilot.press("escape")  # later
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)
        assert read_form_draft(path) is not None
        await pilot.press("escape")  # home, and open the plan again
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDraftPrompt)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MonitoringScreen)
        assert read_form_draft(path) is None
    assert path.read_bytes() == original


async def test_an_edit_of_an_item_deleted_since_is_offered_as_a_new_one(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    plan = load_plan(path)
    before = [s.id for s in plan.stakeholders]
    typed = {"name": "Mairie « annexe »", "role": "accueil"}
    save_form_draft(FormDraft(plan.id, "stakeholders", "s-gone", typed), path)
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FormDraftPrompt)
        assert "That item has been deleted since." in app.screen.question
        assert "Add as new (r)" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.heading == "New partner or stakeholder"
        assert isinstance(app.screen_stack[-2], ProblemScreen)  # the stakeholders' step
        assert (_field(form, "name"), _field(form, "role")) == ("Mairie « annexe »", "accueil")
        app.screen_stack[-2].session.drop_comments = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = load_plan(path).stakeholders
    assert [s.id for s in after[:-1]] == before
    assert (after[-1].name, after[-1].role) == ("Mairie « annexe »", "accueil")
    assert read_form_draft(path) is None


async def test_a_new_form_does_not_drop_a_draft_left_for_later(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    plan = load_plan(path)
    left = FormDraft(plan.id, "actions", None, {"title": "Laissé pour plus tard"})
    save_form_draft(left, path)
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # later
        await pilot.pause()
        form = await _add_action_form(app, pilot)
        form.write_draft()  # nothing typed in this one
        await pilot.press("escape")  # nor does its Cancel touch the other's draft
        await pilot.pause()
    assert read_form_draft(path) == left
