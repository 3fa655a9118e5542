"""The step's timebox on screen: a compact badge on the stepper line, big digits in the room view.

The phase shows as a CSS class (colour) and as a marker in the text, so that it still
reads on a monochrome projector or with NO_COLOR set.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Digits, Static

from planwizard.i18n import _
from planwizard.timebox import Timebox, format_remaining

PHASES = ("idle", "running", "warning", "overtime", "paused")

#: One character per phase, readable without colour.
MARKERS = {"idle": "○", "running": "▶", "warning": "▲", "overtime": "●", "paused": "‖"}


def phase_words(phase: str) -> str:
    words = {
        "idle": _("not started · F8 starts"),
        "running": _("running"),
        "warning": _("last minutes"),
        "overtime": _("time is up"),
        "paused": _("paused · F8 resumes"),
    }
    return words[phase]


class TimerView(Widget):
    """Anything that shows one step's timebox; the room's tick calls `show` on each."""

    def __init__(self, path: Path, step: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.path = path
        self.step = step
        self.phase = "idle"
        self.remaining = ""

    def show(self, box: Timebox) -> None:
        self.phase = box.phase
        self.remaining = format_remaining(box.remaining)
        for phase in PHASES:
            self.set_class(phase == self.phase, f"-{phase}")
        self.draw()

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        """Show `phase` and `remaining`; may run before the parts are composed (a tick
        on a screen being built), which draws nothing until `on_mount`.

        Each kind of timer (the badge, the room view's big digits) draws itself; this
        base has nothing of its own to show.
        """


class TimerBadge(TimerView):
    """`F8 ▶ 38:12` at the end of the stepper line."""

    DEFAULT_CSS = """
    TimerBadge { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    TimerBadge > Static { width: auto; }
    TimerBadge.-running { color: $text-success; text-style: bold; }
    TimerBadge.-warning { background: $warning; color: $text; text-style: bold; }
    TimerBadge.-overtime { background: $error; color: $text; text-style: bold reverse; }
    TimerBadge.-paused { color: $text-warning; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    _drawn = ""

    def draw(self) -> None:
        # Only when it reads differently: an update lays the screen out again, and a
        # change to the plan redraws the badge without moving the clock (issue 15).
        shown = f"F8 {MARKERS[self.phase]} {self.remaining}"
        if shown == self._drawn:
            return
        self._drawn = shown
        for text in self.query(Static):
            text.update(Content(shown))


class BigTimer(TimerView):
    """The room view's clock: big digits, and the phase in words beneath."""

    DEFAULT_CSS = """
    BigTimer { width: auto; height: auto; padding: 0 1; }
    BigTimer Vertical { width: auto; height: auto; }
    BigTimer Digits { width: auto; }
    BigTimer .timer-words { width: 100%; text-align: center; color: $text-muted; }
    BigTimer.-running Digits { color: $text-success; }
    BigTimer.-warning Digits, BigTimer.-warning .timer-words { color: $text-warning; }
    BigTimer.-overtime Digits { color: $text-error; text-style: bold; }
    BigTimer.-overtime .timer-words { background: $error; color: $text; text-style: bold; }
    BigTimer.-paused .timer-words { color: $text-warning; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Digits("", id="timer-digits")
            yield Static("", classes="timer-words", markup=False)

    def draw(self) -> None:
        for digits in self.query(Digits):
            digits.update(self.remaining)
        words = f"{MARKERS[self.phase]} {phase_words(self.phase)}"
        for text in self.query(".timer-words").results(Static):
            text.update(Content(words))
