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
