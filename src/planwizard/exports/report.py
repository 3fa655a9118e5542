"""The plan as a report: sections of paragraphs, label/value lists and tables.

Markdown and HTML render this one structure, so that both show the same content in
the same order. Everything here is plain text (control characters removed): escaping
belongs to each renderer, which escapes every string, ours and the plan's alike.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from planwizard import clock, fields, method, monitoring
from planwizard.exports.labels import (
    MISSING,
    clean,
    flat,
    format_date,
    format_number,
    status_label,
    yes_no,
)
from planwizard.fields import REPORT
from planwizard.i18n import _, format_percent, with_unit
from planwizard.model import Action, Indicator, Measurement, Plan, Review


@dataclass(frozen=True)
class Paragraph:
    """Plan text shown as written, line breaks kept."""

    text: str


@dataclass(frozen=True)
class Note:
    """Our own remark, such as "No review yet."; shown in italics."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label/value pairs; an empty value shows as a dash."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class StatusCounts:
    """How many actions are at each status, in the vocabulary's order (a bar in HTML)."""

    counts: list[tuple[str, str, int]]  # (status code, label, count)


@dataclass(frozen=True)
class IndicatorChart:
    """One indicator's readings over the reviews, against its baseline and target."""

    name: str
    unit: str
    baseline: float | None
    target: float | None
    points: list[tuple[str, float]]  # (date as written, value), oldest first


Block = Paragraph | Note | Fields | Bullets | Table | StatusCounts | IndicatorChart


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Report:
    title: str
    meta: Fields
    sections: list[Section]
    #: Which version this is, said at the top: "team" (everything) or "partners".
    audience: str = "team"
    #: One sentence under the title saying who the version is for and what it leaves out.
    version_note: str = ""


#: Who a report is for. The team's version is the whole plan; the partners' version, for
#: people outside the group (an authority, a donor), leaves out what the group said about
#: them: the stakeholder analysis (trust, relationships, risks, champions), the parking
#: lot and the internal notes (the problem's notes, the notes of review updates).
AUDIENCES: tuple[str, ...] = ("team", "partners")


def version_note(audience: str) -> str:
    if audience == "team":
        return _(
            "Team version: the whole plan, with the stakeholder analysis, the parking lot "
            "and internal notes. Not for distribution outside the group."
        )
    return _(
        "Partners version: without the stakeholder analysis, the parking lot or internal notes."
    )


# -- lookups: by id, made once per report ------------------------------------------------
#
# A report names an action for each review update and reads each indicator's history:
# looked up in the plan's lists each time, a plan of thousands of actions and reviews
# took time in the square of its size. The indexes are made once per report instead.


class _Lookups:
    """The plan's actions and indicators by id (the first of an id, as Plan.action
    finds it), and each indicator's readings, oldest review first."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.actions: dict[str, Action] = {}
        for action in plan.actions:
            self.actions.setdefault(action.id, action)
        self.indicators: dict[str, Indicator] = {}
        for indicator in plan.indicators:
            self.indicators.setdefault(indicator.id, indicator)
        self.history = monitoring.readings_by_indicator(plan)

    def readings(self, indicator_id: str) -> list[tuple[Measurement, Review]]:
        return self.history.get(indicator_id, [])


_LOOKUPS: contextvars.ContextVar[_Lookups | None] = contextvars.ContextVar(
    "report_lookups", default=None
)


def _lookups(plan: Plan) -> _Lookups:
    """The lookups of the report being built for `plan`, or new ones."""
    made = _LOOKUPS.get()
    return made if made is not None and made.plan is plan else _Lookups(plan)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _with_lookups(build: Callable[_P, _R]) -> Callable[_P, _R]:
    """`build(plan, ...)` with the plan's lookups made once, for every part it builds."""

    @functools.wraps(build)
    def building(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        plan = args[0] if args else kwargs["plan"]
        assert isinstance(plan, Plan)
        made = _LOOKUPS.set(_Lookups(plan))
        try:
            return build(*args, **kwargs)
        finally:
            _LOOKUPS.reset(made)

    return building


@_with_lookups
def build_report(plan: Plan, audience: str = "partners", today: dt.date | None = None) -> Report:
    """The plan, step by step, in the interface language, for `audience` (see AUDIENCES),
    after a summary of where it stands on `today` (default: the clock)."""
    from planwizard.exports.report_recommendations import recommendations_section

    team = audience == "team"
    day = today if today is not None else clock.today()
    recommendations = recommendations_section(plan, team, day)  # None: the plan has none
    return Report(
        title=flat(plan.title) or plan.id,
        meta=_meta(plan, audience),
        sections=[
            _summary(plan, day),
            _problem(plan, team),
            _vision(plan),
            _planning(plan),
            _monitoring(plan, team),
            *([recommendations] if recommendations else []),
        ],
        audience="team" if team else "partners",
        version_note=version_note("team" if team else "partners"),
    )


def _summary(plan: Plan, today: dt.date) -> Section:
    """Where the plan stands, for a reader with one page: its vision, its actions by
    status, what is late, when it is next reviewed."""
    vision = flat(plan.vision.statement)
    late = monitoring.overdue_actions(plan, today)
    upcoming = monitoring.planned_review(plan)
    blocks: list[Block] = [
        Fields(
            [
                (_("Vision"), vision),
                (_("As of"), format_date(today)),
                (_("Next review"), format_date(upcoming)),
            ]
        )
    ]
    counts = [
        (status, label, sum(1 for a in plan.actions if a.status == status))
        for status, label in method.labels("status").items()
    ]
    if plan.actions:
        blocks.append(StatusCounts(counts))
    if late:
        blocks.append(
            Table(
                [_("Overdue action"), _("Owner"), _("Due")],
                [[clean(a.title), clean(a.owner), format_date(a.due)] for a in late],
            )
        )
    else:
        blocks.append(Note(_("No action is overdue.")))
    charts = [_chart(plan, i) for i in plan.indicators if i.dropped is None]
    blocks.extend(chart for chart in charts if chart.points)
    return Section(_("Summary"), blocks)


def _chart(plan: Plan, indicator: Indicator) -> IndicatorChart:
    points = [
        (format_date(review.date), float(reading.value))
        for reading, review in _lookups(plan).readings(indicator.id)
        if isinstance(review, Review)
    ]
    return IndicatorChart(
        name=clean(indicator.name or indicator.id),
        unit=flat(indicator.unit),
        baseline=None if indicator.baseline is None else float(indicator.baseline),
        target=None if indicator.target is None else float(indicator.target),
        points=points,
    )


# -- the catalogue's fields (planwizard.fields) as the report shows them ---------------


def _field_rows(
    table: fields.Table, item: Any, plan: Plan, *, team: bool = True, skip: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """A plain table's fields shown in the report, as label/value pairs."""
    return [
        (f.title(), fields.show(f, item, REPORT, plan).strip())
        for f in table.shown(REPORT, team=team)
        if f.name not in skip and f.table is None
    ]


def _items_table(table: fields.Table, items: list[Any], plan: Plan, *, team: bool = True) -> Table:
    """A list of items, one row each, in the catalogue's columns."""
    return Table(
        fields.headers(table, REPORT, team=team),
        [fields.row(table, item, REPORT, plan, team=team) for item in items],
    )


def _meta(plan: Plan, audience: str) -> Fields:
    version = _("For the team") if audience == "team" else _("For partners")
    return Fields(
        [
            (_("Version"), version),
            # The title is the report's own heading.
            *_field_rows(fields.PLAN, plan, plan, skip=("title",)),
            *_field_rows(fields.WORKSHOP, plan.workshop, plan),
        ]
    )


def _problem(plan: Plan, team: bool) -> Section:
    problem = plan.problem
    statement: Block = (
        Paragraph(clean(problem.statement).strip())
        if problem.statement.strip()
        else Note(_("No problem statement yet."))
    )
    # The statement is the section's paragraph; the partners' version leaves out the
    # notes, and what the group said of each stakeholder (see AUDIENCES).
    diagnostic = Fields(_field_rows(fields.PROBLEM, problem, plan, team=team, skip=("statement",)))
    stakeholders: Block = (
        _items_table(fields.STAKEHOLDERS, plan.stakeholders, plan, team=team)
        if plan.stakeholders
        else Note(_("No stakeholders listed."))
    )
    return Section(
        _("Problem analysis"),
        subsections=[
            Section(_("The problem"), [statement]),
            Section(_("Diagnosis"), [diagnostic]),
            Section(_("Stakeholders"), [stakeholders]),
        ],
    )


def _vision(plan: Plan) -> Section:
    vision = plan.vision
    blocks: list[Block] = [
        Paragraph(clean(vision.statement).strip())
        if vision.statement.strip()
        else Note(_("No vision of the change yet."))
    ]
    outcomes: Block = (
        Bullets([clean(o).strip() for o in vision.outcomes])
        if vision.outcomes
        else Note(_("No outcome listed."))
    )
    return Section(
        _("Visualising the change"),
        blocks,
        subsections=[Section(_("Outcomes that will show the change"), [outcomes])],
    )


def _planning(plan: Plan) -> Section:
    actions: Block = (
        _items_table(fields.ACTIONS, plan.actions, plan)
        if plan.actions
        else Note(_("No action yet."))
    )
    documentation = plan.documentation
    return Section(
        _("Planning"),
        subsections=[
            Section(_("Actions"), [actions]),
            Section(
                _("Documentation"),
                [Fields(_field_rows(fields.DOCUMENTATION, documentation, plan))],
            ),
        ],
    )


def _parking_lot(plan: Plan) -> Section:
    waiting = [clean(p.text).strip() for p in plan.parking_lot if p.status == "open"]
    return Section(
        _("Parking lot"),
        [Bullets(waiting) if waiting else Note(_("No point left in the parking lot."))],
    )


def _monitoring(plan: Plan, team: bool) -> Section:
    schedule = Fields(_field_rows(fields.MONITORING, plan.monitoring, plan))
    indicators: Block = (
        Table(
            _after_target(
                fields.headers(fields.INDICATORS, REPORT), _("Latest reading"), _("Progress")
            ),
            [_indicator_row(plan, i) for i in plan.indicators],
        )
        if plan.indicators
        else Note(_("No success indicator yet."))
    )
    history = [_review_section(plan, r, team) for r in sorted(plan.reviews, key=lambda r: r.date)]
    subsections = [
        Section(_("Indicators"), [indicators]),
        Section(
            _("Review history"),
            [] if history else [Note(_("No review yet."))],
            subsections=history,
        ),
    ]
    if team:
        subsections.append(_parking_lot(plan))
    return Section(_("Monitoring"), [schedule], subsections=subsections)


def _indicator_row(plan: Plan, indicator: Indicator) -> list[str]:
    history = _lookups(plan).readings(indicator.id)
    latest = ""
    share: float | None = None
    if history:
        reading, review = history[-1]
        latest = format_number(reading.value)
        if isinstance(review, Review):
            latest = _("{value} ({date})").format(value=latest, date=format_date(review.date))
        share = monitoring.progress(indicator, reading.value)
    cells = fields.row(fields.INDICATORS, indicator, REPORT, plan)
    return _after_target(cells, latest, format_percent(share))


def _after_target(cells: list[str], *readings: str) -> list[str]:
    """An indicator's columns with the readings' after its target."""
    at = [f.name for f in fields.INDICATORS.shown(REPORT)].index("target") + 1
    return [*cells[:at], *readings, *cells[at:]]


def _review_section(plan: Plan, review: Review, team: bool) -> Section:
    blocks: list[Block] = [
        Fields(
            [
                (_("Facilitator"), clean(review.facilitator)),
                (_("Problem to revisit"), yes_no(review.revisit_problem)),
            ]
        )
    ]
    if review.summary.strip():
        blocks.append(Paragraph(clean(review.summary).strip()))
    if review.updates:
        headers = [_("Action"), _("Status"), _("Done"), _("Not done"), _("Why")]
        updates = [
            [
                _action_name(plan, u.action),
                status_label(u.status),
                clean(u.done),
                clean(u.not_done),
                clean(u.why),
            ]
            + ([clean(u.note)] if team else [])
            for u in review.updates
        ]
        blocks.append(Table([*headers, _("Note")] if team else headers, updates))
    if review.measurements:
        rows: list[list[str]] = []
        for m in review.measurements:
            indicator = _lookups(plan).indicators.get(m.indicator)
            share = monitoring.progress(indicator, m.value) if indicator else None
            rows.append(
                [
                    clean(indicator.name or indicator.id) if indicator else clean(m.indicator),
                    _value_with_unit(m.value, indicator),
                    clean(m.note),
                    format_percent(share),
                ]
            )
        blocks.append(Table([_("Indicator"), _("Reading"), _("Note"), _("Progress")], rows))
    return Section(_("Review of {date}").format(date=format_date(review.date)), blocks)


def _action_name(plan: Plan, action_id: str) -> str:
    action = _lookups(plan).actions.get(action_id)
    return clean(action.title or action.id) if action else clean(action_id)


def _value_with_unit(value: float | int, indicator: Indicator | None) -> str:
    return with_unit(value, flat(indicator.unit) if indicator else "")


def field_or_missing(value: str) -> str:
    """What a label/value list shows for a value."""
    return value if value.strip() else MISSING
