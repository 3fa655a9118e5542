"""The report's recommendations section (issue 18), for plans that follow some up.

First a table with one row per recommendation (where each stands: the authority's
position, the written reply, the implementation found at the last review), then each
recommendation in full: its text, source and reference, the authorities it is addressed
to, the reply (overdue ones say so, counted from the report's date), the actions that
implement it with their statuses, and what each review found.

Who the report is for (see exports.report.AUDIENCES): the partners' version goes to the
authorities themselves, so it leaves out what the group said about them here as it does
the stakeholder analysis: the reasons noted at reviews (« resistance »...), the
follow-up strategy agreed, and the group's own priority. The team's version has it all.

Everything here is plain text, cleaned of control characters like the rest of the
report; the Markdown and HTML renderers escape it.
"""

from __future__ import annotations

import datetime as dt

from planwizard import method
from planwizard.exports.labels import clean, flat, format_date, status_label
from planwizard.exports.report import Block, Fields, Note, Paragraph, Section, Table
from planwizard.i18n import _, ngettext
from planwizard.model import Plan, Recommendation
from planwizard.recommendations import RecommendationState, recommendation_states


def recommendations_section(plan: Plan, team: bool, today: dt.date) -> Section | None:
    """The section, or None when the plan follows up no recommendation."""
    if not plan.recommendations:
        return None
    states = recommendation_states(plan, today)
    blocks: list[Block] = [
        Table(
            [
                _("Recommendation"),
                _("Addressed to"),
                _("Position"),
                _("Reply"),
                _("Implementation"),
            ],
            [_overview_row(state, today) for state in states],
        )
    ]
    if not team:
        # Under the table, so that the heading never stands alone at a page's foot with it.
        blocks.append(
            Note(
                _(
                    "Partners version: without the reasons noted at reviews, the follow-up "
                    "strategies or the priorities."
                )
            )
        )
    return Section(
        _("Recommendations"),
        blocks,
        subsections=[_detail(state, team, today) for state in states],
    )


def _name(rec: Recommendation) -> str:
    return flat(rec.reference) or flat(rec.id)


def _authorities(state: RecommendationState) -> str:
    return ", ".join(flat(name) for name in state.authorities)


def reply_text(rec: Recommendation, today: dt.date) -> str:
    """Where the written reply stands on `today`: received, overdue, due, or nothing."""
    if rec.reply_received is not None:
        return _("received {date}").format(date=format_date(rec.reply_received))
    if rec.reply_due is None:
        return ""
    if rec.reply_due < today:
        days = (today - rec.reply_due).days
        return _("OVERDUE: due {date}, {late}").format(
            date=format_date(rec.reply_due),
            late=ngettext("{count} day late", "{count} days late", days).format(count=days),
        )
    return _("due by {date}").format(date=format_date(rec.reply_due))


def _implementation(state: RecommendationState) -> str:
    last = state.last
    if last is None:
        return _("not assessed yet")
    return _("{implementation} ({date})").format(
        implementation=method.label("implementation", last.implementation) or "—",
        date=format_date(last.date),
    )


def _overview_row(state: RecommendationState, today: dt.date) -> list[str]:
    rec = state.recommendation
    return [
        _name(rec),
        _authorities(state),
        method.label("position", rec.position),
        reply_text(rec, today),
        _implementation(state),
    ]


def _detail(state: RecommendationState, team: bool, today: dt.date) -> Section:
    rec = state.recommendation
    blocks: list[Block] = [
        Paragraph(clean(rec.text).strip())
        if rec.text.strip()
        else Note(_("The recommendation's text is not recorded."))
    ]
    rows = [(_("Source"), clean(rec.source))]  # the reference is in the heading
    if rec.issued is not None:
        rows.append((_("Issued"), format_date(rec.issued)))
    rows += [
        (_("Addressed to"), _authorities(state)),
        (_("Position"), method.label("position", rec.position)),
    ]
    if team and rec.priority is not None:
        rows.append((_("Priority"), method.label("priority", rec.priority)))
    rows.append((_("Written reply"), reply_text(rec, today)))
    if rec.reply_summary.strip():
        rows.append((_("Reply summary"), clean(rec.reply_summary).strip()))
    blocks.append(Fields(rows))
    if state.actions:
        blocks.append(
            Table(
                [_("Action implementing it"), _("Due"), _("Status")],
                [
                    [clean(a.title) or flat(a.id), format_date(a.due), status_label(a.status)]
                    for a in state.actions
                ],
            )
        )
    else:
        blocks.append(Note(_("No action implements it yet.")))
    if state.history:
        headers = [_("Review"), _("Implementation"), _("Done"), _("Not done")]
        if team:
            headers += [_("Why"), _("Follow-up")]
        table: list[list[str]] = []
        for step in state.history:
            cells = [
                format_date(step.date),
                method.label("implementation", step.implementation),
                clean(step.done).strip(),
                clean(step.not_done).strip(),
            ]
            if team:
                cells += [
                    ", ".join(method.label("why", code) for code in step.why),
                    clean(step.follow_up).strip(),
                ]
            table.append(cells)
        blocks.append(Table(headers, table))
    else:
        blocks.append(Note(_("Not assessed at a review yet.")))
    return Section(_("Recommendation {name}").format(name=_name(rec)), blocks)
