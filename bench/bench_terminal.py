"""The app in a real terminal: tmux, 120x40, as a facilitator runs it. Open the plan from
the home list (Enter), then switch steps (F2 / F4, four times); each key timed from
`send-keys` to the last change of the pane's text, against the bare app of
bench_big_plan.py run the same way (sessions alternate, each started untimed).

Unlike bench_big_plan.py (Pilot, in process), this counts what a real terminal adds: the
driver writing the frame, tmux reading and drawing it. The pane is read with
`capture-pane` every few milliseconds (the same polling for both apps, so its cost and
its delay hit both alike); a key's time ends at the last read that saw the text change,
once it has not changed for QUIET seconds. CPU is the app process's own (user + system,
from /proc, 10 ms ticks) up to that same read.

Between keys the facilitator pauses PAUSE seconds, as a room does: the real app uses such
pauses to build the next screens ahead (prebuild_steps, open_ahead), and those builds'
CPU falls between keys, in no key's figure. Both apps start as `run_app` starts the real
one (the loaded modules frozen out of the garbage collector's passes).

Skipped, with a line saying so, where tmux is not installed.

    .venv/bin/python bench/bench_terminal.py [--full] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import Sample, big_plan_text, figure, interleave, report, sizes

COLUMNS, LINES = 120, 40
#: The facilitator's pause between keys (seconds).
PAUSE = 1.0
#: A key's answer is complete once the pane's text has not changed for this long.
QUIET = 0.5
#: The app's own pace at start: it has drawn the home list once this long went unchanged.
START_QUIET = 1.5
SOCKET = f"pw-bench-{os.getpid()}"
SESSION = "bench"
BIN = Path(sys.executable).parent
TICK = os.sysconf("SC_CLK_TCK")


def tmux(*args: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"tmux {' '.join(args[:2])}: {done.stderr.strip()}")
    return done.stdout


def pane_text() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of process `pid` so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14, 15)


def settled(
    pid: int, sent: float, cpu_then: float, shows: Callable[[str], bool], quiet: float
) -> Sample:
    """Poll the pane until it shows what `shows` looks for and has not changed for
    `quiet` seconds; the time and CPU from `sent` to the last read that saw a change."""
    text = pane_text()
    last_wall, last_cpu = sent, cpu_then
    changed = False
    while True:
        now = time.perf_counter()
        seen = pane_text()
        if seen != text:
            text, changed = seen, True
            last_wall, last_cpu = time.perf_counter(), cpu_seconds(pid)
        elif changed and shows(text) and now - last_wall >= quiet:
            return Sample(last_wall - sent, last_cpu - cpu_then)
        if now - sent > 60:
            raise TimeoutError(f"after 60 s the pane shows:\n{text}")
        time.sleep(0.002)


def press(pid: int, key: str, shows: Callable[[str], bool]) -> Sample:
    time.sleep(PAUSE)
    cpu_then = cpu_seconds(pid)
    sent = time.perf_counter()
    tmux("send-keys", "-t", SESSION, key)
    return settled(pid, sent, cpu_then, shows, QUIET)


#: What each app's screens show once drawn: the home list, then F2's and F4's screens.
OURS = {
    "home": lambda t: "Type to filter" in t,
    "F2": lambda t: "Problem analysis" in t,
    "F4": lambda t: "Once the problem is understood" in t,
}
BARE = {
    "home": lambda t: "Big plan" in t,
    "F2": lambda t: "field 23" in t or "field 0" in t,
    "F4": lambda t: "owner" in t,
}


def one_session(command: list[str], shows: dict[str, Callable[[str], bool]]) -> list[Sample]:
    """Start the app in a fresh tmux pane, open the plan, switch steps four times."""
    tmux(
        "new-session", "-d", "-s", SESSION, "-x", str(COLUMNS), "-y", str(LINES),
        "exec " + " ".join(command),
    )  # fmt: skip
    try:
        pid = int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())
        settled(pid, time.perf_counter(), cpu_seconds(pid), shows["home"], START_QUIET)
        samples = {"open": [press(pid, "Enter", lambda t: not shows["home"](t))]}
        for key in ("F2", "F4", "F2", "F4"):
            samples.setdefault("switch", []).append(press(pid, key, shows[key]))
        return [*samples["open"], *samples["switch"]]
    finally:
        tmux("kill-session", "-t", SESSION)


def run_bare(path: Path) -> None:
    """The bare app (bench_big_plan.BareApp), started as run_app starts ours."""
    from bench_big_plan import BareApp

    app = BareApp(path)
    gc.collect()
    gc.freeze()
    app.run()


def measure(actions: int, runs: int) -> dict[str, list[Sample]]:
    with tempfile.TemporaryDirectory(prefix="pw-bench-term-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        plan = folder / "big.toml"
        plan.write_text(big_plan_text(actions), encoding="utf-8")
        bare_plan = Path(tmp) / "bare.toml"
        bare_plan.write_text(big_plan_text(actions), encoding="utf-8")
        ours = [
            str(BIN / "planwizard"), "--lang", "en", "--today", "2027-01-15",
            "--dir", str(folder),
        ]  # fmt: skip
        bare = [sys.executable, str(Path(__file__).resolve()), "--bare", str(bare_plan)]
        return interleave(
            runs,
            {
                "ours": lambda: one_session(ours, OURS),
                "bare": lambda: one_session(bare, BARE),
            },
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also 1,000 actions")
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.bare:
        run_bare(options.bare)
        return 0
    if shutil.which("tmux") is None:
        print("== real terminal: tmux is not installed, skipped", flush=True)
        return 0
    figures = []
    # A session that outlives the measured ones keeps the tmux server up between them
    # (a server whose last session ends exits, racing the next session's start).
    tmux("new-session", "-d", "-s", "keeper", "sleep 86400")
    try:
        for actions in sizes([5], [5, 1000]):
            taken = measure(actions, options.runs)
            # Each session gives five samples: the open, then four switches.
            ours, bare = taken["ours"], taken["bare"]
            figures.append(
                figure(
                    f"real terminal, {actions} actions: open (Enter on home)",
                    ours[0::5],
                    bare[0::5],
                    "<= 1.5x",
                    limit=1.5,
                    note="bare app in tmux: read + tomllib + a screen with the actions' table",
                )
            )
            figures.append(
                figure(
                    f"real terminal, {actions} actions: switch step (F2/F4)",
                    [s for n, s in enumerate(ours) if n % 5],
                    [s for n, s in enumerate(bare) if n % 5],
                    "<= 1.5x",
                    limit=1.5,
                    note="bare app in tmux: a fresh screen of 24 inputs / of the actions' table",
                )
            )
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, check=False)
    report(figures, "== real terminal (tmux 120x40): send-keys to the pane's last change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
