"""Dates as a facilitator types them live, and dates as the app shows them.

`2027-03-15` and `15/03/2027` are full dates; `+10d`, `+2w`, `+3m`, `+1y` count from
today; `31/01` is the next 31 January from today on; `today` is today. A month added
to the 31st lands on the last day of a shorter month (31 January + 1 month is the end of
February), as people mean it. "Today" is always passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from planwizard.i18n import _, long_date, short_date


class DateInputError(ValueError):
    """Text that is not a date, with a message to show beside the field."""

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        self.message = message
        super().__init__(message)


#: An open action due within this many days is "due soon" (home, status, review).
DUE_SOON_DAYS = 30

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.](\d{1,2})$")
# d/j (jours) days, w/s (semaines) weeks, m months, y/a (ans) years; French letters too.
_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmyjsa])$")
_TODAY_WORDS = frozenset({"today", "aujourd'hui", "aujourd’hui", "aujourdhui", "auj"})


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError("date out of range")
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _full_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateInputError(
            text, _("{text!r} is not a day of the calendar").format(text=text)
        ) from None


def _next_day_month(text: str, day: int, month: int, today: dt.date) -> dt.date:
    """The first `day`/`month` on or after today (29/02 waits for a leap year)."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise DateInputError(text, _("{text!r} is not a day of the calendar").format(text=text))
    for year in range(today.year, today.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DateInputError(text, _("{text!r} is not a day of the calendar").format(text=text))


def parse_date_input(text: str, today: dt.date) -> dt.date:
    """The date meant by `text`; raise :class:`DateInputError` with a clear message if none."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise DateInputError(text, _("no date given"))
    if cleaned in _TODAY_WORDS:
        return today
    if match := _ISO.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
        return _full_date(text, year, month, day)
    if match := _DAY_MONTH_YEAR.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
        return _full_date(text, year, month, day)
    if match := _DAY_MONTH.match(cleaned):
        day, month = (int(g) for g in match.groups())
        return _next_day_month(text, day, month, today)
    if match := _RELATIVE.match(cleaned):
        sign = 1 if match.group(1) == "+" else -1
        amount = sign * int(match.group(2))
        unit = match.group(3)
        try:
            if unit in "dj":
                return today + dt.timedelta(days=amount)
            if unit in "ws":
                return today + dt.timedelta(weeks=amount)
            if unit == "m":
                return add_months(today, amount)
            return add_months(today, 12 * amount)
        except OverflowError:
            raise DateInputError(text, _("{text!r} is too far away").format(text=text)) from None
    raise DateInputError(
        text,
        _(
            "{text!r} is not a date; type 2027-03-15, 15/03/2027, 31/01, "
            "+10d, +2w, +3m, +1y or today"
        ).format(text=text.strip()),
    )


def format_date(day: dt.date) -> str:
    """A date as it is typed, and shown back in a date field: 2027-03-15."""
    return day.isoformat()


def show_date(day: dt.date) -> str:
    """A date as the app shows it to read: `15 mars 2027`, like the rest of the interface."""
    return long_date(day)


def narrow_date(day: dt.date) -> str:
    """A date in a table's column: `15 mars 2027`, `1er sept. 2027` (14 characters at most)."""
    return short_date(day)


def weekday_name(day: dt.date) -> str:
    names = (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )
    return names[day.weekday()]


def describe_relative(day: dt.date, today: dt.date) -> str:
    """How far `day` is from today, in words: "today", "in 12 days", "3 days ago"."""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    if delta == -1:
        return _("yesterday")
    if delta > 0:
        return _("in {count} days").format(count=delta)
    return _("{count} days ago").format(count=-delta)
