"""The garbage collector's full passes kept off the keys of a big plan.

A table of 5,000 rows holds some 250,000 objects, alive as long as its plan is open, and
each full pass of Python's collector walks every object: 100-200 ms, landing on
whichever key tips the collector's count (a quick add, Ctrl+Z). Even a small plan's four
step screens make full passes of 60-160 ms. In the real app
(`PlanWizardApp.manage_heap`, set by run_app), what is alive is collected and frozen out
of later passes (`gc.freeze`, as run_app does at start), which then walk only what was
made since (15-25 ms): once a table of COLLECT_FROM rows or more is laid out and drawn,
or else once every step of the open plan is built ahead (step_screens, while the room
talks). When a plan's screens are dropped (the plan left, or a plan built ahead on the
home screen dropped), everything is thawed, collected once after the frame, and what
remains frozen again.

Frozen objects are still freed when nothing refers to them (reference counting); only
garbage in cycles among them (a few footer keys rebuilt while the plan is open) waits
for the next thaw.
"""

from __future__ import annotations

import gc

#: Whether a plan's objects were frozen since the last thaw (see `thaw_and_collect`).
_plan_frozen = False


def plan_frozen() -> bool:
    """Whether a plan's objects were frozen since the last thaw."""
    return _plan_frozen


def collect_and_freeze() -> None:
    """Collect, then freeze what is left out of the collector's later passes."""
    global _plan_frozen
    gc.collect()
    gc.freeze()
    _plan_frozen = True


def thaw_and_collect() -> None:
    """When a plan's objects were frozen: give every frozen object back to the collector,
    collect, and freeze what is left (as run_app froze what was loaded at start). Nothing
    to do otherwise: a plan left before anything was frozen costs no pass."""
    global _plan_frozen
    if not _plan_frozen:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _plan_frozen = False
