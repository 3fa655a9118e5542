"""Screenshots of the home screen and of each step, at 80x24 and on a projector-size terminal.

Stable by construction: today is fixed (conftest), cursors do not blink, the folder is
read before the picture is taken, and paths are relative to a temporary folder.
Review changes with the HTML report before `make snapshots`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui.tui_helpers import settle, steady_app

SIZES = [(80, 24), (120, 40)]
STEP_KEYS = {"problem": "f2", "vision": "f3", "planning": "f4", "monitoring": "f5"}

SnapCompare = Callable[..., bool]


@pytest.fixture
def in_folder(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from the folder above plans/, so that paths on screen are the same every run."""
    (plans_dir / "broken.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    monkeypatch.chdir(plans_dir.parent)
    return Path("plans")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare: SnapCompare, in_folder: Path, size: tuple[int, int]) -> None:
    assert snap_compare(steady_app(in_folder), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step", list(STEP_KEYS))
def test_step(snap_compare: SnapCompare, in_folder: Path, step: str, size: tuple[int, int]) -> None:
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")

    async def go_to_step(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press(STEP_KEYS[step])
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=go_to_step)
