"""F1: what the current screen is for, and every key it answers to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from planwizard.i18n import _


def dialogue_key_help() -> str:
    return _(
        "Ctrl+D opens the plan's dialogue log: every exchange with the authorities "
        "(meetings, round tables, informal exchanges, written replies), from home, every "
        "step and the review."
    )


def home_help() -> str:
    text = _(
        "Every plan in the folder, one per line: the step it has reached, actions done "
        "out of all, the next deadline, late actions and the next review. A file that does "
        "not load is listed with its error.\n\n"
        "Type to filter. Up and Down choose a plan, Enter opens it. Click a column title "
        "to sort by it.\n\n"
        "Ctrl+R holds a review of the chosen plan and Ctrl+Y shows its past reviews, as in "
        "the wizard. Delete deletes the plan's file, after asking. The F-keys of the "
        "wizard (F7 parking lot, F8 timer, F9 room view) do nothing here."
    )
    recommendations = _(
        "Ctrl+K lists the recommendations that the folder's plans follow up with the "
        "authorities, overdue written replies first; Enter there opens a plan on one."
    )
    return f"{text}\n\n{recommendations}\n\n{dialogue_key_help()}"


def step_help() -> str:
    return (
        _(
            "The four steps of the method. The questions on the right are for the facilitator "
            "to read out; the line at the bottom lists what is still missing, as a reminder "
            "only.\n\n"
            "Everything is saved as soon as you leave a field or press Enter. Ctrl+Z undoes "
            "the last changes, on disk too.\n\n"
            "Dates: 2027-03-15, 15/03/2027, 31/01 (the next 31 January), +10d, +2w, +3m, +1y "
            "or today. The full date is shown back.\n\n"
            "In a table: a adds, e or Enter edits, Delete removes, [ and ] move the row. In a "
            "form, Enter goes to the next field and Ctrl+S saves it. Owners: type the start of "
            "a name and press Right to accept the suggestion."
        )
        + " "
        + _(
            "An action or an indicator that reviews refer to is not deleted but marked "
            "dropped, so that its history stays; Delete on a dropped indicator measures it "
            "again."
        )
        + " "
        + _(
            "Step 1 can follow up recommendations with the authorities: in their table, v "
            "pastes a list (one per line, each starting with its reference) and shows what "
            "will be added first. A recommendation that reviews assessed is kept; one that "
            "actions or the dialogue log name is deleted only once you agree to take it out "
            "of them."
        )
        + " "
        + _(
            "w on a recommendation writes, for each authority it is addressed to, the request "
            "for a written reply on every recommendation addressed to it, with the deadline "
            "and the focal point (Markdown, and HTML to print, in exports/)."
        )
        + "\n\n"
        + _(
            "In the room: F8 starts or pauses the step's timebox (shown on the stepper line, "
            "it changes colour in the last five minutes) and Shift+F8 adds 5 minutes; the time "
            "each step took is kept in the plan. F9 shows the room view for the projector and "
            "back. F7 parks a point that belongs elsewhere; parked points come back at the end "
            "of step 4. In the actions table, a starts a new action: type its title, Enter, "
            "and the next one; Escape stops.\n\n"
            "Months later: Ctrl+R holds a review of this plan, Ctrl+Y shows the past reviews."
        )
        + "\n\n"
        + dialogue_key_help()
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", _("Close"))]

    def __init__(self, title: str, text: str, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content(self.title_text), classes="dialog-title")
            with VerticalScroll():
                yield Static(Content(self.text), classes="help-text")
                if self.keys:
                    yield Static(Content(_("Keys")), classes="section-title")
                for key, description in self.keys:
                    yield Static(Content(f"{key:>10}  {description}"), classes="help-key")
            yield Static(Content(_("Escape or F1 closes this help.")), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
