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


def _start(tmp_path: Path, *args: str) -> tuple[int, int]:
    """The app (`planwizard ARGS`) in a pseudo-terminal of 80x24: its pid and the terminal."""
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PLANWIZARD_LANG": "en",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    env.pop("TEXTUAL", None)
    argv = [sys.executable, "-m", "planwizard", *args]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in the pseudo-terminal
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(sys.executable, argv, env)
    return pid, fd


def test_typed_text_survives_a_kill_after_the_pause(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "Old"\n', encoding="utf-8")
    pid, fd = _start(tmp_path, "open", str(path), "--dir", str(folder))
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


def test_a_review_being_typed_survives_a_kill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard.review_draft import read_draft, resume_draft
    from tests.conftest import CONTRACT_EXAMPLE

    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "orientation.toml"
    path.write_bytes(CONTRACT_EXAMPLE.read_bytes())
    original = path.read_bytes()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where the child keeps it
    pid, fd = _start(tmp_path, "review", str(path), "--date", "2027-03-01")
    seen = bytearray()
    try:
        deadline = time.monotonic() + PATIENCE
        while b"Review of" not in seen and time.monotonic() < deadline:
            _drain(fd, seen, deadline)
        assert b"Review of" in seen, seen[-2000:]
        os.write(fd, b"dFiche")  # the first action: done, and what was done
        deadline = time.monotonic() + PATIENCE
        while (saved := read_draft(path)) is None or saved.actions_discussed < 1:
            assert time.monotonic() < deadline, "the review's draft never reached the disk"
            _drain(fd, seen, deadline)
        while "Fiche" not in str(saved.data):
            assert time.monotonic() < deadline, "the typed answer never reached the draft"
            _drain(fd, seen, deadline)
            saved = read_draft(path) or saved
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert path.read_bytes() == original  # nothing in the plan until the review is saved
    saved = read_draft(path)
    assert saved is not None
    draft, lost = resume_draft(load_plan(path), saved)
    entry = draft.actions[0]
    assert (entry.status, entry.done, lost) == ("done", "Fiche", 0)


def test_an_item_form_being_typed_survives_a_kill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text typed in an action's form, never saved: the plan is untouched and the form's
    draft holds the text, for the next opening to offer back."""
    from planwizard.drafts import read_form_draft
    from tests.conftest import CONTRACT_EXAMPLE

    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "orientation.toml"
    path.write_bytes(CONTRACT_EXAMPLE.read_bytes())
    original = path.read_bytes()
    first_action = load_plan(path).actions[0]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where the child keeps it
    pid, fd = _start(tmp_path, "open", str(path), "--dir", str(folder))
    seen = bytearray()

    def wait_for(text: bytes) -> None:
        deadline = time.monotonic() + PATIENCE
        while text not in seen and time.monotonic() < deadline:
            _drain(fd, seen, deadline)
        assert text in seen, seen[-2000:]

    try:
        wait_for(b"saved")
        os.write(fd, b"\x1bOS")  # F4: step 3, the actions table has the focus
        wait_for(b"Once the problem is")  # the step's guide
        os.write(fd, b"e")  # the first action's form
        wait_for(b"Edit action")
        os.write(fd, " « tapé »".encode())  # typed at the end of its title, never saved
        deadline = time.monotonic() + PATIENCE
        while (saved := read_form_draft(path)) is None or "tapé »" not in str(saved.values):
            assert time.monotonic() < deadline, "the form's draft never reached the disk"
            _drain(fd, seen, deadline)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert path.read_bytes() == original  # nothing in the plan: Save was never pressed
    saved = read_form_draft(path)
    assert saved is not None
    assert (saved.table, saved.item_id) == ("actions", first_action.id)
    assert saved.values["title"] == first_action.title + " « tapé »"
    assert saved.values["owner"] == first_action.owner


def test_a_change_the_screen_says_is_saved_survives_a_kill(tmp_path: Path) -> None:
    """Killed the moment the title bar says "saved" after a change: the file holds it.

    The title bar is what the room trusts: once it has gone from "typing… not saved
    yet" back to "saved", the change is on disk, whatever happens next.
    """
    import re

    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_text('schema_version = 1\nid = "plan-1"\ntitle = "Old"\n', encoding="utf-8")
    pid, fd = _start(tmp_path, "open", str(path), "--dir", str(folder))
    seen = bytearray()
    said_saved = re.compile(rb"saved(?! yet)")
    try:
        deadline = time.monotonic() + PATIENCE
        while b"saved" not in seen and time.monotonic() < deadline:
            _drain(fd, seen, deadline)
        assert b"saved" in seen, seen[-2000:]
        start = len(seen)
        os.write(fd, b" kept")  # typed in the title; saved at the pause
        deadline = time.monotonic() + PATIENCE
        while True:
            assert time.monotonic() < deadline, "the title bar never said saved again"
            _drain(fd, seen, deadline)
            after = bytes(seen[start:])
            typing = after.rfind(b"typing")
            saved = [m.start() for m in said_saved.finditer(after)]
            if typing >= 0 and saved and saved[-1] > max(typing, after.rfind(b"saving")):
                break
    finally:
        os.kill(pid, signal.SIGKILL)  # at once: no quit, no last save
        os.waitpid(pid, 0)
        os.close(fd)
    assert load_plan(path).title == "Old kept"
