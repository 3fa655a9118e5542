"""Conflicts in words, for `check`, the merge driver and the resolve screen.

Works on anything that reads a conflict's sides like `model.Conflict` does (`has`,
`deleted`, `value`, `by`, `path`): the plan model's conflicts, or :class:`Record`, a
conflict table as the merge records it, which the merge driver describes without
loading the plan model.
"""

from __future__ import annotations

import datetime as dt

from planwizard.i18n import _
from planwizard.text import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class ConflictLike(Protocol):
        @property
        def path(self) -> str: ...
        def has(self, side: str) -> bool: ...
        def deleted(self, side: str) -> bool: ...
        def value(self, side: str) -> Any: ...
        def by(self, side: str) -> str: ...


class Record:
    """A `[[conflicts]]` table (a dict) read like `model.Conflict`."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.table = table

    @property
    def path(self) -> str:
        return str(self.table.get("path", ""))

    def deleted(self, side: str) -> bool:
        return self.table.get(f"{side}_deleted") is True

    def has(self, side: str) -> bool:
        return side in self.table and not self.deleted(side)

    def value(self, side: str) -> Any:
        return self.table.get(side) if self.has(side) else None

    def by(self, side: str) -> str:
        name = self.table.get(f"{side}_by")
        return name if isinstance(name, str) else ""


def describe_value(conflict: ConflictLike, side: str, limit: int = 60) -> str:
    """One side's value in a few words, safe for a terminal line."""
    if not conflict.has(side):
        return _("deleted") if conflict.deleted(side) else _("absent")
    return one_line(_short(conflict.value(side)), limit)


def _short(value: Any) -> str:
    if isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_short(v) for v in value) + "]"
    return str(value)


def side_name(conflict: ConflictLike, side: str) -> str:
    """`Awa Diallo (ours)` when the merge knew who made that side's change, else `ours`.

    "Ours" and "theirs" swap meaning under `git pull --rebase` and `git stash pop`: the
    name of the person says more, the side is kept beside it.
    """
    words = {"ours": _("ours"), "theirs": _("theirs"), "base": _("base")}
    name = one_line(conflict.by(side), 40)
    if not name:
        return words[side]
    return _("{name} ({side})").format(name=name, side=words[side])


def describe_conflict(conflict: ConflictLike) -> str:
    """`unresolved merge conflict at actions.a-3c9e.due: ours 2027-02-15, theirs 2027-03-01`,
    with the names of the people when known: `Awa (ours) 2027-02-15, Ben (theirs) ...`."""
    return _(
        "unresolved merge conflict at {path}: {ours_side} {ours}, {theirs_side} {theirs}"
    ).format(
        path=one_line(conflict.path),
        ours_side=side_name(conflict, "ours"),
        ours=describe_value(conflict, "ours"),
        theirs_side=side_name(conflict, "theirs"),
        theirs=describe_value(conflict, "theirs"),
    )
