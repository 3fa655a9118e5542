"""The room's clock: one timebox per step of each open plan, kept by the app.

Step screens come and go (each step is a new screen), so the timers live here, on the
app, over the monotonic clock the app was built with; tests pass a clock they move by
hand and call `tick` themselves. Nothing here writes the plan: the step screen records
the time spent through its editing session when the timer pauses or the step changes,
never on a tick, so the file is not rewritten every second.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planwizard.method import step_number, step_title
from planwizard.timebox import DEFAULT_MINUTES, Clock, Timebox

if TYPE_CHECKING:
    from textual.app import App

#: Seconds one press of the extend key adds.
EXTEND_SECONDS = 5 * 60


@dataclass
class StepTimers:
    """The timeboxes of one plan's workshop, and how much of their time is on disk."""

    clock: Clock
    boxes: dict[str, Timebox] = field(default_factory=dict)
    recorded: dict[str, int] = field(default_factory=dict)
    announced: set[str] = field(default_factory=set)
    #: The time each step had already run when the plan was opened (from the file).
    on_file: dict[str, int] = field(default_factory=dict)

    def box(self, step: str) -> Timebox:
        if step not in self.boxes:
            # A plan opened again goes on from the time its file records, already counted.
            before = max(0, self.on_file.get(step, 0))
            self.boxes[step] = Timebox(
                DEFAULT_MINUTES[step] * 60, clock=self.clock, _spent_before=float(before)
            )
            self.recorded[step] = before
        return self.boxes[step]

    def extend(self, step: str, seconds: float = EXTEND_SECONDS) -> None:
        """More time for `step`; once above zero again, reaching zero is announced again."""
        box = self.box(step)
        box.extend(seconds)
        if box.remaining > 0:
            self.announced.discard(step)

    def take_unrecorded(self, step: str) -> int:
        """Whole seconds run since the last record; counted as recorded from now on.

        The fraction left over stays for the next record, so many short pauses add up
        to the time that really passed.
        """
        whole = int(self.box(step).spent) - self.recorded.get(step, 0)
        if whole <= 0:
            return 0
        self.recorded[step] = self.recorded.get(step, 0) + whole
        return whole

    def due_announcements(self) -> list[str]:
        """Steps whose running timer has just reached zero (each is announced once)."""
        due: list[str] = []
        for step, box in self.boxes.items():
            if box.remaining > 0:
                self.announced.discard(step)  # extended: zero can come again
            elif box.running and step not in self.announced:
                self.announced.add(step)
                due.append(step)
        return due


@dataclass
class Room:
    """The app's room state: timers per plan file, and which plan is open."""

    clock: Clock
    timers: dict[Path, StepTimers] = field(default_factory=dict)
    active: Path | None = None
    #: Set when a step was left with its timer running: the next step starts its own.
    carry_running: bool = False
    #: Which question the projector shows, per step.
    question: dict[str, int] = field(default_factory=dict)

    def timers_for(self, path: Path, spent: Mapping[str, int] | None = None) -> StepTimers:
        """The timers of the plan in `path`; `spent`: the time its file records per step,
        where a plan opened for the first time in this run starts from."""
        key = path.resolve()
        if key not in self.timers:
            self.timers[key] = StepTimers(self.clock, on_file=dict(spent or {}))
        return self.timers[key]


def tick(app: App[Any]) -> None:
    """Once a second: redraw every timer on screen, and say so when one reaches zero."""
    from planwizard.i18n import _
    from planwizard.tui.widgets.timer import TimerView
    from planwizard.tui.wizard import wizard

    room = wizard(app).room
    for screen in app.screen_stack:
        for view in screen.query(TimerView):
            if view.path.resolve() not in room.timers:
                # A plan's screen not mounted yet: its own mount makes its timers, from
                # the time its file records (made here, they would start from zero).
                continue
            view.show(room.timers_for(view.path).box(view.step))
    if room.active is None:
        return
    for step in room.timers_for(room.active).due_announcements():
        app.notify(
            _(
                "Time is up for step {number}, {title}. "
                "F8 pauses the timer, Shift+F8 adds 5 minutes."
            ).format(number=step_number(step), title=step_title(step)),
            title=_("Timebox"),
            severity="warning",
            timeout=12,
            markup=False,
        )
