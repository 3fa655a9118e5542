"""The facilitator's pace: actions added from the keyboard in step 3 (quick add), each key
timed from the key event to the last frame the app drew after it.

The baseline is a bare Textual app with one Input, whose Enter appends the title to a
list and writes the list to a file (tomli_w + write + fsync), as a change must reach the
disk. Sessions of the two apps alternate run by run; each session starts untimed.
Also reports the keystrokes an action takes beyond its title's letters.

    .venv/bin/python bench/bench_pace.py [--runs 3] [--actions 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from textual.app import App, ComposeResult
from textual.widgets import Input

sys.path.insert(0, str(Path(__file__).parent))

from common import FrameClock, Sample, figure, interleave_async, report

SIZE = (120, 40)


def titles(count: int) -> list[str]:
    return [f"Shelter {n:02d}" for n in range(1, count + 1)]


def key_of(character: str) -> str:
    return "space" if character == " " else character


async def type_titles(pilot: Any, clock: FrameClock, count: int) -> dict[str, list[Sample]]:
    taken: dict[str, list[Sample]] = {"letter": [], "enter": []}
    for title in titles(count):
        for character in title:
            taken["letter"].append(await clock.press(pilot, key_of(character)))
        taken["enter"].append(await clock.press(pilot, "enter"))
    return taken


class BareApp(App[None]):
    """The baseline: one Input; Enter keeps the title, writes the file and clears it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.titles: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.titles.append(event.value)
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(tomli_w.dumps({"actions": [{"title": t} for t in self.titles]}))
            out.flush()
            os.fsync(out.fileno())
        event.input.value = ""


def new_room(folder: Path) -> Path:
    from planwizard.model import new_plan
    from planwizard.storage import save_plan

    path = folder / "room.toml"
    path.unlink(missing_ok=True)
    plan = new_plan("Referral in the district")
    plan.problem.statement = "Victims are not referred to support services."
    save_plan(plan, path)
    return path


async def bare_session(folder: Path, count: int) -> dict[str, list[Sample]]:
    app = BareApp(folder / "bare.toml")
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await clock.settle(pilot, 0.0)
        return await type_titles(pilot, clock, count)


async def our_session(folder: Path, count: int, keys: list[int]) -> dict[str, list[Sample]]:
    from planwizard.storage import load_plan
    from planwizard.tui.app import make_app

    path = new_room(folder)
    app = make_app(folder, open_path=path, start="open", blink=False, watch_interval=None)
    app.write_later = True  # as the real app writes (see run_app)
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        clock.pause_timers("room clock")
        await clock.settle(pilot, 0.0)
        await pilot.press("f4")  # step 3: the actions table has focus
        await clock.settle(pilot, 0.0)
        await clock.press(pilot, "a")  # one key starts adding
        taken = await type_titles(pilot, clock, count)
        await clock.press(pilot, "escape")  # and one stops
    added = len(load_plan(path).actions)
    if added != count:
        raise SystemExit(f"expected {count} actions in the plan, found {added}")
    keys.append(len(taken["letter"]) + len(taken["enter"]) + 2)
    return taken


async def measure(runs: int, count: int) -> dict[str, list[Sample]]:
    keys: list[int] = []
    with tempfile.TemporaryDirectory(prefix="pw-bench-pace-") as tmp:
        folder = Path(tmp)
        taken = await interleave_async(
            runs,
            {
                "ours": lambda: our_session(folder, count, keys),
                "bare": lambda: bare_session(folder, count),
            },
        )
    letters = sum(len(t) for t in titles(count))
    print(
        f"keystrokes per action: {keys[-1] / count:.2f}, beyond the title's letters "
        f"{(keys[-1] - letters) / count:.2f} (`a` once, Enter per action, Escape once)"
    )
    return taken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--actions", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="(no bigger size here)")
    options = parser.parse_args()
    taken = asyncio.run(measure(options.runs, options.actions))
    report(
        [
            figure(
                "pace: letter typed in quick add",
                taken["ours/letter"],
                taken["bare/letter"],
                "<= 1.5x",
                limit=1.5,
                note="bare Input app",
            ),
            figure(
                "pace: Enter adds an action (small plan)",
                taken["ours/enter"],
                taken["bare/enter"],
                "<= 1.5x",
                limit=1.5,
                note="bare Input app: list.append + tomli_w + write + fsync",
            ),
        ],
        "== pace: quick add, key event to last frame",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
