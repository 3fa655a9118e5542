"""The app as a screen sees it: the one typed way for a screen to reach the app.

Screens never import each other (an import-linter contract in pyproject.toml): to open
another screen they ask the app, through :func:`wizard`, which gives `self.app` the type
of this protocol. The app (`tui/app.py`, its navigation in `tui/navigation.py`) is
checked against it by mypy. This module imports no screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

    from planwizard.drafts import FormDraft
    from planwizard.session import Session
    from planwizard.tui.room import Room
    from planwizard.tui.room_screen import RoomScreen


class PlanwizardApp(Protocol):
    """What screens ask of the app: settings, and every way to another screen."""

    #: The folder of plans the app shows.
    plans_dir: Path
    #: The room's timers.
    room: Room
    #: Seconds of quiet after typing before a field is saved (None: only on leaving).
    save_pause: float | None
    #: Changes are written on the session's thread (the real app), not at once (tests).
    write_later: bool

    # -- from the plans (a path) -----------------------------------------------

    def open_plan(
        self, path: Path, step: str | None = None, focus: tuple[str, str] | None = None
    ) -> None: ...

    def new_plan(self) -> None: ...

    def duplicate_plan(self, path: Path, title: str) -> None: ...

    def review_plan(
        self, path: Path, date: dt.date | None = None, *, session: Session | None = None
    ) -> None: ...

    def show_history(self, path: Path) -> None: ...

    def show_dialogue(self, path: Path) -> None: ...

    def show_recommendations(self) -> None: ...

    def reload_plans(self) -> None: ...

    # -- within an open plan (its session) -------------------------------------------

    def go_to_step(self, session: Session, step: str, restore: FormDraft | None = None) -> None: ...

    def fresh_step_screen(self, session: Session, step: str) -> Screen[Any]: ...

    def prebuild_steps_of(self, session: Session, shown: str) -> None: ...

    def open_history(self, session: Session) -> None: ...

    def open_dialogue(self, session: Session) -> None: ...

    def offer_dialogue_draft(self, session: Session, saved: FormDraft) -> None: ...

    def open_resolve(self, session: Session, back: Callable[[], None]) -> None: ...

    def review_saved(self, session: Session, *, revisit: bool) -> None: ...

    def open_room_view(self, screen: RoomScreen) -> None: ...

    def open_parking(self, screen: RoomScreen) -> None: ...

    def leave_plan(self, session: Session) -> None: ...

    def close_plan_screen(self, session: Session) -> None: ...


def wizard(node: MessagePump) -> PlanwizardApp:
    """The app of `node` (a screen, a widget), typed as the screens may use it."""
    return cast("PlanwizardApp", node.app)
