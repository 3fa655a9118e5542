"""The plan format's shape as plain data: a quick check and the canonical form of a plan's
dict, without the plan model.

git's merge driver must write a plan that loads, canonically (as `planwizard fmt`
does), and must know that each side loads; loading pydantic for that would cost it most
of its start. :func:`surely_valid` says whether a dict certainly validates as a plan: it
accepts a subset of what the model accepts (every type exact, every vocabulary word
known, ids unique, reviews naming items that are there), so a "no" only means "ask the
model". :func:`canonical` gives the dict that `storage.plan_to_data` would give for it.

The tables below follow planwizard.model field by field, in the model's order;
tests/core/test_planshape.py checks that they agree, so that neither drifts alone.
"""

from __future__ import annotations

import datetime as dt
import math

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The newest plan format (the model's `SCHEMA_VERSION`).
SCHEMA_VERSION = 1

ORIGINS = ("single-case", "systemic")
CONCERNS = ("administrative-process", "information-flow", "training", "attitude", "referral")
SCOPES = ("local", "higher-authority")
STATUSES = ("planned", "in-progress", "done", "blocked", "dropped")
ACTION_KINDS = ("practical", "systemic")
LEVELS = ("local", "regional", "provincial", "ministerial")
CADENCES = ("monthly", "quarterly", "half-yearly", "yearly")
PARKING_STATUSES = ("open", "action", "dropped")
POSITIONS = ("no-reply", "accepted", "partially-accepted", "noted", "rejected")
PRIORITIES = ("high", "medium", "low")
INDICATOR_TYPES = ("structural", "process", "outcome")
DIALOGUE_FORMS = ("written-reply", "letter", "meeting", "round-table", "informal", "visit")
IMPLEMENTATIONS = ("not-started", "partially", "fully", "no-longer-relevant")
REASONS = ("not-understood", "budget", "resistance", "legal-obstacle", "capacity", "other")

_NONE = object()  # no default: the field is left out when absent

#: How deep tables and lists may nest in a plan. A plan written by planwizard nests five
#: deep; a value nested deeper than this is refused when read, because deeper still,
#: writing it back (and merging it) would exhaust Python's stack.
MAX_DEPTH = 50
#: TOML integers are 64-bit: a number outside that range cannot be kept exactly.
INT_RANGE = range(-(2**63), 2**63)

# A field: (name, kind, required, default). Kinds: "str", "int", "version", "date",
# "number", "bool", "strs", "seconds", ("word", words), ("words", words),
# ("table", fields), ("items", fields).
Field = tuple[str, "Any", bool, "Any"]

WORKSHOP: list[Field] = [
    ("date", "date", False, _NONE),
    ("place", "str", False, _NONE),
    ("facilitators", "strs", False, _NONE),
    ("participants", "strs", False, _NONE),
    ("seconds_spent", "seconds", False, _NONE),
    ("questions", "str", False, _NONE),
]
PROBLEM: list[Field] = [
    ("statement", "str", False, _NONE),
    ("origin", ("word", ORIGINS), False, _NONE),
    ("concerns", ("words", CONCERNS), False, _NONE),
    ("scope", ("word", SCOPES), False, _NONE),
    ("notes", "str", False, _NONE),
]
STAKEHOLDER: list[Field] = [
    ("id", "str", False, _NONE),
    ("name", "str", False, _NONE),
    ("role", "str", False, _NONE),
    ("trust", "str", False, _NONE),
    ("relationships", "str", False, _NONE),
    ("risks", "str", False, _NONE),
    ("champion", "str", False, _NONE),
    ("focal_point", "str", False, _NONE),
]
VISION: list[Field] = [
    ("statement", "str", False, _NONE),
    ("outcomes", "strs", False, _NONE),
]
ACTION: list[Field] = [
    ("id", "str", False, _NONE),
    ("title", "str", False, _NONE),
    ("owner", "str", False, _NONE),
    ("due", "date", False, _NONE),
    ("status", ("word", STATUSES), False, "planned"),
    ("kind", ("word", ACTION_KINDS), False, _NONE),
    ("level", ("word", LEVELS), False, _NONE),
    ("strategy", "str", False, _NONE),
    ("recommendations", "strs", False, _NONE),
]
TEAM_ROLE: list[Field] = [
    ("person", "str", False, _NONE),
    ("role", "str", False, _NONE),
    ("stakeholders", "strs", False, _NONE),
]
RECOMMENDATION: list[Field] = [
    ("id", "str", False, _NONE),
    ("text", "str", False, _NONE),
    ("source", "str", False, _NONE),
    ("reference", "str", False, _NONE),
    ("issued", "date", False, _NONE),
    ("addressed_to", "strs", False, _NONE),
    ("position", ("word", POSITIONS), False, "no-reply"),
    ("reply_due", "date", False, _NONE),
    ("reply_received", "date", False, _NONE),
    ("reply_summary", "str", False, _NONE),
    ("priority", ("word", PRIORITIES), False, _NONE),
    ("indicator_type", ("word", INDICATOR_TYPES), False, _NONE),
]
DIALOGUE_ENTRY: list[Field] = [
    ("date", "date", True, _NONE),
    ("with", "strs", False, _NONE),
    ("form", ("word", DIALOGUE_FORMS), False, _NONE),
    ("summary", "str", False, _NONE),
    ("next_steps", "str", False, _NONE),
    ("recommendations", "strs", False, _NONE),
]
DOCUMENTATION: list[Field] = [
    ("owner", "str", False, _NONE),
    ("method", "str", False, _NONE),
    ("audience", "strs", False, _NONE),
]
INDICATOR: list[Field] = [
    ("id", "str", False, _NONE),
    ("name", "str", False, _NONE),
    ("unit", "str", False, _NONE),
    ("baseline", "number", False, _NONE),
    ("target", "number", False, _NONE),
    ("source", "str", False, _NONE),
    ("owner", "str", False, _NONE),
    ("dropped", "date", False, _NONE),
]
MONITORING: list[Field] = [
    ("cadence", ("word", CADENCES), False, _NONE),
    ("next_review", "date", False, _NONE),
]
ACTION_UPDATE: list[Field] = [
    ("action", "str", True, _NONE),
    ("status", ("word", STATUSES), False, _NONE),
    ("done", "str", False, _NONE),
    ("not_done", "str", False, _NONE),
    ("why", "str", False, _NONE),
    ("note", "str", False, _NONE),
    ("due", "date", False, _NONE),
]
MEASUREMENT: list[Field] = [
    ("indicator", "str", True, _NONE),
    ("value", "number", True, _NONE),
    ("note", "str", False, _NONE),
]
RECOMMENDATION_UPDATE: list[Field] = [
    ("recommendation", "str", True, _NONE),
    ("implementation", ("word", IMPLEMENTATIONS), False, _NONE),
    ("done", "str", False, _NONE),
    ("not_done", "str", False, _NONE),
    ("why", ("words", REASONS), False, _NONE),
    ("follow_up", "str", False, _NONE),
]
PARKING_ITEM: list[Field] = [
    ("id", "str", False, _NONE),
    ("text", "str", False, _NONE),
    ("step", "str", False, _NONE),
    ("status", ("word", PARKING_STATUSES), False, "open"),
    ("action", "str", False, _NONE),
]
REVIEW: list[Field] = [
    ("id", "str", False, _NONE),
    ("date", "date", True, _NONE),
    ("facilitator", "str", False, _NONE),
    ("summary", "str", False, _NONE),
    ("revisit_problem", "bool", False, False),
    ("updates", ("items", ACTION_UPDATE), False, _NONE),
    ("measurements", ("items", MEASUREMENT), False, _NONE),
    ("recommendations", ("items", RECOMMENDATION_UPDATE), False, _NONE),
]
CONFLICT: list[Field] = [("path", "str", True, _NONE)]
PLAN: list[Field] = [
    ("schema_version", "version", True, _NONE),
    ("id", "str", False, _NONE),
    ("title", "str", True, _NONE),
    ("language", "str", False, _NONE),
    ("created", "date", False, _NONE),
    ("workshop", ("table", WORKSHOP), False, _NONE),
    ("problem", ("table", PROBLEM), False, _NONE),
    ("stakeholders", ("items", STAKEHOLDER), False, _NONE),
    ("team_roles", ("items", TEAM_ROLE), False, _NONE),
    ("recommendations", ("items", RECOMMENDATION), False, _NONE),
    ("vision", ("table", VISION), False, _NONE),
    ("actions", ("items", ACTION), False, _NONE),
    ("documentation", ("table", DOCUMENTATION), False, _NONE),
    ("indicators", ("items", INDICATOR), False, _NONE),
    ("dialogue", ("items", DIALOGUE_ENTRY), False, _NONE),
    ("monitoring", ("table", MONITORING), False, _NONE),
    ("reviews", ("items", REVIEW), False, _NONE),
    ("parking_lot", ("items", PARKING_ITEM), False, _NONE),
    ("conflicts", ("items", CONFLICT), False, _NONE),
]


# ------------------------------------------------------------------ checking


def _is_int(value: Any) -> bool:
    return type(value) is int


def _fits(value: Any, kind: Any) -> bool:
    if kind == "str":
        return type(value) is str
    if kind == "int":
        return _is_int(value)
    if kind == "version":
        return _is_int(value) and 1 <= value <= SCHEMA_VERSION
    if kind == "date":
        return type(value) is dt.date
    if kind == "number":
        return _is_int(value) or (type(value) is float and math.isfinite(value))
    if kind == "bool":
        return type(value) is bool
    if kind == "strs":
        return type(value) is list and all(type(v) is str for v in value)
    if kind == "seconds":
        return type(value) is dict and all(type(k) is str and _is_int(v) for k, v in value.items())
    shape, detail = kind
    if shape == "word":
        return type(value) is str and value in detail
    if shape == "words":
        return type(value) is list and all(type(v) is str and v in detail for v in value)
    if shape == "table":
        return type(value) is dict and _table_fits(value, detail)
    if shape == "items":
        return type(value) is list and all(
            type(v) is dict and _table_fits(v, detail) for v in value
        )
    return False


def _table_fits(table: dict[str, Any], fields: list[Field]) -> bool:
    for name, kind, required, _default in fields:
        if name in table:
            if not _fits(table[name], kind):
                return False
        elif required:
            return False
    return True


def _ids(items: Any) -> list[str]:
    return [i["id"] for i in items if i.get("id")] if isinstance(items, list) else []


def _names_only(items: Any, field: str, known: set[str]) -> bool:
    return all(set(item.get(field, ())) <= known for item in items or ())


def _consistent(data: dict[str, Any]) -> bool:
    """No duplicate ids, and every review or link names items that are in the plan."""
    actions, indicators = _ids(data.get("actions")), _ids(data.get("indicators"))
    stakeholders, recommendations = (
        _ids(data.get("stakeholders")),
        _ids(data.get("recommendations")),
    )
    for ids in (stakeholders, actions + indicators, _ids(data.get("reviews")), recommendations):
        if len(set(ids)) != len(ids):
            return False
    known_actions, known_indicators = set(actions), set(indicators)
    known_people, known_recs = set(stakeholders), set(recommendations)
    for review in data.get("reviews", ()):
        if any(u["action"] not in known_actions for u in review.get("updates", ())):
            return False
        if any(m["indicator"] not in known_indicators for m in review.get("measurements", ())):
            return False
        if any(r["recommendation"] not in known_recs for r in review.get("recommendations", ())):
            return False
    return (
        _names_only(data.get("recommendations"), "addressed_to", known_people)
        and _names_only(data.get("team_roles"), "stakeholders", known_people)
        and _names_only(data.get("dialogue"), "with", known_people)
        and _names_only(data.get("dialogue"), "recommendations", known_recs)
        and _names_only(data.get("actions"), "recommendations", known_recs)
    )


def value_issue(data: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """The first value that cannot be kept exactly through a save, and where it is:
    ("deep", path) nested deeper than MAX_DEPTH, ("number", path) a float that is not
    finite (nan, inf), ("range", path) an integer outside TOML's 64 bits. Known and
    unknown fields alike; without recursion, so that depth itself cannot stop it."""
    if _surely_keepable(data):
        return None
    return _find_value_issue(data)


def _find_value_issue(data: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            if len(where) >= MAX_DEPTH and node:
                return "deep", where
            stack.extend((value, (*where, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            if len(where) >= MAX_DEPTH and node:
                return "deep", where
            stack.extend((value, (*where, i)) for i, value in reversed(list(enumerate(node))))
        elif isinstance(node, float) and not math.isfinite(node):
            return "number", where
        elif isinstance(node, int) and not isinstance(node, bool) and node not in INT_RANGE:
            return "range", where
    return None


#: Values read from TOML that a save always keeps as they are.
_PLAIN_VALUES = frozenset({str, bool, dt.date, dt.datetime, dt.time})


def _surely_keepable(data: dict[str, Any]) -> bool:
    """True when `value_issue` would find nothing, found without noting where each
    value is (a plan is mostly text: most values are looked at once, and only tables
    and lists are followed). False means "look closer", not "there is an issue"."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    plain = _PLAIN_VALUES
    while stack:
        node, depth = stack.pop()
        if depth >= MAX_DEPTH and node:
            return False
        for value in node.values() if type(node) is dict else node:
            kind = type(value)
            if kind in plain:
                continue
            if kind is dict or kind is list:
                stack.append((value, depth + 1))
            elif kind is int:
                if value not in INT_RANGE:
                    return False
            elif kind is float:
                if not math.isfinite(value):
                    return False
            else:
                return False  # anything else: the full look, with places
    return True


def surely_valid(data: dict[str, Any]) -> bool:
    """Whether `data` certainly loads as a plan; False means "ask the model", not "no".

    Every item of a list that has ids must have one (planwizard.ids fills them first).
    """
    if value_issue(data) is not None or not _table_fits(data, PLAN):
        return False
    for name in ("stakeholders", "recommendations", "actions", "indicators", "parking_lot"):
        if any(not item.get("id") for item in data.get(name, ())):
            return False
    return _consistent(data)


# ------------------------------------------------------------------ canonical form


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _canonical_value(value: Any, kind: Any) -> Any:
    if isinstance(kind, tuple) and kind[0] == "table":
        return canonical_table(value, kind[1])
    if isinstance(kind, tuple) and kind[0] == "items":
        return [canonical_table(item, kind[1]) for item in value]
    if kind in ("strs", "seconds") or (isinstance(kind, tuple) and kind[0] == "words"):
        return list(value) if isinstance(value, list) else dict(value)
    return value


def canonical_table(table: dict[str, Any], fields: list[Field]) -> dict[str, Any]:
    """A table as `storage.plan_to_data` writes it: known fields in the model's order,
    defaults filled in, empty optional values left out, unknown fields after, as they are.
    Only for tables that :func:`surely_valid` accepted.
    """
    out: dict[str, Any] = {}
    known = set()
    for name, kind, required, default in fields:
        known.add(name)
        if name in table:
            value = _canonical_value(table[name], kind)
        elif default is not _NONE:
            value = default
        else:
            continue
        if _empty(value) and not required:
            continue
        out[name] = value
    for name, value in table.items():
        if name not in known:
            out[name] = value
    return out


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """A plan's dict in canonical form (see :func:`canonical_table`)."""
    return canonical_table(data, PLAN)
