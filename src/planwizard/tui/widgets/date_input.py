"""A date field that takes the quick forms of the workshop and shows the full date back.

`+2w`, `31/01`, `15/03/2027`... become a full date as soon as the field is left or Enter
is pressed. A text that is no date stays as typed, with the reason beside it, and
nothing else on the form is touched.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from planwizard import clock
from planwizard.dates import (
    DateInputError,
    describe_relative,
    format_date,
    parse_date_input,
    weekday_name,
)
from planwizard.i18n import _, long_date
from planwizard.text import strip_control
from planwizard.tui.widgets.fields import FieldDone, SteadyInput


class DateInput(SteadyInput):
    """The text part of a date field; the enclosing :class:`DateField` does the rest."""

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if isinstance(self.parent, DateField):
            self.parent.confirm()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if isinstance(self.parent, DateField) and self.parent.confirm():
            self.screen.focus_next()


class DateField(Horizontal):
    """A date in the plan, or nothing; typed in any accepted form."""

    DEFAULT_CSS = """
    DateField { height: auto; width: 1fr; }
    DateField > DateInput { width: 12; }
    DateField > .date-feedback { width: 1fr; padding: 0 1; color: $text-muted; }
    DateField.-invalid > .date-feedback { color: $text-error; }
    DateField.-invalid > DateInput { background: $error 20%; }
    DateField.-early > .date-feedback { color: $text-warning; text-style: bold; }
    """

    def __init__(
        self,
        path: str,
        value: dt.date | None,
        *,
        base: dt.date | None = None,
        not_before: dt.date | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        #: The day quick forms count from (`+2w`): a review's own date, else today.
        self.base = base
        #: A date before this one is accepted but flagged (a due date before the meeting).
        self.not_before = not_before
        self.path = path
        self.date: dt.date | None = value
        self.loaded: dt.date | None = value
        self.error: str | None = None
        self._input = DateInput(
            value=format_date(value) if value else "",
            placeholder=_("+2w, 31/01…"),
            compact=True,
            select_on_focus=False,
        )
        self._feedback = Static("", classes="date-feedback", markup=False)

    def compose(self) -> ComposeResult:
        yield self._input
        yield self._feedback

    def on_mount(self) -> None:
        self._show()

    @property
    def input(self) -> Input:
        return self._input

    def load(self, value: Any) -> None:
        self.date = self.loaded = value
        self.error = None
        self._input.value = format_date(value) if value else ""
        self._input.cursor_position = len(self._input.value)
        self._show()

    @property
    def edited(self) -> bool:
        return self.error is None and self.date != self.loaded

    def parsed(self) -> Any:
        return self.date

    def mark_saved(self) -> None:
        self.loaded = self.date

    def confirm(self) -> bool:
        """Read the typed text; show the full date, or the reason it is not one."""
        text = self._input.value
        if not text.strip():
            self.date, self.error = None, None
        else:
            try:
                self.date = parse_date_input(text, self.today)
            except DateInputError as exc:
                self.error = exc.message
            else:
                self.error = None
                self._input.value = format_date(self.date)
                self._input.cursor_position = len(self._input.value)
        self._show()
        self.post_message(FieldDone(self))
        return self.error is None

    @property
    def today(self) -> dt.date:
        return self.base or clock.today()

    @property
    def early(self) -> bool:
        """Whether the date falls before `not_before` (shown as a warning, still taken)."""
        return (
            self.error is None
            and self.date is not None
            and self.not_before is not None
            and self.date < self.not_before
        )

    def _show(self) -> None:
        self.set_class(self.error is not None, "-invalid")
        self.set_class(self.early, "-early")
        if self.error is not None:
            self._feedback.update(Content(strip_control(self.error)))
        elif self.date is not None:
            relative = describe_relative(self.date, self.today)
            # The date in words, as people say it (« lundi 1er mars 2027 »), then how far.
            spoken = f"{weekday_name(self.date)} {long_date(self.date)}"
            if self.early and self.not_before is not None:
                warning = _("before the meeting of {date}!").format(
                    date=format_date(self.not_before)
                )
                self._feedback.update(Content(f"{spoken} · {warning}"))
                return
            self._feedback.update(Content(f"{spoken} · {relative}"))
        else:
            self._feedback.update(Content(_("no date")))
