"""Step 1's recommendations and our team's roles in the dialogue (issue 18).

A plan may follow up recommendations with the authorities: step 1 lists them (added
through the item form, or pasted one per line with their reference), whom each is
addressed to, the authority's position and the deadline for a written reply; and who in
our team speaks with which authority. A facilitator whose plan has none sees a single
folded line with its keys, so that the section slows nobody down.

The recommendations table is an ordinary `ItemsTable` ("recommendations", rows keyed by
item id): the step screen's generic add, edit, move and form drafts serve it. Deleting
one goes through here, since actions, dialogue entries and reviews may name it. Team
roles have no id in the file (they merge by person): their rows are keyed by position
and this module edits them itself. Their kinds: tui/item_kinds_recommendations.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from planwizard import clock, method
from planwizard.i18n import _, ngettext
from planwizard.model import Plan, Recommendation, TeamRole
from planwizard.recommendations import (
    authority_names,
    recommendation_links,
    remove_recommendation,
)
from planwizard.session import move_item
from planwizard.text import one_line
from planwizard.tui.dialogs import ConfirmScreen, ItemForm
from planwizard.tui.item_kinds_recommendations import recommendation_label, role_form
from planwizard.tui.parts.paste_recommendations import PasteRecommendations
from planwizard.tui.widgets.guide import Guide
from planwizard.tui.widgets.items_table import ItemsTable

if TYPE_CHECKING:
    from planwizard.tui.parts.item_editing import ItemTableEditing


# ------------------------------------------------------------------ the section


class RecommendationsTable(ItemsTable):
    """The plan's recommendations; `v` (or a paste) adds several at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "paste_list", _("Paste a list"), show=False),
        Binding("w", "reply_request", _("Request a written reply"), show=False),
    ]

    class ReplyRequestAsked(Message):
        """Write the requests for a written reply to the authorities of `rec_id`."""

        def __init__(self, rec_id: str) -> None:
            super().__init__()
            self.rec_id = rec_id

    def action_reply_request(self) -> None:
        if self.current_id is not None:
            self.post_message(self.ReplyRequestAsked(self.current_id))

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

    def fill(self, rows: Sequence[tuple[str, Sequence[Text]]], keep: str | None = None) -> None:
        super().fill(rows, keep=keep)
        for section in self.ancestors:
            if isinstance(section, RecommendationsSection):
                section.unfold_when_used()
                section.show_detail(self.current_id)


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
    RecommendationsSection #recommendation-detail {
        color: $text-muted;
        max-height: 2;
    }
    """

    def __init__(self, plan: Plan) -> None:
        super().__init__(id="recommendations-section")
        #: Shown in full: the plan follows recommendations up, or the user asked.
        self.unfolded = bool(plan.recommendations or plan.team_roles)

    def compose(self) -> ComposeResult:
        from planwizard.tui.item_kinds import ITEM_KINDS

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
        # Whom the highlighted one is addressed to, which a narrow table has no room for.
        yield Static("", id="recommendation-detail", classes="unfolded")
        yield Static(
            # `w`: the request for a written reply to its authorities, written in exports/.
            Content(_("a add · v paste · e edit · del delete · [ ] move · w ask for a reply")),
            classes="table-hint unfolded",
        )
        yield Static(Content(_("Our team in the dialogue")), classes="section-title unfolded")
        yield ItemsTable("team_roles", team_roles.columns(), team_roles.narrow, id="team-roles")
        yield Static(
            Content(_("a add · e edit · del delete · [ ] move")), classes="table-hint unfolded"
        )

    def on_mount(self) -> None:
        self.show_folded()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if isinstance(event.data_table, RecommendationsTable):
            self.show_detail(event.row_key.value)

    def show_detail(self, rec_id: str | None) -> None:
        """The highlighted recommendation's authorities and source, in one or two lines."""
        plan = self.step_screen.plan
        rec = plan.recommendation(rec_id) if rec_id is not None else None
        words = ""
        if rec is not None:
            names = ", ".join(one_line(name) for name in authority_names(plan, rec))
            words = (
                _("Addressed to {authorities}").format(authorities=names)
                if names
                else _("Addressed to no authority yet")
            )
            if rec.source.strip():
                words += " · " + one_line(rec.source)
        self.query_one("#recommendation-detail", Static).update(Content(words))

    @property
    def step_screen(self) -> ItemTableEditing:
        return cast("ItemTableEditing", self.screen)

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
        # The method's questions on following up recommendations come with the tables.
        guidance = method.recommendations_guidance()
        for guide in self.step_screen.query(Guide):
            if guidance not in guide.guidances:
                guide.guidances = (*guide.guidances, guidance)
                guide.refresh(recompose=True)
        if had_focus:
            self.query_one(RecommendationsTable).focus()
        # The tables were laid out hidden: once more at their width.
        self.call_after_refresh(self.step_screen.refresh_tables)

    # -- requests for a written reply -------------------------------------------

    def on_recommendations_table_reply_request_asked(
        self, message: RecommendationsTable.ReplyRequestAsked
    ) -> None:
        """The seed's first step with an authority, in one key: for each authority the
        highlighted recommendation is addressed to, the request for a written reply on
        every recommendation addressed to it (Markdown, and HTML to print), in exports/."""
        message.stop()
        screen = self.step_screen
        plan = screen.plan
        rec = plan.recommendation(message.rec_id)
        if rec is None:
            return
        if not rec.addressed_to:
            screen.notify(
                _("Say first whom it is addressed to (e edits it)."),
                title=_("No request written"),
                severity="warning",
            )
            return
        # Loaded when a request is first written: the exports (and the calendar library
        # they load) are not part of opening a plan.
        from planwizard.exports.reply_request import ReplyRequestError, write_reply_requests

        screen.save_pending()
        written: list[str] = []
        for authority in rec.addressed_to:
            try:
                # The request is built once, written as Markdown and as HTML to print.
                targets = write_reply_requests(plan, screen.session.path, authority, clock.today())
                written += [target.name for target in targets]
            except ReplyRequestError as exc:
                screen.notify(
                    one_line(str(exc), 300), title=_("No request written"), severity="error"
                )
                return
        screen.notify(
            _("Written in exports/: {files}").format(files=", ".join(written)),
            title=_("Request for a written reply"),
        )

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

        def kept() -> None:
            screen.notify(
                _(
                    "Reviews assessed “{label}”: it is kept, with its implementation history."
                ).format(label=label),
                title=_("Kept"),
                markup=False,
            )

        if links.reviews:
            kept()
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
            if not agreed:
                return
            result: list[str] = []
            screen.change(
                lambda plan: result.append(remove_recommendation(plan, rec_id, unlink=True))
            )
            if result == ["reviewed"]:
                kept()  # a review of it arrived meanwhile (a partner's change)
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

        self.app.push_screen(ItemForm(heading, role_form(role, screen.plan)), done)

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
