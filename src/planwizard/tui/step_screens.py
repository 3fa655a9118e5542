"""The open plan's step screens, kept while it is open, and its writes taken in.

A mixin of the app (PlanWizardApp): F2–F5 switch between screens built once per plan
rather than build one at every switch, and a change written on the session's thread is
taken in on the app's (see Session.apply's `later`). In the real app the other steps'
screens are built ahead, while the group looks at the step shown (`prebuild_steps`).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen

from planwizard.tui.heap import collect_and_freeze, plan_frozen, thaw_and_collect

if TYPE_CHECKING:
    from planwizard.session import Session
    from planwizard.tui.screens.steps import StepScreen


#: How long a change of a small plan waits for its write (see Session.quick_write).
QUICK_WRITE_SECONDS = 0.04

#: Seconds without a key (or the mouse) before a piece of a step's screen is built ahead.
PREBUILD_PAUSE = 0.25
#: At most this many layouts of a screen built ahead (a new screen needs about three).
LAYOUT_PASSES = 4


def prebuild_order(shown: str) -> list[str]:
    """The other steps, the nearest first (the next before the previous): the order in
    which their screens are built ahead."""
    from planwizard.method import STEPS

    here = STEPS.index(shown)

    def nearness(step: str) -> tuple[int, bool]:
        return abs(STEPS.index(step) - here), STEPS.index(step) < here

    return sorted((step for step in STEPS if step != shown), key=nearness)


class PlanWritten(Message):
    """A change of `session` was written on its thread (see Session.apply's `later`)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


def preset_breakpoints(app: App[Any], screen: Screen[Any], size: Size) -> None:
    """Give a screen not yet shown the breakpoint classes (`-wide`, `-narrow`...) Textual
    gives it when it first gets its size: it is styled once with them, rather than styled
    whole, then given them and styled whole again."""
    app_breakpoints = (app.HORIZONTAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS)
    horizontal = screen.HORIZONTAL_BREAKPOINTS
    vertical = screen.VERTICAL_BREAKPOINTS
    horizontal = (app_breakpoints[0] if horizontal is None else horizontal) or []
    vertical = (app_breakpoints[1] if vertical is None else vertical) or []
    if not (horizontal or vertical):
        return
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for name in screen._get_breakpoint_classes(size.width, horizontal):
        classes[name] = True
    for name in screen._get_breakpoint_classes(size.height, vertical):
        classes[name] = True
    screen.update_classes(classes, update=False)


class KeepsStepScreens(App[Any]):
    """By session and step, each kept screen and the name it is installed under."""

    _kept_steps: dict[tuple[Session, str], tuple[StepScreen, str]] | None = None
    _step_names = itertools.count(1)
    #: Build the open plan's other step screens ahead, one at a time while the app waits
    #: for keys, so that F2–F5 show a screen already composed (the real app: run_app;
    #: tests build each step as it is first shown unless they ask for this).
    prebuild_steps = False
    _prebuilding = False
    #: Freeze an open plan's objects out of the collector's full passes (a big plan's
    #: once its table is drawn, any plan's once its steps are built ahead; the real app:
    #: run_app; see tui/heap.py).
    manage_heap = False
    #: When the last key or mouse event came in (time.monotonic).
    _input_at = 0.0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self._input_at = time.monotonic()
        await super().on_event(event)

    async def _quiet(self) -> None:
        """Wait until nothing came in for PREBUILD_PAUSE: the room is not typing."""
        while (waited := time.monotonic() - self._input_at) < PREBUILD_PAUSE:
            await asyncio.sleep(PREBUILD_PAUSE - waited)

    @property
    def _steps_kept(self) -> dict[tuple[Session, str], tuple[StepScreen, str]]:
        if self._kept_steps is None:
            self._kept_steps = {}
        return self._kept_steps

    def step_screen(self, step: str, session: Session) -> StepScreen:
        """The screen of `step` for `session`: built the first time, then kept while the
        plan is open (installed, so that switching away does not destroy it), so that
        F2–F5 switch screens rather than build them; a screen shown again brings itself
        up to date with the plan (see StepScreen.on_screen_resume)."""
        from planwizard.tui.screens.steps import make_step_screen

        kept = self._steps_kept.get((session, step))
        if kept is not None and kept[0] not in self.screen_stack:
            return kept[0]
        screen = make_step_screen(step, session)
        preset_breakpoints(self, screen, self.size)
        if session.when_written is None:
            # Told from the writing thread; taken in on this one (see on_plan_written).
            def tell() -> None:
                self.post_message(PlanWritten(session))

            session.when_written = tell
            # A small plan's change waits a moment for its write: one frame says "saved"
            # rather than "saving…" then "saved"; a slow disk still answers in time.
            session.quick_write = QUICK_WRITE_SECONDS
        if kept is None:
            name = f"planwizard-step-{next(self._step_names)}"
            self.install_screen(screen, name)
            self._steps_kept[(session, step)] = (screen, name)
        # Otherwise that step's kept screen is already on the stack (under a review that
        # goes back to step 1): this one is built for the moment and not kept.
        return screen

    def prebuild_steps_of(self, session: Session, shown: str) -> None:
        """The step `shown` of `session` is showing: build its other steps' screens ahead
        (`prebuild_steps`), unless that is already under way."""
        if not self.prebuild_steps or self._prebuilding:
            return
        if all((session, step) in self._steps_kept for step in prebuild_order(shown)):
            return
        self._prebuilding = True
        self.run_worker(self._prebuild(session, shown), name="prebuild steps", group="prebuild")

    async def _prebuild(self, session: Session, shown: str) -> None:
        from planwizard.tui.screens.steps import StepScreen

        try:
            for step in prebuild_order(shown):
                await asyncio.sleep(PREBUILD_PAUSE)  # the step shown draws itself first
                await self._quiet()  # and the keys typed into it come before this
                current = self.screen if self.screen_stack else None
                if not isinstance(current, StepScreen) or current.session is not session:
                    return  # the plan was left, or another screen is over its steps
                if (session, step) in self._steps_kept:
                    continue
                screen = self.step_screen(step, session)
                screen.prebuilt = True  # not shown yet: see RoomScreen.on_mount
                self._load_screen_css(screen)  # its stylesheet, as Textual reads it to show it
                _screen, mounted = self._get_screen(screen)  # composed, styled, mounted
                await mounted
                await self._lay_out_ahead(screen)
            if self.manage_heap and not plan_frozen():
                # Every step of the plan is built: what is alive now lives while the
                # plan is open, kept out of the collector's full passes from here, which
                # otherwise walk it all (60-160 ms) on whichever key tips the count
                # (tui/heap.py; given back when the plan is left). A big plan's table
                # froze it already.
                await self._quiet()
                collect_and_freeze()
        finally:
            self._prebuilding = False

    async def _lay_out_ahead(self, screen: Screen[Any]) -> None:
        """Lay the screen built ahead out at the app's size, as Textual lays out the
        screens under a dialog, until its widgets ask for no more (their sizes, a table's
        rows): shown, it is drawn from there."""
        for _ in range(LAYOUT_PASSES):
            await asyncio.sleep(0.02)  # its widgets take in the sizes they were given
            await self._quiet()
            if screen in self.screen_stack or not screen.is_attached:
                return  # shown (Textual lays it out), or gone
            if screen._size == self.size and not screen._layout_required:
                return
            screen._layout_required = False
            screen._refresh_layout(self.size)

    def on_plan_written(self, message: PlanWritten) -> None:
        """A change was written on the session's thread: take it in, say so."""
        from planwizard.tui.writes import written

        written(self, message.session)

    def writing(self) -> bool:
        """Whether an open plan has changes still being written."""
        from planwizard.tui.plan_screen import PlanScreen

        return any(s.session.writing for s in self.screen_stack if isinstance(s, PlanScreen))

    def forget_steps(self, session: Session) -> None:
        """The plan is left: its kept step screens go (the one showing goes as it is
        popped or replaced)."""
        for key in [key for key in self._steps_kept if key[0] is session]:
            screen, name = self._steps_kept.pop(key)
            # Removed once the screen the user goes to is drawn, not before it: the one
            # showing too, kept installed as it leaves the stack, so that Textual does
            # not remove it on the way (its widgets pruned, the screen below it drawn
            # twice more before the answer is complete).
            self._drops_pending += 1
            self.set_timer(0.5, partial(self._drop_step_screen, screen, name))

    #: Kept screens waiting to be removed (see forget_steps).
    _drops_pending = 0

    async def _drop_step_screen(self, screen: StepScreen, name: str) -> None:
        try:
            if any(screen in stack for stack in self._screen_stacks.values()):
                # Still shown (Textual refuses to uninstall a screen on a stack): removed,
                # like any screen that is not installed, once it leaves the stack.
                self._installed_screens.pop(name, None)
                return
            if self._installed_screens.get(name) is screen:
                self.uninstall_screen(name)
            await screen.remove()  # gone once this returns (see steps_dropped)
        finally:
            self._drops_pending -= 1
            if not self._drops_pending:
                self.steps_dropped()

    def steps_dropped(self) -> None:
        """The screens of the plans left are gone (what waited for that may start)."""
        if self.manage_heap:
            # What a big plan's tables left frozen goes back to the collector, once the
            # screen shown now is drawn (tui/heap.py).
            self.call_after_refresh(thaw_and_collect)
