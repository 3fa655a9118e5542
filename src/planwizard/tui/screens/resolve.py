"""Conflicts left by a merge, one per line: keep ours, theirs, the value from before both,
or type a new one.

A merge that cannot decide keeps both values in the plan (planwizard.merge); here the
facilitator decides, with the room. Each choice goes through `resolve_conflict`, which
refuses a value the plan cannot hold and says why, and is saved at once through the
session like any change, so Ctrl+Z takes it back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Label, Static, TextArea

from planwizard import clock
from planwizard.dates import DateInputError, format_date, parse_date_input
from planwizard.i18n import _
from planwizard.merge import NewValue, describe_value, parse_path, resolve_conflict, side_name
from planwizard.model import Conflict, Plan
from planwizard.session import Session
from planwizard.storage import PlanError
from planwizard.text import one_line, strip_control
from planwizard.tui.dialogs import parse_number
from planwizard.tui.disk_watch import say
from planwizard.tui.plan_screen import PlanScreen
from planwizard.tui.safe import cell
from planwizard.tui.steady import settle_cursors
from planwizard.tui.styles import beside
from planwizard.tui.widgets.text_box import TextBox
from planwizard.tui.widgets.title_bar import plan_name

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module


def side_label(side: str) -> str:
    labels = {"ours": _("Ours"), "theirs": _("Theirs"), "base": _("Before both")}
    return labels[side]


# ------------------------------------------------------------------ values


def value_kind(conflict: Conflict) -> str | None:
    """How a new value is typed: "text", "lines" (a text of several lines), "date",
    "number", "bool"; None for a whole item or a list, which are settled by keeping one
    side (then edited in their step).
    """
    values = [conflict.value(side) for side in ("ours", "theirs", "base") if conflict.has(side)]
    if any(isinstance(v, dict | list) for v in values):
        return None
    if values and all(isinstance(v, bool) for v in values):
        return "bool"
    if values and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in values):
        return "date"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "number"
    if any(isinstance(v, str) and "\n" in v for v in values):
        return "lines"
    return "text"


def value_as_text(value: Any, kind: str | None = None) -> str:
    """A value as it is typed back in the new-value field (all its lines for "lines")."""
    if kind == "lines":
        return strip_control(value) if isinstance(value, str) else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value)
    return one_line(str(value))


def parse_typed(kind: str, text: str) -> Any:
    """The typed text as a value of that kind; ValueError, with the reason, if it is not."""
    if kind == "lines":
        return text.strip("\n")
    text = text.strip()
    if kind == "date":
        if not text:
            return None
        try:
            return parse_date_input(text, clock.today())
        except DateInputError as exc:
            raise ValueError(exc.message) from None
    if kind == "number":
        try:
            return parse_number(text)
        except ValueError:
            raise ValueError(_("{text!r} is not a number").format(text=text)) from None
    if kind == "bool":
        answers = {"yes": True, "true": True, "no": False, "false": False}
        answers.update({_("yes").casefold(): True, _("no").casefold(): False})
        if text.casefold() not in answers:
            raise ValueError(_("answer yes or no"))
        return answers[text.casefold()]
    return text


def place_label(plan: Plan, conflict: Conflict) -> str:
    """Where the conflict is, with the item's title when the path names one."""
    where = one_line(conflict.path)
    try:
        segments = parse_path(conflict.path)
    except ValueError:
        return where
    if len(segments) < 2:
        return where
    items = getattr(plan, segments[0], None)
    if not isinstance(items, list):
        return where
    for item in items:
        if getattr(item, "id", None) == segments[1]:
            title = getattr(item, "title", "") or getattr(item, "name", "")
            if isinstance(title, str) and title:
                return f"{where} · “{one_line(title, 50)}”"
    return where


# ------------------------------------------------------------------ the screen


class ResolveScreen(PlanScreen):
    """The plan's unresolved conflicts; each choice saved at once."""

    CSS_PATH = STYLES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help"), show=False),
        Binding("o", "pick('ours')", _("Keep ours")),
        Binding("t", "pick('theirs')", _("Keep theirs")),
        Binding("b", "pick('base')", _("Keep before")),
        Binding("n", "new_value", _("New value")),
        Binding("ctrl+s", "save_text", _("Save the new text"), show=False, priority=True),
        Binding("ctrl+z", "undo", _("Undo"), priority=True, show=False),
        Binding("escape", "back", _("Back")),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        #: How the current conflict's new value is typed (None: it cannot be).
        self.typed_kind: str | None = None

    @property
    def conflicts(self) -> list[Conflict]:
        return self.session.plan.conflicts

    def compose(self) -> ComposeResult:
        yield self.compose_title_bar()
        yield Static(
            Content(
                _(
                    "Two copies of this plan changed the same things. For each, keep one "
                    "value or type a new one; each choice is saved at once."
                )
            ),
            id="resolve-intro",
        )
        table: DataTable[Text] = DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        yield table
        with Vertical(id="conflict-detail"):
            yield Static("", id="conflict-where")
            for side in ("ours", "theirs", "base"):
                with Horizontal(classes="side-row"):
                    yield Label(Content(side_label(side)), id=f"label-{side}", classes="side-label")
                    yield Static("", id=f"value-{side}", classes="side-value")
            with Horizontal(classes="side-row", id="new-row"):
                yield Label(Content(_("New value")), classes="side-label")
                yield Input(id="new-value", compact=True, select_on_focus=False)
                # A text of several lines is typed whole: Enter is a new line here,
                # Ctrl+S saves it.
                yield TextBox(id="new-text", soft_wrap=True, tab_behavior="focus", compact=True)
            yield Static("", id="resolve-error")
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        table = self.query_one("#conflicts", DataTable)
        table.add_column(_("Where"), key="where")
        table.add_column(_("Ours"), key="ours")
        table.add_column(_("Theirs"), key="theirs")
        self.show_conflicts()
        table.focus()

    # -- showing ---------------------------------------------------------------

    def show_conflicts(self) -> None:
        """Redraw the list from the session's plan, the cursor staying where it was."""
        table = self.query_one("#conflicts", DataTable)
        row = table.cursor_row
        table.clear()
        width = max(20, self.size.width - 46)
        for index, conflict in enumerate(self.conflicts):
            table.add_row(
                cell(one_line(conflict.path, width)),
                cell(describe_value(conflict, "ours", 20)),
                cell(describe_value(conflict, "theirs", 20)),
                key=str(index),
            )
        if self.conflicts:
            table.move_cursor(row=min(max(row, 0), len(self.conflicts) - 1))
        self.show_save_state()
        self.show_detail()

    def bar_title(self) -> str:
        return _("Conflicts · {title}").format(title=plan_name(self.session))

    def bar_state(self) -> tuple[str, bool, bool]:
        if self.session.unsaved:
            return _("NOT SAVED"), True, False
        return _("{count} to resolve").format(count=len(self.conflicts)), False, False

    def show_plan(self) -> None:
        self.show_conflicts()

    def current(self) -> int | None:
        table = self.query_one("#conflicts", DataTable)
        if not self.conflicts or table.row_count == 0:
            return None
        return min(table.cursor_row, len(self.conflicts) - 1)

    def show_detail(self) -> None:
        index = self.current()
        field = self.query_one("#new-value", Input)
        self.query_one("#resolve-error", Static).update("")
        if index is None:
            self.query_one("#conflict-where", Static).update(
                Content(_("No conflicts left. Escape goes back to the plan."))
            )
            for side in ("ours", "theirs", "base"):
                self.query_one(f"#value-{side}", Static).update("")
            field.value = ""
            field.disabled = True
            self.typed_kind = None
            self.refresh_bindings()
            return
        conflict = self.conflicts[index]
        where = place_label(self.session.plan, conflict)
        people = [side_name(conflict, s) for s in ("ours", "theirs") if conflict.by(s)]
        if people:
            # The people, not only the sides: "ours" and "theirs" swap under a rebase.
            where += "\n" + " · ".join(people)
        self.query_one("#conflict-where", Static).update(Content(where))
        for side in ("ours", "theirs"):
            name = conflict.by(side)
            label = one_line(name, 12) if name else side_label(side)
            self.query_one(f"#label-{side}", Label).update(Content(label))
        kind = self.typed_kind = value_kind(conflict)
        tall = kind == "lines"
        for side in ("ours", "theirs", "base"):
            shown = self.query_one(f"#value-{side}", Static)
            if tall and conflict.has(side):
                # The whole text, line by line, as typed (control characters removed).
                shown.update(Content(value_as_text(conflict.value(side), "lines")))
            else:
                shown.update(Content(describe_value(conflict, side, 200)))
            shown.parent.set_class(tall, "-tall")  # type: ignore[union-attr]
        self.query_one("#new-row").set_class(tall, "-tall")
        field.set_class(tall, "-hidden")
        area = self.query_one("#new-text", TextArea)
        area.set_class(tall, "-shown")
        field.disabled = kind is None
        if tall:
            area.load_text(value_as_text(conflict.value("ours"), "lines"))
        if kind is None:
            field.value = ""
            field.placeholder = _("a whole item or list: keep one side, then edit it in its step")
        elif not tall:
            field.value = value_as_text(conflict.value("ours"))
            field.placeholder = _("type a value, Enter saves it")
            field.cursor_position = len(field.value)
        self.refresh_bindings()

    def show_error(self, message: str) -> None:
        self.query_one("#resolve-error", Static).update(Content(one_line(message, 300)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_new_value()

    # -- choosing --------------------------------------------------------------

    def action_pick(self, side: str) -> None:
        index = self.current()
        if index is not None:
            self.resolve(index, side)

    def action_new_value(self) -> None:
        if self.typed_kind == "lines":
            self.query_one("#new-text", TextArea).focus()
            return
        field = self.query_one("#new-value", Input)
        if not field.disabled:
            field.focus()

    def action_save_text(self) -> None:
        """Ctrl+S in the text of several lines: that text settles the conflict."""
        area = self.query_one("#new-text", TextArea)
        index = self.current()
        if index is None or self.typed_kind != "lines" or not area.has_focus:
            return
        value = parse_typed("lines", area.text)
        if self.resolve(index, NewValue(value)):
            self.query_one("#conflicts", DataTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.current()
        if index is None:
            return
        kind = value_kind(self.conflicts[index])
        if kind is None:
            return
        try:
            value = parse_typed(kind, event.value)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if self.resolve(index, NewValue(value)):
            self.query_one("#conflicts", DataTable).focus()

    def resolve(self, index: int, choice: str | NewValue) -> bool:
        """Settle one conflict and save; False, with the reason shown, if refused."""
        try:
            plan = resolve_conflict(self.session.plan, index, choice, source=self.session.path)
        except PlanError as exc:
            self.show_error(exc.message)
            return False
        except (LookupError, ValueError) as exc:
            self.show_error(str(exc))
            return False
        outcome = self.session.replace(plan)
        # As every plan screen: the file's hand-written comments never go unasked; the
        # screen closes once the question is answered (comments_answered).
        asked = self.after_save(outcome)
        self.show_plan()  # the list of conflicts is this screen's, made here
        self.take_news()
        if not asked:
            self.close_when_settled()
        return True

    def comments_answered(self) -> None:
        super().comments_answered()
        self.take_news()
        self.close_when_settled()

    def close_when_settled(self) -> None:
        if not self.conflicts and self.is_current:
            say(self, _("Every conflict is resolved."), title=_("Resolved"), timeout=3)
            self.dismiss(None)

    def after_change(self, error: PlanError | None) -> None:
        if error is not None:
            self.tell_not_saved(error)
        self.take_news()

    def action_undo(self) -> None:
        outcome = self.session.undo()
        if not outcome.changed:
            say(self, _("Nothing to undo"), timeout=2)
            return
        self.after_change(outcome.error)
        say(self, _("Undone"), timeout=2)

    def action_back(self) -> None:
        field = self.query_one("#new-value", Input)
        if field.has_focus or self.query_one("#new-text", TextArea).has_focus:
            self.query_one("#conflicts", DataTable).focus()
            return
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pick", "new_value") and not self.conflicts:
            return False
        if action == "new_value" and self.typed_kind is None:
            return None  # a whole item: shown, greyed
        if action == "save_text":
            return self.typed_kind == "lines" and self.query_one("#new-text", TextArea).has_focus
        if action == "undo" and not self.session.can_undo:
            return None
        return True

    # -- someone else's changes --------------------------------------------------

    def news_taken(self, changed: bool, conflicts: bool) -> None:
        """The list as the plan now has it, whatever the news (this is the conflicts
        screen: new ones join the list)."""
        self.show_conflicts()

    def help_text(self) -> tuple[str, str]:
        return _("Conflicts"), _(
            "Two copies of this plan were changed in the same place: on this computer and "
            "in another copy (a partner's, brought by git, or the file changed on disk). "
            "Both values are kept until you choose.\n\n"
            "Up and Down choose a conflict. o keeps ours (this copy), t keeps theirs (the "
            "other copy), b keeps the value from before both changes. n (or Enter) types a "
            "new value instead: Enter saves it, Escape goes back to the list. A text of "
            "several lines is shown and typed whole: Enter starts a new line, Ctrl+S saves "
            "it. Each choice is saved at once; Ctrl+Z takes it back."
        )
