"""Run every benchmark in this folder, one process each, then print ONE table: each
figure, ours and the baseline measured in the same run (median [min–max], CPU beside
wall), their ratio and the target from issue 15.

Quick sizes by default (a few minutes); `--full` or BENCH_FULL=1 for 1,000 and 5,000
actions or plans (long: run it on a quiet machine). Not part of `make test`'s pass/fail.

    .venv/bin/python bench/run_all.py [--full] [bench_x.py ...]
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import FULL, read_results, table


def main() -> int:
    here = Path(__file__).parent
    named = [a for a in sys.argv[1:] if not a.startswith("-")]
    scripts = [here / n for n in named] or sorted(here.glob("bench_*.py"))
    failed: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pw-bench-results-") as tmp:
        results = Path(tmp) / "figures.jsonl"
        results.touch()
        env = dict(os.environ, BENCH_RESULTS=str(results), BENCH_FULL="1" if FULL else "")
        for script in scripts:
            print(f"== {script.name}", flush=True)
            code = subprocess.run([sys.executable, str(script)], env=env, check=False).returncode
            if code:
                failed.append(script.name)
        figures = read_results(results)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print()
    print(
        f"planwizard benches ({'full' if FULL else 'quick'} sizes), "
        f"{time.monotonic() - started:.0f} s; {os.cpu_count()} cores, load average {load}; "
        f"Python {platform.python_version()}. Ours and each baseline interleaved in the "
        f"same run: read the ratios, not the seconds."
    )
    print(table(figures))
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
