"""planwizard: action-plan workshops in the terminal, plans as TOML files shared over git.

The public API is the plan file: read it, validate it, write it back safely.
"""

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
