"""Pasting a list of recommendations at step 1 (issue 18): one per line, each with its
reference; what will be added is shown as it is typed, and nothing is added before Ctrl+S."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Label, Static, TextArea

from planwizard.i18n import _, ngettext
from planwizard.model import Plan, Recommendation
from planwizard.recommendations import recommendations_from_text
from planwizard.text import strip_control
from planwizard.tui.item_kinds_recommendations import recommendation_label, sources
from planwizard.tui.steady import settle_cursors
from planwizard.tui.styles import beside
from planwizard.tui.widgets.fields import LineField
from planwizard.tui.widgets.text_box import TextBox

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module


class PasteRecommendations(ModalScreen[list[Recommendation] | None]):
    """Recommendations pasted one per line, each with its reference; what will be added
    is shown as it is typed, and nothing is added before Ctrl+S."""

    CSS_PATH = STYLES

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
            yield TextBox(
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
                    suggester=SuggestFromList(sources(self.plan), case_sensitive=False)
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
