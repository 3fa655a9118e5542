"""The base of every screen that edits an open plan: the steps, the review, the history,
the conflicts and the dialogue log.

It holds what they share, written once:

- the plan's editing session (`session`, `plan`);
- the title bar (`compose_title_bar`, `show_save_state`: the words come from
  `bar_title` and `bar_state`, which a screen may say its own way);
- a change and what became of it (`change`, `after_save`): the question about the
  file's hand-written comments, "not saved" said, then the plan shown as it is now;
- following the file on disk (`check_disk`, called by the app's timer): a partner's
  change taken in and said, a merge's conflicts opened (`tui/disk_watch.py`);
- the "plan changed" signal (`plan_changed`): one call after anything that may have
  changed the plan; when the session's revision moved, the screen shows the plan again
  (`show_plan`, unless the change was made here) and the widgets showing the plan that
  listen (`watch_plan`: the checklist, the parking review) show it as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events
from textual.widget import Widget

from planwizard.i18n import _
from planwizard.model import Plan
from planwizard.session import SaveOutcome, Session
from planwizard.storage import PlanError
from planwizard.text import one_line
from planwizard.tui.dialogs import comments_question
from planwizard.tui.steady import SteadyKeysScreen
from planwizard.tui.widgets.title_bar import TitleBar, plan_name, save_state
from planwizard.tui.wizard import wizard


class PlanScreen(SteadyKeysScreen):
    """A screen on an open plan's editing session."""

    #: Whether the app's timer makes this screen take in a change of the file on disk
    #: (the review holds a draft until its one save, and the history only reads).
    follows_file: ClassVar[bool] = True
    #: Whether changes are written on the session's thread when the app does so (the
    #: steps: the screen answers first); else at once.
    writes_later: ClassVar[bool] = False
    #: Whether the comments question speaks of a review (kept in memory if declined).
    review_comments: ClassVar[bool] = False

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._asking_comments = False
        #: The session's revision the screen last showed (see `plan_changed`).
        self._shown_at = session.revision
        #: The widgets listening to the plan, each with what shows it (see watch_plan).
        self._watchers: list[tuple[Widget, Callable[[Plan], object]]] = []

    @property
    def plan(self) -> Plan:
        return self.session.plan

    # -- styled once -----------------------------------------------------------

    #: What the screen's widgets were last styled with (see `_styles_now`), while it is
    #: not shown: as it was composed, or as it was left.
    _styled_with: tuple[int, bool, int] | None = None

    def _styles_now(self) -> tuple[int, bool, int]:
        """What a widget's styles depend on beyond the widget and its screen: the app's
        styles (a theme or a stylesheet changed), whether the app has the focus (the
        app's :focus and :blur), and the stylesheet's sources (a file or widget added)."""
        app = self.app
        return app._css_update_count, app.app_focus, len(app.stylesheet.source)

    def _on_mount(self, event: events.Mount) -> None:
        self._styled_with = self._styles_now()

    def _on_screen_suspend(self) -> None:
        self._styled_with = self._styles_now()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual styles a screen and all its widgets again each time it is shown. Shown
        # for the first time, just composed (or built ahead), every widget was styled as
        # it was mounted; shown again, as it was when the screen was left; changes made
        # to a widget meanwhile (its classes, its focus) styled it then. When nothing it
        # depends on beyond the screen changed, the second pass changed nothing and came
        # before the frame (about 20 ms for step 1's hundred widgets).
        styled, self._styled_with = self._styled_with, None
        if styled is not None and styled == self._styles_now():
            event.refresh_styles = False

    # -- the title bar ---------------------------------------------------------

    def compose_title_bar(self) -> TitleBar:
        return TitleBar(id="titlebar")

    def bar_title(self) -> str:
        """The bar's title: the plan's, and its file."""
        return f"{plan_name(self.session)} · {one_line(self.session.path.name)}"

    def bar_state(self) -> tuple[str, bool, bool]:
        """The bar's state: its words, whether unsaved, whether pending."""
        return save_state(self.session, typing=self.typing())

    def typing(self) -> bool:
        """Whether a field holds typed text that is not in the plan yet."""
        return False

    def show_save_state(self) -> None:
        text, unsaved, pending = self.bar_state()
        self.query_one(TitleBar).say(self.bar_title(), text, unsaved=unsaved, pending=pending)

    # -- changes ---------------------------------------------------------------

    def save_pending(self) -> None:
        """Save what is being typed (before leaving, undoing, or taking in the file)."""

    def change(self, edit: Callable[[Plan], Any]) -> SaveOutcome | None:
        """Apply one change through the session and show what became of it."""
        try:
            # The steps' changes are written on the session's thread: the screen answers
            # first (the title bar says "saving…" until the write is in, see writes.py).
            later = self.writes_later and wizard(self).write_later
            outcome = self.session.apply(edit, later=later)
        except ValueError as exc:
            self.notify(one_line(str(exc), 300), title=_("Not changed"), severity="error")
            return None
        self.after_save(outcome)
        return outcome

    def after_save(self, outcome: SaveOutcome) -> bool:
        """Say what became of a change: ask whether the file's hand-written comments may
        go (once at a time), or say it is not saved; then the plan changed (`here`). True
        when the question is asked: `comments_answered` follows the answer."""
        session = self.session
        asked = False
        if outcome.needs_comment_consent and not (
            session.drop_comments or session.comments_declined or self._asking_comments
        ):
            self._ask_about_comments()
            asked = True
        elif outcome.error is not None and not session.comments_declined:
            self.tell_not_saved(outcome.error)
        self.plan_changed(here=True)
        return asked

    def tell_not_saved(self, error: PlanError) -> None:
        self.notify(one_line(error.render(), 300), title=self.not_saved_title(), severity="error")

    def not_saved_title(self) -> str:
        return _("Not saved: the change is kept in memory")

    def _ask_about_comments(self) -> None:
        self._asking_comments = True
        session = self.session

        def answered(agreed: bool | None) -> None:
            self._asking_comments = False
            error = session.consent_to_drop_comments(bool(agreed))
            if agreed and error is not None:
                self.notify(one_line(error.render(), 300), severity="error")
            self.comments_answered()

        question = comments_question(session.path.name, review=self.review_comments)
        self.app.push_screen(question, answered)

    def comments_answered(self) -> None:
        """The comments question was answered (the save was tried again, or not)."""
        self.show_save_state()

    # -- the plan changed ------------------------------------------------------

    def watch_plan(self, widget: Widget, show: Callable[[Plan], object]) -> None:
        """`show(plan)` now, then each time the plan changes while `widget` is mounted:
        how a widget showing the plan listens (in its `on_mount`)."""
        self._watchers.append((widget, show))
        show(self.plan)

    def plan_changed(self, *, here: bool = False) -> bool:
        """Call after anything that may have changed the plan. When the session's revision
        moved since the screen last showed it: `show_plan` (not when `here`: a change
        made on this screen, whose field or table shows it already), then each listening
        widget is told (`watch_plan`). True when it moved."""
        if self.session.revision == self._shown_at:
            return False
        self._shown_at = self.session.revision
        if not here:
            self.show_plan()
        self._watchers = [(w, show) for w, show in self._watchers if w.is_attached]
        for _widget, show in self._watchers:
            show(self.plan)
        return True

    def show_plan(self) -> None:
        """Show the plan as it is now (each screen says how)."""
        self.show_save_state()

    def confirm_leaving(self, leave: Callable[[], object]) -> None:
        """`leave` (the app quits), once nothing typed here would be lost (the review
        asks first)."""
        leave()

    # -- the file on disk ------------------------------------------------------

    def check_disk(self) -> None:
        """Called by the app's timer: take in someone else's change to the file."""
        if not self.follows_file or not self.session.disk_changed():
            return
        # What is being typed becomes a change of ours, so that a partner's edit of the
        # same field is a conflict with both values rather than one replacing the other.
        self.save_pending()
        self.session.sync()
        self.take_news()

    def take_news(self) -> None:
        """Say what became of other people's changes (taken in from the file, or merged
        as ours was saved), then `news_taken`."""
        from planwizard.tui.disk_watch import tell_news

        changed, conflicts = tell_news(self, self.session)
        self.news_taken(changed, bool(conflicts))

    def news_taken(self, changed: bool, conflicts: bool) -> None:
        """Show the plan as it is now when it changed; open the conflicts a merge left."""
        if changed:
            self.show_again()
        if conflicts:
            self.action_resolve()

    def show_again(self) -> None:
        """Show the plan again, whatever the revision says (someone else's change)."""
        self._shown_at = -1
        self.plan_changed()

    def action_resolve(self) -> None:
        """The conflicts screen over this one; back here, the plan is shown again."""
        wizard(self).open_resolve(self.session, self.resolved)

    def resolved(self) -> None:
        """Back from the conflicts screen: the plan shown again and, when every conflict
        is settled in a plan shared over git, the step that finishes the job."""
        from planwizard.tui.disk_watch import settled

        self.show_again()
        settled(self, self.session)
