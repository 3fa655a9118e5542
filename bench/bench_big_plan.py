"""A big plan in the app: open it, switch steps, type in a field, quick-add an action,
undo, leave; each key timed from the key event to the last frame drawn after it.

Against a bare Textual app doing the least the same keys need, measured in the same run
(sessions alternate, each started untimed):

- open (Enter on the home list): read the file, tomllib, push a screen with a table of
  the plan's actions;
- F2 / F4 (switch step): compose a fresh screen of 24 inputs / of a table with the
  plan's actions;
- a letter typed in a field: the same letter in an Input;
- `a` (start adding) and Escape (stop adding): focus the Input under the table, and the
  table again;
- Enter in quick add: `add_row` + tomli_w dumps of the plan + write + fsync;
- Ctrl+Z: `remove_row` + the same dumps + write + fsync ("like one change");
- Escape (leave for the home list): back to a screen with a one-row table.

The plan is the example plan as it is (5 actions), then grown to N actions (quick: 200;
--full: 1,000 and 5,000).

Each session (ours and the bare app's alike) starts as `planwizard.tui.app.run_app`
starts the real app: what is loaded so far is frozen out of the garbage collector's passes
(`gc.freeze`), and thawed when the session ends. Without it, every collection of the
oldest generation walked the whole bench process (earlier sessions, both apps' modules):
80-100 ms pauses the real app never has, landing on whichever key allocated last.

    .venv/bin/python bench/bench_big_plan.py [--full] [--runs 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any, ClassVar

import tomli_w
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input

sys.path.insert(0, str(Path(__file__).parent))

from common import (
    FrameClock,
    Sample,
    big_plan_text,
    figure,
    interleave_async,
    report,
    sizes,
    started_as_run_app,
)

SIZE = (120, 40)
TYPED = "Shelter"
ROW = ("title", "owner", "due", "status")


def cells(action: dict[str, Any]) -> list[str]:
    return [str(action.get(key, "")) for key in ROW]


def write_and_sync(path: Path, data: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(tomli_w.dumps(data))
        out.flush()
        os.fsync(out.fileno())


class BareHome(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "app.open", priority=True)]

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable()
        table.add_columns("Plan")
        table.add_row("Big plan")
        yield table


class BareInputs(Screen[None]):
    """Step 1 as a bare app would have it: 24 inputs."""

    def compose(self) -> ComposeResult:
        for n in range(24):
            yield Input(f"field {n}", id=f"f{n}")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one("#f0", Input).focus()


class BareTable(Screen[None]):
    """Step 3 as a bare app would have it: the actions' table and a quick-add line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add"),
        Binding("ctrl+z", "app.undo", priority=True),
    ]

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable()
        table.add_columns(*ROW)
        app = self.app
        assert isinstance(app, BareApp)
        table.add_rows(cells(a) for a in app.data["actions"])
        yield table
        yield Input(id="quick")

    def on_mount(self) -> None:
        self.query_one("#quick", Input).cursor_blink = False
        self.query_one(DataTable).focus()

    def action_add(self) -> None:
        self.query_one("#quick", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        app = self.app
        assert isinstance(app, BareApp)
        action = {"id": f"a-new{len(app.data['actions'])}", "title": event.value}
        app.data["actions"].append(action)
        self.query_one(DataTable).add_row(*cells(action), key=action["id"])
        write_and_sync(app.path, app.data)
        event.input.value = ""

    def key_escape(self) -> None:
        if self.query_one("#quick", Input).has_focus:
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "step('inputs')"),
        Binding("f4", "step('table')"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.data: dict[str, Any] = {}

    def on_mount(self) -> None:
        self.push_screen(BareHome())

    def action_open(self) -> None:
        self.data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        self.push_screen(BareTable())

    def action_step(self, which: str) -> None:
        self.switch_screen(BareInputs() if which == "inputs" else BareTable())

    def action_undo(self) -> None:
        table = self.screen.query_one(DataTable)
        action = self.data["actions"].pop()
        table.remove_row(action["id"])
        write_and_sync(self.path, self.data)


def actions_in(path: Path) -> int:
    return len(tomllib.loads(path.read_text(encoding="utf-8")).get("actions", []))


async def session(app: Any, path: Path, ours: bool) -> dict[str, list[Sample]]:
    with started_as_run_app():
        return await keys_timed(app, path, ours)


async def keys_timed(app: Any, path: Path, ours: bool) -> dict[str, list[Sample]]:
    taken: dict[str, list[Sample]] = {}
    count = actions_in(path)

    def expect(actions: int, after: str) -> None:
        if actions_in(path) != actions:
            raise SystemExit(
                f"after {after}, {actions_in(path)} actions in the file, not {actions}"
            )

    async def timed(kind: str, key: str) -> None:
        taken.setdefault(kind, []).append(await clock.press(pilot, key))

    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        clock.pause_timers("room clock")
        await clock.settle(pilot, 0.0)
        await timed("open", "enter")
        clock.pause_timers("room clock")
        await timed("switch", "f2")
        await timed("switch", "f4")
        await timed("switch", "f2")
        for letter in TYPED:
            await timed("type", letter)
        await pilot.press("f4")  # untimed: it also commits what was typed
        await clock.settle(pilot, 0.0)
        await timed("start", "a")
        for letter in TYPED:
            await pilot.press(letter)
        await clock.settle(pilot, 0.0)
        await timed("add", "enter")
        expect(count + 1, "quick add")
        await timed("stop", "escape")  # stop adding
        await timed("undo", "ctrl+z")
        expect(count, "undo")
        if ours:
            await asyncio.sleep(2.2)  # the "Undone" notice goes: not the next key's frame
            await clock.settle(pilot, 0.0)
        await timed("leave", "escape")
    return taken


async def our_session(folder: Path, text: str) -> dict[str, list[Sample]]:
    from planwizard.tui.app import make_app

    path = folder / "big.toml"
    path.write_text(text, encoding="utf-8")
    app = make_app(folder, start="home", blink=False, watch_interval=None)
    app.write_later = True  # as the real app writes (see run_app)
    app.prebuild_steps = True  # and builds the other steps' screens ahead,
    app.open_ahead = True  # and the highlighted plan's,
    app.manage_heap = True  # and keeps a big plan's objects out of the full passes
    return await session(app, path, ours=True)


async def bare_session(folder: Path, text: str) -> dict[str, list[Sample]]:
    path = folder / "bare" / "big.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return await session(BareApp(path), path, ours=False)


async def measure(actions: int, runs: int) -> dict[str, list[Sample]]:
    text = big_plan_text(actions)
    with tempfile.TemporaryDirectory(prefix="pw-bench-big-") as tmp:
        folder = Path(tmp)
        return await interleave_async(
            runs,
            {
                "ours": lambda: our_session(folder, text),
                "bare": lambda: bare_session(folder, text),
            },
            warmup=1 if actions < 5000 else 0,
        )


FIGURES = [
    ("open", "open (Enter on home)", "read + tomllib + a screen with the actions' table"),
    ("switch", "switch step (F2/F4)", "a fresh screen of 24 inputs / of the actions' table"),
    ("type", "letter typed in a field", "a letter in an Input"),
    ("start", "start adding (a)", "focus an Input under the table"),
    ("add", "Enter adds an action", "add_row + tomli_w dumps + write + fsync"),
    ("stop", "stop adding (Escape)", "focus the table"),
    ("undo", "Ctrl+Z", "remove_row + tomli_w dumps + write + fsync"),
    ("leave", "leave for home (Escape)", "back to a screen with a one-row table"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="1,000 and 5,000 actions")
    parser.add_argument("--actions", type=int, nargs="*", help="these sizes instead")
    options = parser.parse_args()
    figures = []
    for actions in options.actions or sizes([5, 200], [5, 1000, 5000]):
        taken = asyncio.run(measure(actions, options.runs))
        for kind, name, baseline in FIGURES:
            figures.append(
                figure(
                    f"big plan, {actions} actions: {name}",
                    taken[f"ours/{kind}"],
                    taken[f"bare/{kind}"],
                    "<= 1.5x",
                    limit=1.5,
                    note=baseline,
                )
            )
    report(figures, "== big plan: key event to last frame")
    return 0


if __name__ == "__main__":
    sys.exit(main())
