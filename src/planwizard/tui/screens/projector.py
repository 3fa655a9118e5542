"""F9: the room view, for the projector: the step, one question, the group's answers.

No side panels, no form: a column of comfortable measure (about 70 characters) in the
middle of the wall, generous spacing, the question in bold, big digits for the clock, a
high-contrast theme, and only what the group has said so far. At step 1 the partner-
choice questions follow the problem's, in turn. What is said of a partner's trust or
risks stays off the wall until the facilitator asks for it (`a`): partners show by name
and role only. In step 4 each indicator shows its latest reading against baseline and
target. Text is wrapped here, keeping no-break spaces (French « » ? :) unbroken. The
same key goes back to the step, with everything typed still there.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from planwizard import clock, fields, method
from planwizard.dates import show_date
from planwizard.fields import ROOM
from planwizard.i18n import _, format_number, format_percent
from planwizard.method import STEPS
from planwizard.model import Action, Indicator, Plan
from planwizard.review import Reading, earlier_readings
from planwizard.text import one_line, strip_control
from planwizard.tui.styles import beside
from planwizard.tui.themes import projector_theme
from planwizard.tui.widgets.timer import BigTimer

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module

if TYPE_CHECKING:
    from planwizard.tui.room_screen import RoomScreen


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


def _indicator_line(indicator: Indicator, latest: Reading | None = None) -> str:
    unit = f"\u00a0{one_line(indicator.unit)}" if indicator.unit else ""
    figures = _("baseline {baseline} → target {target}").format(
        baseline=_number(indicator.baseline), target=f"{_number(indicator.target)}{unit}"
    )
    line = _("{label}: {value}").format(label=one_line(indicator.name), value=figures)
    if latest is not None:
        reading = _("latest reading {value} on {date}").format(
            value=f"{_number(latest.value)}{unit}", date=show_date(latest.date)
        )
        line += f" · {reading}"
        if latest.progress is not None:
            line += f" ({format_percent(latest.progress)})"
    return line if indicator.measured else _("{name} (dropped)").format(name=line)


def room_questions(step: str, wording: str = "") -> list[tuple[str, str]]:
    """The questions the room view goes through at `step`, each with its set's title: at
    step 1 the problem's, then the six for choosing partners (seed 003)."""
    sets = [method.step_guidance(step, wording)]
    if step == "problem":
        sets.append(method.partner_guidance(wording))
    return [(guidance.title, question) for guidance in sets for question in guidance.questions]


def _stakeholder_lines(plan: Plan, analysis: bool) -> list[str]:
    """Each partner by name and role; with `analysis`, what the group said of them below,
    one field a line (the catalogue's `analysis` fields)."""
    shown = fields.STAKEHOLDERS.shown(ROOM)
    named = [f for f in shown if not f.analysis]
    said = [f for f in shown if f.analysis] if analysis else []
    lines: list[str] = []
    for stakeholder in plan.stakeholders:
        lines.append(" — ".join(filter(None, (getattr(stakeholder, f.name) for f in named))))
        for f in said:
            text = getattr(stakeholder, f.name)
            if text.strip():
                lines.append(f"    {f.form_title()}: {one_line(text)}")
    return lines


def _plain_answers(table: fields.Table, item: object) -> list[tuple[str, list[str]]]:
    """A step's plain fields on the wall, each under its form's label."""
    return [(f.form_title(), fields.room_lines(f, item)) for f in table.shown(ROOM)]


def room_answers(plan: Plan, step: str, *, analysis: bool = False) -> list[tuple[str, list[str]]]:
    """What the group has said at `step`, as (heading, lines) for the wall.

    `analysis`: the partners' trust, relations, risks, champions and focal points too
    (sensitive: only when the facilitator asks).
    """
    if step == "problem":
        return [
            *_plain_answers(fields.PROBLEM, plan.problem),
            (_("Partners and stakeholders"), _stakeholder_lines(plan, analysis)),
        ]
    if step == "vision":
        return _plain_answers(fields.VISION, plan.vision)
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
    today = clock.today()
    indicators = [
        _indicator_line(i, next(reversed(earlier_readings(plan, i, today)), None))
        for i in plan.indicators
    ]
    return [
        (_("Success indicators"), indicators),
        *_plain_answers(fields.MONITORING, plan.monitoring),
    ]


def wrap_keeping_no_breaks(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width`, broken only at ordinary spaces.

    Textual breaks lines at any white space, no-break spaces included, which leaves a
    French « ? » or « » » alone at the start of a line on the wall. Python's textwrap
    breaks only at ASCII white space: U+00A0 and U+202F hold.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width=max(width, 1),
            break_on_hyphens=False,
            break_long_words=True,
            replace_whitespace=False,
            drop_whitespace=True,
        )
        lines.extend(wrapped or [""])
    return lines


class WallText(Static):
    """A paragraph for the wall, wrapped by :func:`wrap_keeping_no_breaks`."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.wall_text = strip_control(text)

    def set_text(self, text: str) -> None:
        self.wall_text = strip_control(text)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[str]:
        return wrap_keeping_no_breaks(self.wall_text, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n".join(self._lines(self.content_region.width or 60)))


class ProjectorScreen(Screen[None]):
    """The room view of one step; F9 or Escape goes back to the step."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f9", "back", _("Back to the step"), key_display="F9", priority=True),
        Binding("escape", "back", _("Back to the step"), show=False),
        Binding("f8", "timer", _("Start or pause the timer"), key_display="F8", priority=True),
        Binding("shift+f8", "extend_timer", _("Add 5 minutes"), show=False, priority=True),
        Binding("f7", "park", _("Parking lot"), key_display="F7", priority=True),
        # Sensitive: what is said of each partner shows only when the facilitator asks.
        # Off the footer (80 columns): the partners' heading names the key.
        Binding("a", "analysis", _("Partners' analysis"), priority=True, show=False),
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

    CSS_PATH = STYLES

    def __init__(self, owner: RoomScreen) -> None:
        super().__init__()
        self.owner = owner
        self.step = owner.STEP
        self.questions = room_questions(self.step, owner.plan.workshop.questions)
        self.previous_theme = ""
        #: Whether the partners' analysis (trust, risks…) is on the wall.
        self.analysis = False

    def compose(self) -> ComposeResult:
        with Vertical(id="room-column"):
            with Horizontal(id="room-head"):
                with Vertical(id="room-titles"):
                    number = method.step_number(self.step)
                    title = _("Step {number} of {count}: {title}").format(
                        number=number, count=len(STEPS), title=method.step_title(self.step)
                    )
                    yield Static(Content(title), id="room-step")
                    yield Static("", id="room-count", markup=False)
                yield BigTimer(self.owner.session.path, self.step, id="room-timer")
            yield WallText(id="room-question")
            with VerticalScroll(id="room-answers"):
                yield from self.answers()
        yield Footer()

    def answers(self) -> list[Widget]:
        widgets: list[Widget] = []
        stakeholders = _("Partners and stakeholders")
        for heading, lines in room_answers(self.owner.plan, self.step, analysis=self.analysis):
            title = Content(heading)
            if heading == stakeholders and lines:
                key = _("a hides their analysis") if self.analysis else _("a: their analysis")
                title = Content.assemble(heading, "  ", (key, "dim italic"))
            widgets.append(Static(title, classes="room-heading"))
            shown = [strip_control(line).rstrip() for line in lines]
            shown = [line for line in shown if line.strip()]
            if not shown:
                widgets.append(Static(Content(_("nothing yet")), classes="room-none"))
            for line in shown:
                detail = line.startswith("    ")
                widgets.append(
                    WallText(line.strip(), classes="room-detail" if detail else "room-answer")
                )
        return widgets

    async def action_analysis(self) -> None:
        """Show or hide what is said of each partner (asked for by the facilitator)."""
        if self.step != "problem":
            return
        self.analysis = not self.analysis
        holder = self.query_one("#room-answers", VerticalScroll)
        await holder.remove_children()
        await holder.mount_all(self.answers())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "analysis":
            return self.step == "problem" and bool(self.owner.plan.stakeholders)
        return True

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
        section, question = self.questions[index]
        count = _("Question {number} of {count} · ← →").format(
            number=index + 1, count=len(self.questions)
        )
        if section != self.questions[0][0]:
            count = f"{count} · {section}"
        self.query_one("#room-count", Static).update(Content(count))
        self.query_one("#room-question", WallText).set_text(question)

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
