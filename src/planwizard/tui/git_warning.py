"""What the app says about git: a clone that would merge plans line by line, and files
git has not finished merging.

Kept apart from the rest of the TUI and light to import: it runs at start, in a thread,
while the home screen draws, then again whenever git touched the repository (a pull,
a merge, a commit, git-setup: seen from a `stat` of a few of git's files on the app's
timer) and when the terminal gets the focus back, so that a `git pull` typed in another
window is noticed at once.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from textual.app import App

from planwizard.i18n import _
from planwizard.text import one_line


class GitWatch:
    """The repository holding the plans folder, watched for what the team must know."""

    def __init__(self, app: App[Any], folder: Path) -> None:
        self.app = app
        self.folder = folder
        self._lock = threading.Lock()
        self._watched: tuple[Path, ...] = ()
        self._stamp: object = None
        #: What was last said, so that the same news is not told again and again.
        self._said: tuple[object, ...] = ()
        #: The commit checked out at the last look ("": none yet).
        self._head: str | None = None

    def changed(self) -> bool:
        """Whether git touched the repository since the last look (main thread, cheap)."""
        from planwizard.gitstate import git_stamp

        with self._lock:
            if not self._watched:
                return False
            stamp = git_stamp(self._watched)
            if stamp == self._stamp:
                return False
            self._stamp = stamp
            return True

    def look(self) -> None:
        """In a worker thread: ask git, and tell what is new."""
        from planwizard.gitstate import git_stamp, repo_state

        state = repo_state(self.folder)
        if state is None:
            return
        with self._lock:
            self._watched = state.watched
            self._stamp = git_stamp(state.watched)
            moved = self._head is not None and state.head != self._head
            self._head = state.head
        if moved:  # a pull, a merge, a checkout: the plans on disk changed
            with contextlib.suppress(RuntimeError):
                self.app.call_from_thread(self._plans_changed)
        news = (
            state.unconfigured and state.head,  # told again after each pull or merge
            tuple((u.relative, u.state) for u in state.unmerged),
        )
        with self._lock:
            if news == self._said:
                return
            self._said = news
        if state.unconfigured:
            message = _(
                "git merges the plans in {repo} line by line: this clone lacks planwizard's "
                "merge driver. Run `planwizard git-setup` there once."
            ).format(repo=one_line(str(state.root)))
            self._tell(message, _("git-setup needed"), "warning")
        if state.unmerged:
            lines = [f"{one_line(u.relative)}: {u.advice()}" for u in state.unmerged]
            self._tell("\n".join(lines), _("git has not finished a merge"), "error")

    def _plans_changed(self) -> None:
        from planwizard.tui.wizard import wizard

        wizard(self.app).reload_plans()

    def _tell(self, message: str, title: str, severity: str) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(
                self.app.notify,
                message,
                title=title,
                severity=severity,
                timeout=30,
                markup=False,
            )
