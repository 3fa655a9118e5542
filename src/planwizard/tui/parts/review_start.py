"""Starting a review meeting: the date it is held on, and a draft left by a review never
saved offered back (the app opens the review screen: `Navigation.review_plan`)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from planwizard import clock
from planwizard.dates import format_date, show_date
from planwizard.i18n import _
from planwizard.review_draft import SavedDraft
from planwizard.text import one_line, strip_control
from planwizard.tui.dialogs import (
    DraftPrompt,
)
from planwizard.tui.steady import settle_cursors


class ReviewDatePrompt(ModalScreen[dt.date | None]):
    """The date of the review: today, or the day the meeting was actually held."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.plan_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content(
                    _("Review of “{title}”: the date of the meeting").format(
                        title=one_line(self.plan_title, 60)
                    )
                ),
                classes="dialog-question",
            )
            yield Input(format_date(clock.today()), id="review-date", compact=True)
            yield Static("", id="review-date-feedback", classes="form-error", markup=False)
            yield Static(
                Content(
                    _("Enter starts the review (2027-03-15, 15/03, -2d, today…); Escape cancels")
                ),
                classes="dialog-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#review-date", Input).focus()

    def read(self, text: str) -> dt.date | None:
        from planwizard.dates import DateInputError, describe_relative, parse_date_input
        from planwizard.i18n import long_date

        feedback = self.query_one("#review-date-feedback", Static)
        try:
            day = parse_date_input(text, clock.today())
        except DateInputError as exc:
            feedback.set_class(True, "form-error")
            feedback.update(Content(strip_control(exc.message)))
            return None
        feedback.set_class(False, "form-error")
        feedback.update(Content(f"{long_date(day)} · {describe_relative(day, clock.today())}"))
        return day

    def on_input_changed(self, event: Input.Changed) -> None:
        self.read(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        day = self.read(event.value)
        if day is not None:
            self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ResumeReviewPrompt(DraftPrompt):
    """A review of this plan was left unsaved: resume it, discard it, or do nothing now."""

    KEEP = "resume"
    LATER = "cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer('resume')", _("Resume")),
        Binding("d,a", "answer('discard')", _("Discard")),  # a as in « abandonner »
        Binding("escape", "answer(None)", _("Cancel")),
    ]

    def __init__(self, saved: SavedDraft, title: str) -> None:
        question = _(
            "A review of “{title}” held on {date} was left unsaved ({actions} actions "
            "discussed, {readings} readings). Resume it?"
        ).format(
            title=one_line(title, 60),
            date=show_date(saved.date),
            actions=saved.actions_discussed,
            readings=saved.readings,
        )
        super().__init__(question, _("Resume (r)"), _("Cancel"))
        self.saved = saved
