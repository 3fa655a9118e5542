"""Ids for items written by hand without one: the same on every machine.

A plan typed in an editor may leave out the `id` of its actions, indicators, stakeholders
and parking-lot points (or write `id = ""`). Reading it must still give every item an id,
and two laptops reading the same file must give the same ones: `planwizard fmt` (or the
app's next save) writes them, and a merge matches items by id, so random ids made up on
each laptop would turn every item into two. An id given here is derived from the item's
kind and title (its name, or its text; its whole content when it has none), so a later
edit of another field does not change it; two items with the same title get different
ids in the order they are written.

New items made in the app get random ids instead (`model.new_id`): they are made once,
on one laptop, and two partners adding an item with the same title must not collide.

Pure Python on plain dicts: git's merge driver uses it without loading the plan model.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Lists of items with an id: the prefix of their ids, and the field that names them.
ITEM_LISTS: dict[str, tuple[str, str]] = {
    "stakeholders": ("s", "name"),
    "actions": ("a", "title"),
    "indicators": ("i", "name"),
    "parking_lot": ("p", "text"),
}


def _label(item: dict[str, Any], field: str) -> str:
    label = item.get(field)
    if isinstance(label, str) and label.strip():
        return " ".join(label.split())
    import json  # only for items without a title: plans with ids never need it

    content = {k: v for k, v in item.items() if k != "id"}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)


def derived_id(prefix: str, label: str, taken: set[str]) -> str:
    """`prefix-xxxxxx` from a hash of the label, the next one along while it is taken."""
    import hashlib  # only when an item has no id: plans with ids never need it

    attempt = 1
    while True:
        seed = f"{prefix}\0{label}" if attempt == 1 else f"{prefix}\0{label}\0{attempt}"
        candidate = f"{prefix}-{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:6]}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
        attempt += 1


def _missing(item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    found = item.get("id")
    return found is None or found == ""


def fill_ids(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with an id for the plan and each listed item that has none (or `""`).

    The dict given is not changed; what is already there comes back as it was (the
    same object when nothing was missing).
    """
    plan_missing = data.get("id") in (None, "")
    lists = [
        name
        for name in ITEM_LISTS
        if isinstance(data.get(name), list) and any(_missing(i) for i in data[name])
    ]
    if not plan_missing and not lists:
        return data
    taken: set[str] = set()
    for name in ITEM_LISTS:
        items = data.get(name)
        if isinstance(items, list):
            taken.update(
                i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)
            )
    out = dict(data)
    if plan_missing and isinstance(data.get("title"), str):
        created = data.get("created")
        label = f"{' '.join(data['title'].split())}\0{created if created is not None else ''}"
        out["id"] = derived_id("plan", label, taken)
    for name in lists:
        prefix, field = ITEM_LISTS[name]
        filled = []
        for item in data[name]:
            if _missing(item):
                item = {**item, "id": derived_id(prefix, _label(item, field), taken)}
            filled.append(item)
        out[name] = filled
    return out
