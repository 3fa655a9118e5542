"""Ctrl+N: a new plan, blank or from one of the built-in starting points.

The title comes first and Enter starts a blank plan as before; Up and Down choose a
starting point drawn from the method's contexts (in the interface language) without
leaving the title.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from planwizard.i18n import _, current_language
from planwizard.model import Plan
from planwizard.templates import builtin_templates
from planwizard.text import one_line, strip_control
from planwizard.tui.steady import settle_cursors
from planwizard.tui.styles import beside

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module

#: What the dialog returns: the title, and the starting point (None for a blank plan).
NewPlanChoice = tuple[str, Plan | None]


class NewPlanScreen(ModalScreen[NewPlanChoice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("up", "choose(-1)", _("Previous starting point"), show=False, priority=True),
        Binding("down", "choose(1)", _("Next starting point"), show=False, priority=True),
    ]

    CSS_PATH = STYLES

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[tuple[str, Plan | None]] = [("blank", None)]
        self.starts += [(name, plan) for name, plan in builtin_templates(current_language())]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(_("Title of the new plan")), classes="dialog-question")
            yield Input(id="title", compact=True)
            yield Static("", id="title-error", classes="form-error", markup=False)
            yield Static(Content(_("Start from (↑ ↓)")), classes="section-title")
            options = [Option(Content(self.label(plan)), id=name) for name, plan in self.starts]
            yield OptionList(*options, id="starts", compact=True)
            yield Static("", id="start-detail", markup=False)
            yield Static(Content(_("Enter to confirm, Escape to cancel")), classes="dialog-hint")
        yield Footer()  # the dialog's own keys

    @staticmethod
    def label(plan: Plan | None) -> str:
        if plan is None:
            return _("A blank plan")
        return one_line(plan.title)

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#starts", OptionList).highlighted = 0
        self.query_one("#title", Input).focus()
        self.show_detail()

    @property
    def chosen(self) -> Plan | None:
        index = self.query_one("#starts", OptionList).highlighted or 0
        return self.starts[index][1]

    def show_detail(self) -> None:
        plan = self.chosen
        if plan is None:
            text = _("Every field empty; the four steps in order.")
        else:
            text = _("Filled in to adapt: {problem}").format(
                problem=one_line(strip_control(plan.problem.statement), 160)
            )
        self.query_one("#start-detail", Static).update(Content(text))

    def action_choose(self, offset: int) -> None:
        starts = self.query_one("#starts", OptionList)
        current = starts.highlighted or 0
        starts.highlighted = min(max(current + offset, 0), len(self.starts) - 1)
        self.show_detail()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.create()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def create(self) -> None:
        title = strip_control(self.query_one("#title", Input).value).strip()
        if not title:
            self.query_one("#title-error", Static).update(Content(_("a title is needed")))
            self.query_one("#title", Input).focus()
            return
        self.dismiss((title, self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
