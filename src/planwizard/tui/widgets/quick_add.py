"""The quick-add line under the actions table: type a title, Enter, and the next one.

In the room, actions are called out faster than anyone fills a form: the title is
enough to start with, and an owner and a due date can follow on the same line
(`Rédiger la fiche @Foyer +2w`, see planwizard.quick_entry); the rest comes later
with `e` on the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol, runtime_checkable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from planwizard.i18n import _
from planwizard.quick_entry import suggest_owner
from planwizard.text import strip_control
from planwizard.tui.widgets.fields import SteadyInput


class OwnerSuggester(Suggester):
    """Completes the `@name` being typed from the names the plan knows (→ accepts)."""

    def __init__(self, names: Callable[[], Sequence[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    def suggest_now(self, value: str) -> str | None:
        """Answered in the key's own frame (see SteadyInput): no worker per key."""
        if "@" not in value:
            return None  # no owner being typed: the plan's names are not looked at
        return suggest_owner(value, self.names())

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggest_now(value)


class QuickAddInput(SteadyInput):
    """The line itself. Enter is taken here, in the line's own queue of keys, not as a
    binding: a binding runs once the key has gone back up to the app, behind the keys
    queued after it, and in a burst (a fast typist, a paste) the next titles would run on
    after this one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stop", _("Stop adding"))]

    @property
    def quick(self) -> QuickAdd | None:
        for ancestor in self.ancestors:
            if isinstance(ancestor, QuickAdd):
                return ancestor
        return None

    def action_stop(self) -> None:
        if isinstance(quick := self.quick, QuickAdd):
            quick.close()

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and isinstance(quick := self.quick, QuickAdd):
            event.stop()
            event.prevent_default()
            quick.commit(self.value)
        # Otherwise Input's own handler (next in the class order) types the key.

    async def action_submit(self) -> None:
        if isinstance(quick := self.quick, QuickAdd):
            quick.commit(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted block of lines is one action per line; a single line is typed text."""
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        quick = self.quick
        if "\n" not in text.strip("\n") or quick is None:
            return  # Input's own handler (next in the class order) types it
        event.stop()
        event.prevent_default()
        before, after = self.value[: self.cursor_position], self.value[self.cursor_position :]
        lines = [line for line in (before + text + after).split("\n") if line.strip()]
        for line in lines:
            quick.commit(line, closing=False)


@runtime_checkable
class TakesQuickAdd(Protocol):
    """A screen that makes the new item at once, in the key's own handler (see commit)."""

    def take_quick_add(self, message: QuickAdd.Committed) -> None: ...


class QuickAdd(Vertical):
    """Hidden until `open`; Enter commits the title, Escape (or Enter on nothing) stops."""

    DEFAULT_CSS = """
    QuickAdd { height: auto; display: none; }
    QuickAdd.-open { display: block; }
    QuickAdd > .quick-line { height: 1; }
    QuickAdd Label { width: auto; padding-right: 1; color: $text-primary; text-style: bold; }
    QuickAdd QuickAddInput { width: 1fr; background: $primary 25%; }
    QuickAdd > .quick-hint { width: 1fr; color: $text-muted; text-style: italic; }
    """

    class Committed(Message):
        """A title typed in the quick-add line, to become a new item."""

        def __init__(self, quick: QuickAdd, title: str) -> None:
            super().__init__()
            self.quick = quick
            self.title = title

    def __init__(
        self,
        kind: str,
        table_id: str,
        *,
        names: Callable[[], Sequence[str]] = list,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.table_id = table_id
        self.names = names

    def compose(self) -> ComposeResult:
        with Horizontal(classes="quick-line"):
            yield Label(Content(_("New action:")))
            yield QuickAddInput(
                placeholder=_("title @owner +2w"),
                suggester=OwnerSuggester(self.names),
                compact=True,
                select_on_focus=False,
            )
        yield Static(
            Content(_("Enter adds it · @ an owner (→ completes the name) · a date · Esc stops")),
            classes="quick-hint",
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        # The line's text is not the plan's until Enter: nothing above needs each key
        # (the step screen would look at every field to tell whether one is being typed).
        event.stop()

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

    def commit(self, text: str, *, closing: bool = True) -> None:
        """A title typed and confirmed: a new action (Enter on nothing stops adding)."""
        title = strip_control(text).strip()
        self.input.value = ""
        if not title:
            if closing:
                self.close()
            return
        message = self.Committed(self, title)
        screen = self.screen
        if isinstance(screen, TakesQuickAdd):
            # In this very key's handler: the next frame shows the line emptied and the
            # new row together (a message would first let a frame show the line emptied,
            # and the row one frame later), and keys typed after Enter still go to the
            # emptied line, after the new item.
            screen.take_quick_add(message)
        else:
            self.post_message(message)
