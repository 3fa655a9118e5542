"""What is wrong with a plan file, said so that a person can fix it: `PlanError` and its
`Finding`s (the file, the line, a plain message), a validation error described at the
place it names, the errors the models alone cannot see (`consistency_findings`), and
`LineFinder`, which finds the line of a place in the plan's text.

Reading and writing plan files is :mod:`planwizard.storage`'s part; it raises these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planwizard.i18n import _
from planwizard.model import Plan
from planwizard.planshape import MAX_DEPTH
from planwizard.tomlscan import KeyLine, scan


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file: where, and what, in plain words."""

    message: str
    line: int | None = None
    severity: str = "error"  # "error" fails `check`; "warning" does not

    def render(self, path: Path | str) -> str:
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return f"{where}: {self.message}"


class PlanError(Exception):
    """A plan that cannot be read or written, with the file, the line and a plain message.

    `findings` holds every problem found, so that `check` can list them all; `line` and
    `message` are those of the first.
    """

    def __init__(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        findings: Iterable[Finding] = (),
        kind: str = "invalid",
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.line = line
        self.kind = kind
        self.findings = list(findings) or [Finding(message, line)]
        super().__init__(self.render())

    def render(self) -> str:
        return Finding(self.message, self.line).render(self.path)

    def render_all(self) -> list[str]:
        return [f.render(self.path) for f in self.findings]


# ------------------------------------------------------------------ validation errors


def where_in_plan(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """A readable name for a place in the plan, such as `actions #2 (a-81d0) status`."""
    parts: list[str] = []
    node: Any = data
    for step in loc:
        if isinstance(step, int):
            item_id = (
                node[step].get("id")
                if isinstance(node, list) and isinstance(node[step], dict)
                else None
            )
            parts[-1] += f" #{step + 1}" + (f" ({item_id})" if item_id else "")
        else:
            parts.append(str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return " ".join(parts) if parts else _("the plan")


_NUMBER_ERRORS = frozenset({"int_type", "int_parsing", "float_type", "float_parsing"})


def field_location(err: Any) -> tuple[Any, ...]:
    """Where an error is, without the name of the union member (a number is int or float)."""
    loc = tuple(err["loc"])
    if err["type"] in _NUMBER_ERRORS and loc and loc[-1] in ("int", "float"):
        return loc[:-1]
    return loc


def _shown(value: Any) -> str:
    """A value as TOML writes it: text in quotes, dates as dates, true and false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return repr(value)


def _reads_as(read: Any, text: str) -> bool:
    try:
        read(text.strip())
    except ValueError:
        return False
    return True


def describe_validation_error(err: Any, loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    where = where_in_plan(loc, data)
    kind = err["type"]
    given = err.get("input")
    value = _shown(given)
    if kind == "missing":
        return _("{where} is required").format(where=where)
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        allowed = allowed.replace("'", "").replace(" or ", ", ")
        return _("{where}: {value} is not allowed; use one of: {allowed}").format(
            where=where, value=value, allowed=allowed
        )
    if kind.startswith("date"):
        if isinstance(given, str) and _reads_as(dt.date.fromisoformat, given):
            return _(
                "{where}: {value} is text, not a date; write it without quotes, as YYYY-MM-DD"
            ).format(where=where, value=value)
        if isinstance(given, dt.datetime):
            return _(
                "{where}: {value} is a date and a time; write the date alone, as YYYY-MM-DD"
            ).format(where=where, value=value)
        return _("{where}: {value} is not a date; write it as YYYY-MM-DD").format(
            where=where, value=value
        )
    if kind in {"value_error", "assertion_error"}:
        reason = str(err.get("ctx", {}).get("error", err["msg"]))
        return f"{where}: {reason}"
    if kind in _NUMBER_ERRORS:
        if isinstance(given, str) and _reads_as(float, given):
            return _("{where}: {value} is text, not a number; write it without quotes").format(
                where=where, value=value
            )
        if kind.startswith("int") and isinstance(given, float):
            return _("{where}: {value} is not a whole number").format(where=where, value=value)
        return _("{where}: {value} is not a number").format(where=where, value=value)
    if kind == "bool_type":
        return _("{where}: {value} should be true or false, without quotes").format(
            where=where, value=value
        )
    if kind in {"string_type"}:
        return _("{where}: {value} should be text").format(where=where, value=value)
    if kind in {"list_type"}:
        return _('{where}: should be a list, like ["a", "b"]').format(where=where)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("{where}: should be a table").format(where=where)
    return f"{where}: {err['msg']}"


def consistency_findings(plan: Plan, text: str = "") -> list[Finding]:
    """Errors the models alone cannot see: duplicate ids, reviews naming missing items."""
    finder = LineFinder(text)
    found: list[Finding] = []
    collections: dict[str, list[Any]] = {
        "stakeholders": plan.stakeholders,
        "actions": plan.actions,
        "indicators": plan.indicators,
        "reviews": plan.reviews,
    }
    # Actions and indicators share one namespace: a review update or reading names them.
    counts: Counter[str] = Counter()
    for name, items in collections.items():
        seen: set[str] = set()
        for index, item in enumerate(items):
            item_id = getattr(item, "id", None)
            if not item_id:
                continue
            if item_id in seen or (name in {"actions", "indicators"} and counts[item_id]):
                found.append(
                    Finding(
                        _("duplicate id {id!r}: every item needs its own id").format(id=item_id),
                        finder.line((name, index, "id")),
                    )
                )
            seen.add(item_id)
            if name in {"actions", "indicators"}:
                counts[item_id] += 1
    actions = {a.id for a in plan.actions}
    indicators = {i.id for i in plan.indicators}
    for r_index, review in enumerate(plan.reviews):
        for u_index, update in enumerate(review.updates):
            if update.action not in actions:
                found.append(
                    Finding(
                        _(
                            "review of {date} refers to action {id!r}, which is not in the plan"
                        ).format(date=review.date.isoformat(), id=update.action),
                        finder.line(("reviews", r_index, "updates", u_index, "action")),
                    )
                )
        for m_index, reading in enumerate(review.measurements):
            if reading.indicator not in indicators:
                found.append(
                    Finding(
                        _(
                            "review of {date} refers to indicator {id!r}, which is not in the plan"
                        ).format(date=review.date.isoformat(), id=reading.indicator),
                        finder.line(("reviews", r_index, "measurements", m_index, "indicator")),
                    )
                )
    # Recommendations, the dialogue log and team roles (issue 18) have their own links.
    from planwizard.recommendations import link_findings

    found.extend(link_findings(plan, finder))
    return found


# ----------------------------------------------------------------- finding lines


class LineFinder:
    """Maps a path in the plan, such as ("actions", 2, "status"), to its line in the text.

    Built only when a message needs a line, so reading a good plan never pays for it.
    It follows the table headers and keys that planwizard.tomlscan finds, in time
    proportional to the text.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[tuple[Any, ...], int] | None = None

    def _index(self) -> dict[tuple[Any, ...], int]:
        if self._lines is not None:
            return self._lines
        lines: dict[tuple[Any, ...], int] = {}
        latest: dict[tuple[Any, ...], int] = {}  # array-of-tables path -> current index
        current: tuple[Any, ...] = ()
        # Paths deeper than a plan may nest are refused anyway: following them further
        # would only cost time (a header of a thousand names).
        longest = MAX_DEPTH + 2
        for statement in scan(self._text).statements:
            names = statement.keys[:longest]
            if not names:
                continue
            if isinstance(statement, KeyLine):
                lines.setdefault((*current, names[0]), statement.line)
                continue
            resolved: list[Any] = []
            for name in names[:-1]:
                resolved.append(name)
                lines.setdefault(tuple(resolved), statement.line)
                index = latest.get(tuple(resolved))
                if index is not None:
                    resolved.append(index)
            resolved.append(names[-1])
            if statement.array:
                # A child array's path holds its parent item's index, so a new parent
                # item starts its own child arrays from zero.
                array = tuple(resolved)
                latest[array] = latest.get(array, -1) + 1
                lines.setdefault(array, statement.line)
                resolved.append(latest[array])
            current = tuple(resolved)
            lines.setdefault(current, statement.line)
        self._lines = lines
        return lines

    def line(self, path: tuple[Any, ...]) -> int | None:
        """The line of `path`, or of the nearest enclosing table or key that has one."""
        if not self._text:
            return None
        index = self._index()
        for end in range(len(path), 0, -1):
            found = index.get(path[:end])
            if found is not None:
                return found
        return None
