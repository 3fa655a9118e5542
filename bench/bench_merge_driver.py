"""git's merge driver, `planwizard merge BASE OURS THEIRS`, against a bare Python that
parses the three files with tomllib and writes one with tomli_w, in one run.

Git runs the driver once for every plan both branches changed: a pull that touches 30
plans runs it 30 times, so its start is what a facilitator waits for. Both are run as
fresh processes, interleaved (bare, driver, bare, driver...), on three copies of the
contract's example plan edited on different fields (a clean merge, the common case).
Prints the median wall time and CPU time (user + system, as os.wait4 reports it) of
each with their spread (lowest to highest), and the ratios. Target: at most 2.

    .venv/bin/python bench/bench_merge_driver.py [--repeats 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 2.0
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "plan-format-example.canonical.toml"

BARE = """
import sys, tomllib, tomli_w
base, ours, theirs = sys.argv[1:4]
data = [tomllib.loads(open(p, encoding="utf-8").read()) for p in (base, ours, theirs)]
with open(ours, "w", encoding="utf-8") as out:
    out.write(tomli_w.dumps(data[1]))
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process; exits if it fails."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        assert child.stderr is not None
        sys.exit(f"{command[:3]} failed ({code}): {child.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def spread(values: list[float]) -> str:
    low, middle, high = (v * 1000 for v in (min(values), statistics.median(values), max(values)))
    return f"{middle:6.1f} ms ({low:.1f}-{high:.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sides = {side: folder / f"{side}.toml" for side in ("base", "ours", "theirs")}
        text = EXAMPLE.read_text(encoding="utf-8")
        sides["base"].write_text(text, encoding="utf-8")
        ours_text = text.replace('owner = "Foyer d\'hébergement"', 'owner = "Centre de santé"')
        theirs_text = text.replace("due = 2027-03-15", "due = 2027-04-15")
        assert ours_text != text and theirs_text != text
        sides["theirs"].write_text(theirs_text, encoding="utf-8")
        paths = [str(sides[s]) for s in ("base", "ours", "theirs")]
        bare = [sys.executable, "-c", BARE, *paths]
        driver = [sys.executable, "-m", "planwizard", "merge", *paths, "--name", "p.toml"]
        env_note = "" if shutil.which("git") else " (git missing)"
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "driver": []}
        for _round in range(args.repeats + 1):
            for name, command in (("bare", bare), ("driver", driver)):
                sides["ours"].write_text(ours_text, encoding="utf-8")
                results[name].append(timed(command))
        for name in results:
            results[name] = results[name][1:]  # the first round warms the disk cache
    walls = {name: [w for w, _c in runs] for name, runs in results.items()}
    cpus = {name: [c for _w, c in runs] for name, runs in results.items()}
    print(f"{args.repeats} interleaved runs each{env_note}; median (lowest-highest)")
    print(f"bare tomllib + tomli_w   wall {spread(walls['bare'])}   cpu {spread(cpus['bare'])}")
    print(f"planwizard merge         wall {spread(walls['driver'])}   cpu {spread(cpus['driver'])}")
    wall_ratio = statistics.median(walls["driver"]) / statistics.median(walls["bare"])
    cpu_ratio = statistics.median(cpus["driver"]) / statistics.median(cpus["bare"])
    print(f"driver / bare: wall {wall_ratio:.2f}, cpu {cpu_ratio:.2f}  (target <= {TARGET:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
