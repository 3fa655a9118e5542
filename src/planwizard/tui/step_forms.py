"""The step screens' forms, built from the field catalogue (planwizard.fields).

Each step's form is a short layout (`LAYOUTS`): section titles, the FORM fields of the
catalogue's tables (`Fields`), the item tables, and the few parts that are not fields
(quick add, the parking lot's review, the recommendations). A field's row is its form
label and the widget its kind of value chooses (a line, a text, one per line, a date, a
choice or ticks of its vocabulary), bound to its place in the plan (`workshop.date`);
a field added to a step's table with FORM in its places shows in the step at once.

The widget ids that tests and styles use are derived from the field's name
(`next_review` → `#next-review`), with a table's prefix (`#doc-owner`) or a name given
in the layout where the form always said it otherwise (`#workshop-date`, `#vision`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.containers import Horizontal
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Label, Static

from planwizard import fields, method
from planwizard.fieldspec import Field, Table
from planwizard.i18n import _
from planwizard.model import Plan
from planwizard.plan_paths import get_field
from planwizard.tui.item_kinds import (
    ACTIONS,
    INDICATORS,
    STAKEHOLDERS,
    owner_suggestions,
    status_hint,
)
from planwizard.tui.parts.step_recommendations import RecommendationsSection
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import (
    ChoiceField,
    LineField,
    LinesField,
    MultiChoiceField,
    TextField,
)
from planwizard.tui.widgets.items_table import ItemsTable
from planwizard.tui.widgets.parking_review import ParkingReview
from planwizard.tui.widgets.quick_add import QuickAdd

if TYPE_CHECKING:
    from planwizard.tui.screens.steps import StepScreen


@dataclass(frozen=True)
class Fields:
    """The FORM fields of one table of the catalogue, one row each."""

    table: Table
    #: Only these fields (the plan's own table: its title only).
    only: tuple[str, ...] = ()
    #: The widget ids' prefix (`doc-`), and ids given where they are not derived.
    prefix: str = ""
    ids: Mapping[str, str] = field(default_factory=dict)
    #: A line of help under a field, by field name (translated when shown).
    hints: Mapping[str, Callable[[], str]] = field(default_factory=dict)
    #: What a line field suggests as it is typed (Tab or → accepts), by field name.
    suggestions: Mapping[str, Callable[[Plan], list[str]]] = field(default_factory=dict)

    def shown(self) -> list[Field]:
        return [
            f
            for f in self.table.form_fields()
            if f.table is None and (not self.only or f.name in self.only)
        ]

    def path(self, entry: Field) -> str:
        return f"{self.table.name}.{entry.name}" if self.table.name else entry.name

    def widget_id(self, entry: Field) -> str:
        return self.ids.get(entry.name) or self.prefix + entry.name.replace("_", "-")


@dataclass(frozen=True)
class Section:
    """A section's title."""

    title: Callable[[], str]


#: One part of a step's form: a section title, rows of fields, or widgets the step's
#: screen makes (an item table and its hint, quick add...).
Part = Section | Fields | Callable[["StepScreen"], Iterable[Widget]]


def row(label: str, widget: Widget) -> Horizontal:
    """A label and its field on one line, as forms read at 80 columns."""
    return Horizontal(Label(Content(label), classes="field-label"), widget, classes="field-row")


def field_widget(
    entry: Field, path: str, value: Any, widget_id: str, plan: Plan, part: Fields
) -> Widget:
    """The widget the field's kind of value calls for, holding `value`."""
    kind = entry.value
    hint = entry.hint()
    if kind == "line":
        names = part.suggestions.get(entry.name)
        suggester = SuggestFromList(names(plan), case_sensitive=False) if names else None
        return LineField(path, value, placeholder=hint, suggester=suggester, id=widget_id)
    if kind == "text":
        return TextField(path, value, placeholder=hint, id=widget_id)
    if kind == "lines":
        return LinesField(path, value, placeholder=hint, id=widget_id)
    if kind == "date":
        return DateField(path, value, id=widget_id)
    if kind == "choice":
        return ChoiceField(path, method.labels(entry.vocabulary), value, id=widget_id)
    if kind == "choices":
        return MultiChoiceField(path, method.labels(entry.vocabulary), list(value), id=widget_id)
    raise ValueError(f"{path}: no step form widget for {kind!r}")


def field_rows(part: Fields, plan: Plan) -> Iterable[Widget]:
    for entry in part.shown():
        path = part.path(entry)
        widget = field_widget(entry, path, get_field(plan, path), part.widget_id(entry), plan, part)
        yield row(entry.form_title(), widget)
        hint = part.hints.get(entry.name)
        if hint is not None:
            yield Static(Content(hint()), classes="hint")


def compose_parts(parts: Iterable[Part], screen: StepScreen) -> Iterable[Widget]:
    """A step's form, part by part."""
    for part in parts:
        if isinstance(part, Section):
            yield screen.section(part.title())
        elif isinstance(part, Fields):
            yield from field_rows(part, screen.plan)
        else:
            yield from part(screen)


def title_of(table: str) -> Callable[[], str]:
    """A section named as the plan's field that holds the table (`Partners and
    stakeholders`)."""
    return lambda: fields.PLAN.field(table).title()


def step_title(step: str) -> Callable[[], str]:
    return lambda: method.step_title(step)


#: The hint under a vocabulary's ticks.
def ticks_hint() -> str:
    return _("↑ ↓ choose, Space ticks or unticks, Tab goes on")


def vision_example() -> str:
    return _("Example: “{example}”").format(example=method.vision_example())


# ------------------------------------------------------------------ the steps' layouts


def _stakeholders(screen: StepScreen) -> Iterable[Widget]:
    yield ItemsTable("stakeholders", STAKEHOLDERS.columns(), STAKEHOLDERS.narrow, id="stakeholders")
    yield Static(Content(_("a add · e edit · del delete · [ ] move")), classes="table-hint")
    yield RecommendationsSection(screen.plan)  # folded to one line while the plan has none


def _actions(screen: StepScreen) -> Iterable[Widget]:
    yield ItemsTable(
        "actions",
        ACTIONS.columns(),
        ACTIONS.narrow,
        wide=ACTIONS.wide,
        status_keys=True,
        wrap_first=True,
        id="actions",
    )
    yield QuickAdd(
        "actions", "actions", names=lambda: owner_suggestions(screen.plan), id="quick-add"
    )
    yield Static(
        Content(_("a add · e edit · del delete · [ ] move") + "\n" + status_hint()),
        classes="table-hint",
    )


def _indicators(screen: StepScreen) -> Iterable[Widget]:
    yield ItemsTable("indicators", INDICATORS.columns(), INDICATORS.narrow, id="indicators")
    yield Static(Content(_("a add · e edit · del delete · [ ] move")), classes="table-hint")


def _parking_review(screen: StepScreen) -> Iterable[Widget]:
    yield ParkingReview(id="parking-review")


class CatalogueForm:
    """What a step screen's form takes from the catalogue: mixed into each step's screen
    (before StepScreen), which names its step in `STEP`. (Where the focus lands first and
    the width's class before the first frame: StepScreen.FIRST_FIELD and
    step_screens.preset_breakpoints.)
    """

    STEP: ClassVar[str]

    def compose_form(self) -> Iterable[Widget]:
        return compose_parts(LAYOUTS[self.STEP], cast("StepScreen", self))


LAYOUTS: dict[str, tuple[Part, ...]] = {
    "problem": (
        Section(title_of("workshop")),
        Fields(fields.PLAN, only=("title",)),
        Fields(fields.WORKSHOP, ids={"date": "workshop-date"}),
        Section(step_title("problem")),
        Fields(fields.PROBLEM, hints={"concerns": ticks_hint}),
        Section(title_of("stakeholders")),
        _stakeholders,
    ),
    "vision": (
        Section(step_title("vision")),
        Fields(fields.VISION, ids={"statement": "vision"}, hints={"statement": vision_example}),
    ),
    "planning": (
        Section(title_of("actions")),
        _actions,
        Section(title_of("documentation")),
        Fields(fields.DOCUMENTATION, prefix="doc-", suggestions={"owner": owner_suggestions}),
    ),
    "monitoring": (
        Section(title_of("indicators")),
        _indicators,
        Section(title_of("reviews")),
        Fields(fields.MONITORING),
        _parking_review,
    ),
}
