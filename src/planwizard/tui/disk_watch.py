"""The open plan and its file: noticing someone else's change and telling the room.

The session (planwizard.session, planwizard.sync) does the work: reload, merge, refuse
to overwrite. This module only looks at the file now and then (the app's timer calls
:func:`check_disk` on the step screen), says in a notification what happened, puts the
new values on screen and opens the resolve screen when a merge left conflicts.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.widgets.select import InvalidSelectValueError

from planwizard.i18n import _, ngettext
from planwizard.model import Conflict
from planwizard.session import Session, get_field
from planwizard.sync import SyncOutcome
from planwizard.text import one_line

if TYPE_CHECKING:
    from planwizard.tui.screens.steps import StepScreen


def check_disk(screen: StepScreen) -> None:
    """Take in a change to the open plan's file, if someone else made one."""
    session = screen.session
    if not session.disk_changed():
        return
    # What is being typed becomes a change of ours, so that a partner's edit of the same
    # field is a conflict with both values rather than one silently replacing the other.
    screen.save_pending()
    session.sync()
    after_change(screen)


def after_change(screen: StepScreen) -> None:
    """Tell what became of other people's changes, and show the plan as it is now."""
    changed, conflicts = tell_news(screen, screen.session)
    if changed:
        refresh_step(screen)
    if conflicts:
        open_resolve(screen)


def tell_news(screen: Screen[Any], session: Session) -> tuple[bool, list[Conflict]]:
    """Notify each piece of news; return whether the plan changed and the new conflicts."""
    changed = False
    conflicts: list[Conflict] = []
    for outcome in session.take_news():
        notify_outcome(screen, session.path, outcome)
        changed = changed or outcome.changed
        conflicts.extend(outcome.conflicts)
    return changed, conflicts


def say(screen: Screen[Any], message: str, **options: Any) -> None:
    """A notification whose text (file names, plan values) is never read as markup."""
    screen.notify(message, markup=False, **options)


def notify_outcome(screen: Screen[Any], path: Path, outcome: SyncOutcome) -> None:
    name = one_line(path.name)
    if outcome.kind == "reloaded":
        say(
            screen,
            _("{file} was changed on disk; this is the new version.").format(file=name),
            title=_("Reloaded"),
        )
    elif outcome.kind == "merged" and outcome.saved:
        say(
            screen,
            _("{file} was changed on disk; your changes were merged with it and saved.").format(
                file=name
            ),
            title=_("Merged"),
        )
    elif outcome.kind == "merged":
        say(
            screen,
            _(
                "{file} was changed on disk; it is merged with your changes here, "
                "which are not saved yet."
            ).format(file=name),
            title=_("Merged"),
            severity="warning",
        )
    elif outcome.kind == "missing":
        say(
            screen,
            _(
                "{file} is no longer on disk (moved or deleted?); the next change writes it again."
            ).format(file=name),
            severity="warning",
        )
    elif outcome.error is not None:
        say(
            screen,
            _(
                "{file} was changed on disk but cannot be taken in: {reason}. Nothing is "
                "overwritten; your changes are kept here."
            ).format(file=name, reason=one_line(outcome.error.message, 200)),
            title=_("Changed on disk"),
            severity="error",
            timeout=10,
        )
    if outcome.conflicts:
        say(
            screen,
            ngettext(
                "{count} conflict to resolve: both values are kept until you choose.",
                "{count} conflicts to resolve: both values are kept until you choose.",
                len(outcome.conflicts),
            ).format(count=len(outcome.conflicts)),
            title=_("Conflicts"),
            severity="warning",
        )


def refresh_step(screen: StepScreen) -> None:
    """Show the session's plan on a step screen, leaving the field being typed alone."""
    plan = screen.plan
    for field in screen.fields():
        value = get_field(plan, field.path)
        if field.has_focus_within and field.parsed() == value:
            field.mark_saved()  # what is typed is what the plan holds: keep the cursor
            continue
        # A choice this version does not offer stays in the plan as it is.
        with contextlib.suppress(InvalidSelectValueError):
            field.load(value)
    screen.refresh_tables()
    screen.refresh_state()
    screen.refresh_bindings()


def open_resolve(screen: StepScreen) -> None:
    """The resolve screen over the step screen; back on the step, the plan is redrawn."""
    from planwizard.tui.screens.resolve import ResolveScreen

    if isinstance(screen.app.screen, ResolveScreen):
        screen.app.screen.show_conflicts()
        return
    if not screen.session.plan.conflicts:
        return
    screen.app.push_screen(ResolveScreen(screen.session), lambda _result: resolved(screen))


def resolved(screen: StepScreen) -> None:
    """Back from the resolve screen: the plan redrawn and, when every conflict is settled
    in a plan shared over git, the step that finishes the job."""
    refresh_step(screen)
    if screen.session.plan.conflicts:
        return
    from planwizard.gitsetup import repo_root

    if repo_root(screen.session.path) is not None:
        say(
            screen,
            _(
                "Every conflict is settled and saved. Press Ctrl+L (Share) to send the "
                "decision to the team: it commits, merges and sends."
            ),
            title=_("Settled"),
            timeout=15,
        )
