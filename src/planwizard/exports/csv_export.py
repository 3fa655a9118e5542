"""The plan's actions, or its indicator readings, as a spreadsheet (CSV).

RFC 4180: comma-separated (semicolon-separated in French, as French spreadsheets
expect, with decimal commas), fields quoted when needed, CRLF between records. UTF-8 with
a byte-order mark, without which common spreadsheet programs mangle accents. A text
cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
tab or a carriage return) gets a leading apostrophe, so that it shows as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from planwizard import fields, monitoring
from planwizard.exports.labels import (
    clean,
    format_number,
    iso_date,
    percent_number,
    status_label,
)
from planwizard.fields import CSV
from planwizard.i18n import _, current_language
from planwizard.model import Action, ActionUpdate, Plan, Review, extra_fields

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Plan text made safe for a spreadsheet cell."""
    cleaned = clean(text)
    return "'" + cleaned if cleaned.startswith(_FORMULA_STARTS) else cleaned


#: The field separator a spreadsheet expects in each language: French spreadsheets
#: (Excel, LibreOffice with a French locale) write decimals with a comma and so split
#: CSV fields on `;`; a comma-separated file would open as one column.
SEPARATORS = {"fr": ";"}


def separator(language: str | None = None) -> str:
    return SEPARATORS.get(language or current_language(), ",")


def _encode(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=separator(), quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _extra_text(value: Any) -> str:
    """A field this planwizard does not know, as readable text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return format_number(value, grouping=False)
    if isinstance(value, list):
        return "; ".join(_extra_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def latest_updates(plan: Plan) -> dict[str, tuple[ActionUpdate, Review]]:
    """Each action's update at the latest review that mentions it."""
    found: dict[str, tuple[ActionUpdate, Review]] = {}
    for review in sorted(plan.reviews, key=lambda r: r.date):
        for update in review.updates:
            found[update.action] = (update, review)
    return found


def _cells(table: fields.Table, item: Any, plan: Plan, *, team: bool = True) -> list[str]:
    """An item's fields as cells, in the catalogue's order: text made safe for a
    spreadsheet; figures and dates from validated values, which cannot start a formula
    (a negative figure stays a number in the spreadsheet)."""
    return [
        cell if f.value in ("number", "date") else text_cell(cell)
        for f, cell in zip(
            table.shown(CSV, team=team),
            fields.row(table, item, CSV, plan, team=team),
            strict=True,
        )
    ]


def actions_csv(plan: Plan, team: bool = False) -> bytes:
    """One row per action: the plan, every action field, its latest review update.

    The action's fields are the catalogue's (planwizard.fields), in its order; fields
    this planwizard does not know follow, each in its own column. The review's internal
    note is a column of the team's version only.
    """
    extra_names: list[str] = []
    known = set(Action.model_fields)
    for action in plan.actions:
        extra_names.extend(
            name for name in extra_fields(action) if name not in extra_names and name not in known
        )
    headers = [
        _("Plan"),
        _("Plan id"),
        *fields.headers(fields.ACTIONS, CSV),
        *(text_cell(name) for name in extra_names),
        _("Last review"),
        _("Status at last review"),
        _("Done"),
        _("Not done"),
        _("Why"),
        *([_("Review note")] if team else []),
    ]
    updates = latest_updates(plan)
    rows = [headers]
    for action in plan.actions:
        extras = extra_fields(action)
        update, review = updates.get(action.id, (None, None))
        rows.append(
            [
                text_cell(plan.title),
                text_cell(plan.id),
                *_cells(fields.ACTIONS, action, plan),
                *(text_cell(_extra_text(extras[n])) if n in extras else "" for n in extra_names),
                iso_date(review.date) if review else "",
                status_label(update.status) if update else "",
                text_cell(update.done) if update else "",
                text_cell(update.not_done) if update else "",
                text_cell(update.why) if update else "",
                *([text_cell(update.note) if update else ""] if team else []),
            ]
        )
    return _encode(rows)


def indicators_csv(plan: Plan) -> bytes:
    """One row per reading, oldest first; an indicator never read gets one empty row.

    Each row starts with the indicator's fields, the catalogue's, in its order.
    """
    headers = [
        _("Plan"),
        _("Plan id"),
        *fields.headers(fields.INDICATORS, CSV),
        _("Review date"),
        _("Value"),
        _("Note"),
        _("Progress (%)"),
    ]
    rows = [headers]
    by_indicator = monitoring.readings_by_indicator(plan)  # one pass, not one per row
    for indicator in plan.indicators:
        start = [
            text_cell(plan.title),
            text_cell(plan.id),
            *_cells(fields.INDICATORS, indicator, plan),
        ]
        history = by_indicator.get(indicator.id, [])
        if not history:
            rows.append([*start, "", "", "", ""])
        for reading, review in history:
            rows.append(
                [
                    *start,
                    iso_date(review.date) if isinstance(review, Review) else "",
                    format_number(reading.value, grouping=False),
                    text_cell(reading.note),
                    percent_number(monitoring.progress(indicator, reading.value)),
                ]
            )
    return _encode(rows)


def recommendations_csv(plan: Plan, team: bool = False) -> bytes:
    """One row per recommendation: where it comes from, to whom, the reply, the actions
    that implement it, and what the latest review that assessed it found (issue 18).

    The partners' version (the default, as for the report) leaves out what the report's
    partners version leaves out: the reasons noted at reviews, the follow-up strategy and
    the group's priority, the group's own view of the authority addressed."""
    from planwizard import method
    from planwizard.recommendations import implementation_history

    headers = [
        _("Plan"),
        _("Plan id"),
        *fields.headers(fields.RECOMMENDATIONS, CSV, team=team),
        _("Actions"),
        _("Last review"),
        _("Implementation"),
        _("Done"),
        _("Not done"),
        *([_("Why"), _("Follow-up")] if team else []),
    ]
    rows = [headers]
    for rec in plan.recommendations:
        history = implementation_history(plan, rec.id)
        last = history[-1] if history else None
        actions = [a.id for a in plan.actions if rec.id in a.recommendations]
        rows.append(
            [
                text_cell(plan.title),
                text_cell(plan.id),
                *_cells(fields.RECOMMENDATIONS, rec, plan, team=team),
                text_cell("; ".join(actions)),
                iso_date(last.date) if last else "",
                method.label("implementation", last.implementation) if last else "",
                text_cell(last.done) if last else "",
                text_cell(last.not_done) if last else "",
                *(
                    [
                        "; ".join(method.label("why", code) for code in last.why) if last else "",
                        text_cell(last.follow_up) if last else "",
                    ]
                    if team
                    else []
                ),
            ]
        )
    return _encode(rows)
