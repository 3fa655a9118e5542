"""A plan's data checked and made into a plan item by item: a change to one action of
thousands pays for that action, not for the whole plan.

- `LoadCheck` proves, change after change, that a plan's data would load, as
  `storage.plan_from_data` does when the file is read: it validates only the items of
  the top-level lists (actions, stakeholders, reviews...) whose text it has not seen
  pass before, the rest of the plan (a few small tables) as usual, then the checks
  across items (ids, links) over the whole plan. Whatever it finds wrong, or cannot
  settle, goes to `plan_from_data`, which refuses it with the same message as before.
- `rebuild` makes a plan from a plan's data, reusing another plan's item models where
  their data are the same (an undo right after a change, a change taken back).

An item's text is its exact TOML (see plantext.dumps_data_verified's `parts`): the same
text reads back as the same values of the same types, so an item once validated in a
list is valid there again; validation in a list looks at each item on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planwizard.ids import fill_ids
from planwizard.model import SCHEMA_VERSION, Plan
from planwizard.plan_problems import consistency_findings
from planwizard.planshape import value_issue

#: The plan's own fields that are lists of tables (actions, reviews...).
_LISTS = frozenset(
    name
    for name, spec in Plan.model_fields.items()
    if getattr(spec.annotation, "__origin__", None) is list
    or str(spec.annotation).startswith("list[")
)


def _version_ok(data: dict[str, Any]) -> bool:
    """What plan_from_data asks of `schema_version` before validating, plainly met."""
    version = data.get("schema_version")
    return type(version) is int and 1 <= version <= SCHEMA_VERSION


class LoadCheck:
    """Proves that a plan's data load, validating only what it has not seen pass."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # By list: the text of each item seen to pass, and the model it gave.
        self._known: dict[str, dict[str, BaseModel]] | None = None

    def check(self, data: dict[str, Any], text: str, parts: dict[str, list[str]] | None) -> None:
        """Raise the PlanError `plan_from_data(data, text)` would; `parts` is each item's
        text (None: check the whole plan)."""
        known = self._known
        if known is None or parts is None or not self._check_items(data, text, parts, known):
            self._check_whole(data, text, parts)

    def _check_items(
        self,
        data: dict[str, Any],
        text: str,
        parts: dict[str, list[str]],
        known: dict[str, dict[str, BaseModel]],
    ) -> bool:
        """The check on the items not seen before; False when the whole plan must be
        checked (something wrong, or out of the plain case)."""
        if not _version_ok(data):
            return False
        reduced = dict(data)
        kept: dict[str, list[BaseModel | None]] = {}
        for key, texts in parts.items():
            items = data.get(key)
            if key not in _LISTS or not isinstance(items, list) or len(items) != len(texts):
                continue  # not one of the plan's lists: left whole
            seen = known.get(key, {})
            models = [seen.get(item_text) for item_text in texts]
            reduced[key] = [
                item for item, model in zip(items, models, strict=True) if model is None
            ]
            kept[key] = models
        if value_issue(reduced) is not None or fill_ids(reduced) is not reduced:
            return False  # plan_from_data says where; an item without id gets one there
        plan = _validated(reduced, kept)
        if plan is None or consistency_findings(plan, text):
            return False
        self._remember(plan, parts)
        return True

    def _check_whole(
        self, data: dict[str, Any], text: str, parts: dict[str, list[str]] | None
    ) -> None:
        from planwizard.storage import plan_from_data

        plan = plan_from_data(data, text, self.path)
        if parts is not None and fill_ids(data) is data:
            self._remember(plan, parts)

    def _remember(self, plan: Plan, parts: dict[str, list[str]]) -> None:
        known: dict[str, dict[str, BaseModel]] = {}
        for key, texts in parts.items():
            models = getattr(plan, key, None) if key in _LISTS else None
            if isinstance(models, list) and len(models) == len(texts):
                known[key] = dict(zip(texts, models, strict=True))
        self._known = known


def rebuild(plan: Plan | None, now: dict[str, Any], target: dict[str, Any]) -> Plan | None:
    """The plan whose data are `target`, made from `target` as a file's data are (strict),
    with `plan`'s own item models (whose data are `now`) for the items equal in both (no
    plan: none reused); None when it cannot be made so (the caller reads the text).

    The caller compares the result's text with the one expected (equal values of
    other types, 1 and 1.0, would pass here).
    """
    if not _version_ok(target):
        return None
    reduced = dict(target)
    kept: dict[str, list[BaseModel | None]] = {}
    for key in _LISTS if plan is not None else ():
        new, old, models = target.get(key), now.get(key), getattr(plan, key)
        if not (isinstance(new, list) and isinstance(old, list) and len(old) == len(models)):
            continue
        by_id: dict[Any, int] | None = None
        used: set[int] = set()
        reuse: list[BaseModel | None] = []
        for n, item in enumerate(new):
            at = n if n < len(old) and n not in used and old[n] == item else None
            if at is None and isinstance(item, dict):
                if by_id is None:  # an item added or removed: the others found by id
                    by_id = {o.get("id"): i for i, o in enumerate(old) if isinstance(o, dict)}
                other = by_id.get(item.get("id"))
                at = (
                    other
                    if other is not None and other not in used and old[other] == item
                    else None
                )
            if at is not None:
                used.add(at)
            reuse.append(models[at] if at is not None else None)
        reduced[key] = [item for item, model in zip(new, reuse, strict=True) if model is None]
        kept[key] = reuse
    return _validated(reduced, kept)


def _validated(reduced: dict[str, Any], kept: dict[str, list[BaseModel | None]]) -> Plan | None:
    """The plan of `reduced` (whose item lists hold only the items not known), with the
    known items' models (`kept`, None where an item is new) put back in their places;
    None when the model refuses it."""
    try:
        plan = Plan.model_validate(reduced, strict=True)
    except ValidationError:
        return None
    for key, models in kept.items():
        fresh = iter(getattr(plan, key))
        plan.__dict__[key] = [m if m is not None else next(fresh) for m in models]
    return plan
