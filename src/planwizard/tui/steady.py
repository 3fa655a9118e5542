"""Whether text cursors blink: the app decides (tests keep them steady for snapshots)."""

from __future__ import annotations

from typing import Any


def settle_cursors(screen: Any) -> None:
    settle = getattr(screen.app, "settle_cursors", None)
    if settle is not None:
        settle(screen)
