"""The review's recommendations part: the yearly meeting with the focal points (issue 18).

For each recommendation of the plan: how far it is implemented (one key), what was done,
what was not, why (reason codes, several allowed) and the follow-up strategy. The cards
fill the review's `RecommendationReview` entries; the review screen keeps them in its
draft on disk and commits them with the rest of the review (`commit_review`). The
review screen only calls :func:`recommendations_part` and :func:`assessed_count`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from planwizard import method
from planwizard.dates import narrow_date, show_date
from planwizard.i18n import _
from planwizard.model import IMPLEMENTATIONS, REASONS, Plan, Review
from planwizard.recommendations import authority_names, implementation_history
from planwizard.review import RecommendationReview, ReviewDraft
from planwizard.text import one_line
from planwizard.tui.widgets.tick_box import TickBox


def review_keys_help() -> str:
    """The review help's paragraph on this part, and on the keys to leave it."""
    return _(
        "For each recommendation the plan follows up (the yearly meeting with the focal "
        "points): 1 to 4 gives how far it is implemented (not started, partially, fully, no "
        "longer relevant), then what was done, what was not, why (space ticks the reasons, "
        "several allowed) and the follow-up strategy.\n\n"
        "Ctrl+Del removes an action added in this meeting (after asking). Ctrl+D opens the "
        "plan's dialogue log, to record an exchange; the review stays as typed."
    )


#: The answers typed on a card, after their label (and a hint).
_TEXTS = ("done", "not_done", "follow_up")


class ImplementationPicker(Widget, can_focus=True):
    """How far a recommendation is implemented, in one key (1 to 4); space for none yet.

    Picking moves on to the next field, as the actions' status line does.
    """

    DEFAULT_CSS = """
    ImplementationPicker { height: auto; width: 1fr; }
    ImplementationPicker:focus { background: $primary 25%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(number), f"pick('{value}')", show=False)
            for number, value in enumerate(IMPLEMENTATIONS, start=1)
        ),
        Binding("space,backspace,0", "pick('')", _("Not assessed"), show=False),
        Binding("right", "cycle(1)", show=False),
        Binding("left", "cycle(-1)", show=False),
        Binding("enter", "app.focus_next", show=False),
    ]

    value: reactive[str | None] = reactive(None, layout=True)

    class Picked(Message):
        def __init__(self, picker: ImplementationPicker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

    def __init__(self, value: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ImplementationPicker.value, value)

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for number, value in enumerate(IMPLEMENTATIONS, start=1):
            words = method.label("implementation", value)
            if value == self.value:
                parts.extend([(f"{number} {words}", "reverse bold"), "  "])
            else:
                parts.extend([(str(number), "bold $text-accent"), " ", words, "  "])
        return Content.assemble(*parts)

    def action_pick(self, value: str) -> None:
        self.value = value or None
        self.post_message(self.Picked(self, self.value))
        if value:
            self.screen.focus_next()

    def action_cycle(self, offset: int) -> None:
        options: list[str | None] = [None, *IMPLEMENTATIONS]
        index = options.index(self.value) if self.value in options else 0
        self.value = options[(index + offset) % len(options)]
        self.post_message(self.Picked(self, self.value))


class ReasonBox(TickBox):
    """A reason code: [x] ticked, [ ] not."""


class RecommendationChanged(Message):
    """A card's implementation or reasons changed (no Input.Changed says so)."""


def last_finding(entry: RecommendationReview) -> Content | None:
    """What the previous review found, on one line."""
    if not entry.history:
        return None
    day, update = entry.history[-1]
    parts: list[str | tuple[str, str]] = [
        (_("Last review ({date}): ").format(date=show_date(day)), "italic")
    ]
    parts.append((method.label("implementation", update.implementation) or "—", "bold"))
    if update.why:
        reasons = ", ".join(method.label("why", code) for code in update.why)
        parts.append(" · " + _("why:") + " " + reasons)
    if update.follow_up.strip():
        parts.append(" · " + _("follow-up:") + " " + one_line(update.follow_up, 80))
    return Content.assemble(*parts)


def _field_row(label: str, *widgets: Widget) -> Widget:
    from planwizard.tui.parts.review_cards import field_row

    return field_row(label, *widgets)


class RecommendationCard(Vertical):
    """One recommendation on the agenda: what it says, whom it is addressed to, what
    earlier reviews found; then what the group finds now."""

    DEFAULT_CSS = """
    RecommendationCard .reasons { grid-size: 3; grid-rows: 1; grid-columns: auto auto 1fr;
        grid-gutter: 0 2; height: auto; width: 1fr; }
    RecommendationCard .reasons ReasonBox { width: auto; }
    """

    def __init__(self, entry: RecommendationReview, plan: Plan, index: int) -> None:
        super().__init__(id=f"rec-{index}", classes="review-card")
        self.entry = entry
        self.plan = plan
        self.index = index

    def compose(self) -> ComposeResult:
        from planwizard.tui.parts.review_cards import NextInput

        entry, prefix = self.entry, f"rec-{self.index}"
        rec = entry.recommendation
        reference = one_line(rec.reference, 20)
        yield Static(
            Content.assemble(
                (f"{reference} " if reference else "", "bold"),
                (one_line(rec.text, 200) or rec.id, "bold"),
            ),
            classes="card-title",
        )
        meta = [one_line(", ".join(authority_names(self.plan, rec))) or _("no authority named")]
        meta.append(method.label("position", rec.position))
        if rec.reply_received is not None:
            meta.append(_("replied {date}").format(date=show_date(rec.reply_received)))
        yield Static(Content(" · ".join(meta)), classes="card-meta")
        said = last_finding(entry)
        if said is not None:
            yield Static(said, classes="card-last")
        yield _field_row(
            _("Implemented"),
            ImplementationPicker(entry.implementation, id=f"{prefix}-implementation"),
        )
        for name, label, hint in (
            ("done", _("Done"), _("what was done")),
            ("not_done", _("Not done"), _("what was not done")),
        ):
            yield _field_row(
                label,
                NextInput(getattr(entry, name), name=name, placeholder=hint, id=f"{prefix}-{name}"),
            )
        yield _field_row(
            _("Why"),
            Grid(
                *(
                    ReasonBox(
                        Content(method.label("why", code)),
                        code in entry.why,
                        name=code,
                        id=f"{prefix}-why-{code}",
                        compact=True,
                    )
                    for code in REASONS
                ),
                classes="reasons",
            ),
        )
        yield _field_row(
            _("Strategy"),
            NextInput(
                entry.follow_up,
                name="follow_up",
                placeholder=_("the follow-up strategy until the next review"),
                id=f"{prefix}-follow_up",
            ),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.name in _TEXTS:
            setattr(self.entry, event.input.name, event.value)
        self.refresh_state()

    def on_implementation_picker_picked(self, message: ImplementationPicker.Picked) -> None:
        message.stop()
        self.entry.implementation = message.value  # type: ignore[assignment]
        self.refresh_state()
        self.post_message(RecommendationChanged())

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        code = event.checkbox.name
        if code not in REASONS:
            return
        ticked = {c.name for c in self.query(Checkbox) if c.value}
        # In the vocabulary's order, whatever order they were ticked in.
        self.entry.why = [c for c in REASONS if c in ticked]  # type: ignore[misc]
        self.refresh_state()
        self.post_message(RecommendationChanged())

    def refresh_state(self) -> None:
        self.set_class(self.entry.discussed, "-discussed")

    def on_mount(self) -> None:
        self.refresh_state()


def recommendations_part(draft: ReviewDraft, plan: Plan) -> Iterable[Widget]:
    """The section of the review for the plan's recommendations (nothing without any)."""
    if not draft.recommendations:
        return []
    widgets: list[Widget] = [
        Static(
            Content(_("Recommendations: how far each is implemented, and why")),
            classes="review-section",
        ),
        Static(
            Content(
                _(
                    "1–4 implementation · space: not assessed · then what was done, what "
                    "was not, why (space ticks), the follow-up"
                )
            ),
            classes="hint",
        ),
    ]
    widgets.extend(
        RecommendationCard(entry, plan, index) for index, entry in enumerate(draft.recommendations)
    )
    return widgets


def assessed_count(draft: ReviewDraft) -> int:
    return sum(1 for entry in draft.recommendations if entry.discussed)


# ------------------------------------------------------------------ the history


class HistoryStep(Static):
    """One review's finding on a recommendation, indented under it (wrapped lines too)."""

    DEFAULT_CSS = "HistoryStep { padding-left: 4; height: auto; }"


def implementation_blocks(plan: Plan, rec_id: str) -> list[Static]:
    """A recommendation's implementation over the reviews: its title, then one block per
    review, oldest first, with the reasons and what was said (readable at 80 columns)."""
    rec = plan.recommendation(rec_id)
    steps = implementation_history(plan, rec_id)
    reference = one_line(rec.reference, 20) if rec is not None else ""
    text = one_line(rec.text, 160) if rec is not None else rec_id
    found: list[Static] = [
        Static(
            Content.assemble(
                (f"{reference} " if reference else "", "bold"), (text or rec_id, "bold")
            ),
            classes="history-line",
        )
    ]
    if not steps:
        found.append(HistoryStep(Content.assemble((_("not assessed at any review yet"), "italic"))))
    for step in steps:
        settled = step.implementation in ("fully", "no-longer-relevant")
        parts: list[str | tuple[str, str]] = [
            (narrow_date(step.date), "$text-muted"),
            "  ",
            (
                method.label("implementation", step.implementation) or "—",
                "bold $text-success" if settled else "bold",
            ),
        ]
        if step.why:
            reasons = ", ".join(method.label("why", code) for code in step.why)
            parts.extend(["\n", (_("why:") + " ", "italic $text-muted"), reasons])
        for label, said in (
            (_("done:"), step.done),
            (_("not done:"), step.not_done),
            (_("follow-up:"), step.follow_up),
        ):
            if said.strip():
                parts.extend(["\n", (label + " ", "italic $text-muted"), one_line(said)])
        found.append(HistoryStep(Content.assemble(*parts)))
    return found


def recommendations_history(plan: Plan) -> list[Static]:
    """The history view's section: each recommendation's implementation over the
    reviews (nothing when the plan follows up no recommendation)."""
    if not plan.recommendations:
        return []
    widgets: list[Static] = [
        Static(
            Content(_("Recommendations: implementation at each review")),
            classes="review-section",
        )
    ]
    for rec in plan.recommendations:
        widgets.extend(implementation_blocks(plan, rec.id))
    return widgets


def review_findings(plan: Plan, review: Review) -> list[Static]:
    """What one review found on each recommendation, a line each, for the review in full."""
    found: list[Static] = []
    for update in review.recommendations:
        rec = plan.recommendation(update.recommendation)
        reference = one_line(rec.reference, 20) if rec is not None else ""
        # Short enough for the implementation to follow on the line at 80 columns.
        title = one_line(rec.text, 36) if rec is not None else update.recommendation
        parts: list[str | tuple[str, str]] = [
            ("◆ ", "$text-muted"),
            (f"{reference} " if reference else "", "bold"),
            (title or update.recommendation, "bold"),
            " → ",
            (method.label("implementation", update.implementation) or "—", "bold"),
        ]
        if update.why:
            reasons = ", ".join(method.label("why", code) for code in update.why)
            parts.extend(["\n    ", (_("why:") + " ", "italic $text-muted"), reasons])
        if update.follow_up.strip():
            follow_up = one_line(update.follow_up)
            parts.extend(["\n    ", (_("follow-up:") + " ", "italic $text-muted"), follow_up])
        found.append(Static(Content.assemble(*parts), classes="history-line"))
    return found
