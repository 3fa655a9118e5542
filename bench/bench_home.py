"""Typing in the home screen's filter with many plans, each key timed from the key event
to the last frame drawn after it: letters that narrow the list, then backspaces that
widen it back to every plan. Most of those keys leave the rows as they are (every
title holds "plan" and "0"), so the same is timed again with keys that each change the
rows shown ("1", "9", "9", then three backspaces; checked at each key).

Against a bare Textual app with an Input above a DataTable of the same rows (titles read
with tomllib), which on every change clears the table and adds the rows whose title holds
every typed word. Sessions alternate; each starts untimed and waits for every row.
Target: at most 50 ms per key.

The plans are the example plans copied with their own ids and titles (quick: 200;
--full: 1,000 and 5,000).

    .venv/bin/python bench/bench_home.py [--full] [--runs 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input

sys.path.insert(0, str(Path(__file__).parent))

from common import (
    FrameClock,
    Sample,
    figure,
    interleave_async,
    report,
    sizes,
    write_many_plans,
)

SIZE = (120, 40)
TYPED = ["p", "l", "a", "n", "space", "0", "1"]
ERASED = ["backspace"] * 3
#: Typed in an empty filter: each of these keys changes the rows shown.
CHANGING = ["1", "9", "9", "backspace", "backspace", "backspace"]


class BareFilter(App[None]):
    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles

    def compose(self) -> ComposeResult:
        yield Input(id="filter")
        yield DataTable()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(DataTable).add_column("Plan")
        self.show("")
        self.query_one(Input).focus()

    def show(self, typed: str) -> None:
        words = typed.casefold().split()
        table: DataTable[str] = self.query_one(DataTable)
        table.clear()
        table.add_rows([t] for t in self.titles if all(w in t.casefold() for w in words))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)


async def session(app: Any, plans: int) -> dict[str, list[Sample]]:
    taken: dict[str, list[Sample]] = {"narrow": [], "widen": [], "change": []}

    def shown() -> int:
        return max((t.row_count for t in app.screen.query("DataTable")), default=0)

    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        clock.pause_timers("room clock")
        while shown() < plans:
            await clock.settle(pilot, 0.0)
        for key in TYPED:
            taken["narrow"].append(await clock.press(pilot, key))
        for key in ERASED:
            taken["widen"].append(await clock.press(pilot, key))
        app.screen.query_one("#filter", Input).value = ""  # untimed
        await clock.settle(pilot, 0.0)
        for key in CHANGING:
            before = shown()
            taken["change"].append(await clock.press(pilot, key))
            if shown() == before:
                raise SystemExit(f"{key!r} did not change the rows shown ({before})")
    return taken


async def measure(folder: Path, plans: int, runs: int) -> dict[str, list[Sample]]:
    from planwizard.tui.app import make_app

    paths = write_many_plans(folder, plans)
    titles = sorted(tomllib.loads(p.read_text(encoding="utf-8"))["title"] for p in paths)
    return await interleave_async(
        runs,
        {
            "ours": lambda: session(
                make_app(folder, start="home", blink=False, watch_interval=None), plans
            ),
            "bare": lambda: session(BareFilter(titles), plans),
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="1,000 and 5,000 plans")
    parser.add_argument("--plans", type=int, nargs="*", help="these sizes instead")
    options = parser.parse_args()
    figures = []
    for plans in options.plans or sizes([200], [1000, 5000]):
        with tempfile.TemporaryDirectory(prefix="pw-bench-home-") as tmp:
            taken = asyncio.run(measure(Path(tmp), plans, options.runs))
        for kind, what in (
            ("narrow", "letter that narrows"),
            ("widen", "backspace that widens"),
            ("change", "key that changes the rows"),
        ):
            figures.append(
                figure(
                    f"home filter, {plans} plans: {what}",
                    taken[f"ours/{kind}"],
                    taken[f"bare/{kind}"],
                    "<= 50 ms",
                    limit=0.050,
                    absolute=True,
                    note="bare Input + DataTable refilled with the matching titles",
                )
            )
    report(figures, "== home filter: key event to last frame")
    return 0


if __name__ == "__main__":
    sys.exit(main())
