"""How recommendations and team roles are shown and edited (issue 18): their tables'
columns and cells, and their forms (built from the field catalogue, planwizard.tui.forms).

Plain `ItemKind`s, as tui/item_kinds.py defines for actions, stakeholders and
indicators; built by :func:`item_kinds` once item_kinds.py has defined `ItemKind`. Team
roles have no id in the file (they merge by person): their rows are keyed by position (`rows`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from planwizard import clock, fields, method
from planwizard.dates import narrow_date
from planwizard.i18n import _
from planwizard.model import Plan, Recommendation, TeamRole
from planwizard.recommendations import authority_names, remove_recommendation, reply_overdue
from planwizard.text import one_line
from planwizard.tui import forms
from planwizard.tui.dialogs import FormField
from planwizard.tui.forms import recommendation_label as recommendation_label
from planwizard.tui.safe import cell

if TYPE_CHECKING:
    from planwizard.tui.item_kinds import ItemKind


# ------------------------------------------------------------------ words


def sources(plan: Plan) -> list[str]:
    return list(dict.fromkeys(one_line(r.source) for r in plan.recommendations if r.source.strip()))


# ------------------------------------------------------------------ the item kinds

POSITION_STYLES = {"rejected": "bold red", "no-reply": "dim", "accepted": "green"}


def _reply_cell(rec: Recommendation) -> Text:
    """When the written reply came, or is due; a late one is marked, not only coloured."""
    if rec.reply_received is not None:
        return cell("✓" + narrow_date(rec.reply_received), "dim")
    if rec.reply_due is None:
        return cell("")
    if reply_overdue(rec, clock.today()):
        return cell("⚠" + narrow_date(rec.reply_due), "bold red")
    return cell(narrow_date(rec.reply_due))


def _recommendation_title(rec: Recommendation) -> Text:
    title = Text(no_wrap=True, overflow="ellipsis")
    reference = " ".join(one_line(rec.reference).split())
    if reference:
        title.append(reference, "bold")
        title.append(" ")
    title.append(one_line(rec.text))
    return title


def _recommendation_cells(rec: Recommendation, plan: Plan | None = None) -> list[Text]:
    """A row; the authorities by name when the plan is given, else by id."""
    authorities = authority_names(plan, rec) if plan is not None else rec.addressed_to
    return [
        _recommendation_title(rec),
        cell(", ".join(authorities)),
        cell(method.label("position", rec.position), POSITION_STYLES.get(rec.position, "")),
        _reply_cell(rec),
        cell(method.label("priority", rec.priority)),
        cell(rec.source),
    ]


#: The recommendation form's special cases (planwizard.tui.forms).
RECOMMENDATION_HOOKS: dict[str, forms.Hook] = {
    "source": forms.suggest(sources),
    "position": forms.required,
}


def _recommendation_form(rec: Recommendation | None, plan: Plan) -> list[FormField]:
    return forms.item_form(fields.RECOMMENDATIONS, rec, plan, hooks=RECOMMENDATION_HOOKS)


def recommendation_rows(plan: Plan) -> list[tuple[str, list[Text]]]:
    return [(rec.id, _recommendation_cells(rec, plan)) for rec in plan.recommendations]


def _role_cells(role: TeamRole, plan: Plan | None = None) -> list[Text]:
    names = {s.id: one_line(s.name) or s.id for s in plan.stakeholders} if plan else {}
    return [
        cell(role.person),
        cell(role.role),
        cell(", ".join(names.get(sid, sid) for sid in role.stakeholders)),
    ]


def _team_suggestions(plan: Plan) -> list[str]:
    names = [*plan.workshop.facilitators, *plan.workshop.participants]
    names += [role.person for role in plan.team_roles]
    return list(dict.fromkeys(one_line(n) for n in names if n.strip()))


def role_form(role: TeamRole | None, plan: Plan) -> list[FormField]:
    return forms.item_form(
        fields.TEAM_ROLES, role, plan, hooks={"person": forms.suggest(_team_suggestions)}
    )


def role_rows(plan: Plan) -> list[tuple[str, list[Text]]]:
    """Team roles have no id: each row is keyed by its position."""
    return [(str(index), _role_cells(role, plan)) for index, role in enumerate(plan.team_roles)]


def remove_team_role(plan: Plan, key: str) -> str:
    index = int(key)
    if not 0 <= index < len(plan.team_roles):
        return "missing"
    del plan.team_roles[index]
    return "deleted"


def item_kinds() -> list[ItemKind]:
    """The recommendations' and the team roles' kinds, for the step screens' tables.

    Called by item_kinds.py as it builds its table of kinds, once ItemKind is defined there.
    """
    from planwizard.tui.item_kinds import ItemKind

    recommendations = ItemKind(
        attribute="recommendations",
        id_kind="recommendation",
        model=Recommendation,
        columns=lambda: [
            _("Recommendation"),
            _("Authorities"),
            _("Position"),
            _("Written reply"),
            _("Priority"),
            _("Source"),
        ],
        narrow=(0, 2, 3),
        wide=(0, 1, 2, 3, 4),
        cells=_recommendation_cells,
        form=_recommendation_form,
        remove=remove_recommendation,
        heading_new=lambda: _("New recommendation"),
        heading_edit=lambda: _("Edit recommendation"),
        label=lambda rec: recommendation_label(rec),
        rows=recommendation_rows,
    )
    team_roles = ItemKind(
        attribute="team_roles",
        id_kind="team_role",
        model=TeamRole,
        columns=lambda: [_("Who"), _("Role"), _("Speaks with")],
        narrow=(0, 1, 2),
        cells=_role_cells,
        form=role_form,
        remove=remove_team_role,
        heading_new=lambda: _("New team role"),
        heading_edit=lambda: _("Edit team role"),
        label=lambda role: role.person,
        rows=role_rows,
    )
    return [recommendations, team_roles]


# ------------------------------------------------------------------ step 3


def recommendation_guidances(plan: Plan) -> list[method.Guidance]:
    """The method's text on following up recommendations, for a plan that does."""
    if plan.recommendations or plan.team_roles:
        return [method.recommendations_guidance()]
    return []
