"""A screenshot of the resolve screen at 80x24, as a plan left with two conflicts opens.

Stable by construction: today is fixed (conftest), cursors do not blink, no timer looks at
the file, and the plan is written by the test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planwizard.storage import save_plan
from tests.tui.test_merge_resolve import plan_with_conflicts
from tests.tui.tui_helpers import settle, steady_app

SnapCompare = Callable[..., bool]


def test_resolve_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    path = tmp_path / "referral.toml"
    save_plan(plan_with_conflicts(), path)
    app = steady_app(tmp_path, open_path=path, start="open", watch_interval=None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
