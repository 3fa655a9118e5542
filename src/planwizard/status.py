"""`planwizard status`: what needs attention across every plan in a folder.

One row per thing to look at (an overdue action, one due soon, a review due, an
indicator off track, a plan that does not load), so that the same rows serve a table
in the terminal, plain aligned text for a pipe, and JSON for scripts. Plan text is
untrusted: rows carry it through `one_line` (control characters stripped), and the
terminal table gets `rich.text.Text` cells, never markup.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from planwizard.checklist import plan_gaps
from planwizard.dates import DUE_SOON_DAYS
from planwizard.i18n import _, format_percent, long_date, ngettext
from planwizard.model import Action, Plan
from planwizard.monitoring import OffTrack, PlanSummary, summarize
from planwizard.storage import PlanError, load_plan
from planwizard.text import one_line, strip_control

#: Longest action title or indicator name in a row; JSON keeps the whole text.
ITEM_WIDTH = 60

RowKind = Literal["error", "overdue", "due-soon", "review-due", "off-track", "ok"]


@dataclass(frozen=True)
class PlanStatus:
    """One plan file of the folder: its summary when it loads, its error when it does not."""

    path: Path
    plan: Plan | None = None
    summary: PlanSummary | None = None
    error: PlanError | None = None


def collect_status(
    paths: Iterable[Path], today: dt.date, within: int = DUE_SOON_DAYS
) -> list[PlanStatus]:
    """Load and summarize each plan; a broken file becomes an entry with its error."""
    found: list[PlanStatus] = []
    for path in paths:
        try:
            plan = load_plan(path)
        except PlanError as exc:
            found.append(PlanStatus(path, error=exc))
            continue
        found.append(PlanStatus(path, plan=plan, summary=summarize(plan, today, within)))
    return found


# ----------------------------------------------------------------------- rows


@dataclass(frozen=True)
class StatusRow:
    plan: str
    kind: RowKind
    item: str
    date: dt.date | None = None
    detail: str = ""


def kind_label(kind: RowKind) -> str:
    labels = {
        "error": _("unreadable"),
        "overdue": _("overdue"),
        "due-soon": _("due soon"),
        "review-due": _("review due"),
        "off-track": _("off track"),
        "ok": _("nothing due"),
    }
    return labels[kind]


def _days_late(days: int) -> str:
    return _("1 day late") if days == 1 else _("{days} days late").format(days=days)


def _days_left(days: int) -> str:
    if days == 0:
        return _("today")
    return _("in 1 day") if days == 1 else _("in {days} days").format(days=days)


def _days_ago(days: int) -> str:
    if days == 0:
        return _("today")
    return _("1 day ago") if days == 1 else _("{days} days ago").format(days=days)


def _action_detail(action: Action, timing: str) -> str:
    owner = one_line(action.owner)
    return f"{owner} · {timing}" if owner else timing


def _off_track_detail(item: OffTrack) -> str:
    if item.reason == "no-reading":
        return _("no reading at the last review")
    if item.progress is not None and item.elapsed is not None:
        return _("{progress} of the way, {elapsed} of the time gone").format(
            progress=format_percent(item.progress), elapsed=format_percent(item.elapsed)
        )
    return _("behind")


def _error_text(error: PlanError) -> str:
    message = one_line(error.message)
    if error.line:
        return _("line {line}: {message}").format(line=error.line, message=message)
    return message


def status_rows(statuses: Iterable[PlanStatus], today: dt.date) -> list[StatusRow]:
    """Rows per plan, in folder order: errors, overdue, due soon, review due, off track."""
    rows: list[StatusRow] = []
    for status in statuses:
        name = one_line(status.path.name)
        if status.error is not None:
            rows.append(StatusRow(name, "error", "", None, _error_text(status.error)))
            continue
        summary = status.summary
        assert summary is not None
        start = len(rows)
        for action in summary.overdue:
            assert action.due is not None
            late = _days_late((today - action.due).days)
            rows.append(
                StatusRow(
                    name,
                    "overdue",
                    one_line(action.title, ITEM_WIDTH) or action.id,
                    action.due,
                    _action_detail(action, late),
                )
            )
        for action in summary.due_soon:
            assert action.due is not None
            left = _days_left((action.due - today).days)
            rows.append(
                StatusRow(
                    name,
                    "due-soon",
                    one_line(action.title, ITEM_WIDTH) or action.id,
                    action.due,
                    _action_detail(action, left),
                )
            )
        if summary.review_due and summary.next_review is not None:
            rows.append(
                StatusRow(
                    name,
                    "review-due",
                    _("review of the plan"),
                    summary.next_review,
                    _days_ago((today - summary.next_review).days),
                )
            )
        for item in summary.off_track_details:
            rows.append(
                StatusRow(
                    name,
                    "off-track",
                    one_line(item.indicator.name, ITEM_WIDTH) or item.indicator.id,
                    None,
                    _off_track_detail(item),
                )
            )
        if len(rows) == start:
            # Nothing to act on: say when the next review is, or what the plan lacks.
            gaps = len(plan_gaps(status.plan)) if status.plan is not None else 0
            detail = (
                ngettext(
                    "{count} gap: see `planwizard check`",
                    "{count} gaps: see `planwizard check`",
                    gaps,
                ).format(count=gaps)
                if gaps
                else ""
            )
            rows.append(StatusRow(name, "ok", "", summary.next_review, detail))
    return rows


def totals_line(statuses: list[PlanStatus]) -> str:
    summaries = [s.summary for s in statuses if s.summary is not None]
    plans = len(statuses)
    overdue = sum(len(s.overdue) for s in summaries)
    soon = sum(len(s.due_soon) for s in summaries)
    reviews = sum(1 for s in summaries if s.review_due)
    off = sum(len(s.off_track) for s in summaries)
    broken = sum(1 for s in statuses if s.error is not None)
    # Each count in its own plural form; the sentence around them is one message.
    return _("{plans}: {overdue}, {soon}, {reviews}, {off}, {broken}").format(
        plans=ngettext("{count} plan", "{count} plans", plans).format(count=plans),
        overdue=ngettext("{count} overdue", "{count} overdue", overdue).format(count=overdue),
        soon=ngettext("{count} due soon", "{count} due soon", soon).format(count=soon),
        reviews=ngettext("{count} review due", "{count} reviews due", reviews).format(
            count=reviews
        ),
        off=ngettext("{count} indicator off track", "{count} indicators off track", off).format(
            count=off
        ),
        broken=ngettext("{count} unreadable", "{count} unreadable", broken).format(count=broken),
    )


def _headers() -> list[str]:
    return [_("Plan"), _("Status"), _("Item"), _("Date"), _("Detail")]


def _cells(row: StatusRow) -> list[str]:
    # Dates as people write them here; the JSON keeps ISO dates for scripts.
    date = long_date(row.date) if row.date else ""
    return [row.plan, kind_label(row.kind), row.item, date, row.detail]


# ----------------------------------------------------------------------- rendering


def render_plain(rows: list[StatusRow]) -> str:
    """Aligned columns of plain text, the plan named on every row (for grep and awk)."""
    table = [_headers(), *(_cells(row) for row in rows)]
    widths = [max(cell_len(line[col]) for line in table) for col in range(len(table[0]))]
    lines = []
    for line in table:
        padded = [cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(line)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines) + "\n"


_STYLES: dict[RowKind, str] = {
    "error": "bold red",
    "overdue": "red",
    "due-soon": "yellow",
    "review-due": "magenta",
    "off-track": "yellow",
    "ok": "green",
}


def render_table(rows: list[StatusRow], console: Console) -> None:
    """A rich table for a terminal; every cell a `Text`, so plan text is never markup."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, header in enumerate(_headers()):
        # Plan, status and date stay on one line; item and detail wrap.
        wraps = index in (2, 4)
        table.add_column(
            Text(header), no_wrap=not wraps, overflow="fold", ratio=1 if wraps else None
        )
    previous = None
    for row in rows:
        if previous is not None and row.plan != previous:
            table.add_section()
        cells = _cells(row)
        style = _STYLES[row.kind]
        table.add_row(
            Text(cells[0] if row.plan != previous else "", style="bold"),
            Text(cells[1], style=style),
            Text(cells[2]),
            Text(cells[3]),
            Text(cells[4], style="dim" if row.kind == "ok" else ""),
        )
        previous = row.plan
    console.print(table)


# ----------------------------------------------------------------------- JSON


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _finite(share: float | None) -> float | None:
    # JSON has no infinity; a share that large says nothing a script could use.
    return share if share is not None and math.isfinite(share) else None


def _action_json(action: Action, today: dt.date) -> dict[str, Any]:
    due = action.due
    return {
        "id": action.id,
        "title": strip_control(action.title),
        "owner": strip_control(action.owner),
        "status": action.status,
        "due": _iso(due),
        "days_late": (today - due).days if due and due < today else 0,
    }


def status_json(statuses: list[PlanStatus], today: dt.date, within: int) -> dict[str, Any]:
    """The report for scripts: dates in ISO form, shares from 0 to 1 (not percents)."""
    plans: list[dict[str, Any]] = []
    for status in statuses:
        entry: dict[str, Any] = {"path": str(status.path)}
        if status.error is not None:
            entry["error"] = {
                "message": strip_control(status.error.message),
                "line": status.error.line,
                "kind": status.error.kind,
            }
            plans.append(entry)
            continue
        plan, summary = status.plan, status.summary
        assert plan is not None and summary is not None
        entry.update(
            {
                "error": None,
                "id": plan.id,
                "title": strip_control(plan.title),
                "actions_total": summary.actions_total,
                "actions_done": summary.actions_done,
                "overdue": [_action_json(a, today) for a in summary.overdue],
                "due_soon": [_action_json(a, today) for a in summary.due_soon],
                "next_deadline": _iso(summary.next_deadline),
                "next_review": _iso(summary.next_review),
                "review_due": summary.review_due,
                "last_review": _iso(summary.last_review),
                "elapsed": _finite(summary.elapsed),
                "gaps": len(plan_gaps(plan)),
                "off_track": [
                    {
                        "id": item.indicator.id,
                        "name": strip_control(item.indicator.name),
                        "reason": item.reason,
                        "progress": _finite(item.progress),
                        "elapsed": _finite(item.elapsed),
                    }
                    for item in summary.off_track_details
                ],
            }
        )
        plans.append(entry)
    return {"today": today.isoformat(), "within": within, "plans": plans}
