"""What every bench shares: interleaved runs, medians with their spread, CPU beside wall,
ratios to a baseline measured in the same run, the key-to-last-frame clock for Pilot
runs, and the one table `make bench` prints.

A bench builds `Figure`s (ours and a baseline, each a list of `Sample`s taken run by run
in alternating order) and hands them to `report`, which prints them and, when `make bench`
runs it (BENCH_RESULTS names a file), adds them to the file that run_all.py turns into
the final table. Quick sizes by default; `--full` or BENCH_FULL=1 for the big ones.

A new bench (bench/bench_x.py, found by run_all.py) is a few lines:

    sys.path.insert(0, str(Path(__file__).parent))
    from common import figure, interleave, report, sizes, timed

    for n in sizes([200], [1000, 5000]):
        taken = interleave(7, {"ours": lambda: timed(ours), "bare": lambda: timed(bare)})
        figures.append(figure(f"x, {n} items", taken["ours"], taken["bare"], "<= 1.5x",
                              limit=1.5, note="what the baseline does"))
    report(figures, "== x")

Keys in a Pilot session: `clock = FrameClock(app)` once the app runs, then
`await clock.press(pilot, "f2")` gives the key's Sample, and `interleave_async`
alternates whole sessions of ours and the bare app.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PLANS = ROOT / "plans"
CONTRACT_EXAMPLE = ROOT / "tests" / "data" / "plan-format-example.toml"

# Benches run the app in process: never in the user's own cache and data folders. The
# process that makes the folders removes them; its children (BENCH_XDG set) keep theirs.
if not os.environ.get("BENCH_XDG"):
    os.environ["BENCH_XDG"] = "1"
    for _variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[_variable] = _made = tempfile.mkdtemp(prefix="pw-bench-xdg-")
        atexit.register(shutil.rmtree, _made, ignore_errors=True)

#: The big sizes (1,000 and 5,000), asked for with --full or BENCH_FULL=1.
FULL = "--full" in sys.argv or os.environ.get("BENCH_FULL", "") not in ("", "0")


def sizes(quick: Sequence[int], full: Sequence[int]) -> list[int]:
    return list(full if FULL else quick)


# ------------------------------------------------------------------ samples and stats


@dataclass(frozen=True)
class Sample:
    """One measurement: wall seconds (or bytes, for memory) and CPU seconds, if timed."""

    value: float
    cpu: float | None = None


@contextmanager
def stopwatch(into: list[Sample]) -> Iterator[None]:
    """Times the block, wall and this process's CPU, and appends the sample to `into`."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    into.append(Sample(time.perf_counter() - wall, time.process_time() - cpu))


@contextmanager
def started_as_run_app() -> Iterator[None]:
    """A session (ours or a bare app's) starts as `planwizard.tui.app.run_app` starts the
    real app: what earlier sessions left is collected, and what is loaded is frozen out of
    the garbage collector's passes (thawed after). Otherwise collections of the oldest
    generation walk the whole bench process: pauses the real app never has, landing on
    whichever key allocated last."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def timed(action: Callable[[], object]) -> Sample:
    samples: list[Sample] = []
    with stopwatch(samples):
        action()
    return samples[0]


@dataclass(frozen=True)
class Stats:
    median: float
    low: float
    high: float
    cpu: float | None
    runs: int

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Stats:
        if not samples:
            raise ValueError("no samples")
        values = [s.value for s in samples]
        cpus = [s.cpu for s in samples if s.cpu is not None]
        return cls(
            statistics.median(values),
            min(values),
            max(values),
            statistics.median(cpus) if cpus else None,
            len(values),
        )


# ------------------------------------------------------------------ interleaving


def interleave(
    runs: int, contenders: dict[str, Callable[[], Sample | list[Sample]]], warmup: int = 1
) -> dict[str, list[Sample]]:
    """Each contender once per run, the order reversed every other run, after untimed
    warm-up runs: a change of load on the machine hits ours and the baseline alike."""
    names = list(contenders)
    taken: dict[str, list[Sample]] = {name: [] for name in names}
    for run in range(warmup + runs):
        for name in names if run % 2 == 0 else reversed(names):
            got = contenders[name]()
            if run >= warmup:
                taken[name].extend(got if isinstance(got, list) else [got])
    return taken


async def interleave_async(
    runs: int,
    contenders: dict[str, Callable[[], Awaitable[dict[str, list[Sample]]]]],
    warmup: int = 1,
) -> dict[str, list[Sample]]:
    """As `interleave`, for Pilot sessions: each session gives samples under several
    names (one per kind of key), gathered as `contender/name`."""
    names = list(contenders)
    taken: dict[str, list[Sample]] = {}
    for run in range(warmup + runs):
        for name in names if run % 2 == 0 else reversed(names):
            got = await contenders[name]()
            if run >= warmup:
                for kind, samples in got.items():
                    taken.setdefault(f"{name}/{kind}", []).extend(samples)
    return taken


# ------------------------------------------------------------------ key to last frame


class FrameClock:
    """Notes when the app draws a frame: wraps `App._display`, which every screen update
    goes through (Screen._compositor_refresh), and renders the update to the terminal's
    bytes as a real driver would, so that cost counts too (the headless driver skips it).
    """

    def __init__(self, app: Any, quiet: float = 0.06) -> None:
        self.app = app
        self.quiet = quiet
        self.frames = 0
        self.last_wall = 0.0
        self.last_cpu = 0.0
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            self.frames += 1
            self.last_wall, self.last_cpu = time.perf_counter(), time.process_time()

        app._display = timed_display

    def pause_timers(self, *names: str) -> None:
        """Stop the app's periodic redraws (a clock ticking every second), whose frames
        are no key's answer."""
        for node in [self.app, *self.app.screen_stack]:
            for timer in list(node._timers):
                if timer.name in names:
                    timer.pause()

    def busy(self) -> bool:
        """Work still due: a layout, repaint or dirty widget on screen, or a worker."""
        from textual.worker import WorkerState

        screen = self.app.screen
        writing = getattr(self.app, "writing", None)
        if writing is not None and writing():
            return True  # a change still being written: the "saved" frame is still to come
        if (
            screen._layout_required
            or screen._repaint_required
            or screen._scroll_required
            or screen._dirty_widgets
        ):
            return True
        return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.app.workers)

    async def settle(self, pilot: Any, since: float, limit: float = 300.0) -> None:
        """Wait (untimed) until the app has nothing left to do and drew nothing for `quiet`
        seconds (the screen updates at 60 Hz). Pilot's `pause` is not used: it forces a
        repaint of its own."""
        quiet = self.quiet
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            await pilot._wait_for_screen()
            await asyncio.sleep(0.02)
            last = max(self.last_wall, since)
            if not self.busy() and time.perf_counter() - last >= quiet:
                return
        raise TimeoutError(f"the app was still busy after {limit} s")

    async def press(self, pilot: Any, key: str) -> Sample:
        """Seconds (wall and CPU) from the key event to the last frame drawn after it."""
        frames = self.frames
        wall, cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await self.settle(pilot, wall)
        if self.frames == frames:
            raise RuntimeError(f"{key!r} drew no frame")
        return Sample(self.last_wall - wall, self.last_cpu - cpu)


# ------------------------------------------------------------------ figures and table


@dataclass
class Figure:
    """One line of the table: ours against a baseline measured in the same run."""

    name: str
    ours: Stats
    baseline: Stats | None
    target: str  # as the issue states it, e.g. "<= 1.5x" or "<= 50 ms"
    unit: str = "s"  # "s" for seconds, "B" for bytes
    limit: float | None = None  # the largest ratio (or value, for an absolute target) allowed
    absolute: bool = False  # the target is on ours itself, not on the ratio
    note: str = field(default="")

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or not self.baseline.median:
            return None
        return self.ours.median / self.baseline.median

    @property
    def cpu_ratio(self) -> float | None:
        if self.baseline is None or not self.baseline.cpu or self.ours.cpu is None:
            return None
        return self.ours.cpu / self.baseline.cpu

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        if self.absolute:
            return self.ours.median <= self.limit
        return self.ratio is not None and self.ratio <= self.limit


def figure(
    name: str,
    ours: Sequence[Sample],
    baseline: Sequence[Sample] | None,
    target: str,
    **extra: Any,
) -> Figure:
    return Figure(name, Stats.of(ours), Stats.of(baseline) if baseline else None, target, **extra)


def _amount(value: float, unit: str) -> str:
    if unit == "B":
        for scale, suffix in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
            if abs(value) >= scale:
                return f"{value / scale:.1f} {suffix}"
        return f"{value:.0f} B"
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms"


def _cell(stats: Stats | None, unit: str) -> str:
    if stats is None:
        return "—"
    text = f"{_amount(stats.median, unit)} [{_amount(stats.low, unit)}–{_amount(stats.high, unit)}]"
    if stats.cpu is not None:
        text += f" cpu {_amount(stats.cpu, unit)}"
    return text


def table(figures: Sequence[Figure]) -> str:
    """The figures as aligned columns; each baseline numbered, described once below."""
    head = ("figure", "ours: median [min–max] cpu", "baseline (see below)", "ratio (wall)")
    rows = [(*head, "target", "")]
    notes: list[str] = []
    for f in figures:
        if f.note and f.note not in notes:
            notes.append(f.note)
        mark = f"[{notes.index(f.note) + 1}] " if f.note else ""
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "—"
        if f.cpu_ratio is not None:
            ratio += f" (cpu {f.cpu_ratio:.2f}x)"
        met = {True: "ok", False: "MISSED", None: ""}[f.met]
        base = mark + _cell(f.baseline, f.unit)
        rows.append((f.name, _cell(f.ours, f.unit), base, ratio, f.target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths).rstrip())
    if notes:
        lines.append("baselines, measured in the same run:")
        lines += [f"  [{n}] {note}" for n, note in enumerate(notes, start=1)]
    return "\n".join(lines)


def report(figures: Sequence[Figure], heading: str) -> None:
    """Print the bench's own table; under `make bench` also keep the figures for the last one."""
    results = os.environ.get("BENCH_RESULTS")
    if not results:
        print(heading)
        print(table(figures), flush=True)
    else:
        print(f"{heading}: {len(figures)} figure(s)", flush=True)
        with open(results, "a", encoding="utf-8") as out:
            for f in figures:
                out.write(json.dumps(asdict(f)) + "\n")


def read_results(path: Path) -> list[Figure]:
    figures = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        data["ours"] = Stats(**data["ours"])
        data["baseline"] = Stats(**data["baseline"]) if data["baseline"] else None
        figures.append(Figure(**data))
    return figures


# ------------------------------------------------------------------ fixture plans


def example_text(name: str = "orientation-victimes.toml") -> str:
    """One of the example plans in plans/, in canonical form."""
    from planwizard.storage import dumps_plan, load_plan

    return dumps_plan(load_plan(EXAMPLE_PLANS / name))


def big_plan_text(actions: int, *, owners: bool = True) -> str:
    """The example plan grown to `actions` actions (its own first, then copies of them
    with fresh ids); without owners, every action is a warning for `check`."""
    import tomllib

    import tomli_w

    from planwizard.storage import dumps_plan, parse_plan_text

    data = tomllib.loads(example_text())
    models = data["actions"]
    grown = []
    for n in range(actions):
        action = dict(models[n % len(models)])
        if n >= len(models):
            action["id"] = f"a-{n:06x}"
            action["title"] = f"{action['title']} ({n})"
        if not owners:
            action.pop("owner", None)
        grown.append(action)
    data["actions"] = grown
    return dumps_plan(parse_plan_text(tomli_w.dumps(data)))


def write_many_plans(folder: Path, count: int) -> list[Path]:
    """`count` plans made from the two example plans, each with its own id and title."""
    texts = [example_text(p.name) for p in sorted(EXAMPLE_PLANS.glob("*.toml"))]
    paths = []
    for n in range(count):
        text = texts[n % len(texts)]
        head, rest = text.split("\ntitle = ", 1)
        head = head.replace('id = "plan-', f'id = "plan-{n:06x}', 1)
        path = folder / f"plan-{n:05d}.toml"
        path.write_text(f'{head}\ntitle = "Plan {n:05d} {rest.lstrip(chr(34))}', encoding="utf-8")
        paths.append(path)
    return paths
