"""Monitoring arithmetic: readings, progress towards targets, what is overdue.

Pure functions of a plan and a date; "today" is always passed in (from
`planwizard.clock`), never read here, so results never change with the calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planwizard.model import Action, Indicator, Measurement, Number, Plan


def readings(plan: Plan, indicator_id: str) -> list[tuple[Measurement, object]]:
    """Every reading of an indicator with its review, oldest review first."""
    found: list[tuple[Measurement, object]] = []
    for review in sorted(plan.reviews, key=lambda r: r.date):
        for measurement in review.measurements:
            if measurement.indicator == indicator_id:
                found.append((measurement, review))
    return found


def latest_reading(plan: Plan, indicator_id: str) -> Measurement | None:
    history = readings(plan, indicator_id)
    return history[-1][0] if history else None


def progress(indicator: Indicator, value: Number) -> float | None:
    """Share of the way from baseline to target, 0.0 at baseline and 1.0 at target.

    Works for figures that should fall (target below baseline) as well as rise. Without
    a target there is no progress to speak of; without a baseline the way starts at 0.
    Not clamped: above 1.0 is beyond the target, below 0.0 is worse than the baseline.
    """
    if indicator.target is None:
        return None
    start = indicator.baseline if indicator.baseline is not None else 0
    span = indicator.target - start
    if span == 0:
        return 1.0 if value == indicator.target else 0.0
    return (value - start) / span


# --------------------------------------------------------------- plan at a glance

#: Actions that still call for work; "done" and "dropped" ones never count as overdue.
OPEN_STATUSES = frozenset({"planned", "in-progress", "blocked"})
DUE_SOON_DAYS = 30


def overdue_actions(plan: Plan, today: dt.date) -> list[Action]:
    """Open actions whose due date has passed, most overdue first."""
    late = [a for a in plan.actions if a.status in OPEN_STATUSES and a.due and a.due < today]
    return sorted(late, key=lambda a: (a.due or today, a.title))


def due_soon_actions(plan: Plan, today: dt.date, within: int = DUE_SOON_DAYS) -> list[Action]:
    """Open actions due from today to `within` days ahead, soonest first."""
    horizon = today + dt.timedelta(days=within)
    soon = [
        a for a in plan.actions if a.status in OPEN_STATUSES and a.due and today <= a.due <= horizon
    ]
    return sorted(soon, key=lambda a: (a.due or today, a.title))


def next_deadline(plan: Plan, today: dt.date) -> dt.date | None:
    """The earliest due date among open actions not yet past."""
    dates = [a.due for a in plan.actions if a.status in OPEN_STATUSES and a.due and a.due >= today]
    return min(dates, default=None)


def review_due(plan: Plan, today: dt.date) -> bool:
    return plan.monitoring.next_review is not None and plan.monitoring.next_review <= today


def elapsed_share(plan: Plan, today: dt.date) -> float | None:
    """Share of the plan's time gone by: from its start to its last action's due date."""
    start = plan.workshop.date or plan.created
    dues = [a.due for a in plan.actions if a.due and a.status != "dropped"]
    if start is None or not dues:
        return None
    end = max(dues)
    if end <= start:
        return 1.0
    return min(max((today - start).days / (end - start).days, 0.0), 1.0)


def off_track_indicators(plan: Plan, today: dt.date) -> list[Indicator]:
    """Indicators with no reading at the latest review, or progress behind the time elapsed."""
    latest_review = max(plan.reviews, key=lambda r: r.date, default=None)
    share = elapsed_share(plan, today)
    found: list[Indicator] = []
    for indicator in plan.indicators:
        if latest_review is not None and not any(
            m.indicator == indicator.id for m in latest_review.measurements
        ):
            found.append(indicator)
            continue
        reading = latest_reading(plan, indicator.id)
        value = reading.value if reading else indicator.baseline
        if value is None or share is None:
            continue
        done = progress(indicator, value)
        if done is not None and done < share:
            found.append(indicator)
    return found


@dataclass(frozen=True)
class PlanSummary:
    """What the home screen and `planwizard status` show for one plan."""

    actions_total: int
    actions_done: int
    overdue: list[Action]
    due_soon: list[Action]
    next_deadline: dt.date | None
    next_review: dt.date | None
    review_due: bool
    off_track: list[Indicator]


def summarize(plan: Plan, today: dt.date, within: int = DUE_SOON_DAYS) -> PlanSummary:
    live = [a for a in plan.actions if a.status != "dropped"]
    return PlanSummary(
        actions_total=len(live),
        actions_done=sum(1 for a in live if a.status == "done"),
        overdue=overdue_actions(plan, today),
        due_soon=due_soon_actions(plan, today, within),
        next_deadline=next_deadline(plan, today),
        next_review=plan.monitoring.next_review,
        review_due=review_due(plan, today),
        off_track=off_track_indicators(plan, today),
    )
