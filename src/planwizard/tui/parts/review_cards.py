"""The review meeting's cards: one per action (its new status, what was done, what was
not, why, a note, a new due date) and one per indicator (its new reading against the
baseline and the target, after the earlier readings), and the small fields they share
with the rest of the review screen (screens/review.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from planwizard import method
from planwizard.dates import narrow_date, show_date
from planwizard.i18n import _
from planwizard.review import (
    ActionReview,
    IndicatorReview,
)
from planwizard.text import one_line, strip_control
from planwizard.tui.dialogs import (
    parse_number,
)
from planwizard.tui.styles import beside
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import FieldDone
from planwizard.tui.widgets.review_bits import (
    StatusPicker,
    number_text,
    progress_bar,
    sparkline,
)

#: The styles of the cards and rows, which the review and its history both show.
CARD_STYLES = beside(__file__)


def action_flags(entry: ActionReview) -> list[tuple[str, str]]:
    flags: list[tuple[str, str]] = []
    if entry.is_new:
        flags.append((_("NEW"), "bold $text-success"))
    if entry.overdue:
        flags.append((_("OVERDUE"), "bold $text-error"))
    if entry.blocked_last_time:
        flags.append((_("BLOCKED LAST TIME"), "bold $text-warning"))
    return flags


def update_labels(done: str, not_done: str, why: str, note: str) -> list[tuple[str, str]]:
    """What a review said of an action, each text after its label (colon included, so
    that French puts its no-break space before it)."""
    return [
        (_("done:"), done),
        (_("not done:"), not_done),
        (_("why:"), why),
        (_("note:"), note),
    ]


def last_word(entry: ActionReview) -> Content | None:
    """What the previous review said about an action, on one line."""
    update = entry.last_update
    if update is None:
        return None
    parts: list[str | tuple[str, str]] = [(_("Last review: "), "italic")]
    if update.status:
        parts.append((method.label("status", update.status), "bold"))
    for label, text in update_labels(update.done, update.not_done, update.why, update.note):
        if text.strip():
            parts.append(" · " + label + " " + one_line(text))
    return Content.assemble(*parts)


def field_row(label: str, *widgets: Widget, classes: str = "") -> Horizontal:
    return Horizontal(
        Label(Content(label), classes="review-label"),
        *widgets,
        classes=f"review-row {classes}".strip(),
    )


class NextInput(Input):
    """A line of the review; Enter moves on to the next field, as Tab does."""

    enter_moves_on = True

    def __init__(self, value: str = "", *, name: str, placeholder: str = "", **kwargs: Any):
        super().__init__(
            strip_control(value),
            name=name,
            placeholder=placeholder,
            compact=True,
            select_on_focus=False,
            **kwargs,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()


class RedateField(DateField):
    """A new due date for an action; empty keeps the one the plan has."""

    def __init__(
        self,
        keeps: dt.date | None,
        value: dt.date | None = None,
        *,
        meeting: dt.date | None = None,
        id: str | None = None,
    ) -> None:
        # Quick forms (+2m) count from the meeting's date; a date before it is flagged.
        super().__init__("new_due", value, base=meeting, not_before=meeting, id=id)
        self.keeps = keeps

    def _show(self) -> None:
        super()._show()
        if self.error is None and self.date is None:
            kept = show_date(self.keeps) if self.keeps else _("no date")
            self._feedback.update(Content(_("unchanged ({date})").format(date=kept)))


# ------------------------------------------------------------------ cards


class Edited(Message):
    """Something on a card changed that no Input.Changed tells the screen about."""


class ActionCard(Vertical):
    """One action on the agenda: its context, then what the group says about it."""

    def __init__(
        self, entry: ActionReview, number: int, index: int, meeting: dt.date | None = None
    ) -> None:
        super().__init__(id=f"action-{index}", classes="review-card")
        self.meeting = meeting
        self.entry = entry
        self.number = number
        self.index = index

    def compose(self) -> ComposeResult:
        entry, prefix = self.entry, f"action-{self.index}"
        yield Static(self.heading(), classes="card-title")
        meta = [one_line(entry.action.owner) or _("no owner")]
        if entry.action.due:
            meta.append(_("due {date}").format(date=show_date(entry.action.due)))
        meta.append(method.label("status", entry.action.status))
        yield Static(Content(" · ".join(meta)), classes="card-meta")
        said = last_word(entry)
        if said is not None:
            yield Static(said, classes="card-last")
        if entry.is_new:
            yield field_row(
                _("Action"), NextInput(entry.action.title, name="title", id=f"{prefix}-title")
            )
        yield field_row(
            _("Status"),
            StatusPicker(entry.action.status, entry.status, id=f"{prefix}-status"),
        )
        for name, label, hint in (
            ("done", _("Done"), _("what was done")),
            ("not_done", _("Not done"), _("what was not done")),
            ("why", _("Why"), _("the reason, in a few words")),
            ("note", _("Note"), ""),
        ):
            yield field_row(
                label,
                NextInput(getattr(entry, name), name=name, placeholder=hint, id=f"{prefix}-{name}"),
            )
        yield field_row(
            _("New due"),
            RedateField(entry.action.due, entry.new_due, meeting=self.meeting, id=f"{prefix}-due"),
        )

    def heading(self) -> Content:
        parts: list[str | tuple[str, str]] = [
            (f"{self.number}. ", "bold"),
            (one_line(self.entry.title) or _("(untitled)"), "bold"),
        ]
        for flag in action_flags(self.entry):
            parts.extend(["  ", flag])
        return Content.assemble(*parts)

    def on_input_changed(self, event: Input.Changed) -> None:
        name = event.input.name
        if name == "title":
            self.entry.action.title = event.value
            self.query_one(".card-title", Static).update(self.heading())
        elif name in ("done", "not_done", "why", "note"):
            setattr(self.entry, name, event.value)
        self.refresh_state()

    def on_status_picker_picked(self, message: StatusPicker.Picked) -> None:
        self.entry.status = message.status  # type: ignore[assignment]
        self.refresh_state()

    def on_field_done(self, message: FieldDone) -> None:
        message.stop()
        field = message.field
        if isinstance(field, RedateField):
            self.entry.new_due = field.date if field.error is None else None
            self.refresh_state()
            self.post_message(Edited())

    def refresh_state(self) -> None:
        self.set_class(self.entry.discussed, "-discussed")


class IndicatorCard(Vertical):
    """One indicator: earlier readings, the new reading, and where it stands."""

    def __init__(self, entry: IndicatorReview, index: int) -> None:
        super().__init__(id=f"indicator-{index}", classes="review-card")
        self.entry = entry
        self.index = index
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        entry, prefix = self.entry, f"indicator-{self.index}"
        indicator = entry.indicator
        name = one_line(indicator.name) or indicator.id
        unit = one_line(indicator.unit)
        yield Static(
            Content.assemble((name, "bold"), f" ({unit})" if unit else ""), classes="card-title"
        )
        meta = [
            _("baseline {value}").format(value=number_text(indicator.baseline) or "?"),
            _("target {value}").format(value=number_text(indicator.target) or "?"),
        ]
        if indicator.source.strip():
            meta.append(one_line(indicator.source))
        yield Static(Content(" · ".join(meta)), classes="card-meta")
        yield field_row(_("Earlier"), Static(self.history(), classes="card-history"))
        yield field_row(
            _("Reading"),
            NextInput(
                number_text(entry.value),
                name="value",
                placeholder=_("value"),
                id=f"{prefix}-value",
                classes="reading-value",
            ),
            Label(Content(_("Note")), classes="inline-label"),
            NextInput(entry.note, name="note", id=f"{prefix}-note"),
        )
        yield field_row(_("Progress"), Static(self.bar(), classes="card-bar"))

    def history(self) -> Content:
        readings = self.entry.history
        if not readings:
            return Content(_("no earlier reading"))
        indicator = self.entry.indicator
        values = [r.value for r in readings]
        if self.entry.value is not None:
            values.append(self.entry.value)
        low = self.entry.start if self.entry.start is not None else indicator.target
        parts: list[str | tuple[str, str]] = [
            (sparkline(values, low, indicator.target), "$text-primary"),
            "  ",
        ]
        shown = [
            _("{label}: {value}").format(label=narrow_date(r.date), value=number_text(r.value))
            for r in readings[-3:]
        ]
        parts.append(" · ".join(shown))
        return Content.assemble(*parts)

    def bar(self) -> Content:
        if self.error is not None:
            return Content.assemble((self.error, "$text-error"))
        entry = self.entry
        if entry.value is None:
            latest = entry.latest
            if latest is None:
                return Content(_("type the new reading"))
            return Content.assemble(
                progress_bar(latest.progress),
                "  ",
                (_("last reading {date}").format(date=show_date(latest.date)), "$text-muted"),
            )
        return progress_bar(entry.progress)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.name == "note":
            self.entry.note = event.value
        elif event.input.name == "value":
            try:
                self.entry.value = parse_number(event.value)
                self.error = None
            except ValueError:
                self.entry.value = None
                self.error = _("{text!r} is not a number").format(text=one_line(event.value, 20))
            event.input.set_class(self.error is not None, "-invalid")
            self.query_one(".card-history", Static).update(self.history())
        self.query_one(".card-bar", Static).update(self.bar())
        self.set_class(self.entry.value is not None, "-discussed")
