"""The four steps of the method on one line: where the group is, and a way to jump."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from planwizard.method import STEPS, step_label, step_number


class StepLabel(Static):
    """One step; clicking it asks the screen to go there."""

    def __init__(self, step: str, current: bool) -> None:
        # F2..F5 jump to steps 1..4: the key is shown so that nobody has to look it up.
        text = f" F{step_number(step) + 1} {step_label(step)} "
        super().__init__(text, markup=False, classes="-current" if current else "")
        self.step = step

    def on_click(self) -> None:
        self.post_message(Stepper.StepClicked(self.step))


class Stepper(Horizontal):
    """1 Problem › 2 Vision › 3 Planning › 4 Monitoring, the current one highlighted."""

    class StepClicked(Message):
        def __init__(self, step: str) -> None:
            super().__init__()
            self.step = step

    def __init__(self, current: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = current

    def compose(self) -> ComposeResult:
        for index, step in enumerate(STEPS):
            if index:
                yield Static(" › ", classes="step-separator", markup=False)
            yield StepLabel(step, step == self.current)
