"""A value of the wrong type is an error on its line, never silently another value."""

from __future__ import annotations

import datetime as dt

import pytest

from planwizard.storage import PlanError, parse_plan_text

HEAD = 'schema_version = 1\ntitle = "Types"\n'
ACTION = '\n[[actions]]\nid = "a-1"\ntitle = "Call"\n'
INDICATOR = '\n[[indicators]]\nid = "i-1"\nname = "Calls"\n'
REVIEW = "\n[[reviews]]\ndate = 2027-01-10\n"

#: (text, the line named, words of the message)
WRONG: dict[str, tuple[str, int, str]] = {
    "due = 0": (HEAD + ACTION + "due = 0\n", 7, "due: 0 is not a date"),
    "due in quotes": (
        HEAD + ACTION + 'due = "2027-03-01"\n',
        7,
        "'2027-03-01' is text, not a date; write it without quotes",
    ),
    "due with a time": (
        HEAD + ACTION + "due = 2027-03-01T10:00:00\n",
        7,
        "2027-03-01T10:00:00 is a date and a time",
    ),
    "value = true": (
        HEAD + ACTION + INDICATOR + REVIEW + '[[reviews.measurements]]\nindicator = "i-1"\n'
        "value = true\n",
        16,
        "value: true is not a number",
    ),
    "baseline in quotes": (
        HEAD + INDICATOR + 'baseline = "10"\n',
        7,
        "'10' is text, not a number; write it without quotes",
    ),
    'schema_version = "1"': (
        'schema_version = "1"\ntitle = "Types"\n',
        1,
        "schema_version: '1' is text, not a number",
    ),
    'revisit_problem = "no"': (
        HEAD + REVIEW + 'revisit_problem = "no"\n',
        6,
        "revisit_problem: 'no' should be true or false",
    ),
    "title = 3": (HEAD.replace('"Types"', "3"), 2, "title: 3 should be text"),
    "seconds spent as a float": (
        HEAD + "[workshop.seconds_spent]\nproblem = 12.5\n",
        4,
        "12.5 is not a whole number",
    ),
    "facilitators as text": (
        HEAD + '[workshop]\nfacilitators = "Ana"\n',
        4,
        "should be a list",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_a_wrong_type_is_refused_on_its_line(case: str) -> None:
    text, line, words = WRONG[case]
    with pytest.raises(PlanError) as caught:
        parse_plan_text(text)
    assert len(caught.value.findings) == 1  # a number field is not reported twice
    assert caught.value.line == line
    assert words in caught.value.message


def test_right_types_still_load() -> None:
    plan = parse_plan_text(
        HEAD
        + ACTION
        + "due = 2027-03-01\n"
        + INDICATOR
        + "baseline = 1.5\ntarget = 3\n"
        + REVIEW
        + "revisit_problem = false\n"
    )
    assert plan.actions[0].due == dt.date(2027, 3, 1)
    assert plan.indicators[0].baseline == 1.5 and plan.indicators[0].target == 3
    assert plan.reviews[0].revisit_problem is False
