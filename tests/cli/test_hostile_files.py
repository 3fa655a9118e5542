"""A shared folder is untrusted input: one hostile file never stops everyone.

Each file here is what a teammate's broken tool or an adversary could commit. Every
command that reads the folder names it with one `path:line: message` and goes on with
the other plans; whatever `check` accepts, saving and formatting write back.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.home_index import FolderReading, read_rows
from planwizard.merge import read_plan_data
from planwizard.session import Session
from planwizard.storage import (
    MAX_DEPTH,
    PlanError,
    dumps_plan,
    load_plan,
    read_existing_text,
    save_plan,
)
from tests.conftest import CONTRACT_EXAMPLE, ROOT

HEAD = 'schema_version = 1\ntitle = "Hostile"\n'

#: name -> (file text, line the message names, words of the message)
HOSTILE: dict[str, tuple[str, int, str]] = {
    "huge-integer": (HEAD + "x = " + "9" * 5000 + "\n", 3, "whole number out of range"),
    "huge-hex-integer": (HEAD + "x = 0x" + "f" * 5000 + "\n", 3, "whole number out of range"),
    "nested-arrays": (HEAD + "x = " + "[" * 500 + "]" * 500 + "\n", 3, "nested more than"),
    "nested-inline-tables": (
        HEAD + "\nx = " + "{a = " * 500 + "1" + "}" * 500 + "\n",
        4,
        "nested more than",
    ),
    "nested-unknown-field": (
        HEAD + "\n\nx = " + "{a = " * 250 + "1" + "}" * 250 + "\n",
        5,
        "nested more than",
    ),
    "deep-dotted-key": (HEAD + "x" + ".x" * 250 + " = 1\n", 3, "nested more than"),
    "deep-header": (HEAD + "[" + ".".join(["x"] * 1000) + "]\ny = 1\n", 3, "nested more than"),
    "unknown-nan": (HEAD + "[problem]\nweird = [1.0, nan]\n", 4, "nan is not a finite number"),
    "unknown-inf": (HEAD + "weird = -inf\n", 3, "-inf is not a finite number"),
    "unclosed-multiline": (
        HEAD + "".join(f"k{i} = 1\n" for i in range(18)) + 'notes = """open\n' + "x = 1\n" * 29,
        21,
        "Unterminated string",
    ),
}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the contract plan and every hostile file."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, plans / "good.toml")
    for name, (text, _line, _words) in HOSTILE.items():
        (plans / f"{name}.toml").write_text(text, encoding="utf-8")
    return plans


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_one_message_on_its_line(tmp_path: Path, name: str) -> None:
    text, line, words = HOSTILE[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert caught.value.line == line
    assert words in caught.value.message
    with pytest.raises(PlanError):
        Session.open(path)


def test_check_names_every_hostile_file_and_checks_the_good_one(folder: Path) -> None:
    code, output = run("check", str(folder))
    assert code == 1
    for name, (_text, line, words) in HOSTILE.items():
        lines = [row for row in output.splitlines() if row.startswith(f"{folder / name}.toml:")]
        assert len(lines) == 1, name
        assert lines[0].startswith(f"{folder / name}.toml:{line}: ") and words in lines[0]
    assert f"{len(HOSTILE) + 1} plans checked: {len(HOSTILE)} errors" in output


def test_fmt_and_status_go_on_past_hostile_files(folder: Path) -> None:
    code, output = run("fmt", "--check", str(folder))
    assert code == 1
    assert all(f"{folder / name}.toml:" in output for name in HOSTILE)
    assert f"{folder / 'good.toml'}:" in output  # the contract is not canonical: still read
    code, output = run("--today", "2027-01-15", "status", str(folder))
    assert code == 0
    assert "good.toml" in output


def test_the_home_screen_lists_hostile_files_with_their_reason(
    folder: Path, tmp_path: Path
) -> None:
    rows = read_rows(folder, dt.date(2027, 1, 15))
    by_name = {row.path.stem: row for row in rows}
    assert by_name["good"].error is None
    for name, (_text, line, words) in HOSTILE.items():
        error = by_name[name].error
        assert error is not None and error.startswith(f"{name}.toml:{line}: ") and words in error
    # And through the helper process that reads the folder while the app starts.
    reading = FolderReading(folder, dt.date(2027, 1, 15), tmp_path / "cache", "en")
    assert {row.path.stem: row.error for row in reading.wait()} == {
        row.path.stem: row.error for row in rows
    }


def _nested(depth: int) -> str:
    """An unknown field nested `depth` tables deep under the plan: the deepest allowed."""
    return "x = " + "{a = " * (depth - 1) + "1" + "}" * (depth - 1) + "\n"


def test_whatever_check_accepts_saves_formats_and_merges(tmp_path: Path) -> None:
    deepest = tmp_path / "deepest.toml"
    header = "[" + ".".join(["y"] * (MAX_DEPTH - 3)) + "]\nz = [[1]]\n"
    deepest.write_text(HEAD + _nested(MAX_DEPTH) + header, encoding="utf-8")
    code, output = run("check", str(deepest))
    assert code == 0, output
    code, output = run("fmt", str(deepest))
    assert code == 0, output
    assert run("fmt", "--check", str(deepest))[0] == 0
    plan = load_plan(deepest)
    plan.title = "Edited"
    save_plan(plan, deepest)
    assert load_plan(deepest).title == "Edited"
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    shutil.copy(deepest, ours)
    shutil.copy(deepest, theirs)
    assert run("merge", str(deepest), str(ours), str(theirs))[0] == 0
    assert dumps_plan(load_plan(ours)) == deepest.read_text(encoding="utf-8")
    # One level deeper is refused when read, never half-way through a save.
    too_deep = tmp_path / "too-deep.toml"
    too_deep.write_text(HEAD + _nested(MAX_DEPTH + 1), encoding="utf-8")
    assert run("check", str(too_deep))[0] == 1


def test_finding_lines_is_linear_on_a_line_of_brackets(tmp_path: Path) -> None:
    # A valid 10 kB+ plan whose line of `[` and spaces (inside a multi-line string
    # holding an escaped quote) once made line finding take hours: a gap warning needs
    # the lines, so `check` finds them.
    bracket_line = "[" + " " * 12_000
    path = tmp_path / "brackets.toml"
    path.write_text(
        HEAD
        + f'notes = """\n\\"""\n{bracket_line}\n"""\n'
        + '[[actions]]\nid = "a-1"\ntitle = "No owner"\n',
        encoding="utf-8",
    )
    assert len(path.read_bytes()) > 10_000
    broken = tmp_path / "broken.toml"
    broken.write_text(HEAD + ("[ " * 6000 + "\n") * 2 + bracket_line + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "planwizard", "check", str(path), str(broken)],
        capture_output=True,
        text=True,
        timeout=20,
        cwd=ROOT,
    )
    assert f"{path}:8: warning: action “No owner” has no owner" in result.stdout
    assert f"{broken}:3: invalid TOML" in result.stdout


# ------------------------------------------------------------------ special files


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, rather than hang the suite, if reading a special file ever blocks again."""

    class Blocked(BaseException):
        """Not an OSError (as TimeoutError is), so that no `except OSError` hides it."""

    def stop(_signum: int, _frame: object) -> None:
        raise Blocked("blocked on a special file")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def special(tmp_path: Path) -> Path:
    """A folder with a good plan beside a pipe, a device, a folder and a huge file."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, plans / "good.toml")
    os.mkfifo(plans / "fifo.toml")
    (plans / "zero.toml").symlink_to("/dev/zero")
    (plans / "folder.toml").mkdir()
    with open(plans / "huge.toml", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB that take no room on disk
    return plans


SPECIAL_REASONS = {
    "fifo": "not an ordinary file",
    "zero": "not an ordinary file",
    "folder": "this is a folder",
    "huge": "larger than 10 MB",
}


def test_special_files_are_refused_and_never_read(special: Path, no_hang: None) -> None:
    for name, reason in SPECIAL_REASONS.items():
        path = special / f"{name}.toml"
        with pytest.raises(PlanError) as caught:
            load_plan(path)
        assert reason in caught.value.message, name
        with pytest.raises(PlanError):
            Session.open(path)
        with pytest.raises(PlanError):
            read_plan_data(path)
        assert read_existing_text(path) is None
    rows = {row.path.stem: row.error for row in read_rows(special, dt.date(2027, 1, 15))}
    assert rows.pop("good") is None
    assert rows.keys() == SPECIAL_REASONS.keys()
    for name, error in rows.items():
        assert error is not None and error.startswith(f"{name}.toml: ")
        assert SPECIAL_REASONS[name] in error


@pytest.mark.parametrize("command", [["check"], ["fmt", "--check"], ["status"]])
def test_commands_go_on_past_special_files(special: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planwizard", "--today", "2027-01-15", *command, str(special)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stderr
    if command[0] == "status":
        assert "good.toml" in result.stdout
    else:
        for name, reason in SPECIAL_REASONS.items():
            assert f"{special / name}.toml: " in result.stdout and reason in result.stdout


def test_a_merge_refuses_a_pipe_and_leaves_ours_alone(tmp_path: Path, no_hang: None) -> None:
    ours = tmp_path / "ours.toml"
    shutil.copy(CONTRACT_EXAMPLE, ours)
    before = ours.read_bytes()
    os.mkfifo(tmp_path / "theirs.toml")
    code, output = run("merge", str(ours), str(ours), str(tmp_path / "theirs.toml"))
    assert code in (1, 2) and "not an ordinary file" in output
    assert ours.read_bytes() == before


QUIT_WITH_A_STUCK_THREAD = """
import asyncio, sys, threading
from pathlib import Path
from planwizard.tui.app import make_app

app = make_app(Path(sys.argv[1]), watch_interval=None)
app.exit_deadline = 0.5

async def main():
    async with app.run_test() as pilot:
        # A thread stuck for good, as a read of a pipe once was.
        app.run_worker(threading.Event().wait, thread=True)
        await pilot.press("ctrl+q")

asyncio.run(main())
"""


def test_quitting_ends_the_process_even_with_a_stuck_thread(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", QUIT_WITH_A_STUCK_THREAD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ writes in place


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A repository whose plans folder holds committed links to elsewhere."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, plans / "a.toml")
    shutil.copy(CONTRACT_EXAMPLE, plans / "b.toml")
    (tmp_path / "victim.txt").write_text("precious", encoding="utf-8")
    (plans / "exports").mkdir()  # where exports go, committed with links in it
    (plans / "exports" / "a.md").symlink_to("../b.toml")
    (plans / "exports" / "a.csv").symlink_to("../../victim.txt")
    (plans / "exports" / "a.html").symlink_to("../../nowhere.txt")  # dangling: none created
    (plans / "a.md").symlink_to("b.toml")  # and one beside the plan, for -o
    return plans


def test_exports_replace_a_link_and_never_write_through_it(linked: Path) -> None:
    before = (linked / "b.toml").read_bytes()
    for fmt in ("md", "csv", "html"):
        code, output = run("export", "--format", fmt, str(linked / "a.toml"))
        assert code == 0, output
        exported = linked / "exports" / f"a.{fmt}"
        assert not exported.is_symlink() and exported.stat().st_size > 0
    code, output = run(
        "export", "--format", "md", str(linked / "a.toml"), "-o", str(linked / "a.md")
    )
    assert code == 0, output
    assert not (linked / "a.md").is_symlink()
    assert (linked / "b.toml").read_bytes() == before
    assert (linked.parent / "victim.txt").read_text(encoding="utf-8") == "precious"
    assert not (linked.parent / "nowhere.txt").exists()
    assert "Action" in (linked / "exports" / "a.md").read_text(encoding="utf-8")


def test_saves_replace_a_link_and_never_write_through_it(linked: Path) -> None:
    (linked / "c.toml").symlink_to("../victim.txt")
    save_plan(load_plan(linked / "a.toml"), linked / "c.toml")
    assert (linked.parent / "victim.txt").read_text(encoding="utf-8") == "precious"
    assert not (linked / "c.toml").is_symlink()
    assert load_plan(linked / "c.toml").title == load_plan(linked / "a.toml").title


def test_the_unsaved_copy_never_follows_a_link(tmp_path: Path, linked: Path) -> None:
    session = Session.open(linked / "a.toml")
    copies = tmp_path / "unsaved"
    copies.mkdir()
    name = f"a-{dt.date(2027, 1, 15).isoformat()}.toml"
    (copies / name).symlink_to(tmp_path / "victim.txt")
    copy = session.keep_copy(copies)
    assert copy.name != name and not copy.is_symlink()
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious"


def test_fmt_keeps_comments_after_strings_ending_in_quotes(tmp_path: Path) -> None:
    path = tmp_path / "quotes.toml"
    path.write_text(
        HEAD + '[problem]\nnotes = """she said "no""""\n# the group\'s own note\n',
        encoding="utf-8",
    )
    before = path.read_bytes()
    code, output = run("fmt", str(path))
    assert code == 1 and f"{path}:5: has hand-written comments" in output
    assert path.read_bytes() == before


def test_a_plan_of_thousands_of_actions_is_checked_in_one_pass(tmp_path: Path) -> None:
    # Each action lacks an owner and a due date: a warning with its line for each, once
    # took a scan of the whole text per warning (hours for a large valid plan).
    count = 4000
    path = tmp_path / "big.toml"
    path.write_text(
        HEAD
        + "".join(f'[[actions]]\nid = "a-{i:06d}"\ntitle = "t{i}"\n' for i in range(count))
        + "".join(
            f'[[indicators]]\nid = "i-{i:06d}"\nbaseline = 0\ntarget = 1\n' for i in range(count)
        )
        + "[[reviews]]\ndate = 2027-01-10\n"
        + "".join(
            f'[[reviews.measurements]]\nindicator = "i-{i:06d}"\nvalue = 0\n' for i in range(count)
        ),
        encoding="utf-8",
    )
    outputs = {}
    for command in ("check", "status"):
        result = subprocess.run(
            [sys.executable, "-m", "planwizard", "--today", "2027-01-15", command, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert "Traceback" not in result.stderr
        outputs[command] = result.stdout
    last = f"{path}:{4 + 3 * (count - 1)}: warning: action “t{count - 1}” has no owner"
    assert last in outputs["check"]
    assert "big.toml" in outputs["status"]
