"""The facilitator's pace: actions added from the keyboard in step 3 (quick add), each key
timed from the key event to the last frame the app drew after it.

The baseline is a bare Textual app doing what the user sees ours do, at the least cost:
an Input under a DataTable of the plan's actions (title, owner, due, status). Its Enter
adds the action to the plan's data, adds its row to the table (`add_row`, drawn), writes
the plan's TOML (tomli_w dumps + write + fsync, as a change must reach the disk) and
empties the Input: the issue's own floor for this figure, "add_row + tomli_w dumps +
write + fsync" (as bench_big_plan.py's). Until 2026-12-01 the baseline drew no row (a
list.append in a lone Input), which made the ratio compare a table's new row with none.
Sessions of the two apps alternate run by run; each session starts untimed, as run_app
starts the real app (common.started_as_run_app).
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
from textual.widgets import DataTable, Input

sys.path.insert(0, str(Path(__file__).parent))

from common import FrameClock, Sample, figure, interleave_async, report, started_as_run_app

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


ROW = ("title", "owner", "due", "status")


class BareApp(App[None]):
    """The baseline: the plan's actions in a DataTable over an Input; Enter adds the
    action to the plan and its row to the table, writes the plan, and empties the Input."""

    def __init__(self, path: Path, plan: dict[str, Any]) -> None:
        super().__init__()
        self.path = path
        self.plan = plan

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable()
        table.add_columns(*ROW)
        table.add_rows([str(a.get(key, "")) for key in ROW] for a in self.plan["actions"])
        yield table
        yield Input()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        actions = self.plan.setdefault("actions", [])
        action = {"id": f"a-{len(actions):06x}", "title": event.value, "status": "planned"}
        actions.append(action)
        self.query_one(DataTable).add_row(*(str(action.get(key, "")) for key in ROW))
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(tomli_w.dumps(self.plan))
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
    import tomllib

    plan = tomllib.loads(new_room(folder).read_text(encoding="utf-8"))
    plan.setdefault("actions", [])
    app = BareApp(folder / "bare.toml", plan)
    with started_as_run_app():
        return await bare_keys(app, count)


async def bare_keys(app: BareApp, count: int) -> dict[str, list[Sample]]:
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
    app.manage_heap = True
    with started_as_run_app():
        taken = await our_keys(app, count)
    added = len(load_plan(path).actions)
    if added != count:
        raise SystemExit(f"expected {count} actions in the plan, found {added}")
    keys.append(len(taken["letter"]) + len(taken["enter"]) + 2)
    return taken


async def our_keys(app: Any, count: int) -> dict[str, list[Sample]]:
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        clock.pause_timers("room clock")
        await clock.settle(pilot, 0.0)
        await pilot.press("f4")  # step 3: the actions table has focus
        await clock.settle(pilot, 0.0)
        await clock.press(pilot, "a")  # one key starts adding
        taken = await type_titles(pilot, clock, count)
        await clock.press(pilot, "escape")  # and one stops
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
                note="bare app: a letter in an Input under a DataTable",
            ),
            figure(
                "pace: Enter adds an action (small plan)",
                taken["ours/enter"],
                taken["bare/enter"],
                "<= 1.5x",
                limit=1.5,
                note="bare app: add_row + tomli_w dumps of the plan + write + fsync",
            ),
        ],
        "== pace: quick add, key event to last frame",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
