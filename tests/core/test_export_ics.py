"""The calendar export: deadlines and reviews as all-day entries with stable UIDs."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwizard.exports import export_plan
from planwizard.model import Plan
from planwizard.text import one_line
from tests.export_samples import HOSTILE, all_plans, hostile_plan, rich_plan

TODAY = dt.date(2027, 1, 15)


def ics_of(plan: Plan, today: dt.date = TODAY) -> str:
    data = export_plan(plan, "ics", today=today, lang="en")
    assert isinstance(data, str)
    return data


def events(plan: Plan, today: dt.date = TODAY) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(ics_of(plan, today))
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "UIDs must be unique"
    return found


def expected_count(plan: Plan) -> int:
    next_review = plan.monitoring.next_review
    separate_next = next_review is not None and all(r.date != next_review for r in plan.reviews)
    replies = sum(1 for r in plan.recommendations if r.reply_due)  # reply deadlines
    return sum(1 for a in plan.actions if a.due) + len(plan.reviews) + int(separate_next) + replies


@pytest.mark.parametrize(
    ("name", "plan"), all_plans(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_one_entry_per_due_date_and_review_stable_across_exports(name: str, plan: Plan) -> None:
    found = events(plan)
    assert len(found) == expected_count(plan)
    for action in plan.actions:
        if action.due is None:
            continue
        event = found[f"{action.id}.{plan.id}@planwizard"]
        assert event.decoded("dtstart") == action.due
        assert event.decoded("dtend") == action.due + dt.timedelta(days=1)
        assert type(event.decoded("dtstart")) is dt.date  # all-day, not a time
    assert ics_of(plan) == ics_of(plan)  # byte for byte, on the same day


def test_entries_are_all_day_and_say_what_and_which_plan() -> None:
    plan = all_plans()[0][1]
    text = ics_of(plan)
    assert "DTSTART;VALUE=DATE:20270131\r\n" in text
    assert "DTEND;VALUE=DATE:20270201\r\n" in text
    event = events(plan)["a-3c9e.orientation-victimes-7f3a@planwizard"]
    assert str(event["summary"]) == (
        "Rédiger une fiche d'orientation commune police / santé / foyer — "
        "Orientation des victimes d'agression vers les services de soutien"
    )
    description = str(event["description"])
    assert "Owner: Foyer d'hébergement" in description
    assert "Status: in progress" in description
    assert "Strategy: Atelier de rédaction avec un représentant de chaque partenaire" in description


def test_reviews_past_and_next_with_date_based_uid_when_no_id() -> None:
    plan = rich_plan()
    found = events(plan)
    past = found["review-2026-11-15.plan-rich-01@planwizard"]
    assert past.decoded("dtstart") == dt.date(2026, 11, 15)
    assert "Facilitator: Awa Diallo" in str(past["description"])
    assert found["r-0002.plan-rich-01@planwizard"].decoded("dtstart") == dt.date(2027, 1, 12)
    upcoming = found["next-review.plan-rich-01@planwizard"]
    assert upcoming.decoded("dtstart") == dt.date(2027, 2, 15)
    assert str(upcoming["summary"]) == "Next review — Référentiel d'orientation — été 2027"


def test_updated_plan_keeps_uids_so_a_calendar_updates_its_entries() -> None:
    plan = rich_plan()
    before = events(plan)
    plan.actions[1].due = dt.date(2027, 4, 30)
    plan.actions[1].title = "Former tout l'accueil"
    plan.monitoring.next_review = dt.date(2027, 3, 1)
    after = events(plan, TODAY + dt.timedelta(days=3))
    assert set(after) == set(before)
    moved = after["a-0002.plan-rich-01@planwizard"]
    assert moved.decoded("dtstart") == dt.date(2027, 4, 30)
    assert str(moved["summary"]).startswith("Former tout l'accueil — ")
    # A later export carries a later stamp, telling the calendar this is the newer version.
    assert moved.decoded("dtstamp") > before["a-0002.plan-rich-01@planwizard"].decoded("dtstamp")


def test_dropped_action_is_cancelled_rather_than_left_behind() -> None:
    event = events(rich_plan())["a-0005.plan-rich-01@planwizard"]
    assert str(event["status"]) == "CANCELLED"
    assert not event.walk("VALARM")


def test_each_entry_says_its_status_and_open_deadlines_ring_the_day_before() -> None:
    plan = rich_plan()
    found = events(plan)
    for action in plan.actions:
        if action.due is None:
            continue
        event = found[f"{action.id}.plan-rich-01@planwizard"]
        alarms = event.walk("VALARM")
        if action.status == "done":
            assert str(event["status"]) == "CONFIRMED" and not alarms
            assert str(event["summary"]).startswith("✓ ")
        elif action.status == "dropped":
            assert str(event["status"]) == "CANCELLED" and not alarms
        else:
            [alarm] = alarms
            assert str(alarm["action"]) == "DISPLAY"
            assert alarm.decoded("trigger") == -dt.timedelta(hours=15)  # 9:00 the day before
            assert action.title in str(alarm["description"])
    next_review = found["next-review.plan-rich-01@planwizard"]
    assert len(next_review.walk("VALARM")) == 1


def test_two_reviews_without_id_on_one_day_get_distinct_uids() -> None:
    plan = rich_plan()
    plan.reviews.append(plan.reviews[1].model_copy())
    found = events(plan)
    assert "review-2026-11-15.plan-rich-01@planwizard" in found
    assert "review-2026-11-15-2.plan-rich-01@planwizard" in found


def test_hostile_text_is_escaped_and_folded() -> None:
    plan = hostile_plan()
    text = ics_of(plan)
    assert "\x1b" not in text and "\x07" not in text
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    # The plan's own "BEGIN:VEVENT" line never starts a line of the file.
    assert sum(1 for line in lines if line == "BEGIN:VEVENT") == expected_count(plan)
    found = events(plan)
    for n, title in enumerate(HOSTILE):
        event = found[f"a-{n:04d}.plan-hostile@planwizard"]
        assert str(event["summary"]) == f"{one_line(title)} — {one_line(plan.title)}"


@given(st.text(), st.text())
def test_any_text_reads_back(title: str, strategy: str) -> None:
    plan = rich_plan()
    plan.actions[0].title = title
    plan.actions[0].strategy = strategy
    event = events(plan)["a-0001.plan-rich-01@planwizard"]
    done = "✓ " if plan.actions[0].status == "done" else ""
    assert str(event["summary"]) == f"{done}{one_line(title) or 'a-0001'} — {plan.title}"
    stripped = " ".join(one_line(strategy).split())
    if stripped:
        assert stripped in " ".join(str(event["description"]).split())


def test_a_typed_backslash_n_stays_as_typed() -> None:
    # icalendar on its own reads a typed "\N" as a line break (found by the test above).
    plan = rich_plan()
    plan.actions[0].title = r"C:\Notes\N2 — \n and \\N"
    plan.actions[0].strategy = r"regex \N{EM DASH}; a, b"
    event = events(plan)["a-0001.plan-rich-01@planwizard"]
    assert str(event["summary"]).startswith(r"✓ C:\Notes\N2 — \n and \\N — ")  # a done action
    assert r"regex \N{EM DASH}; a, b" in str(event["description"])
