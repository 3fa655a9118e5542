"""Where planwizard keeps files of its own, outside the plans folder."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The user's cache (XDG): parsed catalogues and the home screen's plan summaries.

    Everything there can be rebuilt from the plans and the catalogues; deleting it is safe.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planwizard"


def unsaved_dir() -> Path:
    """Copies of plans that could not be saved where they belong (XDG data, not cache:
    these are the user's work and are never deleted by planwizard)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "planwizard" / "unsaved"


def review_drafts_dir() -> Path:
    """Reviews being typed, kept as they are typed until saved into the plan or discarded.

    In the user's data folder rather than beside the plan, so that a draft is never
    committed to the plans repository by accident and never read as a plan.
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "planwizard" / "review-drafts"


def form_drafts_dir() -> Path:
    """Item forms (an action, a stakeholder, an indicator) being typed and not yet saved:
    beside the review drafts, for the same reasons."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "planwizard" / "form-drafts"


def plan_names(folder: Path) -> list[str]:
    """The names of the plan files in `folder` (`*.toml`, not hidden), in the order of
    their paths. Sorted as names, which in one folder is the paths' order, without
    making and comparing a path for each (a folder may hold thousands of plans)."""
    with os.scandir(folder) as entries:
        names = [e.name for e in entries if e.name.endswith(".toml") and e.name[0] != "."]
    return sorted(names, key=os.path.normcase)
