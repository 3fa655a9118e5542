"""Following up recommendations with the authorities (issue 18): the rules and the sums.

A plan may follow up recommendations (a monitoring body's, a treaty body's...): each is
addressed to stakeholders (the authorities), who take a position and are asked for a
written reply by a deadline; actions implement them; the dialogue log records every
exchange; each review says how far each one is implemented, and why not.

This module holds what the TUI, the CLI and the exports share: the links that must
point somewhere (errors, called from `storage.consistency_findings`), the gentle
warnings of the checklist, each recommendation's state on a given day (authorities,
reply overdue, linked actions, implementation over the reviews), the same across a
folder of plans, and :func:`record_dialogue`, which adds an exchange to the log and,
for a written reply, dates the reply and takes the position it gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from planwizard.i18n import _
from planwizard.model import (
    POSITIONS,
    Action,
    DialogueEntry,
    Plan,
    Position,
    Recommendation,
    new_id,
)

if TYPE_CHECKING:
    from planwizard.storage import Finding, LineFinder

#: Positions after which an action on the recommendation deserves a second look.
REJECTED: frozenset[str] = frozenset({"rejected"})
#: Implementations after which a recommendation needs no more action.
SETTLED: frozenset[str] = frozenset({"fully", "no-longer-relevant"})


# ------------------------------------------------------------------ links (errors)


def link_findings(plan: Plan, finder: LineFinder) -> list[Finding]:
    """Errors for links that point nowhere and duplicate recommendation ids, with lines.

    Stakeholders are named by `addressed_to`, a dialogue entry's `with` and a team role's
    `stakeholders`; recommendations by an action's, a dialogue entry's and a review's
    `recommendations`. A link to nothing is an error, as a review naming a missing action
    is: the plan says something about an item that is not in it.
    """
    from planwizard.storage import Finding

    found: list[Finding] = []
    stakeholders = {s.id for s in plan.stakeholders}
    seen: Counter[str] = Counter()
    for index, rec in enumerate(plan.recommendations):
        seen[rec.id] += 1
        if seen[rec.id] == 2:
            found.append(
                Finding(
                    _("duplicate id {id!r}: every item needs its own id").format(id=rec.id),
                    finder.line(("recommendations", index, "id")),
                )
            )
    recommendations = set(seen)

    def missing(
        names: Iterable[str], known: set[str], message: str, path: tuple[str | int, ...], **kw: str
    ) -> None:
        for name in dict.fromkeys(names):
            if name not in known:
                found.append(Finding(message.format(id=name, **kw), finder.line(path)))

    for index, rec in enumerate(plan.recommendations):
        missing(
            rec.addressed_to,
            stakeholders,
            _(
                "recommendation {rec} is addressed to {id!r}, which is not a stakeholder "
                "of the plan"
            ),
            ("recommendations", index, "addressed_to"),
            rec=rec.id,
        )
    for index, role in enumerate(plan.team_roles):
        missing(
            role.stakeholders,
            stakeholders,
            _("team role of {person} names {id!r}, which is not a stakeholder of the plan"),
            ("team_roles", index, "stakeholders"),
            person=role.person or "?",
        )
    for index, action in enumerate(plan.actions):
        missing(
            action.recommendations,
            recommendations,
            _("action {action} refers to recommendation {id!r}, which is not in the plan"),
            ("actions", index, "recommendations"),
            action=action.id,
        )
    for index, entry in enumerate(plan.dialogue):
        date = entry.date.isoformat()
        missing(
            entry.with_,
            stakeholders,
            _("dialogue of {date} is with {id!r}, which is not a stakeholder of the plan"),
            ("dialogue", index, "with"),
            date=date,
        )
        missing(
            entry.recommendations,
            recommendations,
            _("dialogue of {date} refers to recommendation {id!r}, which is not in the plan"),
            ("dialogue", index, "recommendations"),
            date=date,
        )
    for r_index, review in enumerate(plan.reviews):
        for u_index, update in enumerate(review.recommendations):
            missing(
                [update.recommendation],
                recommendations,
                _("review of {date} refers to recommendation {id!r}, which is not in the plan"),
                ("reviews", r_index, "recommendations", u_index, "recommendation"),
                date=review.date.isoformat(),
            )
    return found


# ------------------------------------------------------------------ the sums


def reply_overdue(rec: Recommendation, today: dt.date) -> bool:
    """A written reply was due before today and has not arrived."""
    return rec.reply_due is not None and rec.reply_due < today and rec.reply_received is None


@dataclass(frozen=True)
class ImplementationStep:
    """What one review found about a recommendation."""

    date: dt.date
    implementation: str | None
    why: tuple[str, ...] = ()
    done: str = ""
    not_done: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class RecommendationState:
    """A recommendation as it stands on a day, with what the rest of the plan says of it."""

    recommendation: Recommendation
    #: The authorities' names (a stakeholder's id when it has no name), in the plan's order.
    authorities: tuple[str, ...]
    overdue: bool
    #: Days since the reply was due, when it is overdue; else 0.
    days_overdue: int
    actions: tuple[Action, ...]
    #: The reviews' findings in date order, oldest first.
    history: tuple[ImplementationStep, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.recommendation.id

    @property
    def position(self) -> str:
        return self.recommendation.position

    @property
    def last(self) -> ImplementationStep | None:
        return self.history[-1] if self.history else None

    @property
    def implementation(self) -> str | None:
        """The implementation at the last review that assessed it (None: never assessed)."""
        return self.last.implementation if self.last else None


def authority_names(plan: Plan, rec: Recommendation) -> tuple[str, ...]:
    names = {s.id: (s.name.strip() or s.id) for s in plan.stakeholders}
    return tuple(names.get(sid, sid) for sid in rec.addressed_to)


def implementation_history(plan: Plan, recommendation_id: str) -> tuple[ImplementationStep, ...]:
    """Each review's finding on the recommendation, oldest first (reviews in date order)."""
    steps: list[ImplementationStep] = []
    for review in sorted(plan.reviews, key=lambda r: r.date):
        for update in review.recommendations:
            if update.recommendation == recommendation_id:
                steps.append(
                    ImplementationStep(
                        review.date,
                        update.implementation,
                        tuple(update.why),
                        update.done,
                        update.not_done,
                        update.follow_up,
                    )
                )
    return tuple(steps)


def recommendation_state(plan: Plan, rec: Recommendation, today: dt.date) -> RecommendationState:
    overdue = reply_overdue(rec, today)
    return RecommendationState(
        recommendation=rec,
        authorities=authority_names(plan, rec),
        overdue=overdue,
        days_overdue=(today - rec.reply_due).days if overdue and rec.reply_due else 0,
        actions=tuple(a for a in plan.actions if rec.id in a.recommendations),
        history=implementation_history(plan, rec.id),
    )


def recommendation_states(plan: Plan, today: dt.date) -> list[RecommendationState]:
    """Every recommendation of the plan, in the plan's order."""
    return [recommendation_state(plan, rec, today) for rec in plan.recommendations]


def overdue_replies(plan: Plan, today: dt.date) -> list[Recommendation]:
    return [rec for rec in plan.recommendations if reply_overdue(rec, today)]


# ------------------------------------------------------------------ across a folder

ReplyKind = Literal["overdue", "due-soon", "waiting", "received", "no-deadline"]


@dataclass(frozen=True)
class FolderRecommendation:
    """One recommendation of one plan of a folder, with where its reply stands."""

    path: Path
    plan: Plan
    state: RecommendationState
    reply: ReplyKind


@dataclass(frozen=True)
class FolderError:
    path: Path
    message: str
    line: int | None


def reply_kind(rec: Recommendation, today: dt.date, within: int) -> ReplyKind:
    if rec.reply_received is not None:
        return "received"
    if rec.reply_due is None:
        return "no-deadline"
    if rec.reply_due < today:
        return "overdue"
    return "due-soon" if (rec.reply_due - today).days <= within else "waiting"


_REPLY_ORDER: dict[str, int] = {
    "overdue": 0,
    "due-soon": 1,
    "waiting": 2,
    "no-deadline": 3,
    "received": 4,
}


def folder_recommendations(
    paths: Iterable[Path], today: dt.date, within: int
) -> tuple[list[FolderRecommendation], list[FolderError]]:
    """Every recommendation of every plan: overdue replies first (the latest first), then
    replies due within `within` days (the soonest first), then the others in folder
    and plan order; and the plans that do not load."""
    from planwizard.storage import PlanError, load_plan

    rows: list[FolderRecommendation] = []
    errors: list[FolderError] = []
    for path in paths:
        try:
            plan = load_plan(path)
        except PlanError as exc:
            errors.append(FolderError(path, exc.message, exc.line))
            continue
        for state in recommendation_states(plan, today):
            rec = state.recommendation
            rows.append(FolderRecommendation(path, plan, state, reply_kind(rec, today, within)))

    def order(row: FolderRecommendation) -> tuple[int, int]:
        due = row.state.recommendation.reply_due
        if row.reply == "overdue":
            return (0, -row.state.days_overdue)
        if row.reply == "due-soon" and due is not None:
            return (1, (due - today).days)
        return (_REPLY_ORDER[row.reply], 0)

    rows.sort(key=order)  # stable: folder and plan order within a kind
    return rows, errors


#: The implementation filter's word for "never assessed at a review".
NOT_ASSESSED = "not-assessed"


def filter_rows(
    rows: Iterable[FolderRecommendation],
    *,
    authority: str | None = None,
    position: str | None = None,
    implementation: str | None = None,
) -> list[FolderRecommendation]:
    """The rows that match every filter given (None: no filter), in their order.

    `authority` is a stakeholder id or name (case does not matter); `implementation` an
    implementation at the last review, or :data:`NOT_ASSESSED`.
    """
    wanted = authority.casefold().strip() if authority is not None else None
    found: list[FolderRecommendation] = []
    for row in rows:
        rec = row.state.recommendation
        if wanted is not None:
            names = {n.casefold().strip() for n in row.state.authorities}
            if wanted not in names and wanted not in {s.casefold() for s in rec.addressed_to}:
                continue
        if position is not None and rec.position != position:
            continue
        if implementation is not None:
            current = row.state.implementation or NOT_ASSESSED
            if current != implementation:
                continue
        found.append(row)
    return found


def authorities(rows: Iterable[FolderRecommendation]) -> list[str]:
    """The authorities' names across the rows, once each, sorted, for a filter's choices."""
    return sorted({name for row in rows for name in row.state.authorities}, key=str.casefold)


# ------------------------------------------------------------------ removing one


@dataclass(frozen=True)
class RecommendationLinks:
    """What in the plan names a recommendation: deleting it must leave no link dangling."""

    #: Ids of the actions that implement it.
    actions: tuple[str, ...] = ()
    #: How many dialogue entries are about it.
    dialogue: int = 0
    #: How many reviews assessed it (its implementation history).
    reviews: int = 0

    def __bool__(self) -> bool:
        return bool(self.actions or self.dialogue or self.reviews)


def recommendation_links(plan: Plan, recommendation_id: str) -> RecommendationLinks:
    return RecommendationLinks(
        actions=tuple(a.id for a in plan.actions if recommendation_id in a.recommendations),
        dialogue=sum(1 for e in plan.dialogue if recommendation_id in e.recommendations),
        reviews=sum(
            1
            for review in plan.reviews
            if any(u.recommendation == recommendation_id for u in review.recommendations)
        ),
    )


def remove_recommendation(plan: Plan, recommendation_id: str, *, unlink: bool = False) -> str:
    """Delete a recommendation without leaving a link to it pointing nowhere.

    Returns "missing"; "reviewed" (kept: reviews hold its implementation history, which
    is never deleted); "linked" (kept: actions or dialogue entries name it, and `unlink`
    was not given); or "deleted", after taking its id out of the actions and dialogue
    entries that named it when `unlink` is given (they stay, naming the others).
    """
    if plan.recommendation(recommendation_id) is None:
        return "missing"
    links = recommendation_links(plan, recommendation_id)
    if links.reviews:
        return "reviewed"
    if links and not unlink:
        return "linked"
    for action in plan.actions:
        if recommendation_id in action.recommendations:
            action.recommendations = [r for r in action.recommendations if r != recommendation_id]
    for entry in plan.dialogue:
        if recommendation_id in entry.recommendations:
            entry.recommendations = [r for r in entry.recommendations if r != recommendation_id]
    plan.recommendations = [r for r in plan.recommendations if r.id != recommendation_id]
    return "deleted"


# ------------------------------------------------------------------ the dialogue log


def record_dialogue(plan: Plan, entry: DialogueEntry, position: str | None = None) -> list[str]:
    """Add `entry` to the plan's dialogue log, in date order; return the ids of the
    recommendations whose reply or position it changed.

    A written reply (form ``written-reply``) is the reply to the recommendations it
    names: it dates their `reply_received` (when none is recorded, or a later one is:
    the first reply counts), and sets their position when `position` is given. Raises
    ValueError, changing nothing, when the entry names a stakeholder or recommendation
    that is not in the plan, or `position` is not a position.
    """
    stakeholders = {s.id for s in plan.stakeholders}
    for sid in entry.with_:
        if sid not in stakeholders:
            raise ValueError(
                _("{id!r} is not a stakeholder of the plan").format(id=sid),
            )
    targets: list[Recommendation] = []
    for rid in entry.recommendations:
        rec = plan.recommendation(rid)
        if rec is None:
            raise ValueError(_("{id!r} is not a recommendation of the plan").format(id=rid))
        if rec not in targets:
            targets.append(rec)
    if position is not None and position not in POSITIONS:
        raise ValueError(
            _("{value!r} is not allowed; use one of: {allowed}").format(
                value=position, allowed=", ".join(POSITIONS)
            )
        )
    at = len(plan.dialogue)
    while at > 0 and plan.dialogue[at - 1].date > entry.date:
        at -= 1
    plan.dialogue = [*plan.dialogue[:at], entry, *plan.dialogue[at:]]
    changed: list[str] = []
    if entry.form != "written-reply":
        return changed
    for rec in targets:
        touched = False
        if rec.reply_received is None or rec.reply_received > entry.date:
            rec.reply_received = entry.date
            touched = True
        if position is not None and rec.position != position:
            rec.position = cast(Position, position)  # checked against POSITIONS above
            touched = True
        if touched:
            changed.append(rec.id)
    return changed


# ------------------------------------------------------------------ pasting a list

# A reference at the start of a pasted line: "§ 14", "§14.", "para. 21", "paragraph 3",
# "14.", "14)", "(14)", "[14]", "R14", "Rec. 7", then an optional separator.
_REFERENCE = re.compile(
    r"^\s*(?:"
    # Marked references may be followed by a space alone.
    r"(?P<marked>§\s*\d+[\w.-]*?|(?:para(?:graph)?|rec(?:ommendation)?)\.?\s*\d+[\w.-]*?"
    r"|R\d+[\w.-]*?|\(\d+\)|\[\d+\])(?:[.):]|\s+[-–—:])?"
    # A bare number needs its punctuation ("14." or "14 –"), or it is the text's own.
    r"|(?P<bare>\d+(?:\.\d+)*)(?:[.):]|\s+[-–—:])"
    r")\s+(?P<text>\S.*)$",
    re.IGNORECASE,
)


def recommendations_from_text(
    text: str,
    *,
    taken: Iterable[str] = (),
    source: str = "",
    issued: dt.date | None = None,
    addressed_to: Iterable[str] = (),
) -> list[Recommendation]:
    """Recommendations pasted one per line, each with its reference when the line starts
    with one (`§ 14 Garantir…`, `14. Garantir…`, `para. 21 – Tenir…`).

    Blank lines are skipped; a bullet (`-`, `*`, `•`) before the reference is dropped.
    Every recommendation gets a fresh id, not among `taken`, and the given source, date
    of issue and authorities.
    """
    used = set(taken)
    found: list[Recommendation] = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-*•·").strip()
        if not line:
            continue
        match = _REFERENCE.match(line)
        if match:
            reference = " ".join((match.group("marked") or match.group("bare")).split())
            body = match.group("text").strip()
        else:
            reference, body = "", line
        rec_id = new_id("recommendation", used)
        used.add(rec_id)
        found.append(
            Recommendation(
                id=rec_id,
                text=body,
                reference=reference,
                source=source,
                issued=issued,
                addressed_to=list(addressed_to),
            )
        )
    return found
