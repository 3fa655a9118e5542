"""Properties of the three-way merge, on plans made by editing a common base plan."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.merge import merge_data, merge_lines, merge_plans, resolve_conflict
from planwizard.model import STATUSES
from planwizard.storage import PlanError, dumps_plan, parse_plan_text, plan_from_data
from planwizard.threeway import _freeze

COLLECTIONS = ("stakeholders", "actions", "indicators", "reviews")
NAMES = st.sampled_from(["Awa", "Ben", "Chloé", "Dina", "Émile"])
WORDS = st.sampled_from(["", "form", "training", "memo", "referral", "late", "x"])
DATES = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31))
EXTRAS = st.one_of(st.integers(-3, 3), st.booleans(), WORDS, st.lists(WORDS, max_size=2))

PROPERTY = settings(max_examples=60, deadline=None)


def _action(action_id: str, draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"id": action_id, "title": draw(WORDS) or "act"}
    item["status"] = draw(st.sampled_from(STATUSES))
    if draw(st.booleans()):
        item["owner"] = draw(NAMES)
    if draw(st.booleans()):
        item["due"] = draw(DATES)
    return item


@st.composite
def base_plans(draw: st.DrawFn) -> dict[str, Any]:
    plan: dict[str, Any] = {"schema_version": 1, "id": "plan-p", "title": draw(WORDS) or "plan"}
    facilitators = draw(st.lists(NAMES, unique=True, max_size=3))
    if facilitators:
        plan["workshop"] = {"facilitators": facilitators}
    actions = [_action(f"a-b{n}", draw) for n in range(draw(st.integers(0, 4)))]
    if actions:
        plan["actions"] = actions
    indicators = [{"id": f"i-b{n}", "name": "ind"} for n in range(draw(st.integers(0, 2)))]
    if indicators:
        plan["indicators"] = indicators
    reviews = [_review(f"r-b{n}", plan, draw) for n in range(draw(st.integers(0, 2)))]
    if reviews:
        plan["reviews"] = reviews
    return plan


def _review(review_id: str, plan: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    review: dict[str, Any] = {"id": review_id, "date": draw(DATES), "revisit_problem": False}
    actions = [a["id"] for a in plan.get("actions", [])]
    named = draw(st.lists(st.sampled_from(actions), unique=True, max_size=2)) if actions else []
    if named:
        review["updates"] = [
            {"action": a, "status": draw(st.sampled_from(STATUSES))} for a in named
        ]
    indicators = [i["id"] for i in plan.get("indicators", [])]
    if indicators and draw(st.booleans()):
        review["measurements"] = [
            {"indicator": draw(st.sampled_from(indicators)), "value": draw(st.integers(0, 50))}
        ]
    return review


def _delete_action(plan: dict[str, Any], index: int) -> None:
    actions = plan.get("actions", [])
    if not actions:
        return
    gone = actions.pop(index % len(actions))["id"]
    # As the app does: an action leaves with the review lines about it.
    for review in plan.get("reviews", []):
        updates = [u for u in review.get("updates", []) if u["action"] != gone]
        if updates:
            review["updates"] = updates
        else:
            review.pop("updates", None)
    if not actions:
        del plan["actions"]


@st.composite
def edits(draw: st.DrawFn, base: dict[str, Any], tag: str) -> dict[str, Any]:
    """A copy of `base` after a few random edits, as a partner's laptop would make."""
    plan = copy.deepcopy(base)
    for step in range(draw(st.integers(0, 5))):
        kind = draw(
            st.sampled_from(
                [
                    "add_action",
                    "add_shared_action",
                    "edit_action",
                    "delete_action",
                    "title",
                    "add_facilitator",
                    "remove_facilitator",
                    "add_review",
                    "edit_review",
                    "extra",
                ]
            )
        )
        actions = plan.get("actions", [])
        if kind == "add_action":
            position = draw(st.integers(0, len(actions)))
            plan.setdefault("actions", []).insert(position, _action(f"a-{tag}{step}", draw))
        elif kind == "add_shared_action" and not any(a["id"] == "a-new" for a in actions):
            plan.setdefault("actions", []).append(_action("a-new", draw))
        elif kind == "edit_action" and actions:
            target = actions[draw(st.integers(0, len(actions) - 1))]
            field = draw(st.sampled_from(["title", "owner", "due", "status"]))
            value = {
                "title": draw(WORDS) or "act",
                "owner": draw(NAMES),
                "due": draw(DATES),
                "status": draw(st.sampled_from(STATUSES)),
            }[field]
            if field in {"owner", "due"} and draw(st.booleans()):
                target.pop(field, None)  # cleared
            else:
                target[field] = value
        elif kind == "delete_action":
            _delete_action(plan, draw(st.integers(0, 10)))
        elif kind == "title":
            plan["title"] = draw(WORDS) or "plan"
        elif kind == "add_facilitator":
            workshop = plan.setdefault("workshop", {})
            name = draw(NAMES)
            if name not in workshop.get("facilitators", []):
                workshop.setdefault("facilitators", []).append(name)
        elif kind == "remove_facilitator" and plan.get("workshop", {}).get("facilitators"):
            names = plan["workshop"]["facilitators"]
            names.pop(draw(st.integers(0, len(names) - 1)))
            if not names:
                del plan["workshop"]
        elif kind == "add_review":
            plan.setdefault("reviews", []).append(_review(f"r-{tag}{step}", plan, draw))
        elif kind == "edit_review" and plan.get("reviews"):
            plan["reviews"][draw(st.integers(0, len(plan["reviews"]) - 1))]["summary"] = draw(WORDS)
        elif kind == "extra":
            where = plan if not actions or draw(st.booleans()) else actions[0]
            where[draw(st.sampled_from(["colour", "budget"]))] = draw(EXTRAS)
    return plan


def _ids(data: dict[str, Any], name: str) -> set[str]:
    return {item["id"] for item in data.get(name, [])}


def _swapped(conflict: dict[str, Any]) -> Any:
    swap = {"ours": "theirs", "theirs": "ours", "ours_deleted": "theirs_deleted"}
    swap["theirs_deleted"] = "ours_deleted"
    return _freeze({swap.get(k, k): v for k, v in conflict.items()})


def _sides(data: st.DataObject) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    base = data.draw(base_plans(), label="base")
    ours = data.draw(edits(base, "x"), label="ours")
    theirs = data.draw(edits(base, "y"), label="theirs")
    for side in (base, ours, theirs):
        plan_from_data(side, "", "<side>")  # the strategies only make valid plans
    return base, ours, theirs


@PROPERTY
@given(st.data())
def test_merging_with_an_unchanged_side_gives_the_changed_side(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    assert merge_data(base, ours, base) == (ours, [])
    assert merge_data(base, base, theirs) == (theirs, [])


@PROPERTY
@given(st.data())
def test_swapping_sides_gives_the_same_items_and_the_same_conflicts(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    one, one_conflicts = merge_data(base, ours, theirs)
    two, two_conflicts = merge_data(base, theirs, ours)
    for name in COLLECTIONS:
        assert _ids(one, name) == _ids(two, name)
    assert {_freeze(c) for c in one_conflicts} == {_swapped(c) for c in two_conflicts}
    assert len(one_conflicts) == len(two_conflicts)


@PROPERTY
@given(st.data())
def test_no_item_is_lost_unless_the_rules_delete_it(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    merged, _conflicts = merge_data(base, ours, theirs)
    for name in COLLECTIONS:
        b, o, t = ({i["id"]: i for i in side.get(name, [])} for side in (base, ours, theirs))
        # Deleted by the rules: gone from one side, unchanged (or gone) on the other.
        deletable = {
            key
            for key, item in b.items()
            if (key not in o and _freeze(t.get(key, item)) == _freeze(item))
            or (key not in t and _freeze(o.get(key, item)) == _freeze(item))
        }
        result = _ids(merged, name)
        assert (set(o) | set(t)) - deletable <= result
        assert result <= set(o) | set(t)


@PROPERTY
@given(st.data())
def test_the_merged_plan_always_loads_and_keeps_every_conflicting_value(
    data: st.DataObject,
) -> None:
    base, ours, theirs = _sides(data)
    result = merge_plans(base, ours, theirs)
    text = dumps_plan(result.plan)
    reread = parse_plan_text(text)
    assert dumps_plan(reread) == text
    assert len(reread.conflicts) == len(result.new_conflicts)
    for conflict in reread.conflicts:
        assert conflict.has("ours") != conflict.deleted("ours")
        assert conflict.has("theirs") != conflict.deleted("theirs")


@PROPERTY
@given(st.data())
def test_every_conflict_can_be_resolved_or_is_refused_with_a_reason(data: st.DataObject) -> None:
    base, ours, theirs = _sides(data)
    plan = merge_plans(base, ours, theirs).plan
    while plan.conflicts:
        choice = data.draw(st.sampled_from(["ours", "theirs", "base"]), label="choice")
        try:
            plan = resolve_conflict(plan, 0, choice)
        except PlanError:
            # Refused (an action a review still names): the other order settles it.
            plan = resolve_conflict(plan, 0, "theirs" if choice == "ours" else "ours")
    assert plan.conflicts == []


# ----------------------------------------------------------------------- order and decisions


@st.composite
def reordered(draw: st.DrawFn, ids: list[str], tag: str) -> list[str]:
    """`ids` maybe moved around, maybe with new ones inserted anywhere."""
    order = list(draw(st.permutations(ids))) if draw(st.booleans()) else list(ids)
    for n in range(draw(st.integers(0, 2))):
        order.insert(draw(st.integers(0, len(order))), f"a-{tag}{n}")
    return order


def _shared_order(order: list[str], shared: set[str]) -> list[str]:
    return [k for k in order if k in shared]


@PROPERTY
@given(st.data())
def test_a_side_that_did_not_move_items_never_undoes_the_other_sides_move(
    data: st.DataObject,
) -> None:
    ids = [f"a-b{n}" for n in range(data.draw(st.integers(2, 6), label="count"))]
    base = {"schema_version": 1, "title": "t", "actions": [{"id": k, "title": k} for k in ids]}
    orders = {side: data.draw(reordered(ids, side[0]), label=side) for side in ("ours", "theirs")}
    sides = {
        side: {**base, "actions": [{"id": k, "title": k} for k in order]}
        for side, order in orders.items()
    }
    merged, conflicts = merge_data(base, sides["ours"], sides["theirs"])
    result = [a["id"] for a in merged["actions"]]
    assert conflicts == []
    assert sorted(result) == sorted(set(orders["ours"]) | set(orders["theirs"]))  # none lost
    shared = set(ids)
    ours_moved = _shared_order(orders["ours"], shared) != ids
    theirs_moved = _shared_order(orders["theirs"], shared) != ids
    if theirs_moved and not ours_moved:
        assert _shared_order(result, shared) == _shared_order(orders["theirs"], shared)
    else:
        assert _shared_order(result, shared) == _shared_order(orders["ours"], shared)
    for side, order in orders.items():
        # Each side's additions keep their order among themselves.
        mine = [k for k in order if k not in shared]
        assert [k for k in result if k in mine] == mine, side


OWNERS = st.sampled_from(["Shelter", "Police", "Town", "Health centre"])


@PROPERTY
@given(OWNERS, st.booleans(), OWNERS, st.booleans(), OWNERS)
def test_a_side_that_did_not_settle_a_conflict_never_wins_over_one_that_did(
    ours_owner: str, ours_settles: bool, theirs_owner: str, theirs_settles: bool, held: str
) -> None:
    base: dict[str, Any] = {
        "schema_version": 1,
        "title": "t",
        "actions": [{"id": "a-1", "title": "x", "owner": held}],
        "conflicts": [{"path": "actions.a-1.owner", "ours": held, "theirs": "Other"}],
    }
    sides = []
    for owner, settles in ((ours_owner, ours_settles), (theirs_owner, theirs_settles)):
        side = copy.deepcopy(base)
        side["actions"][0]["owner"] = owner
        if settles:
            del side["conflicts"]
        sides.append(side)
    merged, conflicts = merge_data(base, *sides)
    value = merged["actions"][0]["owner"]
    touched = [
        s or o != held for o, s in ((ours_owner, ours_settles), (theirs_owner, theirs_settles))
    ]
    if ours_owner == theirs_owner:
        assert (value, conflicts) == (ours_owner, [])
    elif all(touched):
        assert [c["path"] for c in conflicts] == ["actions.a-1.owner"]
        assert {conflicts[0]["ours"], conflicts[0]["theirs"]} == {ours_owner, theirs_owner}
    else:
        assert conflicts == []
        assert value == (ours_owner if touched[0] else theirs_owner)
    plan_from_data(merged, "", "<merged>")


LINES = st.lists(
    st.sampled_from(["a", "b", "c", "form", "", "late", "memo", "x"]),
    min_size=1,
    max_size=8,
    unique=True,
)


@PROPERTY
@given(LINES, st.data())
def test_edits_of_lines_two_apart_merge_and_an_unchanged_side_gives_the_other(
    lines: list[str], data: st.DataObject
) -> None:
    base = "\n".join(lines) + "\n"
    ours_lines, theirs_lines = list(lines), list(lines)
    for index in range(len(lines)):
        # Lines 0, 4, 8... are ours to edit, lines 2, 6... theirs: never adjacent.
        if index % 4 == 0 and data.draw(st.booleans()):
            ours_lines[index] = f"ours {index}"
        elif index % 4 == 2 and data.draw(st.booleans()):
            theirs_lines[index] = f"theirs {index}"
    ours, theirs = ("\n".join(side) + "\n" for side in (ours_lines, theirs_lines))
    if len(lines) > 1:
        assert merge_lines(base, ours, base) == ours
        assert merge_lines(base, base, theirs) == theirs
        expected = [
            o if o != b else t for b, o, t in zip(lines, ours_lines, theirs_lines, strict=True)
        ]
        assert merge_lines(base, ours, theirs) == "\n".join(expected) + "\n"


@PROPERTY
@given(st.data())
def test_a_value_only_one_side_changed_is_that_sides_value_in_the_merge(
    data: st.DataObject,
) -> None:
    base, ours, theirs = _sides(data)
    merged, _conflicts = merge_data(base, ours, theirs)
    recorded = {c["path"] for c in merged.get("conflicts", [])}

    def leaf(plan: dict[str, Any], action_id: str, field: str) -> Any:
        found = [a for a in plan.get("actions", []) if a["id"] == action_id]
        return found[0].get(field, "<none>") if found else None

    for action in merged.get("actions", []):
        action_id = action["id"]
        if f"actions.{action_id}" in recorded:
            continue
        for field in ("title", "owner", "due", "status"):
            b, o, t = (leaf(side, action_id, field) for side in (base, ours, theirs))
            m = leaf(merged, action_id, field)
            if f"actions.{action_id}.{field}" in recorded:
                assert m == o  # the plan holds ours' value while the conflict waits
            elif o == b and t is not None:
                assert m == t
            elif t == b and o is not None:
                assert m == o
    if "title" not in recorded:
        changed = [side["title"] for side in (ours, theirs) if side["title"] != base["title"]]
        assert merged["title"] in (changed or [base["title"]])
