"""Words and figures shared by every export: vocabulary labels, dates, numbers, clean text.

Each export shows a plan's vocabulary values (status, level, ...) as words in the
interface language rather than as the file's codes, and every date and number goes
through planwizard.i18n's functions (here, and in planwizard.fields for the plan's
fields), so that a later change of style (``15 mars 2027``, a decimal comma) is made once
for every format.
"""

from __future__ import annotations

import datetime as dt

from planwizard import method
from planwizard.i18n import _, long_date, percent_text
from planwizard.i18n import format_number as i18n_format_number
from planwizard.model import Number
from planwizard.text import one_line, strip_control

#: What an empty value shows as in a report's label/value lists.
MISSING = "—"


def clean(text: str) -> str:
    """Plan text with terminal control characters removed; newlines and tabs are kept.

    Control characters are not allowed in iCalendar text, are invalid in HTML, and would
    reach a terminal when an export goes to standard output.
    """
    return strip_control(text)


def flat(text: str) -> str:
    """Plan text on one line, for a title or a heading."""
    return one_line(text)


def format_date(day: dt.date | None) -> str:
    """A date as a reader of a report sees it: `15 mars 2027` / `15 Mar 2027`."""
    return long_date(day) if day is not None else ""


def iso_date(day: dt.date | None) -> str:
    """A date for machines, always YYYY-MM-DD whatever the language.

    Spreadsheet cells sort by it and calendar UIDs are built from it (they must never
    change), so this one never follows the reader's language.
    """
    return day.isoformat() if day is not None else ""


def format_number(value: Number | None, *, grouping: bool = True) -> str:
    """A figure as a person writes it in the report's language: `15`, `12.5` / `12,5`,
    never `15.0`, and `1e+307` rather than three hundred digits (see
    planwizard.i18n.format_number)."""
    return i18n_format_number(value, grouping=grouping)


def percent_number(share: float | None) -> str:
    """Progress as a bare whole number of percent, for a spreadsheet cell."""
    return "" if share is None else percent_text(share)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


# ------------------------------------------------------------------ vocabularies
# The same words as the app's screens (planwizard.method), so that a report says what
# the room saw: « besoin de formation », not « formation ». The fields of the plan read
# through planwizard.fields (`fields.word`); this one is for a status outside a field
# (a review's update in the CSV).


def status_label(value: str | None) -> str:
    return _lookup(method.labels("status"), value)


def _lookup(labels: dict[str, str], value: str | None) -> str:
    if value is None:
        return ""
    # A value outside the vocabulary only reaches here from a plan built in memory;
    # show it as written rather than fail the export.
    return labels.get(value, flat(value))
