"""The guiding questions of a step, beside the fields, for the facilitator to read out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from planwizard.method import Guidance


class Guide(VerticalScroll):
    """Questions, in the interface language; scrolls when the terminal is short."""

    def __init__(self, *guidances: Guidance, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guidances = guidances
        self.can_focus = False

    def compose(self) -> ComposeResult:
        for guidance in self.guidances:
            yield Static(Content(guidance.title), classes="guide-title")
            if guidance.intro:
                yield Static(Content(guidance.intro), classes="guide-intro")
            for question in guidance.questions:
                yield Static(Content(f"• {question}"), classes="guide-question")
