"""Where a new plan's file goes, and a plan's values by dotted path ("problem.statement")."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from planwizard.model import Plan
from planwizard.storage import PLAN_SUFFIX

# ------------------------------------------------------------------ new files


def slugify(title: str, limit: int = 40) -> str:
    """A file name from a plan title: ascii letters, digits and dashes."""
    flat = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-")
    return slug[:limit].rstrip("-") or "plan"


def new_plan_path(folder: Path, title: str, plan_id: str = "") -> Path:
    """A file name in `folder` for a new plan that does not overwrite another.

    The title's words and a short tag from the plan's id (`orientation-3c9e1f.toml`):
    two laptops that each start a plan with the same title must not pick one file name,
    or git would merge two different plans into one file (issue 12).
    """
    tag = slugify(plan_id, limit=200).rsplit("-", 1)[-1][-6:] if plan_id else ""
    if not tag or tag == "plan":
        import secrets

        tag = secrets.token_hex(3)
    stem = f"{slugify(title)}-{tag}"
    candidate = folder / f"{stem}{PLAN_SUFFIX}"
    number = 2
    while os.path.lexists(candidate):
        candidate = folder / f"{stem}-{number}{PLAN_SUFFIX}"
        number += 1
    return candidate


# ------------------------------------------------------------- fields by path


def get_field(plan: Plan, path: str) -> Any:
    """The value at a dotted path such as "problem.statement"."""
    node: Any = plan
    for part in path.split("."):
        node = getattr(node, part)
    return node


def set_field(plan: Plan, path: str, value: Any) -> None:
    """Set the value at a dotted path; the model validates it (ValueError if refused)."""
    *parents, last = path.split(".")
    node: Any = plan
    for part in parents:
        node = getattr(node, part)
    setattr(node, last, value)
