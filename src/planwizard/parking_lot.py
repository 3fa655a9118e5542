"""The parking lot: points raised in the room that belong elsewhere.

Reachable from any step; at the end of step 4 each open point is turned into an action
or dropped, so nothing the group said is silently forgotten.
"""

from __future__ import annotations

from planwizard.model import Action, ParkingItem, Plan, new_id


def park(plan: Plan, text: str, step: str) -> ParkingItem:
    """Add a point raised during `step`."""
    item = ParkingItem(
        id=new_id("parking", (p.id for p in plan.parking_lot)), text=text.strip(), step=step
    )
    plan.parking_lot.append(item)
    return item


def open_items(plan: Plan) -> list[ParkingItem]:
    return [item for item in plan.parking_lot if item.status == "open"]


def _find(plan: Plan, item_id: str) -> ParkingItem:
    for item in plan.parking_lot:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


def turn_into_action(plan: Plan, item_id: str) -> Action:
    """Make a parked point a new planned action (title = the point) and mark it done."""
    item = _find(plan, item_id)
    action = Action(id=new_id("action", plan.all_item_ids()), title=item.text)
    plan.actions.append(action)
    item.status = "action"
    item.action = action.id
    return action


def drop(plan: Plan, item_id: str) -> None:
    _find(plan, item_id).status = "dropped"
