"""A terminal killed while a field is being typed in: the text typed before the pause is kept.

The app runs for real in a pseudo-terminal, as in a room: keys are typed into the plan's
title without leaving it, and once the file holds them the process is killed (SIGKILL,
as a closed terminal or a crash would). Waiting is for the app to start and to save,
with a generous bound; nothing is timed.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from planwizard import load_plan

pty = pytest.importorskip("pty")

#: Upper bound for the app to start or save on a loaded machine; reached only on failure.
PATIENCE = 90.0


def _drain(fd: int, seen: bytearray, until: float) -> None:
    """Read what the app drew, so that it never blocks writing to the terminal."""
    ready, _w, _x = select.select([fd], [], [], max(0.0, min(0.2, until - time.monotonic())))
    if ready:
        with contextlib.suppress(OSError):
            seen.extend(os.read(fd, 65536))


def test_typed_text_survives_a_kill_after_the_pause(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "Old"\n', encoding="utf-8")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PLANWIZARD_LANG": "en",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    env.pop("TEXTUAL", None)
    argv = [sys.executable, "-m", "planwizard", "open", str(path), "--dir", str(folder)]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in the pseudo-terminal
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(sys.executable, argv, env)
    seen = bytearray()
    try:
        deadline = time.monotonic() + PATIENCE
        while b"saved" not in seen and time.monotonic() < deadline:
            _drain(fd, seen, deadline)
        assert b"saved" in seen, seen[-2000:]
        os.write(fd, b" kept")  # typed in the title, which has focus; never left
        deadline = time.monotonic() + PATIENCE
        while "Old kept" not in path.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the typed text never reached the file"
            _drain(fd, seen, deadline)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert load_plan(path).title == "Old kept"
