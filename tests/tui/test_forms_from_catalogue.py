"""The item forms are built from the field catalogue (planwizard.fields, issue 16 stage 2):
a FORM field added to a table is in its form, and every form shows its table's FORM
fields, in the catalogue's form order, under their form labels."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from planwizard import fields
from planwizard.fields import FORM, Field, Table
from planwizard.i18n import N_
from planwizard.method import STEPS
from planwizard.model import Plan, new_plan
from planwizard.storage import load_plan
from planwizard.tui import step_forms
from planwizard.tui.dialogs import FormField, ItemForm
from planwizard.tui.item_kinds import ITEM_KINDS, action_form
from planwizard.tui.screens.dialogue import entry_fields
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen, StepScreen
from planwizard.tui.widgets.fields import LineField
from tests.conftest import ROOT
from tests.tui.tui_helpers import settle, steady_app

#: A plan that uses every kind of item, recommendations and dialogue included.
FOLLOW_UP = ROOT / "plans" / "npm-recommendations-follow-up.toml"


def follow_up() -> Plan:
    return load_plan(FOLLOW_UP)


def with_budget(table: Table, after: str) -> Table:
    """`table` with a plain FORM field `budget` after the field `after`."""
    budget = Field("budget", N_("Budget"), "number", frozenset({FORM}), placeholder=N_("Due"))
    at = [f.name for f in table.fields].index(after) + 1
    return dataclasses.replace(table, fields=(*table.fields[:at], budget, *table.fields[at:]))


def forms_of(plan: Plan) -> dict[str, list[FormField]]:
    """Each table's item form for a new item, as the screens build it."""
    found = {name: kind.form(None, plan) for name, kind in ITEM_KINDS.items()}
    found["dialogue"] = entry_fields(plan, None)
    return found


def catalogue_table(name: str) -> Table:
    return fields.ITEMS[name]


TABLES = [*ITEM_KINDS, "dialogue"]


@pytest.mark.parametrize("name", TABLES)
def test_a_form_field_added_to_the_catalogue_is_in_the_form(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = catalogue_table(name)
    after = table.form_fields()[0].name
    monkeypatch.setattr(fields, name.upper(), with_budget(table, after))
    form = forms_of(follow_up())[name]
    names = [f.name for f in form]
    assert "budget" in names
    budget = form[names.index("budget")]
    assert (budget.label, budget.kind, budget.placeholder) == ("Budget", "number", "Due")
    if not table.form_order:  # in the file's order, where the catalogue puts it
        assert names.index("budget") == names.index(table.field(after).file_key) + 1


@pytest.mark.parametrize("name", TABLES)
def test_every_form_field_of_the_catalogue_is_in_its_form_in_order(name: str) -> None:
    table = catalogue_table(name)
    for plan in (follow_up(), new_plan("Empty")):
        form = forms_of(plan)[name]
        # The action form's pick list of recommendations: in plans that follow some up.
        hidden = name == "actions" and not plan.recommendations
        expected = [f for f in table.form_fields() if not (hidden and f.name == "recommendations")]
        shown = form[: len(expected)]
        assert [f.name for f in shown] == [f.file_key for f in expected]
        assert [f.label for f in shown] == [f.form_title() for f in expected]
        assert [f.placeholder for f in shown] == [f.hint() for f in expected]
        # Only the dialogue adds one (the position a written reply gives).
        assert [f.name for f in form[len(expected) :]] == (
            ["position"] if name == "dialogue" else []
        )


def test_the_form_order_names_form_fields_only() -> None:
    for table in fields.tables():
        shown = {f.name for f in table.shown(FORM)}
        assert set(table.form_order) <= shown, table.name
        assert sorted(f.name for f in table.form_fields()) == sorted(shown), table.name


def test_the_reviews_action_form_is_step_3s_with_fewer_fields() -> None:
    plan = follow_up()
    step_3 = action_form(None, plan)
    review = action_form(None, plan, omit=("status", "strategy", "recommendations"))
    assert [f.name for f in step_3] == [
        "title",
        "owner",
        "due",
        "status",
        "kind",
        "level",
        "strategy",
        "recommendations",
    ]
    assert [f.name for f in review] == ["title", "owner", "due", "kind", "level"]
    assert [f.label for f in review] == [
        f.label for f in step_3 if f.name in {"title", "owner", "due", "kind", "level"}
    ]
    assert step_3[1].suggestions and step_3[1].suggestions == review[1].suggestions


async def test_a_field_added_to_the_catalogue_is_typed_in_and_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fields, "ACTIONS", with_budget(fields.ACTIONS, "strategy"))
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    shutil.copy(FOLLOW_UP, path)
    app = steady_app(folder, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.session.drop_comments = True
        screen.query_one("#actions").focus()
        screen.open_quick_add = lambda kind: False  # type: ignore[method-assign]
        await pilot.press("a")  # the full form, not quick add
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        labels = [str(label.render()) for label in form.query(".field-label").results(Label)]
        assert labels.index("Budget") == labels.index("Strategy") + 1
        await pilot.press(*"Hire a translator")
        form.query_one("#field-budget", Input).value = "1 200"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
    added = load_plan(path).actions[-1]
    assert added.title == "Hire a translator"
    assert added.model_extra == {"budget": 1200}  # kept as typed, a figure


# ------------------------------------------------------------------ step forms


def step_rows(screen: StepScreen) -> list[tuple[str, str, str]]:
    """(path, label, widget kind) of the rows of the step's form, top to bottom."""
    found = []
    for row in screen.query(".field-row"):
        label = str(row.query_one(".field-label", Label).render())
        widget = next(w for w in row.query("*") if hasattr(w, "path"))
        found.append((widget.path, label, type(widget).__name__))
    return found


async def test_a_form_field_added_to_a_steps_table_shows_in_the_step(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wording of the questions: in the file, in no form; say FORM, and step 1 has it.
    questions = dataclasses.replace(fields.WORKSHOP.field("questions"), places=frozenset({FORM}))
    workshop = dataclasses.replace(
        fields.WORKSHOP,
        fields=tuple(questions if f.name == "questions" else f for f in fields.WORKSHOP.fields),
    )
    layout = tuple(
        dataclasses.replace(part, table=workshop)
        if isinstance(part, step_forms.Fields) and part.table is fields.WORKSHOP
        else part
        for part in step_forms.LAYOUTS["problem"]
    )
    monkeypatch.setitem(step_forms.LAYOUTS, "problem", layout)
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProblemScreen)
        rows = step_rows(screen)
        paths = [path for path, _label, _kind in rows]
        assert paths.index("workshop.questions") == paths.index("workshop.participants") + 1
        assert rows[paths.index("workshop.questions")][1:] == (
            "Wording of the questions",
            "LineField",
        )
        assert screen.query_one("#questions", LineField).path == "workshop.questions"


async def test_each_step_shows_its_tables_form_fields_in_order(plans_dir: Path) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        for step in STEPS:
            app.screen.action_go(step)  # type: ignore[attr-defined]
            await settle(pilot)
            assert isinstance(app.screen, StepScreen)
            tables = ((fields.PLAN,) if step == "problem" else ()) + fields.STEP_TABLES[step]
            expected = [
                (f"{t.name}.{f.name}" if t.name else f.name, f.form_title())
                for t in tables
                for f in t.form_fields()
                if f.table is None
            ]
            assert [(p, label) for p, label, _kind in step_rows(app.screen)] == expected
