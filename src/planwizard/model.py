"""The plan format, version 1, as pydantic models.

`../shared/plan-format-example.toml` is the contract: field names, vocabularies and
table shapes follow it, and fields are declared in the order the example writes them,
because that order is the canonical order of a saved plan.

Every model allows extra fields: a plan written by a teammate's newer planwizard keeps
the fields this version does not know, and writes them back unchanged.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: The newest plan format this planwizard reads and writes.
SCHEMA_VERSION = 1

Origin = Literal["single-case", "systemic"]
Concern = Literal["administrative-process", "information-flow", "training", "attitude", "referral"]
Scope = Literal["local", "higher-authority"]
Status = Literal["planned", "in-progress", "done", "blocked", "dropped"]
ActionKind = Literal["practical", "systemic"]
Level = Literal["local", "regional", "provincial", "ministerial"]
Cadence = Literal["monthly", "quarterly", "half-yearly", "yearly"]

#: The vocabularies by name, for messages that list the allowed values and for the UI.
ORIGINS: tuple[str, ...] = get_args(Origin)
CONCERNS: tuple[str, ...] = get_args(Concern)
SCOPES: tuple[str, ...] = get_args(Scope)
STATUSES: tuple[str, ...] = get_args(Status)
ACTION_KINDS: tuple[str, ...] = get_args(ActionKind)
LEVELS: tuple[str, ...] = get_args(Level)
CADENCES: tuple[str, ...] = get_args(Cadence)

# Following up recommendations (plan-format-recommendations.toml, issue 18).
Position = Literal["no-reply", "accepted", "partially-accepted", "noted", "rejected"]
Priority = Literal["high", "medium", "low"]
IndicatorType = Literal["structural", "process", "outcome"]
DialogueForm = Literal["written-reply", "letter", "meeting", "round-table", "informal", "visit"]
Implementation = Literal["not-started", "partially", "fully", "no-longer-relevant"]
Reason = Literal["not-understood", "budget", "resistance", "legal-obstacle", "capacity", "other"]

POSITIONS: tuple[str, ...] = get_args(Position)
PRIORITIES: tuple[str, ...] = get_args(Priority)
INDICATOR_TYPES: tuple[str, ...] = get_args(IndicatorType)
DIALOGUE_FORMS: tuple[str, ...] = get_args(DialogueForm)
IMPLEMENTATIONS: tuple[str, ...] = get_args(Implementation)
REASONS: tuple[str, ...] = get_args(Reason)

#: Prefixes of generated ids, one per kind of item.
ID_PREFIXES = {
    "action": "a",
    "indicator": "i",
    "stakeholder": "s",
    "review": "r",
    "parking": "p",
    # "rec", not "r": reviews already use "r", and a conflict path or a message naming
    # `r-3c9e1f` should say which of the two it is.
    "recommendation": "rec",
}

# Finite numbers only: NaN would never compare equal to itself after a save.
Number = int | Annotated[float, Field(allow_inf_nan=False)]


def new_id(kind: str, taken: Iterable[str] = ()) -> str:
    """A short random id such as ``a-3c9e1f``.

    Random rather than sequential so that two laptops adding items on separate git
    branches do not pick the same id; 24 bits keep that unlikely while staying short
    enough to read aloud.
    """
    prefix = ID_PREFIXES[kind]
    used = set(taken)
    while True:
        candidate = f"{prefix}-{secrets.token_hex(3)}"
        if candidate not in used:
            return candidate


class _Table(BaseModel):
    """Base of every table: keeps unknown fields, validates assignments from the UI."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)


class Workshop(_Table):
    date: dt.date | None = None
    place: str = ""
    facilitators: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    # Added in planwizard: seconds the group actually spent on each step (keys are the
    # step names), recorded by the timebox so the next workshop can be planned better.
    seconds_spent: dict[str, int] = Field(default_factory=dict)
    # Added in planwizard: the wording of the guiding questions ("" the neutral one,
    # "violence-against-women" the method source's own words; see planwizard.method).
    questions: str = ""


class Problem(_Table):
    statement: str = ""
    origin: Origin | None = None
    concerns: list[Concern] = Field(default_factory=list)
    scope: Scope | None = None
    notes: str = ""


class Stakeholder(_Table):
    id: str = Field(default_factory=lambda: new_id("stakeholder"))
    name: str = ""
    role: str = ""
    trust: str = ""
    # Added in planwizard (not in the example): the partner-choice question
    # "are they on good terms with, and respected by, those who work with the people affected?"
    relationships: str = ""
    risks: str = ""
    champion: str = ""
    focal_point: str = ""


class Vision(_Table):
    statement: str = ""
    outcomes: list[str] = Field(default_factory=list)


class Action(_Table):
    id: str = Field(default_factory=lambda: new_id("action"))
    title: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: Status = "planned"
    kind: ActionKind | None = None
    level: Level | None = None
    strategy: str = ""
    # Ids of the recommendations this action implements (issue 18).
    recommendations: list[str] = Field(default_factory=list)


class TeamRole(_Table):
    """Who in our own team handles the dialogue with which authorities, at which level."""

    person: str = ""
    role: str = ""
    stakeholders: list[str] = Field(default_factory=list)  # stakeholder ids


class Recommendation(_Table):
    """A recommendation the plan follows up: its source, the authorities it is addressed
    to, their position, and the written reply asked for with its deadline."""

    id: str = Field(default_factory=lambda: new_id("recommendation"))
    text: str = ""
    source: str = ""
    reference: str = ""
    issued: dt.date | None = None
    addressed_to: list[str] = Field(default_factory=list)  # stakeholder ids
    position: Position = "no-reply"
    reply_due: dt.date | None = None
    reply_received: dt.date | None = None
    reply_summary: str = ""
    priority: Priority | None = None
    indicator_type: IndicatorType | None = None


class DialogueEntry(_Table):
    """One exchange with the authorities: a written reply, a meeting, a phone call...

    Entries carry no id (the contract's example has none): they merge as a set of whole
    entries, see docs/merge.md.
    """

    # `with` is a Python keyword: the field is `with_` in code, `with` in the file.
    model_config = ConfigDict(extra="allow", validate_assignment=True, validate_by_name=True)

    date: dt.date
    with_: list[str] = Field(default_factory=list, alias="with")  # stakeholder ids
    form: DialogueForm | None = None
    summary: str = ""
    next_steps: str = ""
    recommendations: list[str] = Field(default_factory=list)  # recommendation ids


class Documentation(_Table):
    owner: str = ""
    method: str = ""
    audience: list[str] = Field(default_factory=list)


class Indicator(_Table):
    id: str = Field(default_factory=lambda: new_id("indicator"))
    name: str = ""
    unit: str = ""
    baseline: Number | None = None
    target: Number | None = None
    source: str = ""
    owner: str = ""
    # Added in planwizard: the day the group stopped measuring this indicator. It stays
    # in the plan because reviews hold readings of it; it is no longer read at reviews,
    # counted off track or asked for.
    dropped: dt.date | None = None

    @property
    def measured(self) -> bool:
        return self.dropped is None


class Monitoring(_Table):
    cadence: Cadence | None = None
    next_review: dt.date | None = None


class ActionUpdate(_Table):
    """What a review found about one action: its new status, what was and was not done, why."""

    action: str
    status: Status | None = None
    done: str = ""
    not_done: str = ""
    why: str = ""
    # Added in planwizard: a longer note beside the short reason in `why`.
    note: str = ""
    # Added in planwizard: the new due date when the group re-dated the action at this
    # review, so that the history shows the plan as agreed at each review.
    due: dt.date | None = None


class RecommendationUpdate(_Table):
    """What a review found about one recommendation: how far it is implemented, what was
    and was not done, why (reason codes), and the follow-up strategy."""

    recommendation: str
    implementation: Implementation | None = None
    done: str = ""
    not_done: str = ""
    why: list[Reason] = Field(default_factory=list)
    follow_up: str = ""


class Measurement(_Table):
    """One reading of an indicator, taken at a review."""

    indicator: str
    value: Number
    note: str = ""


ParkingStatus = Literal["open", "action", "dropped"]
PARKING_STATUSES: tuple[str, ...] = get_args(ParkingStatus)


class ParkingItem(_Table):
    """A point raised during the workshop that belongs elsewhere (added in planwizard).

    Reviewed at the end of step 4: each is turned into an action or dropped.
    """

    id: str = Field(default_factory=lambda: new_id("parking"))
    text: str = ""
    step: str = ""
    status: ParkingStatus = "open"
    action: str = ""  # the id of the action it became, when status is "action"


class Review(_Table):
    # Added in planwizard: reviews written by planwizard carry an id so that two
    # branches' reviews merge by identity. Reviews without one (hand-written, or the
    # example's) are still read; merge falls back to their date.
    id: str | None = None
    date: dt.date
    facilitator: str = ""
    summary: str = ""
    revisit_problem: bool = False
    updates: list[ActionUpdate] = Field(default_factory=list)
    measurements: list[Measurement] = Field(default_factory=list)
    recommendations: list[RecommendationUpdate] = Field(default_factory=list)


class Conflict(_Table):
    """A value that a three-way merge could not decide, waiting for a person to pick.

    `path` names the place by ids, such as ``actions.a-3c9e.due``. The two sides' values
    (and the common ancestor's) are kept as the fields `base`, `ours` and `theirs`, which
    hold any TOML value; a side that deleted the value has ``ours_deleted = true`` or
    ``theirs_deleted = true`` instead, and `base` is absent when both sides added it.
    These are extra fields on purpose: a declared field is left out of the file when it
    is empty text, and a conflict must keep even an empty value. The plan itself holds
    ours' value (or the edited item, against a deletion) so that it still loads.
    See docs/merge.md.
    """

    path: str

    def has(self, side: str) -> bool:
        """Whether `side` ("base", "ours" or "theirs") has a value rather than none."""
        return side in (self.model_extra or {}) and not self.deleted(side)

    def deleted(self, side: str) -> bool:
        return (self.model_extra or {}).get(f"{side}_deleted") is True

    def value(self, side: str) -> Any:
        """The value of `side`, or None when that side has none (see `has`)."""
        return (self.model_extra or {}).get(side) if self.has(side) else None

    def by(self, side: str) -> str:
        """Who made `side`'s change ("ours_by", "theirs_by": the commit's author, as the
        merge driver found it), or "" when unknown."""
        name = (self.model_extra or {}).get(f"{side}_by")
        return name if isinstance(name, str) else ""


class Plan(_Table):
    schema_version: int
    id: str = Field(default_factory=lambda: f"plan-{secrets.token_hex(3)}")
    title: str
    language: str = ""
    created: dt.date | None = None
    workshop: Workshop = Field(default_factory=Workshop)
    problem: Problem = Field(default_factory=Problem)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    team_roles: list[TeamRole] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    vision: Vision = Field(default_factory=Vision)
    actions: list[Action] = Field(default_factory=list)
    documentation: Documentation = Field(default_factory=Documentation)
    indicators: list[Indicator] = Field(default_factory=list)
    dialogue: list[DialogueEntry] = Field(default_factory=list)
    monitoring: Monitoring = Field(default_factory=Monitoring)
    reviews: list[Review] = Field(default_factory=list)
    parking_lot: list[ParkingItem] = Field(default_factory=list)

    # Added for merging (issue 5): values a merge left for a person to decide. Last, so
    # that they sit at the end of the file.
    conflicts: list[Conflict] = Field(default_factory=list)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"schema_version must be 1 or more, not {value}")
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"this plan uses format version {value}, newer than the version "
                f"{SCHEMA_VERSION} this planwizard supports; update planwizard to open it"
            )
        return value

    # -- lookups used by the UI, the review flow and the exports ------------------------

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def recommendation(self, recommendation_id: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.id == recommendation_id), None)

    def stakeholder(self, stakeholder_id: str) -> Stakeholder | None:
        return next((s for s in self.stakeholders if s.id == stakeholder_id), None)

    def measured_indicators(self) -> list[Indicator]:
        """The indicators the group still measures (not dropped)."""
        return [i for i in self.indicators if i.measured]

    def referenced_ids(self) -> set[str]:
        """Ids of actions and indicators that review history refers to."""
        refs: set[str] = set()
        for review in self.reviews:
            refs.update(u.action for u in review.updates)
            refs.update(m.indicator for m in review.measurements)
        return refs

    def all_item_ids(self) -> set[str]:
        return {
            item.id
            for group in (self.actions, self.indicators, self.stakeholders, self.recommendations)
            for item in group
        } | {r.id for r in self.reviews if r.id}


def new_plan(title: str, *, language: str = "", created: dt.date | None = None) -> Plan:
    """A fresh, empty plan in the current format."""
    return Plan(schema_version=SCHEMA_VERSION, title=title, language=language, created=created)


def extra_fields(table: BaseModel) -> dict[str, Any]:
    """The fields of a table that this version of planwizard does not know."""
    return dict(table.model_extra or {})
