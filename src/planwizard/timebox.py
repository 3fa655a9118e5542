"""The timebox of a workshop step: a countdown the facilitator starts, pauses and extends.

Pure state over an injected monotonic clock (seconds as a float), so tests drive time by
hand and never sleep. The app ticks it once a second and shows `remaining`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: Minutes offered per step by default: a two-hour workshop, problem analysis the longest.
DEFAULT_MINUTES = {"problem": 40, "vision": 20, "planning": 40, "monitoring": 20}
#: In the last minutes the timer changes colour.
WARNING_SECONDS = 5 * 60

Clock = Callable[[], float]


@dataclass
class Timebox:
    """A countdown of `duration` seconds; `spent` counts every running second, even past zero."""

    duration: float
    clock: Clock = field(default=time.monotonic, repr=False)
    _started_at: float | None = None
    _spent_before: float = 0.0

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def spent(self) -> float:
        """Seconds the timer has run, across pauses."""
        if self._started_at is None:
            return self._spent_before
        return self._spent_before + (self.clock() - self._started_at)

    @property
    def remaining(self) -> float:
        """Seconds left; negative once time is up (the room may go on)."""
        return self.duration - self.spent

    @property
    def phase(self) -> str:
        """`idle`, `running`, `warning` (last minutes), `overtime`, or `paused`."""
        if self.remaining <= 0 and self.spent > 0:
            return "overtime"
        if not self.running:
            return "paused" if self.spent > 0 else "idle"
        return "warning" if self.remaining <= WARNING_SECONDS else "running"

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self.clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._spent_before += self.clock() - self._started_at
            self._started_at = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def extend(self, seconds: float = 5 * 60) -> None:
        self.duration += seconds


def format_remaining(seconds: float) -> str:
    """`12:05`, or `-01:30` once time is up."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # 0.2 s left still shows 00:01
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def record_time_spent(seconds_spent: dict[str, int], step: str, seconds: float) -> dict[str, int]:
    """Add a step's running time to the plan's `workshop.seconds_spent`, as whole seconds."""
    updated = dict(seconds_spent)
    updated[step] = updated.get(step, 0) + round(seconds)
    return updated
