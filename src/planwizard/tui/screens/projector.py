"""F9: the room view, for the projector: the step, one question, the group's answers.

No side panels, no form: large type where the terminal allows it (big digits for the
clock), a high-contrast theme, and only what the group has said so far. What is on a
partner's trust or risks stays off the wall: partners show by name and role only.
The same key goes back to the step, with everything typed still there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from planwizard import method
from planwizard.dates import show_date
from planwizard.i18n import _, format_number
from planwizard.method import STEPS
from planwizard.model import Action, Indicator, Plan
from planwizard.text import one_line, strip_control
from planwizard.tui.themes import projector_theme
from planwizard.tui.widgets.timer import BigTimer

if TYPE_CHECKING:
    from planwizard.tui.room_screen import RoomScreen


def _paragraphs(text: str) -> list[str]:
    """A statement's paragraphs, each on one line: hard line breaks typed to fit an editor
    window would break the wall's lines in odd places."""
    return [one_line(part) for part in re.split(r"\n\s*\n", text) if part.strip()]


def _number(value: float | None) -> str:
    return "—" if value is None else format_number(value)


def _action_line(action: Action) -> str:
    parts = [one_line(action.title)]
    if action.owner:
        parts.append(one_line(action.owner))
    if action.due:
        parts.append(show_date(action.due))
    if action.status not in ("planned", "in-progress"):
        parts.append(method.label("status", action.status))
    return " — ".join(parts)


def _indicator_line(indicator: Indicator) -> str:
    unit = f" {one_line(indicator.unit)}" if indicator.unit else ""
    figures = f"{_number(indicator.baseline)} → {_number(indicator.target)}{unit}"
    line = _("{label}: {value}").format(label=one_line(indicator.name), value=figures)
    return line if indicator.measured else _("{name} (dropped)").format(name=line)


def room_answers(plan: Plan, step: str) -> list[tuple[str, list[str]]]:
    """What the group has said at `step`, as (heading, lines) for the wall."""
    if step == "problem":
        problem = plan.problem
        return [
            (_("Problem"), _paragraphs(problem.statement)),
            (_("Origin"), [method.label("origin", problem.origin)]),
            (_("Concerns"), [method.label("concerns", c) for c in problem.concerns]),
            (_("Level of resolution"), [method.label("scope", problem.scope)]),
            (
                _("Partners and stakeholders"),
                [" — ".join(filter(None, (s.name, s.role))) for s in plan.stakeholders],
            ),
        ]
    if step == "vision":
        return [
            (_("Vision"), _paragraphs(plan.vision.statement)),
            (_("Outcomes"), list(plan.vision.outcomes)),
        ]
    if step == "planning":
        documentation = plan.documentation
        return [
            (
                _("Actions"),
                [
                    f"{n}. {_action_line(a)}"
                    for n, a in enumerate(
                        (a for a in plan.actions if a.status != "dropped"), start=1
                    )
                ],
            ),
            (
                _("Documentation"),
                [" — ".join(filter(None, (documentation.owner, documentation.method)))],
            ),
        ]
    monitoring = plan.monitoring
    review = show_date(monitoring.next_review) if monitoring.next_review else ""
    return [
        (_("Success indicators"), [_indicator_line(i) for i in plan.indicators]),
        (_("Cadence"), [method.label("cadence", monitoring.cadence)]),
        (_("Next review"), [review]),
    ]


class ProjectorScreen(Screen[None]):
    """The room view of one step; F9 or Escape goes back to the step."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f9", "back", _("Back to the step"), key_display="F9", priority=True),
        Binding("escape", "back", _("Back to the step"), show=False),
        Binding("f8", "timer", _("Start or pause the timer"), key_display="F8", priority=True),
        Binding("ctrl+t", "extend_timer", _("Add 5 minutes"), show=False, priority=True),
        Binding("f7", "park", _("Parking lot"), key_display="F7", priority=True),
        Binding(
            "left",
            "question(-1)",
            _("Previous question"),
            key_display="←",
            priority=True,
            show=False,
        ),
        Binding(
            "right", "question(1)", _("Next question"), key_display="→", priority=True, show=False
        ),
    ]

    DEFAULT_CSS = """
    ProjectorScreen { background: $background; padding: 0 2; }
    ProjectorScreen.-wide { padding: 1 6; }
    ProjectorScreen #room-head { height: auto; }
    ProjectorScreen #room-titles { width: 1fr; height: auto; }
    ProjectorScreen #room-step {
        text-style: bold; color: $text-primary; padding-top: 1;
    }
    ProjectorScreen #room-count { color: $text-muted; }
    ProjectorScreen #room-question {
        text-style: bold; color: $foreground; height: auto;
        border-left: thick $primary; padding: 0 1; margin: 1 0;
    }
    ProjectorScreen #room-answers { height: 1fr; scrollbar-size-vertical: 1; }
    ProjectorScreen .room-heading { text-style: bold; color: $text-primary; }
    ProjectorScreen .room-answer { color: $foreground; padding-left: 2; }
    ProjectorScreen.-wide .room-answer { margin-bottom: 1; }
    ProjectorScreen .room-none { color: $text-muted; padding-left: 2; text-style: italic; }
    """

    def __init__(self, owner: RoomScreen) -> None:
        super().__init__()
        self.owner = owner
        self.step = owner.STEP
        self.questions = method.step_guidance(self.step).questions
        self.previous_theme = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="room-head"):
            with Vertical(id="room-titles"):
                number = method.step_number(self.step)
                title = _("Step {number} of {count}: {title}").format(
                    number=number, count=len(STEPS), title=method.step_title(self.step)
                )
                yield Static(Content(title), id="room-step")
                yield Static("", id="room-count", markup=False)
            yield BigTimer(self.owner.session.path, self.step, id="room-timer")
        yield Static("", id="room-question", markup=False)
        with VerticalScroll(id="room-answers"):
            yield from self.answers()
        yield Footer()

    def answers(self) -> list[Widget]:
        widgets: list[Widget] = []
        for heading, lines in room_answers(self.owner.plan, self.step):
            widgets.append(Static(Content(heading), classes="room-heading"))
            shown = [strip_control(line).strip() for line in lines]
            shown = [line for line in shown if line]
            if not shown:
                widgets.append(Static(Content(_("nothing yet")), classes="room-none"))
            for line in shown:
                widgets.append(Static(Content(line), classes="room-answer"))
        return widgets

    def on_mount(self) -> None:
        self.previous_theme = self.app.theme
        self.app.theme = projector_theme(self.app)
        self.query_one(BigTimer).show(self.owner.box)
        self.show_question()

    @property
    def question_index(self) -> int:
        index = self.owner.room.question.get(self.step, 0)
        return min(max(index, 0), len(self.questions) - 1)

    def show_question(self) -> None:
        index = self.question_index
        self.query_one("#room-count", Static).update(
            Content(
                _("Question {number} of {count} · ← →").format(
                    number=index + 1, count=len(self.questions)
                )
            )
        )
        self.query_one("#room-question", Static).update(Content(self.questions[index]))

    def action_question(self, offset: int) -> None:
        self.owner.room.question[self.step] = self.question_index + offset
        self.show_question()

    def action_back(self) -> None:
        self.app.theme = self.previous_theme
        self.dismiss(None)

    def action_timer(self) -> None:
        self.owner.action_timer()

    def action_extend_timer(self) -> None:
        self.owner.action_extend_timer()

    def action_park(self) -> None:
        self.owner.action_park()
