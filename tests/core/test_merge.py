"""The three-way merge of plans: the rules of issue 5, one behaviour per test."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from planwizard.driver import run_merge
from planwizard.merge import (
    NewValue,
    conflict_findings,
    describe_conflict,
    merge_data,
    merge_lines,
    merge_plans,
    parse_path,
    read_plan_data,
    render_path,
    resolve_conflict,
)
from planwizard.model import Action, Conflict, Plan
from planwizard.storage import PlanError, dumps_plan, load_plan, plan_from_data, save_plan


def action(action_id: str, title: str = "", **fields: Any) -> dict[str, Any]:
    return {"id": action_id, "title": title or f"Action {action_id}", "status": "planned", **fields}


def base_plan() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "plan-1",
        "title": "Referral of victims",
        "workshop": {"place": "Town hall", "facilitators": ["Awa", "Ben"]},
        "actions": [
            action("a-1", "Draft a referral form", owner="Shelter", due=dt.date(2027, 1, 31)),
            action("a-2", "Train the front desk", owner="Police"),
        ],
        "indicators": [{"id": "i-1", "name": "Referrals", "unit": "%"}],
        "reviews": [
            {
                "id": "r-1",
                "date": dt.date(2026, 12, 15),
                "facilitator": "Awa",
                "revisit_problem": False,
                "updates": [{"action": "a-1", "status": "in-progress"}],
            }
        ],
    }


def edited(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)


def find(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(item for item in items if item.get("id") == item_id)


def loads(data: dict[str, Any]) -> Plan:
    return plan_from_data(data, "", "<merged>")


# ----------------------------------------------------------------------- clean merges


def test_different_fields_of_one_action_changed_on_each_side_are_both_kept() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    find(ours["actions"], "a-1")["owner"] = "Health centre"
    find(theirs["actions"], "a-1")["due"] = dt.date(2027, 2, 28)
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    first = find(merged["actions"], "a-1")
    assert first["owner"] == "Health centre"
    assert first["due"] == dt.date(2027, 2, 28)
    loads(merged)


def test_actions_added_on_both_sides_are_all_kept_theirs_where_they_were_added() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["actions"].append(action("a-ours"))
    theirs["actions"].insert(1, action("a-theirs"))  # between a-1 and a-2
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [a["id"] for a in merged["actions"]] == ["a-1", "a-theirs", "a-2", "a-ours"]


def test_an_action_deleted_on_one_side_and_untouched_on_the_other_is_deleted() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    theirs["actions"] = [a for a in theirs["actions"] if a["id"] != "a-2"]
    ours["title"] = "Referral of victims of assault"
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [a["id"] for a in merged["actions"]] == ["a-1"]
    assert merged["title"] == "Referral of victims of assault"


def test_deleting_every_action_on_one_side_deletes_them() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    del ours["reviews"]  # a review names a-1; both go
    del ours["actions"]
    theirs["title"] = "Renamed"
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert "actions" not in merged
    assert merged["title"] == "Renamed"


def test_reviews_added_on_both_sides_are_all_kept_in_date_order() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["reviews"].append({"id": "r-ours", "date": dt.date(2027, 3, 1), "facilitator": "Ben"})
    theirs["reviews"].append(
        {
            "id": "r-theirs",
            "date": dt.date(2027, 2, 1),
            "facilitator": "Awa",
            "measurements": [{"indicator": "i-1", "value": 20}],
        }
    )
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [r["id"] for r in merged["reviews"]] == ["r-1", "r-theirs", "r-ours"]
    loads(merged)


def test_readings_and_updates_added_to_one_review_on_both_sides_are_all_kept() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["reviews"][0]["measurements"] = [{"indicator": "i-1", "value": 15}]
    theirs["reviews"][0]["updates"].append({"action": "a-2", "status": "blocked"})
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    review = merged["reviews"][0]
    assert [u["action"] for u in review["updates"]] == ["a-1", "a-2"]
    assert review["measurements"] == [{"indicator": "i-1", "value": 15}]


def test_word_lists_merge_as_ordered_sets() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["workshop"]["facilitators"] = ["Awa", "Ben", "Chloé"]
    theirs["workshop"]["facilitators"] = ["Dina", "Awa"]  # Ben removed, Dina added first
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["workshop"]["facilitators"] == ["Dina", "Awa", "Chloé"]


def test_a_table_emptied_on_one_side_merges_field_by_field() -> None:
    # A canonical save leaves out a table whose fields are all empty: clearing the
    # place must not turn the partner's new date into a conflict.
    base = base_plan()
    base["workshop"] = {"place": "Town hall"}
    ours, theirs = edited(base), edited(base)
    del ours["workshop"]
    theirs["workshop"]["date"] = dt.date(2026, 11, 24)
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["workshop"] == {"date": dt.date(2026, 11, 24)}


def test_unknown_fields_merge_by_the_same_rules() -> None:
    base = base_plan()
    find(base["actions"], "a-1")["budget"] = 100
    base["partners_log"] = {"last_call": "Monday", "next_call": "Friday"}
    base["annexes"] = [{"id": "x-1", "file": "form.pdf"}]
    ours, theirs = edited(base), edited(base)
    find(ours["actions"], "a-1")["budget"] = 150
    find(theirs["actions"], "a-1")["cost_centre"] = "NGO"
    ours["partners_log"]["last_call"] = "Tuesday"
    theirs["partners_log"]["next_call"] = "Thursday"
    ours["annexes"].append({"id": "x-2", "file": "minutes.pdf"})
    theirs["annexes"][0]["file"] = "form-v2.pdf"
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    first = find(merged["actions"], "a-1")
    assert (first["budget"], first["cost_centre"]) == (150, "NGO")
    assert merged["partners_log"] == {"last_call": "Tuesday", "next_call": "Thursday"}
    assert merged["annexes"] == [
        {"id": "x-1", "file": "form-v2.pdf"},
        {"id": "x-2", "file": "minutes.pdf"},
    ]
    plan = loads(merged)
    assert plan.actions[0].model_extra == {"budget": 150, "cost_centre": "NGO"}


def test_merge_of_an_unchanged_side_gives_the_other_side_exactly() -> None:
    base = base_plan()
    changed = edited(base)
    changed["actions"].reverse()
    changed["reviews"][0]["summary"] = "Slow start"
    assert merge_data(base, changed, base) == (changed, [])
    assert merge_data(base, base, changed) == (changed, [])


# ----------------------------------------------------------------------- conflicts


def test_the_same_field_changed_on_both_sides_is_a_conflict_keeping_both_values() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    find(ours["actions"], "a-1")["due"] = dt.date(2027, 2, 15)
    find(theirs["actions"], "a-1")["due"] = dt.date(2027, 3, 1)
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == [
        {
            "path": "actions.a-1.due",
            "base": dt.date(2027, 1, 31),
            "ours": dt.date(2027, 2, 15),
            "theirs": dt.date(2027, 3, 1),
        }
    ]
    plan = loads(merged)
    assert plan.action("a-1") is not None
    assert plan.action("a-1").due == dt.date(2027, 2, 15)  # type: ignore[union-attr]
    assert describe_conflict(plan.conflicts[0]) == (
        "unresolved merge conflict at actions.a-1.due: ours 2027-02-15, theirs 2027-03-01"
    )


def test_a_field_cleared_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    del find(ours["actions"], "a-1")["owner"]
    find(theirs["actions"], "a-1")["owner"] = "Health centre"
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == [
        {
            "path": "actions.a-1.owner",
            "base": "Shelter",
            "ours_deleted": True,
            "theirs": "Health centre",
        }
    ]
    assert "owner" not in find(merged["actions"], "a-1")


@pytest.mark.parametrize("deleting_side", ["ours", "theirs"])
def test_an_action_edited_on_one_side_and_deleted_on_the_other_stays_with_a_conflict(
    deleting_side: str,
) -> None:
    base = base_plan()
    deleting, editing = edited(base), edited(base)
    deleting["actions"] = [a for a in deleting["actions"] if a["id"] != "a-2"]
    find(editing["actions"], "a-2")["status"] = "in-progress"
    ours, theirs = (deleting, editing) if deleting_side == "ours" else (editing, deleting)
    merged, conflicts = merge_data(base, ours, theirs)
    kept = find(merged["actions"], "a-2")
    assert kept["status"] == "in-progress"
    other = "theirs" if deleting_side == "ours" else "ours"
    assert conflicts == [
        {
            "path": "actions.a-2",
            "base": find(base["actions"], "a-2"),
            f"{deleting_side}_deleted": True,
            other: kept,
        }
    ]
    loads(merged)


def test_an_action_deleted_while_the_other_side_reviews_it_stays_with_a_conflict() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["actions"] = [a for a in ours["actions"] if a["id"] != "a-2"]
    theirs["reviews"].append(
        {"id": "r-2", "date": dt.date(2027, 1, 10), "updates": [{"action": "a-2", "done": "x"}]}
    )
    merged, conflicts = merge_data(base, ours, theirs)
    assert [c["path"] for c in conflicts] == ["actions.a-2"]
    assert conflicts[0]["ours_deleted"] is True
    plan = loads(merged)  # the review's action is still there, so the plan loads
    assert plan.action("a-2") is not None


def test_actions_added_on_both_sides_with_the_same_id_merge_field_by_field() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["actions"].append(action("a-9", "Same", owner="Police"))
    theirs["actions"].append(action("a-9", "Same", owner="Shelter"))
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == [{"path": "actions.a-9.owner", "ours": "Police", "theirs": "Shelter"}]
    assert [a["id"] for a in merged["actions"]].count("a-9") == 1


def test_an_unknown_list_of_words_changed_on_both_sides_is_one_value_in_conflict() -> None:
    base = base_plan()
    base["tags"] = ["urgent"]
    ours, theirs = edited(base), edited(base)
    ours["tags"] = ["urgent", "police"]
    theirs["tags"] = ["health"]
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == [
        {"path": "tags", "base": ["urgent"], "ours": ["urgent", "police"], "theirs": ["health"]}
    ]
    assert merged["tags"] == ["urgent", "police"]


def test_one_and_one_point_zero_and_true_are_different_values() -> None:
    base = base_plan()
    base["weight"] = 1
    ours, theirs = edited(base), edited(base)
    ours["weight"] = 1.0
    theirs["weight"] = True
    _merged, conflicts = merge_data(base, ours, theirs)
    assert [c["path"] for c in conflicts] == ["weight"]
    assert type(conflicts[0]["ours"]) is float and conflicts[0]["theirs"] is True


def test_reviews_without_id_are_matched_by_date_and_facilitator(tmp_path: Path) -> None:
    base = base_plan()
    del base["reviews"][0]["id"]
    ours, theirs = edited(base), edited(base)
    ours["reviews"][0]["summary"] = "Good start"
    theirs["reviews"][0]["summary"] = "Slow start"
    merged, conflicts = merge_data(base, ours, theirs)
    assert len(merged["reviews"]) == 1
    path = conflicts[0]["path"]
    assert path == 'reviews."2026-12-15 Awa".summary'
    resolved = resolve_conflict(loads(merged), path, "theirs")
    assert resolved.reviews[0].summary == "Slow start"
    assert resolved.conflicts == []


def test_a_conflict_keeps_even_an_empty_value_through_save_and_load(tmp_path: Path) -> None:
    base = base_plan()
    base["remark"] = "first"
    ours, theirs = edited(base), edited(base)
    ours["remark"] = "second"
    theirs["remark"] = ""
    merged, _conflicts = merge_data(base, ours, theirs)
    target = tmp_path / "plan.toml"
    save_plan(loads(merged), target)
    conflict = load_plan(target).conflicts[0]
    assert conflict.has("theirs") and conflict.value("theirs") == ""
    assert conflict.value("base") == "first"


# ----------------------------------------------------------------------- earlier conflicts


def test_conflicts_already_in_a_copy_are_kept_and_resolved_ones_go() -> None:
    base = base_plan()
    old = {"path": "title", "base": "A", "ours": "B", "theirs": "C"}
    base["conflicts"] = [old]
    ours, theirs = edited(base), edited(base)
    del ours["conflicts"]  # resolved in ours
    new = {"path": "id", "ours": "x", "theirs": "y"}
    theirs["conflicts"].append(new)
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["conflicts"] == [new]


# ----------------------------------------------------------------------- resolving


def conflicted_plan() -> Plan:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    find(ours["actions"], "a-1")["due"] = dt.date(2027, 2, 15)
    find(theirs["actions"], "a-1")["due"] = dt.date(2027, 3, 1)
    ours["title"] = "Ours"
    theirs["title"] = "Theirs"
    return merge_plans(base, ours, theirs).plan


def test_resolving_picks_a_side_and_removes_the_conflict() -> None:
    plan = conflicted_plan()
    assert [c.path for c in plan.conflicts] == ["title", "actions.a-1.due"]
    plan = resolve_conflict(plan, "actions.a-1.due", "theirs")
    assert plan.action("a-1").due == dt.date(2027, 3, 1)  # type: ignore[union-attr]
    plan = resolve_conflict(plan, 0, "ours")
    assert plan.title == "Ours"
    assert plan.conflicts == []


def test_resolving_with_a_typed_value_checks_it_like_a_plan_file() -> None:
    plan = conflicted_plan()
    settled = resolve_conflict(plan, 1, NewValue("2027-04-01"))
    assert settled.action("a-1").due == dt.date(2027, 4, 1)  # type: ignore[union-attr]
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["indicators"][0]["target"] = 70
    theirs["indicators"][0]["target"] = 90
    numbers = resolve_conflict(merge_plans(base, ours, theirs).plan, 0, NewValue("75"))
    assert numbers.indicator("i-1").target == 75  # type: ignore[union-attr]
    with pytest.raises(PlanError, match="not a date"):
        resolve_conflict(plan, 1, NewValue("next spring"))
    assert len(plan.conflicts) == 2  # the plan given is never changed


def test_resolving_an_unknown_conflict_or_choice_says_so() -> None:
    plan = conflicted_plan()
    with pytest.raises(LookupError):
        resolve_conflict(plan, 5, "ours")
    with pytest.raises(LookupError):
        resolve_conflict(plan, "actions.a-9.due", "ours")
    with pytest.raises(ValueError):
        resolve_conflict(plan, 0, "mine")


def test_resolving_edit_versus_delete_by_the_deleting_side_deletes_the_item() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["actions"] = [a for a in ours["actions"] if a["id"] != "a-2"]
    find(theirs["actions"], "a-2")["status"] = "done"
    plan = merge_plans(base, ours, theirs).plan
    assert resolve_conflict(plan, "actions.a-2", "ours").action("a-2") is None
    assert resolve_conflict(plan, "actions.a-2", "theirs").action("a-2").status == "done"  # type: ignore[union-attr]


def test_deleting_an_action_a_review_names_is_refused_with_the_reason() -> None:
    base = base_plan()
    ours, theirs = edited(base), edited(base)
    ours["actions"] = [a for a in ours["actions"] if a["id"] != "a-1"]
    del ours["reviews"][0]["updates"]
    theirs["reviews"][0]["updates"][0]["done"] = "First draft sent round"
    plan = merge_plans(base, ours, theirs).plan
    assert [c.path for c in plan.conflicts] == ["actions.a-1", "reviews.r-1.updates.a-1"]
    with pytest.raises(PlanError, match="refers to action 'a-1'"):
        resolve_conflict(plan, "actions.a-1", "ours")
    # Settled in the right order, both deletions go through.
    plan = resolve_conflict(plan, "reviews.r-1.updates.a-1", "ours")
    assert resolve_conflict(plan, "actions.a-1", "ours").action("a-1") is None


def test_paths_with_odd_keys_read_back() -> None:
    segments = ["reviews", "2026-12-15 Awa", 'say "hi".', "note"]
    rendered = render_path(segments)
    assert rendered == r'reviews."2026-12-15 Awa"."say \"hi\".".note'
    assert parse_path(rendered) == segments
    with pytest.raises(ValueError):
        parse_path("actions..due")


# ----------------------------------------------------------------------- plans and files


def test_the_tui_merges_its_unsaved_plan_with_a_changed_file() -> None:
    on_disk = loads(base_plan())
    in_memory = on_disk.model_copy(deep=True)
    in_memory.actions.append(Action(id="a-new", title="Added in the room"))
    changed_file = on_disk.model_copy(deep=True)
    changed_file.title = "Renamed by a partner"
    result = merge_plans(on_disk, in_memory, changed_file)
    assert result.clean
    assert result.plan.title == "Renamed by a partner"
    assert result.plan.action("a-new") is not None


def test_a_merge_without_base_keeps_both_added_plans_values() -> None:
    ours, theirs = base_plan(), base_plan()
    theirs["title"] = "Other title"
    theirs["actions"].append(action("a-3"))
    result = merge_plans(None, ours, theirs)
    assert [c.path for c in result.new_conflicts] == ["title"]
    assert result.plan.action("a-3") is not None


def test_hand_written_copies_without_ids_still_match_item_to_item(tmp_path: Path) -> None:
    text = (
        'schema_version = 1\ntitle = "T"\n\n[[actions]]\ntitle = "Form"\nowner = "A"\n\n'
        '[[actions]]\ntitle = "Training"\n'
    )
    paths = {side: tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs")}
    paths["base"].write_text(text)
    paths["ours"].write_text(text.replace('owner = "A"', 'owner = "B"'))
    paths["theirs"].write_text(
        text.replace('title = "Training"', 'title = "Training"\ndue = 2027-05-01')
    )
    # Issue 12: ids missing from the file are derived from the content, the same in
    # every copy (they used to be left out of the comparison).
    base_data, ours_data = read_plan_data(paths["base"]), read_plan_data(paths["ours"])
    assert base_data["id"] == ours_data["id"]
    assert [a["id"] for a in base_data["actions"]] == [a["id"] for a in ours_data["actions"]]
    out = io.StringIO()
    code = run_merge(paths["base"], paths["ours"], paths["theirs"], "plan.toml", out)
    assert (code, out.getvalue()) == (0, "")  # clean
    plan = load_plan(paths["ours"])
    assert [(a.title, a.owner, a.due) for a in plan.actions] == [
        ("Form", "B", None),
        ("Training", "", dt.date(2027, 5, 1)),
    ]


def test_a_merged_file_is_canonical_and_conflicts_have_lines(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    save_plan(conflicted_plan(), target)
    text = target.read_text()
    assert dumps_plan(load_plan(target)) == text
    findings = conflict_findings(load_plan(target), text)
    lines = text.splitlines()
    assert [lines[f.line - 1] for f in findings if f.line] == [
        'path = "title"',
        'path = "actions.a-1.due"',
    ]


def test_the_conflict_model_reads_each_side() -> None:
    conflict = Conflict.model_validate({"path": "x", "ours_deleted": True, "theirs": 3})
    assert (conflict.has("ours"), conflict.deleted("ours"), conflict.value("ours")) == (
        False,
        True,
        None,
    )
    assert conflict.value("theirs") == 3
    assert not conflict.has("base") and not conflict.deleted("base")


def test_a_review_deleted_on_one_side_and_edited_on_the_other_saves_and_loads(
    tmp_path: Path,
) -> None:
    base = base_plan()
    base["steps"] = [{"label": "one"}, {"label": "two"}]  # unknown, no ids: one value
    ours, theirs = edited(base), edited(base)
    del ours["reviews"]
    theirs["reviews"][0]["updates"][0]["why"] = "Waiting for the police"
    ours["steps"] = [{"label": "one"}]
    theirs["steps"] = [{"label": "two"}]
    result = merge_plans(base, ours, theirs)
    assert [c.path for c in result.new_conflicts] == ["reviews.r-1", "steps"]
    target = tmp_path / "plan.toml"
    save_plan(result.plan, target)
    reread = load_plan(target)
    review = reread.conflicts[0].value("theirs")
    assert review["updates"][0]["why"] == "Waiting for the police"
    assert reread.conflicts[1].value("theirs") == [{"label": "two"}]
    assert resolve_conflict(reread, "reviews.r-1", "ours").reviews == []


# ----------------------------------------------------------------------- order (issue 12)


def test_a_reorder_on_their_side_is_kept_when_ours_only_edited_a_field() -> None:
    base = base_plan()
    base["actions"].append(action("a-3", "Call the prosecutor"))
    ours, theirs = edited(base), edited(base)
    theirs["actions"].insert(0, theirs["actions"].pop())  # a-3 moved to the top
    find(ours["actions"], "a-2")["strategy"] = "Meet the chief first"
    ours["actions"].append(action("a-ours"))
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [a["id"] for a in merged["actions"]] == ["a-3", "a-1", "a-2", "a-ours"]
    assert find(merged["actions"], "a-2")["strategy"] == "Meet the chief first"


def test_when_both_sides_reorder_ours_order_is_kept_and_no_item_is_lost() -> None:
    base = base_plan()
    base["actions"].append(action("a-3"))
    ours, theirs = edited(base), edited(base)
    ours["actions"].reverse()
    theirs["actions"].insert(0, theirs["actions"].pop())
    theirs["actions"].append(action("a-new"))
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [a["id"] for a in merged["actions"]] == ["a-3", "a-2", "a-1", "a-new"]


# ----------------------------------------------------------------------- settled conflicts


def conflict_at_owner() -> dict[str, Any]:
    """A plan as a merge left it: a-1's owner in conflict, the plan holding ours' value."""
    base = base_plan()
    find(base["actions"], "a-1")["owner"] = "Shelter"
    base["conflicts"] = [
        {"path": "actions.a-1.owner", "base": "Town", "ours": "Shelter", "theirs": "Police"}
    ]
    return base


def settle(plan: dict[str, Any], owner: str) -> dict[str, Any]:
    settled = edited(plan)
    find(settled["actions"], "a-1")["owner"] = owner
    del settled["conflicts"]
    return settled


def test_one_conflict_settled_differently_on_each_side_is_a_conflict_again() -> None:
    base = conflict_at_owner()
    # Ours keeps the value the plan held (looks unchanged), theirs picks the other.
    ours, theirs = settle(base, "Shelter"), settle(base, "Police")
    merged, conflicts = merge_data(base, ours, theirs)
    assert [(c["path"], c["ours"], c["theirs"]) for c in conflicts] == [
        ("actions.a-1.owner", "Shelter", "Police")
    ]
    assert merged["conflicts"] == conflicts
    # The same the other way round.
    merged, conflicts = merge_data(base, theirs, ours)
    assert [(c["ours"], c["theirs"]) for c in conflicts] == [("Police", "Shelter")]


def test_one_conflict_settled_the_same_way_on_both_sides_is_clean() -> None:
    base = conflict_at_owner()
    merged, conflicts = merge_data(base, settle(base, "Police"), settle(base, "Police"))
    assert conflicts == []
    assert "conflicts" not in merged
    assert find(merged["actions"], "a-1")["owner"] == "Police"


def test_a_conflict_settled_on_one_side_only_takes_that_decision() -> None:
    base = conflict_at_owner()
    untouched = edited(base)
    untouched["title"] = "Renamed"
    merged, conflicts = merge_data(base, untouched, settle(base, "Police"))
    assert conflicts == []
    assert "conflicts" not in merged
    assert find(merged["actions"], "a-1")["owner"] == "Police"
    assert merged["title"] == "Renamed"


def test_a_decision_against_an_unsettled_edit_of_the_same_value_conflicts() -> None:
    base = conflict_at_owner()
    edited_only = edited(base)
    find(edited_only["actions"], "a-1")["owner"] = "Health centre"  # entry left in place
    _merged, conflicts = merge_data(base, settle(base, "Shelter"), edited_only)
    assert [(c["ours"], c["theirs"]) for c in conflicts] == [("Shelter", "Health centre")]


def test_an_edit_versus_delete_settled_both_ways_conflicts_again() -> None:
    base = base_plan()
    base["actions"].append(action("a-3", status="in-progress"))
    base["conflicts"] = [
        {"path": "actions.a-3", "ours_deleted": True, "theirs": action("a-3", status="in-progress")}
    ]
    deleted, kept = edited(base), edited(base)
    deleted["actions"].pop()
    del deleted["conflicts"], kept["conflicts"]
    merged, conflicts = merge_data(base, deleted, kept)
    assert [c["path"] for c in conflicts] == ["actions.a-3"]
    assert find(merged["actions"], "a-3")["status"] == "in-progress"


# ----------------------------------------------------------------------- multi-line text


STATEMENT = "Victims are sent from desk to desk.\nNobody owns the referral.\nThe form is lost.\n"


def with_statement(text: str) -> dict[str, Any]:
    plan = base_plan()
    plan["problem"] = {"statement": text}
    return plan


def test_different_lines_of_one_text_edited_on_each_side_are_both_kept() -> None:
    base = with_statement(STATEMENT)
    ours = with_statement(STATEMENT.replace("desk to desk", "office to office"))
    theirs = with_statement(STATEMENT.replace("The form is lost.", "The form is lost.\nOr late."))
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["problem"]["statement"] == (
        "Victims are sent from office to office.\nNobody owns the referral.\n"
        "The form is lost.\nOr late.\n"
    )


def test_the_same_line_of_one_text_edited_on_both_sides_is_a_conflict() -> None:
    base = with_statement(STATEMENT)
    ours = with_statement(STATEMENT.replace("Nobody", "No one"))
    theirs = with_statement(STATEMENT.replace("Nobody owns", "Nobody follows"))
    merged, conflicts = merge_data(base, ours, theirs)
    assert [c["path"] for c in conflicts] == ["problem.statement"]
    assert merged["problem"]["statement"] == ours["problem"]["statement"]


def test_merging_lines_without_a_final_newline_keeps_both_edits() -> None:
    text = "one\ntwo\nthree"
    assert merge_lines(text, "ONE\ntwo\nthree", "one\ntwo\nthree\nfour") == "ONE\ntwo\nthree\nfour"
    assert merge_lines(text, "one\ntwo\nthree", "one\ntwo\nthree") == text
    assert merge_lines("a", "b", "c") is None  # one line: a conflict, as before


def test_paragraphs_separated_by_blank_lines_merge_when_each_side_edits_its_own() -> None:
    text = "First point.\n\nSecond point.\n\nThird point.\n"
    ours = text.replace("First", "1st")
    theirs = text.replace("Third", "3rd")
    assert merge_lines(text, ours, theirs) == "1st point.\n\nSecond point.\n\n3rd point.\n"


def test_a_conflict_about_an_item_deleted_since_is_settled_by_the_deletion() -> None:
    plan = conflicted_plan()
    plan.actions = [a for a in plan.actions if a.id != "a-1"]
    plan.reviews = []
    for choice in ("ours", "theirs"):
        settled = resolve_conflict(plan, "actions.a-1.due", choice)
        assert [c.path for c in settled.conflicts] == ["title"]
        assert settled.action("a-1") is None
