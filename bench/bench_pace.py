"""The facilitator's pace: 20 actions added from the keyboard in step 3, in a Pilot run.

Reports the keystrokes each action takes (all of them, and those beyond the title's
own letters), and the time from a key to the screen drawn after it (perf_counter around
`pilot.press` and `pilot.pause`), median and worst, for a letter typed and for the Enter
that commits an action (saved to disk, table redrawn, next entry opened). The same
letters and Enters typed into a bare Input in a bare Textual app, in the same run, are
the baseline: the ratios compare across machines.

    .venv/bin/python bench/bench_pace.py [--actions 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input

SIZE = (100, 30)


def titles(count: int) -> list[str]:
    return [f"Call the shelter {n:02d}" for n in range(1, count + 1)]


class Timings:
    """Seconds from key to drawn screen, kept apart for letters and for Enter."""

    def __init__(self) -> None:
        self.letters: list[float] = []
        self.enters: list[float] = []
        self.keys = 0

    async def press(self, pilot: Pilot[object], key: str) -> None:
        started = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        elapsed = time.perf_counter() - started
        self.keys += 1
        (self.enters if key == "enter" else self.letters).append(elapsed)


async def type_titles(pilot: Pilot[object], timings: Timings, count: int) -> None:
    for title in titles(count):
        for character in title:
            await timings.press(pilot, "space" if character == " " else character)
        await timings.press(pilot, "enter")


class BareApp(App[None]):
    """The baseline: one Input; Enter clears it, as the quick-add line does."""

    def compose(self) -> ComposeResult:
        yield Input()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.value = ""


async def run_bare(count: int) -> Timings:
    timings = Timings()
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_titles(pilot, timings, count)
    return timings


async def run_planwizard(count: int, folder: Path) -> tuple[Timings, int]:
    from planwizard.model import new_plan
    from planwizard.storage import load_plan, save_plan
    from planwizard.tui.app import make_app

    path = folder / "room.toml"
    plan = new_plan("Referral in the district")
    plan.problem.statement = "Victims are not referred to support services."
    save_plan(plan, path)
    timings = Timings()
    app = make_app(folder, open_path=path, start="open", blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4")  # step 3: the actions table has focus
        await pilot.pause()
        await timings.press(pilot, "a")  # one key starts adding
        await type_titles(pilot, timings, count)
        await timings.press(pilot, "escape")  # and one stops
    added = len(load_plan(path).actions)
    return timings, added


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values) * 1000, max(values) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=20)
    options = parser.parse_args()
    count = options.actions

    asyncio.run(run_bare(2))  # warm imports and caches, untimed
    bare = asyncio.run(run_bare(count))
    with tempfile.TemporaryDirectory(prefix="pw-pace-") as tmp:
        app, added = asyncio.run(run_planwizard(count, Path(tmp)))
    if added != count:
        print(f"expected {count} actions in the plan, found {added}")
        return 1

    letters = sum(len(t) for t in titles(count))
    print(f"actions added from the keyboard: {added}")
    print(
        f"keystrokes per action: {app.keys / count:.2f} "
        f"(of which beyond the title's letters: {(app.keys - letters) / count:.2f}; "
        f"`a` once to start, Enter per action, Escape once to stop)"
    )
    rows: list[tuple[str, list[float], list[float]]] = [
        ("letter typed", app.letters, bare.letters),
        ("Enter (commit, next entry)", app.enters, bare.enters),
    ]
    print(f"{'key to repaint':30}{'median':>10}{'max':>10}{'bare median':>13}{'ratio':>8}")
    for name, ours, theirs in rows:
        median, worst = summary(ours)
        base, _worst = summary(theirs)
        print(f"{name:30}{median:8.2f}ms{worst:8.2f}ms{base:11.2f}ms{median / base:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
