"""The quick-add line under the actions table: type a title, Enter, and the next one.

In the room, actions are called out faster than anyone fills a form: the title is
enough to start with; owner, date and the rest come later with `e` on the row.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from planwizard.i18n import _
from planwizard.text import strip_control


class QuickAddInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stop", _("Stop adding"))]

    def action_stop(self) -> None:
        if isinstance(self.parent, QuickAdd):
            self.parent.close()


class QuickAdd(Horizontal):
    """Hidden until `open`; Enter commits the title, Escape (or Enter on nothing) stops."""

    DEFAULT_CSS = """
    QuickAdd { height: auto; display: none; }
    QuickAdd.-open { display: block; }
    QuickAdd > Label { width: auto; padding-right: 1; color: $text-primary; text-style: bold; }
    QuickAdd > QuickAddInput { width: 1fr; background: $primary 25%; }
    QuickAdd > .quick-hint { width: auto; padding-left: 1; color: $text-muted; }
    """

    class Committed(Message):
        """A title typed in the quick-add line, to become a new item."""

        def __init__(self, quick: QuickAdd, title: str) -> None:
            super().__init__()
            self.quick = quick
            self.title = title

    def __init__(self, kind: str, table_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.table_id = table_id

    def compose(self) -> ComposeResult:
        yield Label(Content(_("New action:")))
        yield QuickAddInput(placeholder=_("title, then Enter"), compact=True, select_on_focus=False)
        yield Static(Content(_("Esc stops")), classes="quick-hint")

    @property
    def input(self) -> Input:
        return self.query_one(QuickAddInput)

    def open(self) -> None:
        self.add_class("-open")
        self.input.value = ""
        self.input.focus()
        self.input.scroll_visible()

    def close(self) -> None:
        self.remove_class("-open")
        self.input.value = ""
        table = self.screen.query(f"#{self.table_id}").first()
        table.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = strip_control(event.value).strip()
        if not title:
            self.close()
            return
        self.post_message(self.Committed(self, title))
        self.input.value = ""
