"""`planwizard recommendations`: every recommendation of every plan in a folder.

Overdue written replies first, then replies due soon, then the others; per
recommendation its authorities, position, reply due or received, and implementation at
the last review. Plain text wrapped to the terminal's width (80 columns when piped) and
JSON for scripts. Plan text is untrusted: it goes through `one_line` (terminal control
characters stripped) in the text, `strip_control` in the JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len

from planwizard import method
from planwizard.i18n import _, long_date, ngettext
from planwizard.recommendations import FolderError, FolderRecommendation, ReplyKind
from planwizard.text import one_line, strip_control

#: Columns of the text output when it does not go to a terminal.
TEXT_WIDTH = 80
_INDENT = "    "


# ----------------------------------------------------------------------- JSON


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def recommendations_json(
    rows: list[FolderRecommendation], errors: list[FolderError], today: dt.date, within: int
) -> dict[str, Any]:
    """The table for scripts (docs/plan-format.md, "planwizard recommendations --json")."""
    items: list[dict[str, Any]] = []
    for row in rows:
        state = row.state
        rec = state.recommendation
        names = {s.id: s.name for s in row.plan.stakeholders}
        last = state.last
        items.append(
            {
                "path": str(row.path),
                "plan_id": row.plan.id,
                "plan_title": strip_control(row.plan.title),
                "id": rec.id,
                "text": strip_control(rec.text),
                "source": strip_control(rec.source),
                "reference": strip_control(rec.reference),
                "issued": _iso(rec.issued),
                "addressed_to": [
                    {"id": sid, "name": strip_control(names.get(sid, ""))}
                    for sid in rec.addressed_to
                ],
                "position": rec.position,
                "priority": rec.priority,
                "reply_due": _iso(rec.reply_due),
                "reply_received": _iso(rec.reply_received),
                "reply": row.reply,
                "days_overdue": state.days_overdue,
                "actions": [
                    {"id": a.id, "title": strip_control(a.title), "status": a.status}
                    for a in state.actions
                ],
                "implementation": state.implementation,
                "last_review": _iso(last.date) if last else None,
                "why": list(last.why) if last else [],
                "history": [
                    {
                        "date": step.date.isoformat(),
                        "implementation": step.implementation,
                        "why": list(step.why),
                    }
                    for step in state.history
                ],
            }
        )
    return {
        "today": today.isoformat(),
        "within": within,
        "overdue": sum(1 for row in rows if row.reply == "overdue"),
        "recommendations": items,
        "errors": [
            {"path": str(e.path), "message": strip_control(e.message), "line": e.line}
            for e in errors
        ],
    }


# ----------------------------------------------------------------------- text


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Words of `text` in lines of at most `width` cells, each line after `indent`.

    Counts terminal cells, not characters, so wide characters do not overflow; a word
    longer than a line is cut.
    """
    room = max(width - cell_len(indent), 10)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        while cell_len(word) > room:
            if current:
                lines.append(current)
                current = ""
            cut = len(word)
            while cell_len(word[:cut]) > room:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return [indent + line for line in lines] or [indent.rstrip()]


def _section_title(kind: ReplyKind, within: int) -> str:
    titles: dict[str, str] = {
        "overdue": _("Written replies overdue"),
        "due-soon": _("Replies due within {days} days").format(days=within),
        "waiting": _("Waiting for a reply"),
        "no-deadline": _("No deadline for a reply yet"),
        "received": _("Replies received"),
    }
    return titles[kind]


def _days(n: int) -> str:
    return _("1 day") if n == 1 else _("{days} days").format(days=n)


def _reply_line(row: FolderRecommendation, today: dt.date) -> str:
    rec = row.state.recommendation
    if row.reply == "overdue" and rec.reply_due is not None:
        reply = _("Reply due {date}, {days} late").format(
            date=long_date(rec.reply_due), days=_days(row.state.days_overdue)
        )
    elif row.reply in ("due-soon", "waiting") and rec.reply_due is not None:
        days = (rec.reply_due - today).days
        reply = (
            _("Reply due today")
            if days == 0
            else _("Reply due {date}, in {days}").format(
                date=long_date(rec.reply_due), days=_days(days)
            )
        )
    elif rec.reply_received is not None:
        reply = _("Reply received {date}").format(date=long_date(rec.reply_received))
    else:
        reply = _("No deadline for a reply")
    position = _("position: {position}").format(position=method.label("position", rec.position))
    return f"{reply} · {position}"


def _review_line(row: FolderRecommendation) -> str:
    state = row.state
    actions = (
        _("1 action")
        if len(state.actions) == 1
        else _("{count} actions").format(count=len(state.actions))
    )
    last = state.last
    if last is None:
        return f"{_('Not reviewed yet')} · {actions}"
    implementation = method.label("implementation", last.implementation) or "—"
    found = _("At the review of {date}: {implementation}").format(
        date=long_date(last.date), implementation=implementation
    )
    if last.why:
        reasons = ", ".join(method.label("why", code) for code in last.why)
        found += " " + _("(why: {reasons})").format(reasons=reasons)
    return f"{found} · {actions}"


def render_text(
    rows: list[FolderRecommendation],
    errors: Iterable[FolderError],
    today: dt.date,
    within: int,
    width: int = TEXT_WIDTH,
) -> str:
    """The table as wrapped text: a section per reply kind, a block per recommendation."""
    lines: list[str] = []
    kind: ReplyKind | None = None
    for row in rows:
        if row.reply != kind:
            kind = row.reply
            if lines:
                lines.append("")
            lines.append(_section_title(kind, within))
        lines.append("")
        rec = row.state.recommendation
        head = " · ".join(
            part
            for part in (one_line(rec.id), one_line(rec.reference), one_line(row.path.name))
            if part
        )
        lines.extend(wrap(head, width))
        if rec.text.strip():
            lines.extend(wrap(one_line(rec.text), width, _INDENT))
        authorities = ", ".join(one_line(name) for name in row.state.authorities) or "—"
        lines.extend(wrap(_("To: {authorities}").format(authorities=authorities), width, _INDENT))
        lines.extend(wrap(_reply_line(row, today), width, _INDENT))
        lines.extend(wrap(_review_line(row), width, _INDENT))
    for error in errors:
        name = error.path.name
        where = f"{name}:{error.line}" if error.line else name
        if lines:
            lines.append("")
        lines.extend(wrap(f"{one_line(where)}: {one_line(error.message)}", width))
    return "\n".join(lines) + ("\n" if lines else "")


def totals_line(
    rows: list[FolderRecommendation], errors: list[FolderError], plans: int, within: int
) -> str:
    overdue = sum(1 for row in rows if row.reply == "overdue")
    soon = sum(1 for row in rows if row.reply == "due-soon")
    # Each count in its own plural form; the sentence around them is one message.
    return _("{count} in {plans}: {overdue}, {soon}, {broken}").format(
        count=ngettext("{count} recommendation", "{count} recommendations", len(rows)).format(
            count=len(rows)
        ),
        plans=ngettext("{count} plan", "{count} plans", plans).format(count=plans),
        overdue=ngettext(
            "{count} written reply overdue", "{count} written replies overdue", overdue
        ).format(count=overdue),
        soon=ngettext(
            "{count} due within {days} days", "{count} due within {days} days", soon
        ).format(count=soon, days=within),
        broken=ngettext("{count} unreadable plan", "{count} unreadable plans", len(errors)).format(
            count=len(errors)
        ),
    )
