"""planwizard: action-plan workshops in the terminal, plans as TOML files shared over git.

The public API is the plan file: read it, validate it, write it back safely.

The names below load on first use, so that the app's home screen can start without
paying for the plan model (pydantic) when it has nothing new to read.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: loading typing costs git's merge driver, which
# starts once per plan on every pull, a noticeable share of its start (type checkers
# read any constant of this name the same way).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from planwizard.model import SCHEMA_VERSION, Plan, new_plan
    from planwizard.storage import PlanError, dumps_plan, load_plan, save_plan

__all__ = [
    "SCHEMA_VERSION",
    "Plan",
    "PlanError",
    "dumps_plan",
    "load_plan",
    "new_plan",
    "save_plan",
]
__version__ = "0.1.0"

_HOMES = {
    "SCHEMA_VERSION": "planwizard.model",
    "Plan": "planwizard.model",
    "new_plan": "planwizard.model",
    "PlanError": "planwizard.storage",
    "dumps_plan": "planwizard.storage",
    "load_plan": "planwizard.storage",
    "save_plan": "planwizard.storage",
}


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(f"module 'planwizard' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
