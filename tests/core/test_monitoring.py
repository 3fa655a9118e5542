"""Monitoring arithmetic: what the home screen and `planwizard status` tell the group."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwizard import monitoring as mon
from planwizard.model import (
    CADENCES,
    Action,
    Indicator,
    Measurement,
    Monitoring,
    Plan,
    Review,
    Workshop,
    new_plan,
)
from planwizard.storage import load_plan
from tests.conftest import CONTRACT_EXAMPLE, FIXED_TODAY

D = dt.date
WORKSHOP_DAY = D(2027, 1, 1)


def make_plan(
    *,
    actions: list[Action] | None = None,
    indicators: list[Indicator] | None = None,
    reviews: list[Review] | None = None,
    start: dt.date | None = WORKSHOP_DAY,
    cadence: Any = None,
    next_review: dt.date | None = None,
) -> Plan:
    plan = new_plan("Test plan")
    plan.workshop = Workshop(date=start)
    plan.actions = actions or []
    plan.indicators = indicators or []
    plan.reviews = reviews or []
    plan.monitoring = Monitoring(cadence=cadence, next_review=next_review)
    return plan


def action(action_id: str, due: dt.date | None, status: Any = "planned", title: str = "") -> Action:
    return Action(id=action_id, title=title or action_id, due=due, status=status)


def review(day: dt.date, readings: dict[str, float] | None = None) -> Review:
    return Review(
        date=day,
        measurements=[Measurement(indicator=k, value=v) for k, v in (readings or {}).items()],
    )


# ------------------------------------------------------------------ review dates


@pytest.mark.parametrize(
    ("start", "cadence", "expected"),
    [
        (D(2027, 1, 31), "monthly", D(2027, 2, 28)),
        (D(2028, 1, 31), "monthly", D(2028, 2, 29)),
        (D(2028, 2, 29), "yearly", D(2029, 2, 28)),
        (D(2028, 2, 29), "monthly", D(2028, 3, 29)),
        (D(2027, 11, 30), "quarterly", D(2028, 2, 29)),
        (D(2027, 8, 31), "half-yearly", D(2028, 2, 29)),
        (D(2027, 12, 15), "monthly", D(2028, 1, 15)),
        (D(2027, 10, 31), "quarterly", D(2028, 1, 31)),
        (D(2027, 3, 31), "half-yearly", D(2027, 9, 30)),
    ],
)
def test_next_review_date_adds_the_cadence_and_clamps_to_month_end(
    start: dt.date, cadence: str, expected: dt.date
) -> None:
    assert mon.next_review_date(start, cadence) == expected


def test_add_months_backwards_and_across_years() -> None:
    assert mon.add_months(D(2027, 3, 31), -1) == D(2027, 2, 28)
    assert mon.add_months(D(2028, 1, 15), -13) == D(2026, 12, 15)
    assert mon.add_months(D(2027, 5, 31), 0) == D(2027, 5, 31)


def test_unknown_cadence_is_refused() -> None:
    with pytest.raises(ValueError, match="fortnightly"):
        mon.next_review_date(D(2027, 1, 1), "fortnightly")


@given(
    start=st.dates(min_value=D(1, 1, 1), max_value=D(9998, 12, 31)),
    cadence=st.sampled_from(CADENCES),
)
def test_next_review_date_lands_in_the_right_month(start: dt.date, cadence: str) -> None:
    months = mon.CADENCE_MONTHS[cadence]
    result = mon.next_review_date(start, cadence)
    assert result.year * 12 + result.month == start.year * 12 + start.month + months
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last_day)
    assert result > start


# ------------------------------------------------------------------ progress

RISING = Indicator(id="i-up", name="Share referred", baseline=10, target=80)
FALLING = Indicator(id="i-down", name="Days of waiting", baseline=40, target=10)


def test_progress_of_a_rising_figure() -> None:
    assert mon.progress(RISING, 10) == 0.0
    assert mon.progress(RISING, 45) == 0.5
    assert mon.progress(RISING, 80) == 1.0
    assert mon.progress(RISING, 94) == pytest.approx(1.2)  # beyond the target
    assert mon.progress(RISING, 3) == pytest.approx(-0.1)  # worse than the baseline


def test_progress_of_a_figure_that_should_fall() -> None:
    assert mon.progress(FALLING, 40) == 0.0
    assert mon.progress(FALLING, 25) == 0.5
    assert mon.progress(FALLING, 10) == 1.0
    assert mon.progress(FALLING, 5) == pytest.approx(35 / 30)  # fell further than hoped
    assert mon.progress(FALLING, 46) == pytest.approx(-0.2)  # rose: going the wrong way


def test_no_target_means_no_progress() -> None:
    assert mon.progress(Indicator(baseline=3), 5) is None
    assert mon.progress(Indicator(), 5) is None


def test_no_baseline_counts_from_the_given_start_only() -> None:
    waiting = Indicator(target=5)
    # Counting from zero would call 20 days "400% of the way" to 5 days.
    assert mon.progress(waiting, 20) is None
    assert mon.progress(waiting, 20, start=30) == pytest.approx(0.4)
    # A baseline, when there is one, wins over the start.
    assert mon.progress(RISING, 45, start=0) == 0.5


def test_baseline_equal_to_target_means_holding_the_figure() -> None:
    hold = Indicator(baseline=12, target=12)
    assert mon.progress(hold, 12) == 1.0
    assert mon.progress(hold, 11) == 0.0
    assert mon.progress(hold, 13) == 0.0


def test_progress_is_exact_at_the_ends_for_decimal_figures() -> None:
    share = Indicator(baseline=0.1, target=0.3)
    assert mon.progress(share, 0.1) == 0.0
    assert mon.progress(share, 0.3) == 1.0


def test_progress_of_far_apart_figures_does_not_overflow() -> None:
    huge = Indicator(baseline=-1e308, target=1e308)
    assert mon.progress(huge, 0.0) == 0.5
    tiny = Indicator(baseline=0.0, target=5e-324)
    assert mon.progress(tiny, 1e308) == mon.PROGRESS_LIMIT  # far beyond: clamped, finite


finite = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@given(baseline=finite, target=finite)
def test_progress_is_0_at_baseline_and_1_at_target(baseline: float, target: float) -> None:
    if baseline == target:
        return
    indicator = Indicator(baseline=baseline, target=target)
    assert mon.progress(indicator, baseline) == 0.0
    assert mon.progress(indicator, target) == 1.0


@given(baseline=finite, target=finite, share=st.floats(min_value=0, max_value=1))
def test_progress_between_baseline_and_target_is_between_0_and_1(
    baseline: float, target: float, share: float
) -> None:
    if baseline == target:
        return
    value = baseline + (target - baseline) * share
    if not math.isfinite(value):
        return
    result = mon.progress(Indicator(baseline=baseline, target=target), value)
    assert result is not None
    low, high = sorted((baseline, target))
    if low <= value <= high:  # rounding may push the value a hair outside
        assert 0.0 <= result <= 1.0


# ------------------------------------------------------------------ readings


def test_readings_come_oldest_first_whatever_the_order_in_the_file() -> None:
    plan = make_plan(
        indicators=[RISING],
        reviews=[
            review(D(2027, 6, 1), {"i-up": 40}),
            review(D(2027, 2, 1), {"i-up": 20}),
            review(D(2027, 4, 1), {"i-up": 30}),
        ],
    )
    values = [m.value for m, _r in mon.readings(plan, "i-up")]
    assert values == [20, 30, 40]
    assert [r.date for _m, r in mon.readings(plan, "i-up")] == sorted(r.date for r in plan.reviews)
    latest = mon.latest_reading(plan, "i-up")
    assert latest is not None and latest.value == 40


def test_same_date_reviews_keep_their_file_order() -> None:
    plan = make_plan(
        indicators=[RISING],
        reviews=[review(D(2027, 2, 1), {"i-up": 20}), review(D(2027, 2, 1), {"i-up": 25})],
    )
    latest = mon.latest_reading(plan, "i-up")
    assert latest is not None and latest.value == 25
    assert mon.latest_review(plan) is plan.reviews[1]


def test_no_readings() -> None:
    plan = make_plan(indicators=[RISING], reviews=[review(D(2027, 2, 1))])
    assert mon.readings(plan, "i-up") == []
    assert mon.latest_reading(plan, "i-up") is None
    assert mon.latest_progress(plan, RISING) is None


def test_without_a_baseline_the_first_reading_is_the_start() -> None:
    waiting = Indicator(id="i-wait", target=5)
    plan = make_plan(
        indicators=[waiting],
        # Out of date order on purpose: the first reading is the earliest, not the first written.
        reviews=[review(D(2027, 6, 1), {"i-wait": 10}), review(D(2027, 2, 1), {"i-wait": 30})],
    )
    assert mon.effective_baseline(plan, waiting) == 30
    assert mon.latest_progress(plan, waiting) == pytest.approx(0.8)
    assert mon.progress_in_plan(plan, waiting, 5) == 1.0
    assert mon.effective_baseline(plan, RISING) == 10


# ------------------------------------------------------------------ actions


def test_overdue_actions_are_open_and_past_due_most_overdue_first() -> None:
    today = FIXED_TODAY
    plan = make_plan(
        actions=[
            action("late", today - dt.timedelta(days=1)),
            action("later", today - dt.timedelta(days=40), "blocked"),
            action("due-today", today, "in-progress"),
            action("done", today - dt.timedelta(days=10), "done"),
            action("dropped", today - dt.timedelta(days=10), "dropped"),
            action("undated", None),
        ]
    )
    assert [a.id for a in mon.overdue_actions(plan, today)] == ["later", "late"]


def test_overdue_across_the_end_of_february() -> None:
    plan = make_plan(actions=[action("a", D(2027, 2, 28)), action("b", D(2028, 2, 29))])
    assert [a.id for a in mon.overdue_actions(plan, D(2027, 2, 28))] == []
    assert [a.id for a in mon.overdue_actions(plan, D(2027, 3, 1))] == ["a"]
    assert [a.id for a in mon.overdue_actions(plan, D(2028, 3, 1))] == ["a", "b"]


def test_due_soon_includes_both_ends_of_the_window() -> None:
    today = FIXED_TODAY
    plan = make_plan(
        actions=[
            action("today", today),
            action("edge", today + dt.timedelta(days=30)),
            action("beyond", today + dt.timedelta(days=31)),
            action("past", today - dt.timedelta(days=1)),
            action("done", today + dt.timedelta(days=3), "done"),
        ]
    )
    assert [a.id for a in mon.due_soon_actions(plan, today)] == ["today", "edge"]
    assert [a.id for a in mon.due_soon_actions(plan, today, within=31)] == [
        "today",
        "edge",
        "beyond",
    ]
    assert [a.id for a in mon.due_soon_actions(plan, today, within=0)] == ["today"]
    assert [a.id for a in mon.due_soon_actions(plan, today, within=-5)] == ["today"]


def test_due_soon_over_a_leap_day() -> None:
    plan = make_plan(actions=[action("leap", D(2028, 2, 29)), action("march", D(2028, 3, 1))])
    assert [a.id for a in mon.due_soon_actions(plan, D(2028, 2, 28), within=1)] == ["leap"]


def test_next_deadline_is_the_earliest_open_date_not_past() -> None:
    today = FIXED_TODAY
    plan = make_plan(
        actions=[
            action("past", today - dt.timedelta(days=2)),
            action("done", today + dt.timedelta(days=1), "done"),
            action("next", today + dt.timedelta(days=5)),
            action("after", today + dt.timedelta(days=9)),
        ]
    )
    assert mon.next_deadline(plan, today) == today + dt.timedelta(days=5)
    assert mon.next_deadline(make_plan(), today) is None


# ------------------------------------------------------------------ reviews due


def test_review_due_from_the_agreed_date() -> None:
    plan = make_plan(next_review=D(2027, 3, 1), cadence="quarterly")
    assert mon.planned_review(plan) == D(2027, 3, 1)
    assert not mon.review_due(plan, D(2027, 2, 28))
    assert mon.review_due(plan, D(2027, 3, 1))
    assert mon.review_due(plan, D(2027, 9, 1))


def test_without_an_agreed_date_the_cadence_still_reminds() -> None:
    # One cadence after the latest review, by date, not by order in the file.
    plan = make_plan(cadence="quarterly", reviews=[review(D(2027, 5, 31)), review(D(2027, 2, 1))])
    assert mon.planned_review(plan) == D(2027, 8, 31)
    # No review yet: one cadence after the workshop.
    fresh = make_plan(cadence="monthly", start=D(2027, 1, 31))
    assert mon.planned_review(fresh) == D(2027, 2, 28)
    assert mon.review_due(fresh, D(2027, 2, 28))


def test_no_date_and_no_cadence_means_no_review_due() -> None:
    plan = make_plan(reviews=[review(D(2026, 1, 1))])
    assert mon.planned_review(plan) is None
    assert not mon.review_due(plan, FIXED_TODAY)


# ------------------------------------------------------------------ time and off-track


def test_elapsed_share_runs_from_workshop_to_last_due_date() -> None:
    plan = make_plan(
        start=D(2027, 1, 1),
        actions=[
            action("a", D(2027, 1, 21)),
            action("b", D(2027, 1, 11), "done"),
            action("c", D(2027, 12, 31), "dropped"),  # dropped: does not stretch the plan
        ],
    )
    assert mon.elapsed_share(plan, D(2027, 1, 11)) == 0.5
    assert mon.elapsed_share(plan, D(2026, 12, 1)) == 0.0
    assert mon.elapsed_share(plan, D(2027, 6, 1)) == 1.0


def test_elapsed_share_counts_the_leap_day() -> None:
    plan = make_plan(start=D(2028, 2, 1), actions=[action("a", D(2028, 3, 2))])  # 30 days
    assert mon.elapsed_share(plan, D(2028, 2, 16)) == 0.5


def test_elapsed_share_needs_a_start_and_a_due_date() -> None:
    assert mon.elapsed_share(make_plan(actions=[action("a", None)]), FIXED_TODAY) is None
    undated_start = make_plan(start=None, actions=[action("a", D(2027, 5, 1))])
    assert mon.elapsed_share(undated_start, FIXED_TODAY) is None
    undated_start.created = D(2027, 1, 1)
    assert mon.elapsed_share(undated_start, FIXED_TODAY) is not None


def test_elapsed_share_when_the_last_date_is_the_start() -> None:
    plan = make_plan(start=D(2027, 1, 10), actions=[action("a", D(2027, 1, 10))])
    assert mon.elapsed_share(plan, D(2027, 1, 9)) == 0.0
    assert mon.elapsed_share(plan, D(2027, 1, 10)) == 1.0


def half_way_plan(*indicators: Indicator, reviews: list[Review] | None = None) -> Plan:
    """A plan whose time is half gone on 2027-01-11."""
    return make_plan(
        start=D(2027, 1, 1),
        actions=[action("a", D(2027, 1, 21))],
        indicators=list(indicators),
        reviews=reviews,
    )


HALF_WAY = D(2027, 1, 11)


def test_an_indicator_never_read_is_not_judged() -> None:
    # The baseline is not a measurement: nothing is red the day after the workshop.
    plan = half_way_plan(RISING)
    assert mon.off_track_details(plan, HALF_WAY) == []


def test_missing_from_the_latest_review_is_off_track() -> None:
    plan = half_way_plan(
        RISING,
        FALLING,
        reviews=[review(D(2027, 1, 5), {"i-up": 80}), review(D(2027, 1, 8), {"i-down": 10})],
    )
    details = mon.off_track_details(plan, HALF_WAY)
    assert [(d.indicator.id, d.reason) for d in details] == [("i-up", "no-reading")]


def test_behind_when_progress_trails_the_time_elapsed() -> None:
    plan = half_way_plan(
        RISING, FALLING, reviews=[review(D(2027, 1, 10), {"i-up": 31, "i-down": 28})]
    )
    # i-up: 30% of the way with half the time gone; i-down: 40 -> 28 is 40%.
    details = mon.off_track_details(plan, HALF_WAY)
    assert [(d.indicator.id, d.reason) for d in details] == [
        ("i-up", "behind"),
        ("i-down", "behind"),
    ]
    assert details[0].progress == pytest.approx(0.3)
    assert details[0].elapsed == 0.5
    assert mon.off_track_indicators(plan, HALF_WAY) == [RISING, FALLING]


def test_on_track_figures_rising_or_falling_are_not_flagged() -> None:
    plan = half_way_plan(
        RISING, FALLING, reviews=[review(D(2027, 1, 10), {"i-up": 45, "i-down": 20})]
    )
    assert mon.off_track_details(plan, HALF_WAY) == []


def test_a_falling_figure_that_rises_is_behind() -> None:
    plan = half_way_plan(FALLING, reviews=[review(D(2027, 1, 10), {"i-down": 44})])
    [detail] = mon.off_track_details(plan, HALF_WAY)
    assert detail.reason == "behind"
    assert detail.progress is not None and detail.progress < 0


def test_without_a_target_only_a_missing_reading_counts() -> None:
    vague = Indicator(id="i-vague", name="Mood")
    plan = half_way_plan(
        vague, RISING, reviews=[review(D(2027, 1, 10), {"i-vague": 1, "i-up": 80})]
    )
    assert mon.off_track_details(plan, HALF_WAY) == []
    plan.reviews.append(review(D(2027, 1, 11), {"i-up": 80}))
    assert [d.reason for d in mon.off_track_details(plan, HALF_WAY)] == ["no-reading"]


def test_without_a_baseline_progress_counts_from_the_first_reading() -> None:
    waiting = Indicator(id="i-wait", target=5)
    plan = half_way_plan(
        waiting,
        reviews=[review(D(2027, 1, 2), {"i-wait": 25}), review(D(2027, 1, 10), {"i-wait": 10})],
    )
    assert mon.off_track_details(plan, HALF_WAY) == []  # 25 -> 10 of 25 -> 5 is 75%
    plan.reviews.append(review(D(2027, 1, 11), {"i-wait": 22}))
    assert [d.reason for d in mon.off_track_details(plan, HALF_WAY)] == ["behind"]


def test_reviews_after_today_are_not_counted() -> None:
    plan = half_way_plan(
        RISING,
        reviews=[review(D(2027, 1, 10), {"i-up": 45}), review(D(2027, 1, 20), {})],
    )
    assert mon.off_track_details(plan, HALF_WAY) == []
    assert [d.reason for d in mon.off_track_details(plan, D(2027, 1, 20))] == ["no-reading"]


def test_latest_review_by_date_not_by_file_order() -> None:
    plan = half_way_plan(
        RISING,
        reviews=[review(D(2027, 1, 10), {"i-up": 45}), review(D(2027, 1, 3), {})],
    )
    assert mon.off_track_details(plan, HALF_WAY) == []


# ------------------------------------------------------------------ summary


def test_summary_of_the_contract_example() -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    summary = mon.summarize(plan, FIXED_TODAY)
    assert summary.actions_total == len(plan.actions)
    assert summary.actions_done == 0
    assert summary.overdue == []
    # "a-3c9e" is due on 2027-01-31, within 30 days of 2027-01-15; the others are later.
    assert [a.id for a in summary.due_soon] == ["a-3c9e"]
    assert summary.next_deadline == D(2027, 1, 31)
    assert summary.next_review == plan.monitoring.next_review
    assert not summary.review_due
    assert summary.last_review == D(2026, 12, 15)
    reasons = {d.indicator.id: d.reason for d in summary.off_track_details}
    # i-formes had no reading at the December review; i-orient moved 10 -> 15 of 10 -> 80,
    # 7% of the way with almost a quarter of the time (Nov 24 to Jun 30) gone.
    assert reasons == {"i-formes": "no-reading", "i-orient": "behind"}
    assert [i.id for i in summary.off_track] == ["i-orient", "i-formes"]
    assert summary.elapsed == pytest.approx(52 / 218)


def test_summary_on_the_review_date_and_later() -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    assert mon.summarize(plan, D(2027, 3, 1)).review_due
    later = mon.summarize(plan, D(2027, 2, 1), within=60)
    assert [a.id for a in later.overdue] == ["a-3c9e"]
    assert [a.id for a in later.due_soon] == ["a-81d0"]


def test_summary_leaves_dropped_actions_out_of_the_count() -> None:
    plan = make_plan(
        actions=[
            action("a", D(2027, 2, 1), "done"),
            action("b", D(2027, 2, 1), "dropped"),
            action("c", D(2027, 2, 1)),
        ]
    )
    summary = mon.summarize(plan, FIXED_TODAY)
    assert (summary.actions_done, summary.actions_total) == (1, 2)


def test_summary_of_an_empty_plan() -> None:
    summary = mon.summarize(new_plan("Empty"), FIXED_TODAY)
    assert summary.actions_total == 0
    assert summary.overdue == summary.due_soon == summary.off_track == []
    assert summary.next_deadline is None and summary.next_review is None
    assert not summary.review_due
    assert summary.elapsed is None and summary.last_review is None
