"""Monitoring arithmetic: readings, progress towards targets, what is overdue, review dates.

Pure functions of a plan and a date; "today" is always passed in (from
`planwizard.clock`), never read here, so results never change with the calendar.

Reviews may stand in the file in any order (two branches merged, a forgotten review
typed in later): everything here orders them by date, and reviews of the same date by
their place in the file, so that the later-written one counts as the later.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from planwizard.dates import DUE_SOON_DAYS
from planwizard.i18n import PERCENT_LIMIT
from planwizard.model import Action, Cadence, Indicator, Measurement, Number, Plan, Review

# --------------------------------------------------------------------- review dates

#: Months between two reviews, per cadence.
CADENCE_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month.

    2027-01-31 + 1 month is 2027-02-28, and 2028-02-29 + 12 months is 2029-02-28: a
    review never slips into the month after the one the cadence names.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def next_review_date(from_date: dt.date, cadence: Cadence | str) -> dt.date:
    """The review after one held on `from_date`, one cadence later."""
    try:
        months = CADENCE_MONTHS[cadence]
    except KeyError:
        raise ValueError(f"unknown cadence {cadence!r}") from None
    return add_months(from_date, months)


def reviews_in_order(plan: Plan) -> list[Review]:
    """The plan's reviews by date; same-date reviews keep their order in the file."""
    return sorted(plan.reviews, key=lambda r: r.date)


def latest_review(plan: Plan) -> Review | None:
    ordered = reviews_in_order(plan)
    return ordered[-1] if ordered else None


def planned_review(plan: Plan) -> dt.date | None:
    """When the next review is due.

    The agreed `monitoring.next_review` when there is one. Without it, a plan with a
    cadence still gets reminded: one cadence after its latest review, or after its
    workshop when it has had no review yet.
    """
    monitoring = plan.monitoring
    if monitoring.next_review is not None:
        return monitoring.next_review
    if monitoring.cadence is None:
        return None
    last = latest_review(plan)
    start = last.date if last is not None else (plan.workshop.date or plan.created)
    return next_review_date(start, monitoring.cadence) if start is not None else None


def review_due(plan: Plan, today: dt.date) -> bool:
    """True from the day the next review falls due until a review sets a later date."""
    planned = planned_review(plan)
    return planned is not None and planned <= today


# ---------------------------------------------------------------- readings, progress


def readings(plan: Plan, indicator_id: str) -> list[tuple[Measurement, Review]]:
    """Every reading of an indicator with its review, oldest review first."""
    found: list[tuple[Measurement, Review]] = []
    for review in reviews_in_order(plan):
        for measurement in review.measurements:
            if measurement.indicator == indicator_id:
                found.append((measurement, review))
    return found


def readings_by_indicator(plan: Plan) -> dict[str, list[tuple[Measurement, Review]]]:
    """`readings` of every indicator at once, by indicator id: one pass over the reviews,
    for a caller that goes through all the indicators (a plan may hold thousands)."""
    found: dict[str, list[tuple[Measurement, Review]]] = {}
    for review in reviews_in_order(plan):
        for measurement in review.measurements:
            found.setdefault(measurement.indicator, []).append((measurement, review))
    return found


def latest_reading(plan: Plan, indicator_id: str) -> Measurement | None:
    history = readings(plan, indicator_id)
    return history[-1][0] if history else None


def progress(indicator: Indicator, value: Number, start: Number | None = None) -> float | None:
    """Share of the way from baseline to target, 0.0 at baseline and 1.0 at target.

    Works for figures that should fall (target below baseline) as well as rise. Not
    clamped to 0..1: above 1.0 is beyond the target, below 0.0 is worse than the
    baseline; only to ±PROGRESS_LIMIT, so that it is always a finite number.

    None when there is no target (no way to speak of), or no baseline and no `start`:
    counting from zero would call a waiting time of 20 days "400% of the way" to a
    target of 5. Callers holding the plan use :func:`progress_in_plan`, which takes
    the first reading as the start when the group did not know the baseline.

    When baseline and target are equal (keep a figure where it is), the value is 1.0
    on the target and 0.0 anywhere else.
    """
    if indicator.target is None:
        return None
    base = indicator.baseline if indicator.baseline is not None else start
    if base is None:
        return None
    target = indicator.target
    if base == target:
        return 1.0 if value == target else 0.0
    # Exact rational arithmetic: exactly 0 at the baseline and 1 at the target, and no
    # overflow for far-apart floats. Clamped to ±PROGRESS_LIMIT so that whatever shows
    # it (a percentage, a bar) has a finite number to work with.
    share = (Fraction(value) - Fraction(base)) / (Fraction(target) - Fraction(base))
    return float(min(max(share, Fraction(-PROGRESS_LIMIT)), Fraction(PROGRESS_LIMIT)))


#: The farthest share of the way that progress reports, either side (100,000 %): a
#: reading beyond is shown as out of that range rather than as a number of percent.
PROGRESS_LIMIT = PERCENT_LIMIT


def position(value: Number, low: Number, high: Number) -> float:
    """Where `value` lies between `low` and `high`, from 0.0 to 1.0 (clamped).

    Exact, so that readings as far apart as 1e308 and -1e308 still give a position.
    """
    if high == low:
        return 0.5
    share = (Fraction(value) - Fraction(low)) / (Fraction(high) - Fraction(low))
    return float(min(max(share, Fraction(0)), Fraction(1)))


def effective_baseline(plan: Plan, indicator: Indicator) -> Number | None:
    """The indicator's baseline, or its first reading when the baseline was unknown."""
    if indicator.baseline is not None:
        return indicator.baseline
    history = readings(plan, indicator.id)
    return history[0][0].value if history else None


def progress_in_plan(plan: Plan, indicator: Indicator, value: Number) -> float | None:
    """:func:`progress` of `value`, starting from the first reading if there is no baseline."""
    return progress(indicator, value, effective_baseline(plan, indicator))


def latest_progress(plan: Plan, indicator: Indicator) -> float | None:
    """Progress at the latest reading; None before the first reading."""
    reading = latest_reading(plan, indicator.id)
    return progress_in_plan(plan, indicator, reading.value) if reading is not None else None


# --------------------------------------------------------------- plan at a glance

#: Actions that still call for work; "done" and "dropped" ones never count as overdue.
OPEN_STATUSES = frozenset({"planned", "in-progress", "blocked"})


def is_open(action: Action) -> bool:
    return action.status in OPEN_STATUSES


def is_overdue(action: Action, today: dt.date) -> bool:
    """Open and past its due date; an action due today is not late yet."""
    return is_open(action) and action.due is not None and action.due < today


def overdue_actions(plan: Plan, today: dt.date) -> list[Action]:
    """Open actions whose due date has passed, most overdue first."""
    late = [a for a in plan.actions if is_overdue(a, today)]
    return sorted(late, key=lambda a: (a.due or today, a.title))


def due_soon_actions(plan: Plan, today: dt.date, within: int = DUE_SOON_DAYS) -> list[Action]:
    """Open actions due from today to `within` days ahead (both included), soonest first."""
    horizon = today + dt.timedelta(days=max(within, 0))
    soon = [a for a in plan.actions if is_open(a) and a.due and today <= a.due <= horizon]
    return sorted(soon, key=lambda a: (a.due or today, a.title))


def next_deadline(plan: Plan, today: dt.date) -> dt.date | None:
    """The earliest due date among open actions not yet past."""
    dates = [a.due for a in plan.actions if is_open(a) and a.due and a.due >= today]
    return min(dates, default=None)


def elapsed_share(plan: Plan, today: dt.date) -> float | None:
    """Share of the plan's time gone by: from its start to its last action's due date.

    The start is the workshop (or, failing that, the plan's creation); dropped actions
    do not stretch the plan. Between 0.0 and 1.0; None without a start or a due date.
    """
    start = plan.workshop.date or plan.created
    dues = [a.due for a in plan.actions if a.due and a.status != "dropped"]
    if start is None or not dues:
        return None
    end = max(dues)
    if end <= start:
        return 1.0 if today >= end else 0.0
    return min(max((today - start).days / (end - start).days, 0.0), 1.0)


OffTrackReason = Literal["no-reading", "behind"]


@dataclass(frozen=True)
class OffTrack:
    """An indicator that needs the group's attention, and why.

    "no-reading": the latest review recorded no reading of it. "behind": its latest
    reading is a smaller share of the way to the target than the share of the plan's
    time already gone (`progress` < `elapsed`).
    """

    indicator: Indicator
    reason: OffTrackReason
    progress: float | None = None
    elapsed: float | None = None


def off_track_details(plan: Plan, today: dt.date) -> list[OffTrack]:
    """Indicators off track, in plan order, with the reason.

    An indicator never read is not judged "behind": the baseline is not a measurement,
    and every indicator would otherwise turn red the day after the workshop. Reviews
    dated after `today` are left out, so a report for an earlier `--today` is stable.
    """
    held = [r for r in reviews_in_order(plan) if r.date <= today]
    latest = held[-1] if held else None
    share = elapsed_share(plan, today)
    found: list[OffTrack] = []
    read_last = {m.indicator for m in latest.measurements} if latest is not None else set()
    values_of: dict[str, list[Number]] = {}  # one pass: a plan may hold thousands
    for review in held:
        for measurement in review.measurements:
            values_of.setdefault(measurement.indicator, []).append(measurement.value)
    for indicator in plan.measured_indicators():
        if latest is not None and indicator.id not in read_last:
            found.append(OffTrack(indicator, "no-reading", elapsed=share))
            continue
        values = values_of.get(indicator.id, [])
        if not values or share is None:
            continue
        start = indicator.baseline if indicator.baseline is not None else values[0]
        done = progress(indicator, values[-1], start)
        if done is not None and done < share:
            found.append(OffTrack(indicator, "behind", progress=done, elapsed=share))
    return found


def off_track_indicators(plan: Plan, today: dt.date) -> list[Indicator]:
    """Indicators with no reading at the latest review, or progress behind the time elapsed."""
    return [item.indicator for item in off_track_details(plan, today)]


@dataclass(frozen=True)
class PlanSummary:
    """What the home screen and `planwizard status` show for one plan."""

    actions_total: int
    actions_done: int
    overdue: list[Action]
    due_soon: list[Action]
    next_deadline: dt.date | None
    #: The agreed next review, or one derived from the cadence (see `planned_review`).
    next_review: dt.date | None
    review_due: bool
    off_track: list[Indicator]
    #: The same indicators as `off_track`, with the reason and the figures behind it.
    off_track_details: list[OffTrack] = field(default_factory=list)
    #: Share of the plan's time gone by (see `elapsed_share`).
    elapsed: float | None = None
    last_review: dt.date | None = None


def summarize(plan: Plan, today: dt.date, within: int = DUE_SOON_DAYS) -> PlanSummary:
    live = [a for a in plan.actions if a.status != "dropped"]
    details = off_track_details(plan, today)
    last = latest_review(plan)
    return PlanSummary(
        actions_total=len(live),
        actions_done=sum(1 for a in live if a.status == "done"),
        overdue=overdue_actions(plan, today),
        due_soon=due_soon_actions(plan, today, within),
        next_deadline=next_deadline(plan, today),
        next_review=planned_review(plan),
        review_due=review_due(plan, today),
        off_track=[item.indicator for item in details],
        off_track_details=details,
        elapsed=elapsed_share(plan, today),
        last_review=last.date if last is not None else None,
    )
