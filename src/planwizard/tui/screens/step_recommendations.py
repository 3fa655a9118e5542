"""Step 1's recommendations and team roles (issue 18), and the action form's pick list.

A plan may follow up recommendations with the authorities: step 1 lists them (added
through the item form, or pasted one per line with their reference), whom each is
addressed to, the authority's position and the deadline for a written reply; and who in
our team speaks with which authority. A facilitator whose plan has none sees a single
folded line with its keys, so that the section slows nobody down.

The recommendations table is an ordinary `ItemsTable` ("recommendations", rows keyed by
item id): the step screen's generic add, edit, move and form drafts serve it. Deleting
one goes through here, since actions, dialogue entries and reviews may name it. Team
roles have no id in the file (they merge by person): their rows are keyed by position
and this module edits them itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Label, Static, TextArea

from planwizard import clock, method
from planwizard.dates import narrow_date
from planwizard.i18n import _, ngettext
from planwizard.model import Action, Plan, Recommendation, TeamRole
from planwizard.recommendations import (
    authority_names,
    recommendation_links,
    recommendations_from_text,
    remove_recommendation,
    reply_overdue,
)
from planwizard.session import move_item
from planwizard.text import one_line, strip_control
from planwizard.tui.safe import cell
from planwizard.tui.screens.dialogs import ConfirmScreen, FormField, ItemForm
from planwizard.tui.steady import settle_cursors
from planwizard.tui.widgets.fields import LineField
from planwizard.tui.widgets.items_table import ItemsTable

if TYPE_CHECKING:
    from planwizard.tui.screens.steps import ItemKind, StepScreen


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


def _sources(plan: Plan) -> list[str]:
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
            suggestions=_sources(plan),
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


def _role_form(role: TeamRole | None, plan: Plan) -> list[FormField]:
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

    Called by steps.py as it builds its table of kinds, once ItemKind is defined there.
    """
    from planwizard.tui.screens.steps import ItemKind

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
        form=_role_form,
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


# ------------------------------------------------------------------ pasting a list


class PasteRecommendations(ModalScreen[list[Recommendation] | None]):
    """Recommendations pasted one per line, each with its reference; what will be added
    is shown as it is typed, and nothing is added before Ctrl+S."""

    DEFAULT_CSS = """
    PasteRecommendations #paste-text {
        height: 7;
        margin-top: 1;
        background: $boost;
    }
    PasteRecommendations #paste-text:focus {
        background: $primary 15%;
    }
    PasteRecommendations .paste-source {
        height: 1;
        margin-top: 1;
    }
    PasteRecommendations .paste-source .field-label {
        width: 13;
    }
    PasteRecommendations #paste-preview {
        height: auto;
        max-height: 8;
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "add", _("Add them")),
        Binding("escape", "cancel", _("Cancel")),
    ]

    def __init__(self, plan: Plan, text: str = "") -> None:
        super().__init__()
        self.plan = plan
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog item-form paste-recommendations"):
            yield Static(Content(_("Paste recommendations")), classes="dialog-title")
            yield Static(
                Content(_("One per line, each starting with its reference: § 14, 14., para. 21…")),
                classes="dialog-hint",
            )
            yield TextArea(
                strip_control(self.text),
                id="paste-text",
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
            )
            with Horizontal(classes="paste-source"):
                yield Label(Content(_("Source")), classes="field-label")
                yield LineField(
                    "source",
                    "",
                    placeholder=_("report, visit, treaty body, UPR…"),
                    suggester=SuggestFromList(_sources(self.plan), case_sensitive=False)
                    if self.plan.recommendations
                    else None,
                    id="paste-source",
                )
            yield Static("", id="paste-preview", markup=False)
            yield Static(
                Content(_("Ctrl+S: add them · Esc: cancel")),
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(_("Add them")), id="add", variant="primary", compact=True)
                yield Button(Content(_("Cancel")), id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#paste-text", TextArea).focus()
        self.show_preview()

    def found(self) -> list[Recommendation]:
        text = self.query_one("#paste-text", TextArea).text
        source = self.query_one("#paste-source", LineField).value.strip()
        return recommendations_from_text(text, taken=self.plan.all_item_ids(), source=source)

    def show_preview(self) -> None:
        found = self.found()
        if not found:
            words = _("Nothing to add yet.")
        else:
            heading = ngettext(
                "{count} recommendation will be added:",
                "{count} recommendations will be added:",
                len(found),
            ).format(count=len(found))
            shown = [f"• {recommendation_label(rec, 60)}" for rec in found[:6]]
            if len(found) > 6:
                shown.append(_("… and {count} more").format(count=len(found) - 6))
            words = "\n".join([heading, *shown])
        self.query_one("#paste-preview", Static).update(Content(strip_control(words)))

    def on_text_area_changed(self) -> None:
        self.show_preview()

    def on_input_changed(self) -> None:
        self.show_preview()

    def action_add(self) -> None:
        found = self.found()
        if not found:
            self.notify(_("Nothing to add yet."), timeout=3)
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add":
            self.action_add()
        else:
            self.action_cancel()


# ------------------------------------------------------------------ the section


class RecommendationsTable(ItemsTable):
    """The plan's recommendations; `v` (or a paste) adds several at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "paste_list", _("Paste a list"), show=False),
    ]

    class PasteAsked(Message):
        """Open the paste dialog (with the pasted `text`, when a paste landed here)."""

        def __init__(self, text: str = "") -> None:
            super().__init__()
            self.text = text

    def action_paste_list(self) -> None:
        self.post_message(self.PasteAsked())

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.post_message(self.PasteAsked(event.text))

    def fill(self, rows: Any, keep: str | None = None) -> None:
        super().fill(rows, keep=keep)
        for section in self.ancestors:
            if isinstance(section, RecommendationsSection):
                section.unfold_when_used()


class FoldedRecommendations(Static, can_focus=True):
    """The section's one line while the plan follows no recommendation up."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", _("Add"), show=False),
        Binding("v", "paste_list", _("Paste a list"), show=False),
        Binding("enter", "unfold", _("Show"), show=False),
    ]

    @property
    def section(self) -> RecommendationsSection:
        return cast(RecommendationsSection, self.parent)

    def action_add(self) -> None:
        table = self.section.query_one(RecommendationsTable)
        table.post_message(ItemsTable.Requested(table, "add", None))

    def action_paste_list(self) -> None:
        self.post_message(RecommendationsTable.PasteAsked())

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.post_message(RecommendationsTable.PasteAsked(event.text))

    def action_unfold(self) -> None:
        self.section.unfold()


class RecommendationsSection(Vertical):
    """Step 1's recommendations and our team's roles in the dialogue with the authorities."""

    DEFAULT_CSS = """
    RecommendationsSection {
        height: auto;
    }
    RecommendationsSection FoldedRecommendations {
        color: $text-primary;
        margin: 1 0;
    }
    RecommendationsSection FoldedRecommendations:focus {
        background: $primary 25%;
        color: $foreground;
    }
    """

    def __init__(self, plan: Plan) -> None:
        super().__init__(id="recommendations-section")
        #: Shown in full: the plan follows recommendations up, or the user asked.
        self.unfolded = bool(plan.recommendations or plan.team_roles)

    def compose(self) -> ComposeResult:
        from planwizard.tui.screens.steps import ITEM_KINDS

        recommendations, team_roles = ITEM_KINDS["recommendations"], ITEM_KINDS["team_roles"]
        yield Static(Content(_("Recommendations")), classes="section-title unfolded")
        # Folded: one line, the section's name and its keys (Enter shows the tables).
        yield FoldedRecommendations(
            Content.assemble(
                ("▸ " + _("Recommendations"), "bold"), " · " + _("a add · v paste a list")
            ),
            id="recommendations-folded",
        )
        yield RecommendationsTable(
            "recommendations",
            recommendations.columns(),
            recommendations.narrow,
            wide=recommendations.wide,
            wrap_first=True,
            id="recommendations",
        )
        yield Static(
            Content(_("a add · v paste · e edit · del delete · [ ] move")),
            classes="table-hint unfolded",
        )
        yield Static(Content(_("Our team in the dialogue")), classes="section-title unfolded")
        yield ItemsTable("team_roles", team_roles.columns(), team_roles.narrow, id="team-roles")
        yield Static(
            Content(_("a add · e edit · del delete · [ ] move")), classes="table-hint unfolded"
        )

    def on_mount(self) -> None:
        self.show_folded()

    @property
    def step_screen(self) -> StepScreen:
        return cast("StepScreen", self.screen)

    def show_folded(self) -> None:
        folded = not self.unfolded
        self.query_one(FoldedRecommendations).display = folded
        for widget in self.query(".unfolded, ItemsTable"):
            widget.display = not folded

    def unfold_when_used(self) -> None:
        """A recommendation or a role appeared (added, pasted, a partner's change): show
        the tables, where the folded line had the focus."""
        plan = self.step_screen.plan
        if self.unfolded or not (plan.recommendations or plan.team_roles):
            return
        self.unfold()

    def unfold(self) -> None:
        had_focus = self.query_one(FoldedRecommendations).has_focus
        self.unfolded = True
        self.show_folded()
        guide = self.step_screen.query("#guide").first()
        guidance = method.recommendations_guidance()
        if guidance not in getattr(guide, "guidances", (guidance,)):
            guide.guidances = (*guide.guidances, guidance)  # type: ignore[attr-defined]
            guide.refresh(recompose=True)
        if had_focus:
            self.query_one(RecommendationsTable).focus()
        # The tables were laid out hidden: once more at their width.
        self.call_after_refresh(self.step_screen.refresh_tables)

    # -- pasting ---------------------------------------------------------------

    def on_recommendations_table_paste_asked(
        self, message: RecommendationsTable.PasteAsked
    ) -> None:
        message.stop()
        screen = self.step_screen

        def done(found: list[Recommendation] | None) -> None:
            if not found:
                return
            screen.change(lambda plan: plan.recommendations.extend(found))
            screen.refresh_tables(keep=found[0].id)
            screen.notify(
                ngettext(
                    "{count} recommendation added.", "{count} recommendations added.", len(found)
                ).format(count=len(found)),
                timeout=3,
            )

        self.app.push_screen(PasteRecommendations(screen.plan, message.text), done)

    # -- deleting a recommendation, and the team roles --------------------------

    def on_items_table_requested(self, message: ItemsTable.Requested) -> None:
        if message.table.kind == "team_roles":
            message.stop()
            self.team_role_requested(message.what, message.item_id)
        elif message.table.kind == "recommendations" and message.what == "delete":
            message.stop()
            if message.item_id is not None:
                self.delete_recommendation(message.item_id)
        # Everything else goes on to the step screen, which serves every table alike.

    def delete_recommendation(self, rec_id: str) -> None:
        screen = self.step_screen
        rec = screen.plan.recommendation(rec_id)
        if rec is None:
            return
        label = recommendation_label(rec, 60)
        links = recommendation_links(screen.plan, rec_id)
        if links.reviews:
            screen.notify(
                _(
                    "Reviews assessed “{label}”: it is kept, with its implementation history."
                ).format(label=label),
                title=_("Kept"),
                markup=False,
            )
            return
        if links:
            named = [
                ngettext("{count} action", "{count} actions", len(links.actions)).format(
                    count=len(links.actions)
                )
                if links.actions
                else "",
                ngettext(
                    "{count} dialogue entry", "{count} dialogue entries", links.dialogue
                ).format(count=links.dialogue)
                if links.dialogue
                else "",
            ]
            both = _("{first} and {second}").format(first=named[0], second=named[1])
            question = _(
                "“{label}” is named by {named}. Delete it, and take it out of them? They "
                "stay, without it."
            ).format(named=both if all(named) else named[0] or named[1], label=label)
        else:
            question = _("Delete “{label}”?").format(label=label)

        def answered(agreed: bool | None) -> None:
            if agreed:
                screen.change(lambda plan: remove_recommendation(plan, rec_id, unlink=True))
                screen.refresh_tables()

        self.app.push_screen(ConfirmScreen(question, _("Delete")), answered)

    def team_role_requested(self, what: str, key: str | None) -> None:
        screen = self.step_screen
        roles = screen.plan.team_roles
        index = int(key) if key is not None and key.isdigit() else -1
        role = roles[index] if 0 <= index < len(roles) else None
        if what == "add":
            self.edit_team_role(None)
        elif role is None:
            return
        elif what == "edit":
            self.edit_team_role(role)
        elif what == "delete":
            self.delete_team_role(role)
        elif what in ("up", "down"):
            moved: list[int] = []

            def move(plan: Plan) -> None:
                moved.append(move_item(plan.team_roles, index, -1 if what == "up" else 1))

            screen.change(move)
            screen.refresh_tables(keep=str(moved[0]) if moved else None)

    def edit_team_role(self, role: TeamRole | None) -> None:
        """The role's form (no draft is kept: team roles have no id to find them by)."""
        screen = self.step_screen
        was = role.model_copy(deep=True) if role is not None else None
        heading = _("Edit team role") if role is not None else _("New team role")

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            placed: list[int] = []

            def edit(plan: Plan) -> None:
                # Found again by its content: a partner's change may have moved it.
                at = next((n for n, r in enumerate(plan.team_roles) if r == was), None)
                if was is None or at is None:
                    plan.team_roles.append(TeamRole(**values))
                    placed.append(len(plan.team_roles) - 1)
                    return
                target = plan.team_roles[at]
                for name, value in values.items():
                    if getattr(target, name) != value:
                        setattr(target, name, value)
                placed.append(at)

            screen.change(edit)
            screen.refresh_tables(keep=str(placed[0]) if placed else None)

        self.app.push_screen(ItemForm(heading, _role_form(role, screen.plan)), done)

    def delete_team_role(self, role: TeamRole) -> None:
        screen = self.step_screen
        was = role.model_copy(deep=True)
        label = one_line(role.person, 60) or one_line(role.role, 60) or "…"

        def answered(agreed: bool | None) -> None:
            if not agreed:
                return

            def delete(plan: Plan) -> None:
                at = next((n for n, r in enumerate(plan.team_roles) if r == was), None)
                if at is not None:
                    del plan.team_roles[at]

            screen.change(delete)
            screen.refresh_tables()

        question = _("Delete the role of “{label}”?").format(label=label)
        self.app.push_screen(ConfirmScreen(question, _("Delete")), answered)
