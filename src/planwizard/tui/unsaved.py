"""Leaving a plan whose last changes could not be saved, without losing them.

A save can fail for reasons the room cannot fix on the spot: the folder became
read-only, the disk is full, the group chose to keep a file's hand-written comments.
The changes are then only in memory. Leaving the plan (back to the plans, or quitting)
first tries the save once more; if it still fails, the plan is written as a copy in the
user's own data folder and the facilitator is told where, and asked before leaving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planwizard import locations
from planwizard.i18n import _
from planwizard.session import Session
from planwizard.storage import PlanError
from planwizard.text import one_line
from planwizard.tui.dialogs import ConfirmScreen, comments_question


def leave_safely(app: Any, session: Session, leave: Callable[[], Any]) -> None:
    """Call `leave` once the session's plan is on disk, or once the user agreed to go."""
    session.flush()  # the writes under way first
    error = session.save() if session.unsaved else None
    if error is None:
        leave()
        return
    if error.kind == "comments" and not session.comments_declined:
        # Saving works now, but only without the file's comments: the usual question.
        def consented(agreed: bool | None) -> None:
            if session.consent_to_drop_comments(bool(agreed)) is None:
                leave()
            else:
                offer_copy(app, session, leave)

        app.push_screen(comments_question(session.path.name), consented)
        return
    offer_copy(app, session, leave)


def offer_copy(app: Any, session: Session, leave: Callable[[], Any]) -> None:
    """Write the unsaved plan as a copy in the user's data folder, then ask before leaving."""
    reason = one_line(session.error.message if session.error else "", 200)
    if session.comments_declined:
        reason = _("its hand-written comments were kept")
    try:
        copy = session.keep_copy(locations.unsaved_dir())
    except PlanError as exc:
        question = _(
            "{file} is not saved ({reason}), and no copy could be written either ({copy}). "
            "Leaving now loses the changes made since the last save."
        ).format(file=session.path.name, reason=reason, copy=one_line(exc.message, 200))
        yes = _("Leave and lose them")
    else:
        question = _(
            "{file} is not saved ({reason}). A copy of the plan as it is now was written "
            "to {copy}: nothing is lost if you leave."
        ).format(file=session.path.name, reason=reason, copy=copy)
        yes = _("Leave")
        app.notify(
            _("Unsaved plan copied to {copy}").format(copy=copy),
            title=_("Not saved"),
            severity="warning",
            timeout=10,
        )

    def answered(agreed: bool | None) -> None:
        if agreed:
            leave()

    app.push_screen(ConfirmScreen(question, yes, _("Stay")), answered)
