"""The open plan and its file: telling the room about someone else's change.

The session (planwizard.session, planwizard.sync) does the work: reload, merge, refuse
to overwrite. The screen on the plan (`PlanScreen.check_disk`, on the app's timer) looks
at the file and shows the new plan; this module says in notifications what happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from planwizard.i18n import _, ngettext
from planwizard.model import Conflict
from planwizard.session import Session
from planwizard.sync import SyncOutcome
from planwizard.text import one_line


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


def settled(screen: Screen[Any], session: Session) -> None:
    """Back from the resolve screen: when every conflict is settled in a plan shared over
    git, say the step that finishes the job."""
    if session.plan.conflicts:
        return
    from planwizard.gitsetup import repo_root

    if repo_root(session.path) is not None:
        say(
            screen,
            _(
                "Every conflict is settled and saved. Press Ctrl+L (Share) to send the "
                "decision to the team: it commits, merges and sends."
            ),
            title=_("Settled"),
            timeout=15,
        )
