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

from planwizard import monitoring
from planwizard.exports.labels import (
    clean,
    format_number,
    iso_date,
    kind_label,
    level_label,
    percent_number,
    status_label,
)
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


def actions_csv(plan: Plan, team: bool = False) -> bytes:
    """One row per action: the plan, every action field, its latest review update.

    The review's internal note is a column of the team's version only.
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
        _("Action id"),
        _("Action"),
        _("Owner"),
        _("Due"),
        _("Status"),
        _("Kind"),
        _("Level"),
        _("Strategy"),
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
                text_cell(action.id),
                text_cell(action.title),
                text_cell(action.owner),
                iso_date(action.due),
                status_label(action.status),
                kind_label(action.kind),
                level_label(action.level),
                text_cell(action.strategy),
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
    """One row per reading, oldest first; an indicator never read gets one empty row."""
    headers = [
        _("Plan"),
        _("Plan id"),
        _("Indicator id"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Review date"),
        _("Value"),
        _("Note"),
        _("Progress (%)"),
        _("No longer measured since"),
    ]
    rows = [headers]
    by_indicator = monitoring.readings_by_indicator(plan)  # one pass, not one per row
    for indicator in plan.indicators:
        # Figures come from validated numbers, so they cannot start a formula; a negative
        # one stays a number in the spreadsheet.
        start = [
            text_cell(plan.title),
            text_cell(plan.id),
            text_cell(indicator.id),
            text_cell(indicator.name),
            text_cell(indicator.unit),
            format_number(indicator.baseline, grouping=False),
            format_number(indicator.target, grouping=False),
        ]
        dropped = iso_date(indicator.dropped) if indicator.dropped else ""
        history = by_indicator.get(indicator.id, [])
        if not history:
            rows.append([*start, "", "", "", "", dropped])
        for reading, review in history:
            rows.append(
                [
                    *start,
                    iso_date(review.date) if isinstance(review, Review) else "",
                    format_number(reading.value, grouping=False),
                    text_cell(reading.note),
                    percent_number(monitoring.progress(indicator, reading.value)),
                    dropped,
                ]
            )
    return _encode(rows)


def recommendations_csv(plan: Plan) -> bytes:
    """One row per recommendation: where it comes from, to whom, the reply, the actions
    that implement it, and what the latest review that assessed it found (issue 18)."""
    from planwizard import method
    from planwizard.recommendations import authority_names, implementation_history

    headers = [
        _("Plan"),
        _("Plan id"),
        _("Recommendation id"),
        _("Recommendation"),
        _("Source"),
        _("Reference"),
        _("Issued"),
        _("Addressed to"),
        _("Position"),
        _("Reply due"),
        _("Reply received"),
        _("Reply summary"),
        _("Priority"),
        _("Indicator type"),
        _("Actions"),
        _("Last review"),
        _("Implementation"),
        _("Done"),
        _("Not done"),
        _("Why"),
        _("Follow-up"),
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
                text_cell(rec.id),
                text_cell(rec.text),
                text_cell(rec.source),
                text_cell(rec.reference),
                iso_date(rec.issued),
                text_cell("; ".join(authority_names(plan, rec))),
                method.label("position", rec.position),
                iso_date(rec.reply_due),
                iso_date(rec.reply_received),
                text_cell(rec.reply_summary),
                method.label("priority", rec.priority),
                method.label("indicator_type", rec.indicator_type),
                text_cell("; ".join(actions)),
                iso_date(last.date) if last else "",
                method.label("implementation", last.implementation) if last else "",
                text_cell(last.done) if last else "",
                text_cell(last.not_done) if last else "",
                "; ".join(method.label("why", code) for code in last.why) if last else "",
                text_cell(last.follow_up) if last else "",
            ]
        )
    return _encode(rows)
