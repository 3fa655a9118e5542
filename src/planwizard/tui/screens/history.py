"""The reviews of one plan: the plan as agreed against what each review found.

Two tables first, so that the group sees the whole story at a glance: each action's
status at each review and now, each indicator's readings from baseline to target. Then
each review in full, newest first: its summary, status changes (before → after) with
what was and was not done and why, and the readings with their progress.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from planwizard import method
from planwizard.dates import narrow_date, show_date
from planwizard.i18n import _, format_percent, ngettext, with_unit
from planwizard.model import Plan
from planwizard.monitoring import latest_progress, planned_review, reviews_in_order
from planwizard.review import ReviewRecord, StatusChange, review_history
from planwizard.session import Session
from planwizard.text import one_line, strip_control
from planwizard.tui.parts.review_cards import CARD_STYLES, update_labels
from planwizard.tui.parts.review_recommendations import (
    recommendations_history,
    review_findings,
)
from planwizard.tui.plan_screen import PlanScreen
from planwizard.tui.safe import cell
from planwizard.tui.styles import beside
from planwizard.tui.widgets.footer import KeysFooter
from planwizard.tui.widgets.review_bits import number_text, progress_bar, sparkline
from planwizard.tui.widgets.title_bar import plan_name, saved_or_not
from planwizard.tui.wizard import wizard


def history_help() -> str:
    return _(
        "Every review of this plan. The first table gives each action's status as each "
        "review left it, and now; the second each indicator's readings between its "
        "baseline and its target. Below them, each review in full, newest first: the "
        "summary, the status changes (before → after) with what was and was not done and "
        "why, and the readings with their progress.\n\n"
        "Right after a review is saved, Ctrl+Z undoes the whole review."
    )


def change_line(change: StatusChange) -> Content:
    before = method.label("status", change.before) if change.before else "—"
    after = method.label("status", change.after) if change.after else "—"
    parts: list[str | tuple[str, str]] = [
        ("• ", "$text-muted"),
        (one_line(change.title) or change.action_id, "bold"),
        "  ",
        (before, "$text-muted"),
        " → ",
        (after, "bold $text-success" if change.changed else "bold"),
    ]
    if change.due is not None:
        parts.append("  " + _("re-dated to {date}").format(date=show_date(change.due)))
    for label, text in update_labels(change.done, change.not_done, change.why, change.note):
        if text.strip():
            parts.extend(["\n    ", (label + " ", "italic $text-muted"), one_line(text)])
    return Content.assemble(*parts)


def review_block(record: ReviewRecord, number: int) -> list[Static]:
    """One review in full, as a few Statics (plan text literal, never markup)."""
    heading: list[str | tuple[str, str]] = [
        (_("Review {number} · {date}").format(number=number, date=show_date(record.date)), "bold")
    ]
    if record.facilitator.strip():
        heading.append(" · " + _("facilitated by {name}").format(name=one_line(record.facilitator)))
    if record.revisit_problem:
        heading.extend(["  ", (_("PROBLEM REVISITED"), "bold $text-warning")])
    widgets = [Static(Content.assemble(*heading), classes="history-heading")]
    if record.summary.strip():
        widgets.append(
            Static(Content(strip_control(record.summary.strip())), classes="history-summary")
        )
    if record.changes:
        for change in record.changes:
            widgets.append(Static(change_line(change), classes="history-line"))
    else:
        widgets.append(Static(Content(_("No action discussed.")), classes="history-line"))
    for reading in record.readings:
        unit = one_line(reading.unit)
        value = with_unit(reading.value, unit)
        parts: list[str | tuple[str, str] | Content] = [
            ("◦ ", "$text-muted"),
            (one_line(reading.name, 50), "bold"),
            "  ",
            value,
        ]
        if reading.previous is not None:
            parts.append(
                (
                    "  " + _("(was {value})").format(value=number_text(reading.previous)),
                    "$text-muted",
                )
            )
        parts.extend(["\n    ", progress_bar(reading.progress, 16)])
        if reading.note.strip():
            parts.extend(["  ", (one_line(reading.note), "italic")])
        widgets.append(Static(Content.assemble(*parts), classes="history-line"))
    return widgets


class HistoryScreen(PlanScreen):
    """The review history of one plan."""

    CSS_PATH = [CARD_STYLES, beside(__file__)]  # noqa: RUF012  (as Textual declares it)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help")),
        Binding("ctrl+z", "undo", _("Undo the review"), priority=True),
        Binding("escape", "back", _("Back")),
    ]

    #: It only reads the plan (and may undo the review just saved).
    follows_file = False

    def __init__(self, session: Session, *, just_saved: bool = False) -> None:
        super().__init__(session)
        #: Opened right after a review was saved: Ctrl+Z may take that review back.
        self.just_saved = just_saved

    def help_text(self) -> tuple[str, str]:
        return _("Review history"), history_help()

    def compose(self) -> ComposeResult:
        yield self.compose_title_bar()
        yield VerticalScroll(id="history-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#history-body").focus()

    def bar_title(self) -> str:
        return _("Reviews · {title}").format(title=plan_name(self.session))

    def bar_state(self) -> tuple[str, bool, bool]:
        return saved_or_not(self.session)

    def show_plan(self) -> None:
        self.show()

    def show(self) -> None:
        self.show_save_state()
        body = self.query_one("#history-body", VerticalScroll)
        body.remove_children()
        body.mount_all(self.blocks())
        self.refresh_bindings()

    def blocks(self) -> list[Static | DataTable[Text] | Vertical]:
        plan = self.plan
        records = review_history(plan)
        found: list[Static | DataTable[Text] | Vertical] = []
        count = len(records)
        summary = [ngettext("{count} review", "{count} reviews", count).format(count=count)]
        if plan.workshop.date:
            summary.append(_("workshop {date}").format(date=show_date(plan.workshop.date)))
        upcoming = planned_review(plan)
        if upcoming is not None:
            summary.append(_("next review {date}").format(date=show_date(upcoming)))
        found.append(Static(Content(" · ".join(summary)), classes="history-intro"))
        if plan.actions:
            found.append(Static(Content(_("Actions at each review")), classes="review-section"))
            found.append(self.actions_table(plan))
        if plan.indicators:
            found.append(Static(Content(_("Indicators at each review")), classes="review-section"))
            found.append(self.indicators_table(plan))
        found.extend(recommendations_history(plan))
        if not records:
            found.append(Static(Content(_("No review yet.")), classes="hint"))
        held = reviews_in_order(plan)  # the records' order
        for number, record in reversed(list(enumerate(records, start=1))):
            findings = review_findings(plan, held[number - 1])
            found.append(
                Vertical(*review_block(record, number), *findings, classes="history-review")
            )
        return found

    def title_width(self) -> int:
        # Titles take what the dated columns leave, so that 80 columns show two reviews.
        return 22 if self.app.size.width < 110 else 40

    def actions_table(self, plan: Plan) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(
            cursor_type="row", zebra_stripes=True, classes="history-table"
        )
        reviews = reviews_in_order(plan)
        table.add_column(_("Action"), width=self.title_width())
        table.add_column(_("Due"))
        for review in reviews:
            table.add_column(narrow_date(review.date))
        table.add_column(_("Now"))
        for action in plan.actions:
            row = [cell(action.title), cell(narrow_date(action.due) if action.due else "")]
            for review in reviews:
                update = next((u for u in review.updates if u.action == action.id), None)
                said = method.label("status", update.status) if update and update.status else "·"
                row.append(cell(said, "" if update else "dim"))
            row.append(cell(method.label("status", action.status), "bold"))
            table.add_row(*row)
        return table

    def indicators_table(self, plan: Plan) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(
            cursor_type="row", zebra_stripes=True, classes="history-table"
        )
        reviews = reviews_in_order(plan)
        table.add_column(_("Indicator"), width=self.title_width())
        table.add_column(_("Baseline"))
        for review in reviews:
            table.add_column(narrow_date(review.date))
        table.add_column(_("Target"))
        table.add_column(_("Progress"))
        for indicator in plan.indicators:
            name = indicator.name
            if indicator.dropped is not None:
                name = _("{name} (dropped {date})").format(
                    name=name, date=show_date(indicator.dropped)
                )
            row = [
                cell(name, "" if indicator.measured else "dim"),
                cell(number_text(indicator.baseline)),
            ]
            values = []
            for review in reviews:
                found = next((m for m in review.measurements if m.indicator == indicator.id), None)
                row.append(cell(number_text(found.value) if found else "·", "" if found else "dim"))
                if found:
                    values.append(found.value)
            row.append(cell(number_text(indicator.target)))
            share = latest_progress(plan, indicator)
            trend = sparkline(values, indicator.baseline, indicator.target)
            row.append(cell(f"{format_percent(share)} {trend}".strip()))
            table.add_row(*row)
        return table

    # -- actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.just_saved and self.session.can_undo
        return True

    def action_undo(self) -> None:
        if not (self.just_saved and self.session.can_undo):
            return
        outcome = self.session.undo()
        self.just_saved = False
        if outcome.error is not None:
            self.tell_not_saved(outcome.error)
        else:
            self.notify(_("The review is undone."), timeout=3)
        self.show_again()

    def action_back(self) -> None:
        wizard(self).close_plan_screen(self.session)
