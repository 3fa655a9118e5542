"""Monitoring arithmetic: readings, progress towards targets, what is overdue.

Pure functions of a plan and a date; "today" is always passed in (from
`planwizard.clock`), never read here, so results never change with the calendar.
"""

from __future__ import annotations

from planwizard.model import Indicator, Measurement, Number, Plan


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
