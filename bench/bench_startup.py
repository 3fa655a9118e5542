"""Start of `planwizard --dir FOLDER` up to the first rows, and up to every plan, in the
home table, against a bare Textual app showing as many rows, in one run.

Each start is a fresh process, timed from just before it is started to the first frame
whose table holds a screenful of rows (FIRST_ROWS, or every plan if fewer), and to the
last frame drawn once the table holds every plan (`row_count` equals the number of
plans, then the screen is left to finish its repaints). The bare app (a Header, a
DataTable and a Footer) reads files with tomllib and adds one row per plan (title,
actions, next review) before its first frame: every file for "all rows", the first
FIRST_ROWS files for "first rows" (a bare app's start showing a screenful). CPU time and
peak memory are the child's, from os.wait4 (to the end of the start: all rows).

Two starts of planwizard: warm (its summaries cache filled by an earlier start, the usual
case) and cold (an empty cache: the first start after a clone, where the rows stream in
as they are read). The bare app has no cache. Starts alternate, run by run.

The plans are the example plans copied with their own ids and titles (quick: 200;
--full: 1,000 and 5,000).

    .venv/bin/python bench/bench_startup.py [--full] [--runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import Figure, Sample, figure, interleave, report, sizes, write_many_plans

SIZE = (120, 40)
#: A screenful of rows in the home table at SIZE (40 lines less the title bar, the
#: filter, the header, the detail line and the footer).
FIRST_ROWS = 30


# ------------------------------------------------------------------ in the child


def stop_when_all_rows_drawn(expected: int) -> None:
    """Patch Textual's App as it is imported (importing it here would load Textual before
    the command line does): at each frame, note the first one whose table holds a
    screenful of rows; once a table on screen holds `expected` rows, wait for the
    screen's pending repaints, then print both frames' times and exit."""
    import importlib.abc
    import importlib.util
    from types import ModuleType

    def patch(module: ModuleType) -> None:
        display = module.App._display
        state = {"last": 0.0, "armed": False, "first": 0.0}
        screenful = min(expected, FIRST_ROWS)

        def timed_display(app: Any, screen: Any, renderable: Any) -> None:
            display(app, screen, renderable)
            if renderable is None or app._batch_count:
                return
            if hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # what a terminal would be sent
            state["last"] = time.monotonic()
            if state["armed"]:
                return
            rows = max((t.row_count for t in app.screen.query("DataTable")), default=0)
            if rows >= screenful and not state["first"]:
                state["first"] = state["last"]
            if rows >= expected:
                state["armed"] = True

                def done() -> None:
                    print(state["first"], state["last"], flush=True)
                    app.exit()

                app.call_after_refresh(done)

        module.App._display = timed_display

    class PatchOnImport(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name != "textual.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            assert spec is not None and spec.loader is not None
            run_module = spec.loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run_module(module)
                patch(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, PatchOnImport())


def run_bare(folder: Path, files: int | None = None) -> None:
    """The bare app, showing the first `files` files of the folder (all: None)."""
    import tomllib

    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table: DataTable[str] = self.query_one(DataTable)
            table.add_columns("Plan", "Actions", "Review")
            rows = []
            for path in sorted(folder.glob("*.toml"))[:files]:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
                review = data.get("monitoring", {}).get("next_review", "")
                rows.append((data["title"], str(len(data.get("actions", []))), str(review)))
            table.add_rows(sorted(rows))

    Bare().run(headless=True, size=SIZE)


def run_planwizard(folder: Path) -> None:
    """`planwizard --dir FOLDER`, as a facilitator types it."""
    from planwizard.cli import main

    main(["--dir", str(folder)])


# ------------------------------------------------------------------ in the parent


def start(which: str, folder: Path, env: dict[str, str]) -> tuple[Sample, Sample, Sample]:
    """Seconds to the first frame with a screenful of rows, seconds (wall, CPU) to the
    last frame with every row, and peak memory in bytes."""
    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", which, str(folder)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        # wait4, not communicate: it gives the child's own CPU time and peak memory.
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = code = os.waitstatus_to_exitcode(status)
        assert child.stdout is not None
        out = child.stdout.read()
        child.stdout.close()
        errors.seek(0)
        err = errors.read()
    if code != 0 or not out.strip():
        raise SystemExit(f"{which} failed ({code}):\n{err.decode()[-2000:]}")
    first, frame = map(float, out.decode().strip().splitlines()[-1].split())
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(first - started), Sample(frame - started, cpu), Sample(usage.ru_maxrss * 1024)


def measure(folder: Path, plans: int, runs: int) -> list[Figure]:
    base = dict(
        os.environ,
        BENCH_PLANS=str(plans),
        TEXTUAL="",
        TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver",
        COLUMNS=str(SIZE[0]),
        LINES=str(SIZE[1]),
    )
    warm = dict(base, XDG_CACHE_HOME=str(folder.parent / f"cache-{plans}"))
    screenful = dict(base, BENCH_PLANS=str(min(plans, FIRST_ROWS)))
    colds = iter(range(1_000_000))
    memory: dict[str, list[Sample]] = {"bare": [], "warm": [], "cold": [], "screen": []}
    firsts: dict[str, list[Sample]] = {"bare": [], "warm": [], "cold": [], "screen": []}

    def run(which: str, name: str, env_of: Any) -> Sample:
        first, took, peak = start(which, folder, env_of())
        firsts[name].append(first)
        memory[name].append(peak)
        return took

    taken = interleave(
        runs,
        {
            "bare": lambda: run("bare", "bare", lambda: base),
            "screen": lambda: run("bare-screen", "screen", lambda: screenful),
            "warm": lambda: run("planwizard", "warm", lambda: warm),
            "cold": lambda: run(
                "planwizard",
                "cold",
                lambda: dict(base, XDG_CACHE_HOME=str(folder.parent / f"cold-{next(colds)}")),
            ),
        },
    )
    for name in memory:
        del memory[name][0]  # the warm-up run
        del firsts[name][0]
    bare = f"bare Textual app, same {plans} rows read with tomllib"
    screen = f"bare Textual app, its first {FIRST_ROWS} rows read with tomllib"
    return [
        figure(
            f"start to first {FIRST_ROWS} rows, {plans} plans, cold cache",
            firsts["cold"],
            taken["screen"],
            "<= 2x",
            limit=2.0,
            note=screen,
        ),
        figure(
            f"start to first {FIRST_ROWS} rows, {plans} plans, warm cache",
            firsts["warm"],
            taken["screen"],
            "<= 2x",
            limit=2.0,
            note=screen,
        ),
        figure(
            f"start to all rows, {plans} plans, warm cache",
            taken["warm"],
            taken["bare"],
            "<= 2x",
            limit=2.0,
            note=bare,
        ),
        figure(
            f"start to all rows, {plans} plans, cold cache",
            taken["cold"],
            taken["bare"],
            "— (streams in)",
            note=bare,
        ),
        figure(
            f"start peak memory, {plans} plans, cold cache",
            memory["cold"],
            memory["bare"],
            "—",
            unit="B",
            note=bare,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--full", action="store_true", help="1,000 and 5,000 plans")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--plans", type=int, nargs="*", help="these sizes instead")
    options = parser.parse_args()
    if options.child:
        which, folder = options.child
        stop_when_all_rows_drawn(int(os.environ["BENCH_PLANS"]))
        if which == "planwizard":
            run_planwizard(Path(folder))
        else:
            run_bare(Path(folder), FIRST_ROWS if which == "bare-screen" else None)
        return 0

    # Byte-code as an installed app has it: without it (an editable install under
    # PYTHONDONTWRITEBYTECODE) every start would compile planwizard from source.
    import planwizard

    compileall.compile_dir(Path(planwizard.__file__).parent, quiet=1)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="pw-bench-startup-") as tmp:
        for plans in options.plans or sizes([200], [1000, 5000]):
            folder = Path(tmp) / f"plans-{plans}"
            folder.mkdir()
            write_many_plans(folder, plans)
            figures += measure(folder, plans, options.runs if plans < 5000 else 3)
    report(figures, "== startup: `planwizard --dir` to every row in the home table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
