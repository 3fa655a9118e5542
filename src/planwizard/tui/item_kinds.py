"""How each list of the plan is shown and edited in the step screens' item tables:
actions, stakeholders and indicators here (recommendations and team roles in
`item_kinds_recommendations.py`). An `ItemKind` gives a table its columns and cells
(from the field catalogue, planwizard.fields) and the item form its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from rich.text import Text

from planwizard import fields, method
from planwizard.i18n import _
from planwizard.model import STATUSES, Action, Indicator, Plan, Stakeholder
from planwizard.session import remove_action, remove_indicator, remove_stakeholder
from planwizard.text import one_line
from planwizard.tui import forms
from planwizard.tui.dialogs import FormField
from planwizard.tui.item_kinds_recommendations import item_kinds
from planwizard.tui.safe import cell
from planwizard.tui.widgets.items_table import TABLE_KEYS
from planwizard.tui.widgets.review_bits import status_keys


@dataclass(frozen=True)
class ItemKind:
    """How one list of the plan (actions, stakeholders, indicators) is shown and edited."""

    attribute: str
    id_kind: str
    model: type[BaseModel]
    columns: Callable[[], list[str]]
    narrow: tuple[int, ...]
    cells: Callable[[Any], list[Text]]
    form: Callable[[Any, Plan], list[FormField]]
    remove: Callable[[Plan, str], str]
    heading_new: Callable[[], str]
    heading_edit: Callable[[], str]
    label: Callable[[Any], str]
    #: Columns shown on a wide table (default: all).
    wide: tuple[int, ...] | None = None
    #: The table's rows (key, cells) when cells need the plan or items have no id (team
    #: roles); default: each item's id and `cells`.
    rows: Callable[[Plan], list[tuple[str, list[Text]]]] | None = None
    #: The cells show the item's own fields only (no other item's name, say): a row
    #: is then made again only when its item changed (see ItemsTable.rows_for).
    own_cells: bool = False


def owner_suggestions(plan: Plan) -> list[str]:
    """People and bodies the room already named: participants, facilitators, partners."""
    names: list[str] = []
    for name in (
        *plan.workshop.participants,
        *plan.workshop.facilitators,
        *(s.name for s in plan.stakeholders),
        *(a.owner for a in plan.actions),
    ):
        clean = one_line(name)
        if clean and clean not in names:
            names.append(clean)
    return names


def participants(plan: Plan) -> list[str]:
    return [one_line(p) for p in plan.workshop.participants]


def status_hint() -> str:
    """The keys that give an action its status from the table, in the interface language:
    the review's letter, or the status's number where the table uses the letter."""
    keys = status_keys()
    parts = []
    for number, status in enumerate(STATUSES, start=1):
        key = keys.get(status, "")
        shown = key if key and key not in TABLE_KEYS else str(number)
        parts.append(f"{shown} {STATUS_MARKS[status]} {method.label('status', status)}")
    return _("status: {keys}").format(keys=" · ".join(parts))


#: How an action's title looks by status.
ACTION_STYLES = {"done": "dim", "dropped": "dim strike", "blocked": "bold red"}
#: The status in one character, for the narrow table's status column (F1 and the hint
#: under the table say which key gives which).
STATUS_MARKS = {
    "planned": "○",
    "in-progress": "◐",
    "done": "●",
    "blocked": "■",
    "dropped": "✗",
}


def catalogue_columns(table: fields.Table) -> list[str]:
    """An item table's column headers: the catalogue's table fields (planwizard.fields)."""
    return fields.headers(table, fields.TABLE)


def catalogue_cells(
    table: fields.Table, item: Any, styles: dict[str, str] | None = None
) -> list[Text]:
    """An item's cells in the catalogue's table columns; `styles`: by field name."""
    styles = styles or {}
    return [
        cell(fields.show(f, item, fields.TABLE), styles.get(f.name, ""))
        for f in table.shown(fields.TABLE)
    ]


def catalogue_positions(table: fields.Table, *names: str) -> tuple[int, ...]:
    """Where the named fields' columns are in the item table: the narrow table's columns
    named rather than counted, so that a column added to the catalogue moves none."""
    shown = [f.name for f in table.shown(fields.TABLE)]
    return tuple(shown.index(name) for name in names)


#: The action form's special cases (planwizard.tui.forms).
ACTION_HOOKS: dict[str, forms.Hook] = {
    "owner": forms.suggest(owner_suggestions),
    # The recommendations it implements: only in the forms of plans that follow some up.
    "recommendations": forms.when_used,
}


def action_form(
    action: Action | None,
    plan: Plan,
    *,
    omit: Iterable[str] = (),
    adjust: Mapping[str, forms.Hook] | None = None,
) -> list[FormField]:
    """The action form of step 3, and of the review (which shows fewer fields)."""
    return forms.item_form(
        fields.ACTIONS, action, plan, hooks=ACTION_HOOKS, adjust=adjust, omit=omit
    )


def _action_cells(a: Action) -> list[Text]:
    look = ACTION_STYLES.get(a.status, "")
    status = "dim" if a.status == "dropped" else ""
    return [
        *catalogue_cells(fields.ACTIONS, a, {"title": look, "status": status}),
        cell(STATUS_MARKS.get(a.status, "?"), look),
    ]


ACTIONS = ItemKind(
    attribute="actions",
    id_kind="action",
    model=Action,
    # Then the status in one character, for the narrow table.
    columns=lambda: [*catalogue_columns(fields.ACTIONS), ""],
    # At 80 columns: the status as a mark, and the title over as many lines as it needs.
    narrow=(
        *catalogue_positions(fields.ACTIONS, "title", "owner", "due"),
        len(fields.ACTIONS.shown(fields.TABLE)),  # the mark, after the catalogue's columns
    ),
    wide=tuple(range(len(fields.ACTIONS.shown(fields.TABLE)))),
    cells=_action_cells,
    form=lambda a, plan: action_form(a, plan),
    remove=remove_action,
    heading_new=lambda: _("New action"),
    heading_edit=lambda: _("Edit action"),
    label=lambda a: a.title,
    own_cells=True,
)

STAKEHOLDERS = ItemKind(
    attribute="stakeholders",
    id_kind="stakeholder",
    model=Stakeholder,
    columns=lambda: catalogue_columns(fields.STAKEHOLDERS),
    narrow=catalogue_positions(fields.STAKEHOLDERS, "name", "role", "trust"),
    cells=lambda s: catalogue_cells(fields.STAKEHOLDERS, s),
    form=lambda s, plan: forms.item_form(
        fields.STAKEHOLDERS,
        s,
        plan,
        hooks={"name": forms.suggest(participants)},
    ),
    remove=remove_stakeholder,
    heading_new=lambda: _("New partner or stakeholder"),
    heading_edit=lambda: _("Edit partner or stakeholder"),
    label=lambda s: s.name,
    own_cells=True,
)

INDICATORS = ItemKind(
    attribute="indicators",
    id_kind="indicator",
    model=Indicator,
    columns=lambda: catalogue_columns(fields.INDICATORS),
    narrow=catalogue_positions(fields.INDICATORS, "name", "baseline", "target"),
    cells=lambda i: catalogue_cells(
        fields.INDICATORS, i, {"name": "dim strike" if i.dropped else ""}
    ),
    form=lambda i, plan: forms.item_form(
        fields.INDICATORS, i, plan, hooks={"owner": forms.suggest(owner_suggestions)}
    ),
    remove=remove_indicator,
    heading_new=lambda: _("New success indicator"),
    heading_edit=lambda: _("Edit success indicator"),
    label=lambda i: i.name,
    own_cells=True,
)

ITEM_KINDS = {kind.attribute: kind for kind in (ACTIONS, STAKEHOLDERS, INDICATORS, *item_kinds())}
#: The step whose table each kind of item is edited in (team roles keep no form draft).
TABLE_STEPS = {
    "stakeholders": "problem",
    "recommendations": "problem",
    "actions": "planning",
    "indicators": "monitoring",
}
