"""A small season of sharing (issue 12): three laptops, a bare server, random edits of one
plan (fields, lines of a text, new and deleted actions, moves, settled conflicts), pulls
and pushes in random order through the installed driver. At every pull no edit is lost
(each value one side changed since the common ancestor is in the result, or a conflict
records it), every file loads, and after a last round every clone holds the same plan.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path
from typing import Any

import pytest

from planwizard.merge import resolve_conflict
from planwizard.model import Action, Plan, new_plan
from planwizard.storage import PlanError, dumps_plan, load_plan, parse_plan_text, save_plan
from tests.cli.test_git_share import PLAN, Clone, make_team, run
from tests.cli.test_git_share import isolated_git as isolated_git  # the fixture

SEED = 20270115
EDITS_PER_CLONE = 40
FIELDS = ("owner", "status", "strategy")
OWNERS = ("Police", "Shelter", "Health centre", "Town hall", "Prosecutor")
STATUSES = ("planned", "in-progress", "done", "blocked")


def first_plan() -> str:
    plan = new_plan("Referral season", created=None)
    plan.id = "plan-season"
    plan.actions = [
        Action(
            id=f"a-{n}",
            title=f"Action {n}",
            owner=OWNERS[n % len(OWNERS)],
            strategy="\n".join(f"step {n}.{line}" for line in range(4)),
        )
        for n in range(6)
    ]
    return dumps_plan(plan)


def leaves(text: str) -> dict[tuple[str, str], Any]:
    """(action id, field) -> value; (action id, "") -> True for each action present."""
    plan = parse_plan_text(text)
    found: dict[tuple[str, str], Any] = {}
    for action in plan.actions:
        found[(action.id, "")] = True
        for field in FIELDS:
            found[(action.id, field)] = getattr(action, field)
    return found


def conflict_paths(text: str) -> set[str]:
    return {c.path for c in parse_plan_text(text).conflicts}


def edit_once(plan: Plan, rng: random.Random, tag: str, counter: list[int]) -> Plan:
    kind = rng.choice(["field", "field", "line", "line", "add", "delete", "move", "settle"])
    actions = plan.actions
    if kind == "settle" and plan.conflicts:
        for side in rng.sample(["ours", "theirs", "base"], 3):
            try:
                return resolve_conflict(plan, 0, side)
            except PlanError:
                continue  # refused (an item a review names): another side settles it
    if kind == "add" or not actions:
        counter[0] += 1
        position = rng.randint(0, len(actions))
        actions.insert(position, Action(id=f"a-{tag}{counter[0]}", title=f"New {tag}"))
        return plan
    action = rng.choice(actions)
    if kind == "delete" and len(actions) > 2:
        actions.remove(action)
    elif kind == "move":
        actions.remove(action)
        actions.insert(rng.randint(0, len(actions)), action)
    elif kind == "line" and action.strategy.count("\n") >= 1:
        lines = action.strategy.split("\n")
        index = rng.randrange(len(lines))
        lines[index] = f"{lines[index].split(' by ')[0]} by {tag}{rng.randint(0, 99)}"
        action.strategy = "\n".join(lines)
    elif rng.random() < 0.5:
        action.owner = rng.choice(OWNERS)
    else:
        action.status = rng.choice(STATUSES)  # type: ignore[assignment]
    return plan


def show(clone: Clone, ref: str) -> str:
    return clone.git("show", f"{ref}:{PLAN}").stdout


def assert_nothing_lost(base: str, ours: str, theirs: str, merged: str) -> None:
    b, o, t, m = (leaves(text) for text in (base, ours, theirs, merged))
    recorded = conflict_paths(merged)
    for side, values in (("ours", o), ("theirs", t)):
        for key, value in values.items():
            if key in b and b[key] == value:
                continue  # not changed by this side
            action_id, field = key
            kept = m.get(key) == value
            if field == "strategy" and not kept and key in b and key in m:
                # Lines of one text merge line by line: each line this side changed is there.
                before, mine, now = (v.split("\n") for v in (b[key], value, m[key]))
                kept = len(before) == len(mine) == len(now) and all(
                    n == x for x, y, n in zip(mine, before, now, strict=True) if x != y
                )
            in_conflict = {f"actions.{action_id}.{field}", f"actions.{action_id}"} & recorded
            assert kept or in_conflict, f"{side}'s {key} = {value!r} lost: {m.get(key)!r}"
    for key in b:
        action_id, field = key
        if field:
            continue
        for gone, other in ((o, t), (t, o)):
            if key in gone or key not in other:
                continue
            edited = any(other.get((action_id, f)) != b.get((action_id, f)) for f in FIELDS)
            if key not in m:
                # Deleted on one side and edited on the other: never deleted silently.
                assert not edited, f"{action_id} edited on one side, deleted silently"
            else:
                # Deleted on one side, untouched on the other: deleted, or in conflict.
                assert edited or f"actions.{action_id}" in recorded, f"{action_id} came back"


def sync(clone: Clone) -> None:
    """Commit, pull (checking the merge), commit what the driver left, push."""
    status = clone.git("status", "--porcelain").stdout
    if status.strip():
        clone.commit(f"{clone.name}'s edits")
    clone.git("fetch", "-q")
    upstream = clone.git("rev-parse", "@{u}").stdout.strip()
    head = clone.git("rev-parse", "HEAD").stdout.strip()
    base_commit = clone.git("merge-base", head, upstream).stdout.strip()
    pulled = clone.git("merge", "--no-edit", "-q", upstream, check=False)
    merged_text = clone.plan_path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in merged_text, pulled.stdout + pulled.stderr
    load_plan(clone.plan_path)  # every file loads
    if base_commit not in (head, upstream):
        assert_nothing_lost(
            show(clone, base_commit), show(clone, head), show(clone, upstream), merged_text
        )
    if pulled.returncode != 0:
        clone.commit("merged; conflicts left for later")
    clone.git("push", "-q", "origin", "HEAD:main")


@pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True, check=False).returncode != 0,
    reason="git is not installed",
)
def test_three_laptops_share_a_plan_for_a_season_and_lose_nothing(isolated_git: Path) -> None:
    rng = random.Random(SEED)
    clones = make_team(isolated_git, first_plan(), count=3)
    for clone in clones:
        clone.git("branch", "-q", "--set-upstream-to=origin/main")
    left = {clone.root: EDITS_PER_CLONE for clone in clones}
    counters = {clone.root: [0] for clone in clones}
    while any(left.values()):
        clone = rng.choice([c for c in clones if left[c.root]])
        batch = min(left[clone.root], rng.randint(1, 6))
        plan = clone.plan()
        for _edit in range(batch):
            plan = edit_once(plan, rng, clone.root.name[-1], counters[clone.root])
        left[clone.root] -= batch
        save_plan(plan, clone.plan_path)
        sync(clone)
    # Last rounds: each laptop settles what is left (keeping its own value) and shares,
    # until a round finds nothing to settle; then every clone holds the same plan.
    for _round in range(4):
        settled_any = False
        for clone in clones:
            sync(clone)
            plan = clone.plan()
            settled_any |= bool(plan.conflicts)
            while plan.conflicts:
                try:
                    plan = resolve_conflict(plan, 0, "ours")
                except PlanError:
                    plan = resolve_conflict(plan, 0, "theirs")
            save_plan(plan, clone.plan_path)
            sync(clone)
        if not settled_any:
            break
    for clone in clones:
        sync(clone)
    texts = {clone.plan_path.read_text(encoding="utf-8") for clone in clones}
    assert len(texts) == 1
    assert run("check", clones[0].plan_path)[0] == 0
    final = load_plan(clones[0].plan_path)
    assert final.actions and len({a.id for a in final.actions}) == len(final.actions)
