"""The plan's dates as an iCalendar file: action deadlines and reviews, all-day.

Each entry's UID is built from the item's id and the plan's id, so that importing an
updated export moves or renames the entries already in a calendar instead of adding
copies. The `icalendar` library escapes and folds every text per RFC 5545.

Deadlines are events (VEVENT), not to-dos: the calendars people import into (Google,
Outlook, phones) show events and often drop VTODO. RFC 5545 lets an event be CANCELLED
but not COMPLETED, so a dropped action is STATUS:CANCELLED and a done one CONFIRMED with
« ✓ » before its title and its status in the description. Open deadlines and the next
review carry a reminder (VALARM) the day before at 9:00; done and dropped ones none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar

from planwizard import fields
from planwizard.exports.labels import (
    flat,
    iso_date,
)
from planwizard.fields import CALENDAR
from planwizard.i18n import _
from planwizard.model import Action, Plan, Recommendation, Review

PRODID = "-//planwizard//planwizard//EN"
UID_DOMAIN = "planwizard"


def uid(item_id: str, plan_id: str) -> str:
    return f"{flat(item_id)}.{flat(plan_id)}@{UID_DOMAIN}"


class _PlanText(icalendar.vText):
    """A plan's text, escaped as RFC 5545 says and no more.

    icalendar (7.x) first turns a typed backslash-N into a line break before escaping,
    so a title holding `\\N` (a path, a regex) would come back changed.
    """

    def to_ical(self) -> bytes:
        escaped = (
            str(self)
            .replace("\\", "\\\\")
            .replace(";", r"\;")
            .replace(",", r"\,")
            .replace("\r\n", r"\n")
            .replace("\n", r"\n")
            .replace("\r", r"\n")
        )
        return escaped.encode("utf-8")  # as icalendar writes every calendar


def _event(
    uid_: str, day: dt.date, summary: str, description: str, stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid_)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", _PlanText(summary))
    if description:
        event.add("description", _PlanText(description))
    # A deadline or a review day does not make anyone busy all day.
    event.add("transp", "TRANSPARENT")
    return event


def _lines(*pairs: tuple[str, str]) -> str:
    return "\n".join(
        _("{label}: {value}").format(label=label, value=value) for label, value in pairs if value
    )


def _described(
    table: fields.Table, item: Any, plan: Plan, *, skip: tuple[str, ...] = ()
) -> tuple[tuple[str, str], ...]:
    """The item's fields the calendar shows (planwizard.fields), as label/value pairs for
    an entry's description; `skip`: those its summary already says."""
    return tuple(
        (f.title(), fields.show(f, item, CALENDAR, plan).strip())
        for f in table.shown(CALENDAR)
        if f.name not in skip
    )


def _action_event(plan: Plan, action: Action, day: dt.date, stamp: dt.datetime) -> icalendar.Event:
    title = _("{action} — {plan}").format(
        action=flat(action.title) or flat(action.id), plan=flat(plan.title)
    )
    event = _event(
        uid(action.id, plan.id),
        day,
        "✓ " + title if action.status == "done" else title,
        _lines(*_described(fields.ACTIONS, action, plan, skip=("title", "due"))),
        stamp,
    )
    if action.status == "dropped":
        # Kept rather than left out, so that a calendar holding the entry updates it.
        event.add("status", "CANCELLED")
    elif action.status == "done":
        event.add("status", "CONFIRMED")
    else:
        event.add_component(
            _reminder(
                _("Due tomorrow: {action}").format(action=flat(action.title) or flat(action.id))
            )
        )
    return event


#: When the reminder rings: the day before, at 9:00 (an all-day entry starts at 0:00).
REMINDER = -dt.timedelta(hours=15)


def _reminder(text: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _PlanText(text))
    alarm.add("trigger", REMINDER)
    return alarm


def _review_event(
    plan: Plan, review: Review, review_uid: str, stamp: dt.datetime
) -> icalendar.Event:
    return _event(
        review_uid,
        review.date,
        _("Review — {plan}").format(plan=flat(plan.title)),
        _lines(*_described(fields.REVIEWS, review, plan, skip=("date",))),
        stamp,
    )


def _reply_event(
    plan: Plan, rec: Recommendation, day: dt.date, stamp: dt.datetime
) -> icalendar.Event:
    """A written reply's deadline (issue 18); its UID names the recommendation."""
    return _event(
        uid(f"reply-{rec.id}", plan.id),
        day,
        _("Written reply due: {recommendation} — {plan}").format(
            recommendation=flat(rec.reference) or flat(rec.id), plan=flat(plan.title)
        ),
        _lines(*_described(fields.RECOMMENDATIONS, rec, plan)),
        stamp,
    )


def plan_calendar(plan: Plan, today: dt.date) -> bytes:
    """The calendar file; the same plan on the same day always gives the same bytes.

    DTSTAMP is midnight UTC of `today` rather than the current time: stable within a
    day, and later for a later export, which tells a calendar the entry was revised.
    """
    stamp = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", flat(plan.title) or flat(plan.id))
    for action in plan.actions:
        if action.due is not None:
            calendar.add_component(_action_event(plan, action, action.due, stamp))
    used: set[str] = set()
    for review in sorted(plan.reviews, key=lambda r: r.date):
        # Reviews written by hand have no id: their date names them instead.
        item = review.id or f"review-{iso_date(review.date)}"
        candidate, n = item, 1
        while candidate in used:
            n += 1
            candidate = f"{item}-{n}"
        used.add(candidate)
        calendar.add_component(_review_event(plan, review, uid(candidate, plan.id), stamp))
    for rec in plan.recommendations:
        if rec.reply_due is not None:
            calendar.add_component(_reply_event(plan, rec, rec.reply_due, stamp))
    next_review = plan.monitoring.next_review
    if next_review is not None and all(r.date != next_review for r in plan.reviews):
        event = _event(
            # One UID whatever the date, so that a moved review moves in the calendar.
            uid("next-review", plan.id),
            next_review,
            _("Next review — {plan}").format(plan=flat(plan.title)),
            _lines(*_described(fields.MONITORING, plan.monitoring, plan, skip=("next_review",))),
            stamp,
        )
        event.add_component(_reminder(_("Review tomorrow: {plan}").format(plan=flat(plan.title))))
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
