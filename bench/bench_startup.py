"""Startup of the home screen with 200 plans, against a bare Textual app, in one run.

Measures, for each app in a fresh process: the time from just before the process is
started to the first full frame (for planwizard: the `planwizard --dir FOLDER` command,
up to the home screen with every plan in its table), and the peak memory of the process
and of any process it waited for (ru_maxrss, as os.wait4 reports it: the helper that
reads the plans on a cold start counts). Both are given as ratios to a
bare Textual app with a Header, a DataTable and a Footer measured in the same run, on
the same machine, so the figures compare across machines. Target: at most 1.5 for both.

    .venv/bin/python bench/bench_startup.py [--repeats 11] [--plans 200]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET = 1.5


# ------------------------------------------------------------------ the children


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            print(time.monotonic(), flush=True)
            self.exit()

    Bare().run(headless=True, size=(120, 40))


def run_planwizard(folder: Path) -> None:
    """`planwizard --dir FOLDER`, as a facilitator types it, stopped at the first full frame."""
    import importlib.abc
    import importlib.util
    from types import ModuleType

    def stop_at_first_full_frame(home: ModuleType) -> None:
        show_rows = home.HomeScreen.show_rows

        def show_and_stop(self: Any, rows: list[Any], keep: Path | None = None) -> None:
            show_rows(self, rows, keep)
            if len(rows) < EXPECTED_PLANS:
                raise SystemExit(f"only {len(rows)} plans shown")

            def done() -> None:
                print(time.monotonic(), flush=True)
                self.app.exit()

            self.call_after_refresh(done)

        home.HomeScreen.show_rows = show_and_stop

    class PatchHomeOnImport(importlib.abc.MetaPathFinder):
        # The home screen is patched as it is imported, not before: importing it here
        # would load Textual before the command line runs, which is not the real start.
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name != "planwizard.tui.screens.home":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            assert spec is not None and spec.loader is not None
            run_module = spec.loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run_module(module)
                stop_at_first_full_frame(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, PatchHomeOnImport())
    from planwizard.cli import main

    main(["--dir", str(folder)])


EXPECTED_PLANS = int(os.environ.get("BENCH_PLANS", "200"))


# ------------------------------------------------------------------ the parent


def make_plans(folder: Path, count: int) -> None:
    """`count` plausible plans: a few actions, stakeholders and indicators each."""
    from planwizard.model import Action, Indicator, Stakeholder, new_plan
    from planwizard.storage import save_plan

    start = dt.date(2027, 1, 15)
    for n in range(count):
        plan = new_plan(f"Plan {n:03d}: referral of victims in district {n % 17}", language="fr")
        plan.created = start - dt.timedelta(days=n)
        plan.problem.statement = "Victims are not referred to support services. " * 3
        plan.problem.origin = "systemic"
        plan.problem.concerns = ["referral", "training"]
        plan.workshop.participants = ["Police", "Health centre", "Shelter", "Lawyers"]
        plan.stakeholders = [Stakeholder(name=f"Partner {k}", role="Support") for k in range(3)]
        plan.vision.statement = "All victims are referred promptly and appropriately."
        plan.vision.outcomes = ["A shared referral form is used"]
        plan.actions = [
            Action(
                title=f"Action {k} of plan {n}",
                owner="Shelter",
                due=start + dt.timedelta(days=30 * k - 20),
                status="planned",
                kind="practical",
                level="local",
            )
            for k in range(5)
        ]
        plan.indicators = [Indicator(name="Referred", unit="%", baseline=10, target=80)]
        plan.monitoring.cadence = "quarterly"
        plan.monitoring.next_review = start + dt.timedelta(days=45)
        save_plan(plan, folder / f"plan-{n:03d}.toml")


def measure(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from process start to first full frame, and peak memory in KiB."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    out = child.stdout.read().decode() if child.stdout else ""
    err = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0 or not out.strip():
        raise SystemExit(f"{args[0]} failed ({child.returncode}):\n{err[-2000:]}")
    frame = float(out.strip().splitlines()[-1])
    return frame - started, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        if options.child[0] == "bare":
            run_bare()
        else:
            run_planwizard(Path(options.child[1]))
        return 0

    # Byte-code as an installed app has it: without it (an editable install under
    # PYTHONDONTWRITEBYTECODE) every start would compile planwizard from source.
    import planwizard

    compileall.compile_dir(Path(planwizard.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        make_plans(folder, options.plans)
        # Both apps headless at 120x40; planwizard through its own command line, so
        # through Textual's driver setting rather than run(headless=True).
        base = dict(
            os.environ,
            BENCH_PLANS=str(options.plans),
            TEXTUAL="",
            TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver",
            COLUMNS="120",
            LINES="40",
        )
        # Usual start: the summaries cache (outside the folder) is warm from an earlier run.
        warm = dict(base, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        # One untimed run each warms the disk cache, the .pyc files and the summaries.
        measure(["--child", "bare"], base)
        measure(["--child", "planwizard", str(folder)], warm)
        bare: list[tuple[float, int]] = []
        app: list[tuple[float, int]] = []
        cold: list[tuple[float, int]] = []
        for run in range(options.repeats):  # interleaved, so that load changes hit all
            bare.append(measure(["--child", "bare"], base))
            app.append(measure(["--child", "planwizard", str(folder)], warm))
            # First start on a folder (or the first of the day): every plan is read.
            fresh = dict(base, XDG_CACHE_HOME=str(Path(tmp) / f"cold-{run}"))
            cold.append(measure(["--child", "planwizard", str(folder)], fresh))

    def median(runs: list[tuple[float, int]]) -> tuple[float, float]:
        return statistics.median(t for t, _m in runs), statistics.median(m for _t, m in runs)

    bare_time, bare_mem = median(bare)
    print(f"plans in the folder: {options.plans}  (median of {options.repeats} runs)")
    print(f"{'':34}{'time':>9}{'memory':>12}{'ratios':>16}")
    print(f"{'bare Textual app':34}{bare_time * 1000:7.0f}ms{bare_mem / 1024:8.1f} MiB")
    ok = True
    for name, runs in (
        ("planwizard home, usual start", app),
        ("planwizard home, cold cache", cold),
    ):
        app_time, app_mem = median(runs)
        time_ratio, mem_ratio = app_time / bare_time, app_mem / bare_mem
        print(
            f"{name:34}{app_time * 1000:7.0f}ms{app_mem / 1024:8.1f} MiB"
            f"   {time_ratio:5.2f} {mem_ratio:5.2f}"
        )
        ok = ok and time_ratio <= TARGET and mem_ratio <= TARGET
    print(f"target: both ratios <= {TARGET}, for both starts")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
