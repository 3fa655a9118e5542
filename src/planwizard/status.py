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

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from planwizard.checklist import plan_gaps
from planwizard.dates import DUE_SOON_DAYS
from planwizard.i18n import _, format_percent, ngettext, short_date
from planwizard.model import Action, Plan, Recommendation
from planwizard.monitoring import OffTrack, PlanSummary, summarize
from planwizard.recommendations import overdue_replies
from planwizard.storage import PlanError
from planwizard.text import one_line, strip_control

#: Width when the output is not a terminal and COLUMNS does not say: an 80-column page.
DEFAULT_WIDTH = 80
#: Longest action title or indicator name in a row (it wraps); JSON keeps the whole text.
ITEM_WIDTH = 160

RowKind = Literal["error", "overdue", "due-soon", "blocked", "review-due", "off-track", "ok"]


@dataclass(frozen=True)
class PlanStatus:
    """One plan file of the folder: its summary when it loads, its error when it does not."""

    path: Path
    plan: Plan | None = None
    summary: PlanSummary | None = None
    error: PlanError | None = None
    #: Recommendations whose written reply is overdue (issue 18; details in
    #: `planwizard recommendations`).
    overdue_replies: tuple[Recommendation, ...] = ()


def collect_status(
    paths: Iterable[Path], today: dt.date, within: int = DUE_SOON_DAYS
) -> list[PlanStatus]:
    """Load and summarize each plan; a broken file becomes an entry with its error."""
    from planwizard.canonical_read import load_checked  # load_plan, faster when canonical

    found: list[PlanStatus] = []
    for path in paths:
        try:
            plan = load_checked(path)[0]
        except PlanError as exc:
            found.append(PlanStatus(path, error=exc))
            continue
        replies = tuple(overdue_replies(plan, today))
        found.append(
            PlanStatus(
                path, plan=plan, summary=summarize(plan, today, within), overdue_replies=replies
            )
        )
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
        "blocked": _("blocked"),
        "review-due": _("review due"),
        "off-track": _("off track"),
        "ok": _("nothing due"),
    }
    return labels[kind]


def _days_late(days: int) -> str:
    return ngettext("{days} day late", "{days} days late", days).format(days=days)


def _days_left(days: int) -> str:
    if days == 0:
        return _("today")
    return ngettext("in {days} day", "in {days} days", days).format(days=days)


def _days_ago(days: int) -> str:
    if days == 0:
        return _("today")
    return ngettext("{days} day ago", "{days} days ago", days).format(days=days)


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
        late_ids = {a.id for a in summary.overdue}
        plan = status.plan
        blocked = [a for a in (plan.actions if plan else []) if a.status == "blocked"]
        for action in blocked:
            if action.id in late_ids:
                continue  # already listed as overdue
            rows.append(
                StatusRow(
                    name,
                    "blocked",
                    one_line(action.title, ITEM_WIDTH) or action.id,
                    action.due,
                    one_line(action.owner),
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


def totals_lines(statuses: list[PlanStatus], width: int = DEFAULT_WIDTH) -> str:
    """The totals, wrapped between words to `width` columns."""
    return "\n".join(_wrap(totals_line(statuses), width))


def totals_line(statuses: list[PlanStatus]) -> str:
    summaries = [s.summary for s in statuses if s.summary is not None]
    plans = len(statuses)
    overdue = sum(len(s.overdue) for s in summaries)
    soon = sum(len(s.due_soon) for s in summaries)
    reviews = sum(1 for s in summaries if s.review_due)
    off = sum(len(s.off_track) for s in summaries)
    broken = sum(1 for s in statuses if s.error is not None)
    replies = sum(len(s.overdue_replies) for s in statuses)
    # Each count in its own plural form; the sentence around them is one message.
    totals = _("{plans}: {overdue}, {soon}, {reviews}, {off}, {broken}").format(
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
    if not replies:
        return totals
    return (
        totals
        + "; "
        + ngettext(
            "{count} written reply overdue", "{count} written replies overdue", replies
        ).format(count=replies)
    )


def _headers() -> list[str]:
    return [_("Plan"), _("Status"), _("Item"), _("Date"), _("Detail")]


def _cells(row: StatusRow) -> list[str]:
    # Dates in words, short enough for a column; the JSON keeps ISO dates for scripts.
    date = short_date(row.date) if row.date else ""
    return [row.plan, kind_label(row.kind), row.item, date, row.detail]


# ----------------------------------------------------------------------- rendering

#: In the wide layout, the plan's name wraps beyond this many columns.
PLAN_WIDTH = 48


def output_width(environ: dict[str, str] | None = None) -> int:
    """The width of plain output (a pipe, a file): COLUMNS if set, else 80 — never the
    width of whatever terminal happens to be around. A terminal gets its own width."""
    import os

    value = (environ if environ is not None else dict(os.environ)).get("COLUMNS", "")
    return max(int(value), 40) if value.strip().isdigit() else DEFAULT_WIDTH


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    # Between words; a word longer than the whole column is the only one cut.
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


#: From this width on, every row names its plan in a first column (for grep and awk);
#: narrower, each plan's name heads its rows and the columns keep the room.
WIDE_FROM = 120

Segment = tuple[str, str]  # text, rich style ("" for none)


def layout(rows: list[StatusRow], width: int = DEFAULT_WIDTH) -> list[list[Segment]]:
    """The status as lines of styled segments that fit `width` columns.

    Status and date are never cut; item and detail wrap between words onto the next
    lines (Python's textwrap keeps French no-break spaces, « 97 % », together).
    """
    wide = width >= WIDE_FROM
    headers = _headers()
    table = [_cells(row) for row in rows]
    columns = range(len(headers)) if wide else range(1, len(headers))
    widths = {c: max(cell_len(line[c]) for line in [headers, *table]) for c in columns}
    indent = 0 if wide else 2
    if wide:
        widths[0] = min(widths[0], PLAN_WIDTH)
    fixed = sum(widths[c] for c in columns if c not in (2, 4))
    room = width - indent - fixed - 2 * (len(widths) - 1)
    if widths[2] + widths[4] > room:
        item = max(12, min(widths[2], room // 2))
        widths[2], widths[4] = item, max(12, room - item)

    def line_of(cells: list[str], styles: list[str]) -> list[list[Segment]]:
        wrapped = {c: _wrap(cells[c], widths[c]) for c in columns}
        out: list[list[Segment]] = []
        for n in range(max(len(w) for w in wrapped.values())):
            segments: list[Segment] = [(" " * indent, "")] if indent else []
            for position, c in enumerate(columns):
                part = wrapped[c][n] if n < len(wrapped[c]) else ""
                pad = " " * (widths[c] - cell_len(part)) if position < len(widths) - 1 else ""
                segments.append((part, styles[c] if part else ""))
                segments.append((pad + ("  " if position < len(widths) - 1 else ""), ""))
            out.append(segments)
        return out

    lines = line_of(headers, ["bold"] * len(headers))
    previous = None
    for row, cells in zip(rows, table, strict=True):
        if not wide and row.plan != previous:
            lines.append([(row.plan, "bold")])
        styles = ["bold", _STYLES[row.kind], "", "", "dim" if row.kind == "ok" else ""]
        lines.extend(line_of(cells, styles))
        previous = row.plan
    return lines


def render_plain(rows: list[StatusRow], width: int = DEFAULT_WIDTH) -> str:
    """The status as plain text within `width` columns (see :func:`layout`)."""
    return "".join("".join(t for t, _s in line).rstrip() + "\n" for line in layout(rows, width))


_STYLES: dict[RowKind, str] = {
    "error": "bold red",
    "overdue": "red",
    "due-soon": "yellow",
    "blocked": "red",
    "review-due": "magenta",
    "off-track": "yellow",
    "ok": "green",
}


def render_table(rows: list[StatusRow], console: Console) -> None:
    """The same lines for a terminal, coloured; every segment a `Text`, never markup."""
    for line in layout(rows, console.width):
        text = Text.assemble(*line)
        text.rstrip()
        console.print(text, no_wrap=True, overflow="ignore", crop=False)


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
                "blocked": [_action_json(a, today) for a in plan.actions if a.status == "blocked"],
                "next_deadline": _iso(summary.next_deadline),
                "next_review": _iso(summary.next_review),
                "review_due": summary.review_due,
                "last_review": _iso(summary.last_review),
                "elapsed": _finite(summary.elapsed),
                "gaps": len(plan_gaps(plan)),
                "overdue_replies": [
                    {
                        "id": rec.id,
                        "reference": strip_control(rec.reference),
                        "reply_due": _iso(rec.reply_due),
                        "days_late": (today - rec.reply_due).days if rec.reply_due else 0,
                    }
                    for rec in status.overdue_replies
                ],
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
