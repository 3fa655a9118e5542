"""A big plan's objects frozen out of the collector's full passes while it is open, and
given back when it is left (tui/heap.py): the passes that land on a key walk only what
was made since, and nothing of the plan left stays behind."""

from __future__ import annotations

import asyncio
import gc
import weakref
from pathlib import Path

import pytest

from planwizard.tui import heap
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets import items_table
from tests.tui.tui_helpers import leave_for_home, settle, steady_app


async def _open_then_leave(plans_dir: Path, manage_heap: bool) -> tuple[int, int, bool]:
    """Frozen objects once step 3's table is laid out, and once the plan is left; and
    whether the step screen left is gone."""
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    app.manage_heap = manage_heap
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        left = weakref.ref(screen)
        del screen
        while_open = gc.get_freeze_count()
        await leave_for_home(app, pilot)
        after = gc.get_freeze_count()
        gc.collect()
        return while_open, after, left() is None


@pytest.fixture
def thawed(monkeypatch: pytest.MonkeyPatch):
    gc.unfreeze()
    monkeypatch.setattr(heap, "_plan_frozen", False)  # whatever a test before froze
    yield
    gc.unfreeze()  # nothing of a test stays frozen in the worker


async def test_a_big_plans_objects_are_frozen_while_open_and_given_back(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch, thawed: None
) -> None:
    monkeypatch.setattr(items_table, "COLLECT_FROM", 3)  # the example plan's 5 actions
    while_open, after, gone = await _open_then_leave(plans_dir, manage_heap=True)
    assert while_open > 0  # frozen once the table was laid out and drawn
    assert gone  # the plan left was given back and collected
    assert 0 < after < while_open  # what is alive frozen again, without the plan's screens


async def test_tests_and_small_plans_freeze_nothing(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch, thawed: None
) -> None:
    monkeypatch.setattr(items_table, "COLLECT_FROM", 3)
    while_open, after, gone = await _open_then_leave(plans_dir, manage_heap=False)
    assert while_open == after == 0
    assert gone
    gc.unfreeze()
    while_open, after, _gone = await _open_then_leave(plans_dir, manage_heap=True)
    assert while_open > 0
    monkeypatch.setattr(items_table, "COLLECT_FROM", 1000)
    gc.unfreeze()
    while_open, after, _gone = await _open_then_leave(plans_dir, manage_heap=True)
    assert while_open == after == 0  # five rows: nothing frozen, no pass on leaving


async def test_once_every_step_is_built_a_plans_objects_are_frozen_until_it_is_left(
    plans_dir: Path, thawed: None
) -> None:
    # Five rows, but the other steps built ahead while the room talks (prebuild_steps):
    # all the plan's screens are alive, and frozen, until it is left.
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    app.manage_heap = app.prebuild_steps = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(100):
            await asyncio.sleep(0.05)
            if len(app._steps_kept) == 4 and not app._prebuilding:
                break
        assert len(app._steps_kept) == 4 and not app._prebuilding
        while_open = gc.get_freeze_count()
        kept = [weakref.ref(screen) for screen, _name in app._steps_kept.values()]
        await leave_for_home(app, pilot)
        after = gc.get_freeze_count()
        gc.unfreeze()
        gc.collect()
    assert while_open > 0
    assert after < while_open  # the plan's screens given back
    assert [ref() for ref in kept if ref() is not None] == []
