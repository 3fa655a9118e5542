"""The bar at the top of every screen that edits an open plan: the plan's title and
file (or the screen's own title), and whether everything is on disk (saved, saving,
typing, NOT SAVED, conflicts)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from planwizard.i18n import _
from planwizard.session import Session
from planwizard.text import one_line


def plan_name(session: Session) -> str:
    """The plan's title on one line, or a word saying it has none."""
    return one_line(session.plan.title) or _("(untitled)")


def save_state(session: Session, *, typing: bool = False) -> tuple[str, bool, bool]:
    """Whether everything is on disk, in words: the words, whether the plan is not saved,
    whether something is on its way (typed, or being written). `typing`: a field holds
    typed text not on disk yet (saved at the pause)."""
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
    return text, unsaved, pending


def saved_or_not(session: Session) -> tuple[str, bool, bool]:
    """The short state of a screen that only reads the plan, or changes it at once."""
    unsaved = session.unsaved
    return (_("NOT SAVED") if unsaved else _("saved")), unsaved, False


class TitleBar(Horizontal):
    """A title, and whether everything is on disk (screens on a plan: `PlanScreen`)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="title-text")
        yield Static("", id="save-state")

    #: What the bar shows now: each key typed asks again, and an update of the same
    #: words would still lay the whole screen out again.
    _shown: tuple[str, str, bool, bool] | None = None

    def show(self, session: Session, *, typing: bool = False) -> None:
        """The plan's title and file, and its save state (`save_state`)."""
        title = f"{plan_name(session)} · {one_line(session.path.name)}"
        text, unsaved, pending = save_state(session, typing=typing)
        self.say(title, text, unsaved=unsaved, pending=pending)

    def say(self, title: str, text: str, *, unsaved: bool = False, pending: bool = False) -> None:
        """Show `title`, and `text` as the state (`unsaved` in the warning colour,
        `pending` muted)."""
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
