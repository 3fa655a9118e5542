"""The highlighted plan's step screen, built ahead on the home screen.

A mixin of the app (PlanWizardApp): in the real app (`open_ahead`, set by run_app), once
the highlight rests on a plan of the home screen and nothing is typed for a moment, the
plan's editing session is opened and the screen it would open at is built and laid out
in the background, as the other steps' screens are once a plan is open (step_screens).
Enter then shows that screen. It is used only while it is still true: the same file,
unchanged on disk since it was read, the same interface language, the same step asked
for; otherwise it is dropped and the plan opened as before. A plan that does not load
is left to Enter, which says why.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import DataTable

from planwizard.tui import step_screens
from planwizard.tui.step_screens import KeepsStepScreens

if TYPE_CHECKING:
    from planwizard.session import Session
    from planwizard.tui.screens.steps import StepScreen


class OpensPlansAhead(KeepsStepScreens):
    """The session and screen built for the plan highlighted on the home screen."""

    #: Build the highlighted plan's screen ahead (the real app: run_app; tests open
    #: each plan as Enter is pressed unless they ask for this).
    open_ahead = False
    #: The plan's file, the interface language, its session and its screen.
    _ahead: tuple[Path, str, Session, StepScreen] | None = None
    _opening_ahead = False
    #: The last plan tried (one that does not load is not tried again and again).
    _ahead_tried: Path | None = None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        from planwizard.tui.screens.home import HomeScreen

        if isinstance(event.data_table.screen, HomeScreen):
            self.look_ahead()

    def steps_dropped(self) -> None:
        super().steps_dropped()
        self.look_ahead()

    def look_ahead(self) -> None:
        """Build the highlighted plan's screen ahead, once the plan just left is gone:
        its screens are removed half a second after the plans show again (forget_steps),
        and building meanwhile would only delay that."""
        if not self.open_ahead or self._opening_ahead or self._drops_pending:
            return
        self._opening_ahead = True
        self.run_worker(self._open_ahead(), name="open ahead", group="open-ahead")

    async def _open_ahead(self) -> None:
        from planwizard.tui.screens.home import HomeScreen

        try:
            while True:
                await asyncio.sleep(step_screens.PREBUILD_PAUSE)
                await self._quiet()  # the keys typed on the home screen come first
                home = self.screen if self.screen_stack else None
                if not isinstance(home, HomeScreen):
                    return  # a plan is open, or another screen is over the plans
                if not home.loaded or home.reading is not None:
                    continue  # the folder is still being read: its rows come first
                path = home.current_path()
                if path is None or self._ahead_for(path) is not None:
                    return  # nothing highlighted, or its screen is built and still true
                if self._ahead is None and path == self._ahead_tried:
                    return  # it did not open: Enter will say why
                self.drop_opened_ahead()
                self._ahead_tried = path
                await self._build_ahead(path)
                # The highlight may have moved meanwhile: look again.
        finally:
            self._opening_ahead = False

    async def _build_ahead(self, path: Path) -> None:
        from planwizard.checklist import step_reached
        from planwizard.i18n import current_language
        from planwizard.session import Session
        from planwizard.storage import PlanError

        try:
            session = Session.open(path)
        except (PlanError, OSError, ValueError):
            return  # Enter opens it and says why it does not load
        screen = self.step_screen(step_reached(session.plan), session)
        screen.prebuilt = True  # not shown yet: see RoomScreen.on_mount
        self._ahead = (path, current_language(), session, screen)
        self._load_screen_css(screen)  # its stylesheet, as Textual reads it to show it
        _screen, mounted = self._get_screen(screen)  # composed, styled, mounted
        await mounted
        await self._lay_out_ahead(screen)

    def _ahead_for(self, path: Path) -> tuple[Session, StepScreen] | None:
        """The session and screen built ahead for `path`, if still true to it."""
        from planwizard.i18n import current_language

        if self._ahead is None:
            return None
        built_for, language, session, screen = self._ahead
        if built_for != path or language != current_language() or not screen.is_attached:
            return None
        if session.disk_changed():
            return None  # the file changed since it was read (a partner, a review saved)
        return session, screen

    def opened_ahead(self, path: Path, step: str | None) -> tuple[Session, StepScreen] | None:
        """For opening the plan in `path` (at `step`, or where it has reached): the
        session and the screen built ahead, when they are still true to it; the screen
        built ahead is dropped either way (a session used keeps it as its own)."""
        found = self._ahead_for(path)
        ahead, self._ahead = self._ahead, None
        self._ahead_tried = None  # back on the plans, it may be built ahead again
        if found is None:
            if ahead is not None:
                self.forget_steps(ahead[2])
            return None
        session, screen = found
        if step is not None and step != screen.STEP:
            screen = self.step_screen(step, session)  # its own screen is kept as a step
        return session, screen

    def drop_opened_ahead(self) -> None:
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            self.forget_steps(ahead[2])
