"""What is still missing at this step, as gentle warnings: the room is never blocked."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from planwizard.checklist import grouped_gaps, step_gaps
from planwizard.i18n import _
from planwizard.model import Plan
from planwizard.text import one_line


class Checklist(Static):
    """What the plan still lacks at `step`, on one line; it listens to the plan."""

    def __init__(self, step: str, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.step = step
        #: The line this widget shows (None: nothing yet). Each change of the plan asks
        #: again, and an update with the same words would still lay the screen out.
        self.shown: str | None = None

    def on_mount(self) -> None:
        from planwizard.tui.plan_screen import PlanScreen

        if isinstance(self.screen, PlanScreen):
            self.screen.watch_plan(self, lambda plan: self.show_plan(plan, self.step))

    def show_plan(self, plan: Plan, step: str) -> None:
        gaps = step_gaps(plan, step)
        self.set_class(not gaps, "-complete")
        if not gaps:
            self.say(_("✓ Nothing missing at this step."))
            return
        # Gap messages quote plan text (action titles): one line each, never markup.
        lines, grouped = grouped_gaps(gaps)
        items = " · ".join(one_line(line) for line in lines)
        text = _("Still to discuss: {items}").format(items=items)
        if grouped:
            text += " · " + _("Ctrl+O lists them")
        self.say(text)

    def say(self, text: str) -> None:
        """Show `text`, unless this widget shows it already (compared with what this
        widget was given, never with another widget's or a language's)."""
        if text == self.shown:
            return
        self.shown = text
        self.update(Content(text))
