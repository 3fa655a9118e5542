"""Holding a review of a plan: the meeting's agenda, what the group says, the stored record.

Step 4 of the method is a loop: months after the workshop the partners meet again, go
through each action and indicator, and adjust the plan or go back to the problem. This
module is the domain of that meeting, with no terminal in it; the review screen and the
history view are thin shells over it.

- :func:`start_review` builds a :class:`ReviewDraft`: the agenda in meeting order, each
  action with its context, each indicator with its earlier readings and progress, and a
  next review date proposed from the cadence.
- The screen fills the draft in (plain attributes, plus :meth:`ReviewDraft.add_action`,
  :meth:`ReviewDraft.redate` and :meth:`ReviewDraft.drop` for changes made in the sitting).
- :func:`commit_review` returns the plan with the review appended as a `[[reviews]]`
  entry, in the shape of the format contract; :func:`review_history` reads the reviews
  back for the history view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planwizard.i18n import _
from planwizard.model import (
    IMPLEMENTATIONS,
    REASONS,
    Action,
    ActionKind,
    ActionUpdate,
    Implementation,
    Indicator,
    Level,
    Measurement,
    Number,
    Plan,
    Reason,
    Recommendation,
    RecommendationUpdate,
    Review,
    Status,
    new_id,
)
from planwizard.monitoring import (
    is_overdue,
    next_review_date,
    progress,
    reviews_in_order,
)
from planwizard.storage import consistency_findings

#: Statuses of actions the group has finished with; they come last on the agenda.
CLOSED_STATUSES = frozenset({"done", "dropped"})


class ReviewError(ValueError):
    """A draft that cannot be committed; `problems` says why, one plain sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Reading:
    """One earlier reading of an indicator, as the review and the history show it."""

    date: dt.date
    value: Number
    note: str
    progress: float | None


# ----------------------------------------------------------------------- the draft


@dataclass
class ActionReview:
    """One action on the meeting's agenda: its context, then what the group says.

    `action` is a copy of the plan's action as it stood when the review started (for a
    new action, the action to add). The group's answers are the plain attributes after
    it; `status` stays None until the group gives one.
    """

    action: Action
    #: Past due on the review date and still open.
    overdue: bool = False
    #: Blocked when last reviewed (or blocked now).
    blocked_last_time: bool = False
    #: What the previous review said about it (the reason it was blocked, say).
    last_update: ActionUpdate | None = None
    #: Added in this sitting.
    is_new: bool = False
    status: Status | None = None
    done: str = ""
    not_done: str = ""
    why: str = ""
    note: str = ""
    #: The due date agreed in this sitting, when the group re-dates the action.
    new_due: dt.date | None = None

    @property
    def action_id(self) -> str:
        return self.action.id

    @property
    def title(self) -> str:
        return self.action.title

    @property
    def previous_status(self) -> Status:
        """The action's status before this review."""
        return self.action.status

    @property
    def closed(self) -> bool:
        """Done or dropped before this review."""
        return not self.is_new and self.action.status in CLOSED_STATUSES

    @property
    def discussed(self) -> bool:
        """Whether the group talked about it: only those get an update in the review."""
        texts = (self.done, self.not_done, self.why, self.note)
        return (
            self.is_new
            or self.status is not None
            or self.new_due is not None
            or any(text.strip() for text in texts)
        )

    @property
    def outcome_status(self) -> Status:
        """The status the action will have after the review."""
        return self.status or self.action.status

    @property
    def outcome_due(self) -> dt.date | None:
        return self.new_due or self.action.due


@dataclass
class IndicatorReview:
    """One indicator on the agenda: its earlier readings, then the new reading, if any."""

    indicator: Indicator
    #: Readings from reviews held on or before this one, oldest first.
    history: list[Reading] = field(default_factory=list)
    #: Where progress is counted from: the baseline, else the first reading.
    start: Number | None = None
    value: Number | None = None
    note: str = ""

    @property
    def indicator_id(self) -> str:
        return self.indicator.id

    @property
    def latest(self) -> Reading | None:
        return self.history[-1] if self.history else None

    @property
    def progress(self) -> float | None:
        """Progress of the new reading (None until there is one, or without a target).

        Without a baseline or any earlier reading, the new reading becomes the start.
        """
        if self.value is None:
            return None
        start = self.start if self.start is not None else self.value
        return progress(self.indicator, self.value, start)


@dataclass
class RecommendationReview:
    """One recommendation on the agenda (the yearly review with the focal points): what
    earlier reviews found, then what the group finds now (issue 18).

    `implementation` stays None until the group gives one; `why` holds reason codes
    (`model.REASONS`), several allowed.
    """

    recommendation: Recommendation
    #: Earlier reviews' findings on it (held on or before this one), oldest first.
    history: list[tuple[dt.date, RecommendationUpdate]] = field(default_factory=list)
    implementation: Implementation | None = None
    done: str = ""
    not_done: str = ""
    why: list[Reason] = field(default_factory=list)
    follow_up: str = ""

    @property
    def recommendation_id(self) -> str:
        return self.recommendation.id

    @property
    def last(self) -> RecommendationUpdate | None:
        return self.history[-1][1] if self.history else None

    @property
    def discussed(self) -> bool:
        """Whether the group assessed it: only those get an entry in the review."""
        texts = (self.done, self.not_done, self.follow_up)
        return (
            self.implementation is not None or bool(self.why) or any(text.strip() for text in texts)
        )


@dataclass
class ReviewDraft:
    """A review being held: the agenda and everything the group has said so far.

    `actions` is in meeting order: first those overdue on the review date or blocked at
    the last review, then the other open ones, both by due date (undated last); then
    the done and dropped ones, kept (rather than left out) so that the group can reopen
    one, but last, where the screen can fold them away. Actions added in the sitting
    are appended.
    """

    plan_id: str
    date: dt.date
    facilitator: str = ""
    summary: str = ""
    revisit_problem: bool = False
    actions: list[ActionReview] = field(default_factory=list)
    indicators: list[IndicatorReview] = field(default_factory=list)
    #: The plan's recommendations, in the plan's order (issue 18).
    recommendations: list[RecommendationReview] = field(default_factory=list)
    #: The next review date, proposed from the cadence; the group may change it.
    next_review: dt.date | None = None
    #: What the cadence alone proposes, to offer it back after a change.
    proposed_next_review: dt.date | None = None
    _taken_ids: set[str] = field(default_factory=set, repr=False)

    def action(self, action_id: str) -> ActionReview:
        for entry in self.actions:
            if entry.action_id == action_id:
                return entry
        raise KeyError(action_id)

    def indicator(self, indicator_id: str) -> IndicatorReview:
        for entry in self.indicators:
            if entry.indicator_id == indicator_id:
                return entry
        raise KeyError(indicator_id)

    def recommendation(self, recommendation_id: str) -> RecommendationReview:
        for entry in self.recommendations:
            if entry.recommendation_id == recommendation_id:
                return entry
        raise KeyError(recommendation_id)

    @property
    def discussed_actions(self) -> list[ActionReview]:
        return [entry for entry in self.actions if entry.discussed]

    def add_action(
        self,
        title: str,
        *,
        owner: str = "",
        due: dt.date | None = None,
        kind: ActionKind | None = None,
        level: Level | None = None,
        strategy: str = "",
    ) -> ActionReview:
        """A new action agreed in the sitting; it joins the plan when the review is committed."""
        action_id = new_id("action", self._taken_ids)
        self._taken_ids.add(action_id)
        action = Action(
            id=action_id,
            title=title,
            owner=owner,
            due=due,
            status="planned",
            kind=kind,
            level=level,
            strategy=strategy,
        )
        entry = ActionReview(action=action, is_new=True)
        self.actions.append(entry)
        return entry

    def redate(self, action_id: str, due: dt.date) -> ActionReview:
        """Move an action's due date; the review records the new date."""
        entry = self.action(action_id)
        entry.new_due = due
        return entry

    def drop(self, action_id: str, why: str = "") -> ActionReview:
        """Drop an action in the sitting: its status becomes "dropped", with the reason."""
        entry = self.action(action_id)
        entry.status = "dropped"
        if why:
            entry.why = why
        return entry

    def problems(self, plan: Plan) -> list[str]:
        """What stops this draft from being committed to `plan`, in plain sentences."""
        found: list[str] = []
        if plan.id != self.plan_id:
            found.append(_("this review was started on another plan"))
        for entry in self.actions:
            if entry.is_new:
                if not entry.action.title.strip():
                    found.append(_("a new action needs a title"))
            elif entry.discussed and plan.action(entry.action_id) is None:
                found.append(
                    _("action “{title}” is no longer in the plan").format(title=entry.title)
                )
        for reading in self.indicators:
            label = reading.indicator.name.strip() or reading.indicator_id
            if reading.value is None and reading.note.strip():
                found.append(
                    _("indicator “{name}” has a note but no reading; enter the value").format(
                        name=label
                    )
                )
            if reading.value is not None and plan.indicator(reading.indicator_id) is None:
                found.append(_("indicator “{name}” is no longer in the plan").format(name=label))
        for assessed in self.recommendations:
            if not assessed.discussed:
                continue
            label = assessed.recommendation.reference.strip() or assessed.recommendation_id
            if plan.recommendation(assessed.recommendation_id) is None:
                found.append(_("recommendation {rec} is no longer in the plan").format(rec=label))
            if assessed.implementation is not None and (
                assessed.implementation not in IMPLEMENTATIONS
            ):
                found.append(
                    _("recommendation {rec}: {value!r} is not an implementation").format(
                        rec=label, value=assessed.implementation
                    )
                )
            unknown = [code for code in assessed.why if code not in REASONS]
            if unknown:
                found.append(
                    _("recommendation {rec}: unknown reason {codes}; use: {allowed}").format(
                        rec=label, codes=", ".join(unknown), allowed=", ".join(REASONS)
                    )
                )
        if self.next_review is not None and self.next_review <= self.date:
            found.append(
                _("the next review ({next}) must come after this review ({date})").format(
                    next=self.next_review.isoformat(), date=self.date.isoformat()
                )
            )
        return found


def _last_updates(plan: Plan, until: dt.date) -> dict[str, ActionUpdate]:
    """Each action's latest update among reviews held on or before `until`."""
    found: dict[str, ActionUpdate] = {}
    for review in reviews_in_order(plan):
        if review.date > until:
            break
        for update in review.updates:
            found[update.action] = update
    return found


def _meeting_key(entry: ActionReview, index: int) -> tuple[int, int, dt.date, int]:
    if entry.closed:
        group = 2
    elif entry.overdue or entry.blocked_last_time:
        group = 0
    else:
        group = 1
    due = entry.action.due
    return (group, due is None, due or dt.date.min, index)


def earlier_readings(plan: Plan, indicator: Indicator, until: dt.date) -> list[Reading]:
    """Readings of `indicator` from reviews held on or before `until`, with their progress."""
    found = [
        (measurement, review)
        for review in reviews_in_order(plan)
        if review.date <= until
        for measurement in review.measurements
        if measurement.indicator == indicator.id
    ]
    start = indicator.baseline
    if start is None and found:
        start = found[0][0].value
    return [
        Reading(review.date, m.value, m.note, progress(indicator, m.value, start))
        for m, review in found
    ]


def start_review(plan: Plan, date: dt.date, facilitator: str | None = None) -> ReviewDraft:
    """Open a review of `plan` held on `date`; the plan itself is not changed.

    The facilitator defaults to the latest review's, else the workshop's first one.
    """
    last = _last_updates(plan, date)
    entries: list[ActionReview] = []
    for action in plan.actions:
        previous = last.get(action.id)
        entries.append(
            ActionReview(
                action=action.model_copy(deep=True),
                overdue=is_overdue(action, date),
                blocked_last_time=action.status == "blocked"
                or (previous is not None and previous.status == "blocked"),
                last_update=previous.model_copy(deep=True) if previous else None,
            )
        )
    ordered = [
        entry for index, entry in sorted(enumerate(entries), key=lambda p: _meeting_key(p[1], p[0]))
    ]

    indicators: list[IndicatorReview] = []
    for indicator in plan.measured_indicators():  # a dropped one is no longer read
        history = earlier_readings(plan, indicator, date)
        start = indicator.baseline
        if start is None and history:
            start = history[0].value
        indicators.append(
            IndicatorReview(indicator=indicator.model_copy(deep=True), history=history, start=start)
        )

    recommendations = [
        RecommendationReview(
            recommendation=rec.model_copy(deep=True),
            history=[
                (review.date, update.model_copy(deep=True))
                for review in reviews_in_order(plan)
                if review.date <= date
                for update in review.recommendations
                if update.recommendation == rec.id
            ],
        )
        for rec in plan.recommendations
    ]

    if facilitator is None:
        held = reviews_in_order(plan)
        if held and held[-1].facilitator:
            facilitator = held[-1].facilitator
        else:
            facilitator = next(iter(plan.workshop.facilitators), "")
    cadence = plan.monitoring.cadence
    proposed = next_review_date(date, cadence) if cadence is not None else None
    if proposed is None and plan.monitoring.next_review and plan.monitoring.next_review > date:
        proposed = plan.monitoring.next_review
    return ReviewDraft(
        plan_id=plan.id,
        date=date,
        facilitator=facilitator,
        actions=ordered,
        indicators=indicators,
        recommendations=recommendations,
        next_review=proposed,
        proposed_next_review=proposed,
        _taken_ids=plan.all_item_ids() | plan.referenced_ids(),
    )


# ----------------------------------------------------------------------- committing


def _newest_review_deciding(plan: Plan, action_id: str, what: str) -> dt.date | None:
    """Date of the newest review that set the action's `what` ("status" or "due")."""
    dates = [
        review.date
        for review in plan.reviews
        for update in review.updates
        if update.action == action_id and getattr(update, what) is not None
    ]
    return max(dates, default=None)


def _is_newest(plan: Plan, action_id: str, what: str, date: dt.date) -> bool:
    # A review appended on the same date as an earlier one counts as the later.
    newest = _newest_review_deciding(plan, action_id, what)
    return newest is None or newest <= date


def commit_review(plan: Plan, draft: ReviewDraft) -> Plan:
    """The plan with the review recorded; `plan` itself is left untouched.

    A new plan is returned, rather than `plan` changed in place, so that a failed save
    or a cancelled screen leaves the caller's plan as it was.

    - Actions added in the sitting join the plan; re-dated ones get their new due date.
    - A `[[reviews]]` entry is appended with a new id. Only the actions the group talked
      about (a status given, a text written, a new date, or added in the sitting) get an
      update, in plan order; an action nobody mentioned gets none, so the record never
      claims a discussion that did not happen. An update always carries the status,
      the unchanged one when the group only wrote a note. Indicators get a measurement
      only when a value was entered.
    - Each updated action's `status` (and due date, when re-dated) follows the latest
      review that set it: a review typed in after a later one (a forgotten meeting)
      does not overwrite newer decisions, nor the next review date.
    - Earlier reviews are never rewritten.

    Raises :class:`ReviewError` listing the problems when the draft cannot be committed.
    """
    problems = draft.problems(plan)
    if problems:
        raise ReviewError(problems)
    result = plan.model_copy(deep=True)

    for entry in draft.actions:
        if entry.is_new:
            added = entry.action.model_copy(deep=True)
            added.status = entry.outcome_status
            added.due = entry.outcome_due
            result.actions.append(added)
        elif entry.new_due is not None and _is_newest(plan, entry.action_id, "due", draft.date):
            target = result.action(entry.action_id)
            if target is not None:
                target.due = entry.new_due

    # Updates and measurements in plan order, whatever the meeting order: a stable
    # order keeps diffs and merges of the file small.
    discussed = {entry.action_id: entry for entry in draft.discussed_actions}
    updates: list[ActionUpdate] = []
    for action in result.actions:
        said = discussed.get(action.id)
        if said is None:
            continue
        updates.append(
            ActionUpdate(
                action=action.id,
                status=said.outcome_status,
                done=said.done.strip(),
                not_done=said.not_done.strip(),
                why=said.why.strip(),
                note=said.note.strip(),
                due=None if said.is_new else said.new_due,
            )
        )
    read = {r.indicator_id: r for r in draft.indicators}
    measurements: list[Measurement] = []
    for indicator in result.indicators:
        reading = read.get(indicator.id)
        if reading is None or reading.value is None:
            continue
        measurements.append(
            Measurement(indicator=indicator.id, value=reading.value, note=reading.note.strip())
        )
    # Recommendations in plan order too, only those the group assessed.
    assessed = {entry.recommendation_id: entry for entry in draft.recommendations}
    recommendation_findings = [
        RecommendationUpdate(
            recommendation=rec.id,
            implementation=found.implementation,
            done=found.done.strip(),
            not_done=found.not_done.strip(),
            why=list(dict.fromkeys(found.why)),
            follow_up=found.follow_up.strip(),
        )
        for rec in result.recommendations
        if (found := assessed.get(rec.id)) is not None and found.discussed
    ]
    review = Review(
        id=new_id("review", result.all_item_ids() | draft._taken_ids),
        date=draft.date,
        facilitator=draft.facilitator.strip(),
        summary=draft.summary.strip(),
        revisit_problem=draft.revisit_problem,
        updates=updates,
        measurements=measurements,
        recommendations=recommendation_findings,
    )

    is_latest = all(other.date <= draft.date for other in plan.reviews)
    for update in updates:
        target = result.action(update.action)
        if (
            target is not None
            and update.status
            and _is_newest(plan, update.action, "status", draft.date)
        ):
            target.status = update.status
    result.reviews.append(review)
    if is_latest:
        result.monitoring.next_review = draft.next_review

    findings = consistency_findings(result)
    if findings:
        raise ReviewError([finding.message for finding in findings])
    return result


# ----------------------------------------------------------------------- history


@dataclass(frozen=True)
class StatusChange:
    """What one review said about one action."""

    action_id: str
    title: str
    #: The status the previous review gave it; None when this review is the first to.
    before: Status | None
    after: Status | None
    done: str = ""
    not_done: str = ""
    why: str = ""
    note: str = ""
    #: The due date the action was moved to at this review, if it was re-dated.
    due: dt.date | None = None

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before


@dataclass(frozen=True)
class ReadingRecord:
    """One reading taken at a review, with its progress and the reading before it."""

    indicator_id: str
    name: str
    unit: str
    value: Number
    note: str
    progress: float | None
    previous: Number | None


@dataclass(frozen=True)
class ReviewRecord:
    """One review as the history view shows it."""

    review_id: str | None
    date: dt.date
    facilitator: str
    summary: str
    revisit_problem: bool
    changes: list[StatusChange]
    readings: list[ReadingRecord]


def review_history(plan: Plan) -> list[ReviewRecord]:
    """Every review in date order (same-date ones in file order), with what changed.

    Status changes run from the status the previous review gave an action to the one
    this review gave; the first review to speak of an action has no "before", since the
    plan does not keep the status the workshop agreed. Progress counts from the
    baseline, or from the first reading when the plan has no baseline.
    """
    status_so_far: dict[str, Status] = {}
    value_so_far: dict[str, Number] = {}
    start: dict[str, Number] = {i.id: i.baseline for i in plan.indicators if i.baseline is not None}
    records: list[ReviewRecord] = []
    for review in reviews_in_order(plan):
        changes: list[StatusChange] = []
        for update in review.updates:
            action = plan.action(update.action)
            changes.append(
                StatusChange(
                    action_id=update.action,
                    title=action.title if action is not None else update.action,
                    before=status_so_far.get(update.action),
                    after=update.status,
                    done=update.done,
                    not_done=update.not_done,
                    why=update.why,
                    note=update.note,
                    due=update.due,
                )
            )
            if update.status is not None:
                status_so_far[update.action] = update.status
        taken: list[ReadingRecord] = []
        for measurement in review.measurements:
            indicator = plan.indicator(measurement.indicator)
            start.setdefault(measurement.indicator, measurement.value)
            taken.append(
                ReadingRecord(
                    indicator_id=measurement.indicator,
                    name=indicator.name if indicator is not None else measurement.indicator,
                    unit=indicator.unit if indicator is not None else "",
                    value=measurement.value,
                    note=measurement.note,
                    progress=progress(indicator, measurement.value, start[measurement.indicator])
                    if indicator is not None
                    else None,
                    previous=value_so_far.get(measurement.indicator),
                )
            )
            value_so_far[measurement.indicator] = measurement.value
        records.append(
            ReviewRecord(
                review_id=review.id,
                date=review.date,
                facilitator=review.facilitator,
                summary=review.summary,
                revisit_problem=review.revisit_problem,
                changes=changes,
                readings=taken,
            )
        )
    return records
