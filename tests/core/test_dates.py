"""Dates typed live in the workshop: full forms, quick forms, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwizard.dates import (
    DateInputError,
    add_months,
    describe_relative,
    format_date,
    parse_date_input,
)

TODAY = dt.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-15", dt.date(2027, 3, 15)),
        ("  2027-3-5 ", dt.date(2027, 3, 5)),
        ("15/03/2027", dt.date(2027, 3, 15)),
        ("15.03.2027", dt.date(2027, 3, 15)),
        ("+10d", dt.date(2027, 1, 25)),
        ("+2w", dt.date(2027, 1, 29)),
        ("+3m", dt.date(2027, 4, 15)),
        ("+1y", dt.date(2028, 1, 15)),
        ("+14j", dt.date(2027, 1, 29)),
        ("+1s", dt.date(2027, 1, 22)),
        ("-1d", dt.date(2027, 1, 14)),
        ("31/01", dt.date(2027, 1, 31)),
        ("15/01", TODAY),
        ("14/01", dt.date(2028, 1, 14)),
        ("29/02", dt.date(2028, 2, 29)),
        ("today", TODAY),
        ("Today", TODAY),
        ("aujourd'hui", TODAY),
        ("aujourd’hui", TODAY),
    ],
)
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert parse_date_input(text, TODAY) == expected


def test_month_end_is_clamped() -> None:
    assert parse_date_input("+1m", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert parse_date_input("+1m", dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert parse_date_input("+1y", dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert parse_date_input("+3m", dt.date(2027, 11, 30)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "tomorrow-ish",
        "2027-02-30",
        "31/02/2027",
        "32/01",
        "01/13",
        "+2x",
        "2027/03/15",
        "+99999y",
        "15-03-2027",
    ],
)
def test_refused_with_a_message(text: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date_input(text, TODAY)
    assert isinstance(caught.value, ValueError)
    assert caught.value.message


def test_refusal_names_the_text_and_the_forms() -> None:
    with pytest.raises(DateInputError, match=r"'next week'.*2027-03-15.*\+2w"):
        parse_date_input("next week", TODAY)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2500, 12, 31)))
def test_iso_round_trip(day: dt.date) -> None:
    assert parse_date_input(format_date(day), TODAY) == day


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2500, 12, 31)),
    st.integers(min_value=-240, max_value=240),
)
def test_add_months_lands_in_the_right_month(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or moved.day >= 28


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=31))
def test_day_month_is_never_in_the_past(month: int, day: int) -> None:
    try:
        found = parse_date_input(f"{day}/{month}", TODAY)
    except DateInputError:
        return
    assert found >= TODAY
    assert (found.day, found.month) == (day, month)


def test_relative_words() -> None:
    assert describe_relative(TODAY, TODAY) == "today"
    assert describe_relative(dt.date(2027, 1, 29), TODAY) == "in 14 days"
    assert describe_relative(dt.date(2027, 1, 12), TODAY) == "3 days ago"
