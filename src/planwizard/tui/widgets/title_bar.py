"""The bar at the top of every screen that edits an open plan: the plan's title and
file, and whether everything is on disk (saved, saving, typing, NOT SAVED, conflicts)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from planwizard.i18n import _
from planwizard.session import Session
from planwizard.text import one_line


class TitleBar(Horizontal):
    """The plan's title and file, and whether everything is on disk."""

    def compose(self) -> ComposeResult:
        yield Static("", id="title-text")
        yield Static("", id="save-state")

    #: What the bar shows now: each key typed asks again, and an update of the same
    #: words would still lay the whole screen out again.
    _shown: tuple[str, str, bool, bool] | None = None

    def show(self, session: Session, *, typing: bool = False) -> None:
        """`typing`: a field holds typed text not on disk yet (saved at the pause)."""
        name = one_line(session.plan.title) or _("(untitled)")
        title = f"{name} · {one_line(session.path.name)}"
        unsaved = session.unsaved
        pending = (typing or session.writing) and not session.unsaved
        text = (
            _("NOT SAVED")
            if session.unsaved
            else _("typing… not saved yet")
            if typing
            else _("saving…")
            if session.writing
            else _("saved")
        )
        if session.plan.conflicts:
            count = len(session.plan.conflicts)
            text = _("conflicts: {count} (^g)").format(count=count) + " · " + text
        shown = (title, text, unsaved, pending)
        if shown == self._shown:
            return
        before, self._shown = self._shown, shown
        if before is None or before[0] != title:  # the first key typed changes the state only
            self.query_one("#title-text", Static).update(Content(title))
        state = self.query_one("#save-state", Static)
        state.set_class(unsaved, "-unsaved")
        state.set_class(pending, "-pending")
        state.update(Content(text))
