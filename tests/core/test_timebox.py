"""The step timebox, driven by a hand-moved clock: no sleeping."""

from __future__ import annotations

from planwizard.timebox import Timebox, format_remaining, record_time_spent


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_counts_down_only_while_running() -> None:
    clock = FakeClock()
    box = Timebox(duration=600, clock=clock)
    assert box.phase == "idle" and box.remaining == 600
    box.start()
    clock.now += 100
    assert box.remaining == 500 and box.phase == "running"
    box.pause()
    clock.now += 1000  # a long discussion while paused does not count
    assert box.remaining == 500 and box.phase == "paused"
    box.toggle()
    clock.now += 50
    assert box.spent == 150


def test_warning_in_the_last_minutes_then_overtime() -> None:
    clock = FakeClock()
    box = Timebox(duration=600, clock=clock)
    box.start()
    clock.now += 301
    assert box.phase == "warning"
    clock.now += 400
    assert box.phase == "overtime"
    assert format_remaining(box.remaining) == "-01:41"


def test_extend_gives_more_time_without_resetting() -> None:
    clock = FakeClock()
    box = Timebox(duration=60, clock=clock)
    box.start()
    clock.now += 90
    assert box.phase == "overtime"
    box.extend(300)
    assert box.phase == "warning" and box.remaining == 270 and box.spent == 90


def test_format_remaining() -> None:
    assert format_remaining(0.2) == "00:01"
    assert format_remaining(725) == "12:05"
    assert format_remaining(0) == "00:00"


def test_time_spent_accumulates_per_step() -> None:
    spent = record_time_spent({}, "problem", 1200.4)
    spent = record_time_spent(spent, "problem", 60)
    spent = record_time_spent(spent, "vision", 30)
    assert spent == {"problem": 1260, "vision": 30}
