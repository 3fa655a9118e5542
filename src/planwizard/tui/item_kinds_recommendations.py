"""How recommendations and team roles are shown and edited (issue 18): their tables'
columns and cells, their forms, and the action form's pick list of recommendations.

Plain `ItemKind`s, as tui/item_kinds.py defines for actions, stakeholders and
indicators; built by :func:`item_kinds` once item_kinds.py has defined `ItemKind`. Team
roles have no id in the file (they merge by person): their rows are keyed by position (`rows`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text

from planwizard import clock, method
from planwizard.dates import narrow_date
from planwizard.i18n import _
from planwizard.model import Action, Plan, Recommendation, TeamRole
from planwizard.recommendations import authority_names, remove_recommendation, reply_overdue
from planwizard.text import one_line, strip_control
from planwizard.tui.dialogs import FormField
from planwizard.tui.safe import cell

if TYPE_CHECKING:
    from planwizard.tui.item_kinds import ItemKind


# ------------------------------------------------------------------ words


def recommendation_label(rec: Recommendation, limit: int = 50) -> str:
    """A recommendation in a few words: `§ 14 — Garantir un examen…` (its id when empty)."""
    reference = " ".join(one_line(rec.reference).split())
    text = one_line(rec.text, limit)
    if reference and text:
        return f"{reference} — {text}"
    return reference or text or rec.id


def _stakeholder_choices(plan: Plan, named: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(name, id) of the plan's stakeholders, and of any id named that is not one."""
    choices = [(one_line(s.name) or s.id, s.id) for s in plan.stakeholders]
    known = {s.id for s in plan.stakeholders}
    choices += [(sid, sid) for sid in named if sid not in known]
    return choices


def _vocabulary(name: str) -> list[tuple[str, str]]:
    return [(label, value) for value, label in method.labels(name).items()]


def _with_unknown(choices: list[tuple[str, str]], value: str | None) -> list[tuple[str, str]]:
    """A value from a newer planwizard, unknown here, is still offered so that it is kept."""
    if value is not None and all(value != v for _label, v in choices):
        return [*choices, (strip_control(value), value)]
    return choices


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


def _recommendation_form(rec: Recommendation | None, plan: Plan) -> list[FormField]:
    position = rec.position if rec else "no-reply"
    priority = rec.priority if rec else None
    indicator_type = rec.indicator_type if rec else None
    return [
        FormField("text", _("Text"), value=rec.text if rec else ""),
        FormField(
            "reference",
            _("Reference"),
            value=rec.reference if rec else "",
            placeholder=_("paragraph or number in the source: § 14"),
        ),
        FormField(
            "source",
            _("Source"),
            value=rec.source if rec else "",
            suggestions=sources(plan),
            placeholder=_("report, visit, treaty body, UPR…"),
        ),
        FormField("issued", _("Issued"), "date", value=rec.issued if rec else None),
        FormField(
            "addressed_to",
            _("Authorities"),
            "multi",
            value=list(rec.addressed_to) if rec else [],
            choices=_stakeholder_choices(plan, rec.addressed_to if rec else ()),
        ),
        FormField(
            "position",
            _("Position"),
            "choice",
            value=position,
            choices=_with_unknown(_vocabulary("position"), position),
            blank=False,
        ),
        FormField("reply_due", _("Reply by"), "date", value=rec.reply_due if rec else None),
        FormField(
            "reply_received",
            _("Received"),
            "date",
            value=rec.reply_received if rec else None,
        ),
        FormField(
            "reply_summary",
            _("Reply"),
            value=rec.reply_summary if rec else "",
            placeholder=_("what the written reply says"),
        ),
        FormField(
            "priority",
            _("Priority"),
            "choice",
            value=priority,
            choices=_with_unknown(_vocabulary("priority"), priority),
        ),
        FormField(
            "indicator_type",
            _("Indicator"),
            "choice",
            value=indicator_type,
            choices=_with_unknown(_vocabulary("indicator_type"), indicator_type),
        ),
    ]


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
    return [
        FormField(
            "person",
            _("Who"),
            value=role.person if role else "",
            suggestions=_team_suggestions(plan),
            placeholder=_("a person or a group in our team"),
        ),
        FormField(
            "role",
            _("Role"),
            value=role.role if role else "",
            placeholder=_("high-level dialogue, technical exchanges…"),
        ),
        FormField(
            "stakeholders",
            _("Speaks with"),
            "multi",
            value=list(role.stakeholders) if role else [],
            choices=_stakeholder_choices(plan, role.stakeholders if role else ()),
        ),
    ]


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


def action_recommendations_field(action: Action | None, plan: Plan) -> list[FormField]:
    """The action form's pick list of the recommendations it implements (none when the
    plan follows none up, so that other plans' forms are as they were)."""
    named = list(action.recommendations) if action else []
    if not plan.recommendations and not named:
        return []
    choices = [(recommendation_label(rec, 40), rec.id) for rec in plan.recommendations]
    known = {rec.id for rec in plan.recommendations}
    choices += [(rid, rid) for rid in named if rid not in known]
    return [FormField("recommendations", _("Implements"), "multi", value=named, choices=choices)]


def recommendation_guidances(plan: Plan) -> list[method.Guidance]:
    """The method's text on following up recommendations, for a plan that does."""
    if plan.recommendations or plan.team_roles:
        return [method.recommendations_guidance()]
    return []
