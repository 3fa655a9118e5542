"""The plans of a folder at a glance, for the home screen, with a cache to start fast.

Reading and validating every plan of a big folder takes longer than drawing the app,
so the summaries are kept in a small JSON file outside the folder (the folder is shared
over git; the cache is this machine's own). A summary is reused only for a file whose
size and modification time are unchanged, in the same interface language; anything
else is read again. What depends on the day (late actions, next deadline, review due)
is worked out again from the kept due dates at each start, so a new day starts as fast
as any other. The module imports neither textual nor the plan model, so that a warm
start never loads them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TextIO

from planwizard.locations import plan_names
from planwizard.tempfiles import remove_stale_temp_files

if TYPE_CHECKING:
    import subprocess

    from planwizard.model import Plan

CACHE_VERSION = 3  # 2: rows count merge conflicts; 3: rows keep open due dates, any day


class PlanRow(NamedTuple):
    """One file of the folder: where its plan stands, or why it does not load.

    A named tuple rather than a dataclass: this module is imported before the folder's
    helper starts, and `dataclasses` would delay it (it loads `inspect`).
    """

    path: Path
    title: str
    step: str = ""  # "problem" .. "monitoring"; "" when the file does not load
    step_number: int = 0  # 1 .. 4
    done: int = 0
    total: int = 0
    deadline: dt.date | None = None
    overdue: int = 0
    review: dt.date | None = None
    review_due: bool = False
    error: str | None = None
    conflicts: int = 0  # unresolved merge conflicts recorded in the plan
    #: Due dates of the open actions, earliest first: `on(day)` needs nothing else.
    open_dues: tuple[dt.date, ...] = ()
    #: The file as it was before it was read, (modification time in ns, size): the
    #: version of the file this row tells about. A file changed since reads again.
    stamp: tuple[int, int] | None = None

    def search_text(self) -> str:
        """What the home filter looks in, case folded."""
        return f"{self.title} {self.path.name} {self.error or ''}".casefold()

    def matches(self, words: list[str]) -> bool:
        haystack = self.search_text()
        return all(word in haystack for word in words)

    def on(self, today: dt.date) -> PlanRow:
        """The same plan seen on another day: what is late, next and due then.

        The same rules as `planwizard.monitoring` (an action due today is not late yet;
        a review is due from its day on), over the dates kept in the row.
        """
        if self.error is not None:
            return self
        deadline = next((due for due in self.open_dues if due >= today), None)
        overdue = sum(1 for due in self.open_dues if due < today)
        review_due = self.review is not None and self.review <= today
        if (deadline, overdue, review_due) == (self.deadline, self.overdue, self.review_due):
            return self  # as it was (a folder's thousands of rows, read at each start)
        return self._replace(deadline=deadline, overdue=overdue, review_due=review_due)


def plan_files(folder: Path) -> list[Path]:
    """The folder's plan files, in the order of their paths (see storage.plan_paths)."""
    if not folder.is_dir():
        return []
    names = plan_names(folder)
    # pathlib's own way to a folder's entries (iterdir, glob): `folder / name` parses
    # each name again, a noticeable part of a start with thousands of plans.
    child = getattr(folder, "_make_child_relpath", None)
    if child is None:
        return [folder / name for name in names]
    return [child(name) for name in names]


def read_rows(
    folder: Path, today: dt.date, known: dict[str, PlanRow] | None = None
) -> list[PlanRow]:
    """Summarise every plan of the folder, reading the files not in `known` (slow).

    `known` holds rows already seen on `today` (see `unchanged_rows`), by file name.
    """
    known = known or {}
    return [known.get(path.name) or read_row(path, today) for path in plan_files(folder)]


def read_row(path: Path, today: dt.date, *, quick: bool = False) -> PlanRow:
    """Where the plan in one file stands on `today`, or why it does not load (slow: it
    loads the plan). The row's stamp is the file's before reading, so that a file
    written meanwhile never passes for read. `quick`: a file in canonical form is read
    without TOML's parser (canonical_read.load_checked: the same plan, the same error),
    for the helper that reads a whole folder."""
    from planwizard.storage import PlanError, load_plan

    stamp = _stamp(path)
    try:
        if quick:
            from planwizard.canonical_read import load_checked

            plan = load_checked(path)[0]
        else:
            plan = load_plan(path)
    except PlanError as exc:
        line = f":{exc.line}" if exc.line else ""
        return PlanRow(path, path.name, error=f"{path.name}{line}: {exc.message}", stamp=stamp)
    return row_for_plan(path, plan, today)._replace(stamp=stamp)


def row_for_plan(path: Path, plan: Plan, today: dt.date) -> PlanRow:
    """Where one loaded plan stands on `today`."""
    from planwizard.checklist import step_reached
    from planwizard.method import STEPS
    from planwizard.monitoring import is_open, summarize

    summary = summarize(plan, today)
    step = step_reached(plan)
    return PlanRow(
        path=path,
        title=plan.title or path.stem,
        step=step,
        step_number=STEPS.index(step) + 1,
        done=summary.actions_done,
        total=summary.actions_total,
        deadline=summary.next_deadline,
        overdue=len(summary.overdue),
        review=summary.next_review,
        review_due=summary.review_due,
        conflicts=len(plan.conflicts),
        open_dues=tuple(sorted(a.due for a in plan.actions if is_open(a) and a.due)),
    )


# ------------------------------------------------------------------ the cache


def _cache_file(folder: Path, cache_dir: Path) -> Path:
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"home-{digest}.json"


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _row_to_json(row: PlanRow) -> dict[str, Any]:
    # Field by field: the dates as text, the file by its name, and its stamp.
    return {
        "path": row.path.name,
        "title": row.title,
        "step": row.step,
        "step_number": row.step_number,
        "done": row.done,
        "total": row.total,
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "overdue": row.overdue,
        "review": row.review.isoformat() if row.review else None,
        "review_due": row.review_due,
        "error": row.error,
        "conflicts": row.conflicts,
        "open_dues": [due.isoformat() for due in row.open_dues],
        # A row read without its stamp is never taken for its file's at the next start.
        "stamp": list(row.stamp) if row.stamp is not None else None,
    }


def _row_from_json(folder: Path, data: dict[str, Any], path: Path | None = None) -> PlanRow:
    return PlanRow(
        path=path or folder / str(data["path"]),
        title=str(data["title"]),
        step=str(data["step"]),
        step_number=int(data["step_number"]),
        done=int(data["done"]),
        total=int(data["total"]),
        deadline=dt.date.fromisoformat(data["deadline"]) if data["deadline"] else None,
        overdue=int(data["overdue"]),
        review=dt.date.fromisoformat(data["review"]) if data["review"] else None,
        review_due=bool(data["review_due"]),
        error=str(data["error"]) if data["error"] is not None else None,
        conflicts=int(data["conflicts"]),
        open_dues=tuple(dt.date.fromisoformat(due) for due in data["open_dues"]),
        stamp=_stamp_from_json(data.get("stamp")),
    )


def _stamp_from_json(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    mtime, size = value
    return (int(mtime), int(size))


def unchanged_rows(
    folder: Path,
    today: dt.date,
    cache_dir: Path,
    language: str,
    files: list[Path] | None = None,
) -> dict[str, PlanRow]:
    """Rows kept in the cache for files unchanged since, seen on `today`, by file name.
    `files`: the folder's plan files (`plan_files`), when the caller has them: the
    rows of the others are not looked at."""
    try:
        data = json.loads(_cache_file(folder, cache_dir).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("language") != language:
            return {}
        paths = None if files is None else {path.name: path for path in files}
        found: dict[str, PlanRow] = {}
        for entry in data["rows"]:
            if paths is None:
                path = folder / str(entry["path"])
            elif (known := paths.get(entry["path"])) is not None:
                path = known
            else:
                continue  # not a plan file of the folder (any more)
            row = _row_from_json(folder, entry, path)
            if row.stamp is not None and row.stamp == _stamp(path):
                found[path.name] = row.on(today)
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no cache, or one this version cannot read: read the folder


def cached_rows(
    folder: Path, today: dt.date, cache_dir: Path, language: str
) -> list[PlanRow] | None:
    """The whole folder from the cache, or None if any file is new or changed."""
    files = plan_files(folder)
    known = unchanged_rows(folder, today, cache_dir, language, files)
    if not files or any(path.name not in known for path in files):
        return None
    return [known[path.name] for path in files]


def store_rows(folder: Path, rows: list[PlanRow], cache_dir: Path, language: str) -> None:
    """Keep the rows for the next start; a cache that cannot be written is no error."""
    _store_entries(folder, [_row_to_json(row) for row in rows], cache_dir, language)


def remember_row(folder: Path, row: PlanRow, cache_dir: Path, language: str) -> None:
    """Keep `row` (a plan this app just wrote, its stamp the file's) in the folder's
    cache, the other rows as they are: the next read takes it without loading the plan.
    No cache yet, or one of another version or language: nothing to do."""
    try:
        data = json.loads(_cache_file(folder, cache_dir).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("language") != language:
            return
        entries = [entry for entry in data["rows"] if entry["path"] != row.path.name]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return
    entries.append(_row_to_json(row))
    _store_entries(folder, entries, cache_dir, language)


def _store_entries(
    folder: Path, entries: list[dict[str, Any]], cache_dir: Path, language: str
) -> None:
    payload = {
        "version": CACHE_VERSION,
        "folder": str(folder.resolve()),
        "language": language,
        "rows": entries,
    }
    target = _cache_file(folder, cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        pass


# ------------------------------------------------------------------ reading at start


HELPER_TIMEOUT = 120.0  # seconds; a helper stuck that long is stopped and the folder read here

#: Seconds between two lists of rows handed to the screen while a folder is read: the
#: first list goes as soon as it has a row, then the rows gather for this long.
BATCH_INTERVAL = 0.2
#: Until this many rows are handed over (more than a screen shows), they go every
#: FIRST_INTERVAL seconds: the first screen fills as fast as the rows are read.
SCREENFUL = 100
FIRST_INTERVAL = 0.03
#: Seconds between two writes of rows by the helper (the first row goes at once).
SEND_INTERVAL = 0.03


class _HelperFailed(Exception):
    """The helper stopped before its last row, said something else than rows, or took
    too long: what it did not give is read here."""


class FolderReading:
    """The rows of a folder, being read while the app starts, given as they are read.

    On a first start, or after a `git pull`, reading the plans means loading the plan
    model (pydantic) and validating every file: as long as starting Textual itself for
    a few hundred plans, many times that for thousands. So a helper process does it on
    another core while this one starts the app, and hands each row over as soon as it
    is read (one JSON line each, then an end line): the screen shows the rows kept from
    the last start at once (`known`), and the others as they come (`batches`). The
    helper writes the cache as any read does. If it cannot start or fails, whatever it
    did not give is read here instead: the helper only ever saves time.

    With `helper=False` (reading the folder again while the app runs) the files are
    read in the calling thread, given the same way.
    """

    def __init__(
        self,
        folder: Path,
        today: dt.date,
        cache_dir: Path,
        language: str,
        *,
        helper: bool = True,
    ) -> None:
        self.folder = folder
        self.today = today
        self.cache_dir = cache_dir
        self.language = language
        if helper:
            remove_stale_temp_files(folder)  # left by saves that were killed half-way
        files = plan_files(folder)
        kept = unchanged_rows(folder, today, cache_dir, language, files) if files else {}
        #: How many plan files the folder has.
        self.total = len(files)
        #: Rows kept from the last start, for the files unchanged since: shown at once.
        self.known = [kept[path.name] for path in files if path.name in kept]
        #: The files to read, in the folder's order.
        self.missing = [path for path in files if path.name not in kept]
        #: The rows already, when the cache covers every file; None while reading.
        self.ready: list[PlanRow] | None = None if self.missing else self.known
        #: Rows read so far by the helper or here, by file name.
        self.received: dict[str, PlanRow] = {}
        self.read_here = False
        self.helper: _Helper | None = None
        if self.ready is None and helper:
            self.helper = _fork_helper(
                folder, today, cache_dir, language, (files, kept)
            ) or _spawn_helper(folder, today, cache_dir, language)
        self._finished: _Helper | None = None  # the helper once it is done with
        self._stream_done = self.ready is not None

    def batches(
        self, interval: float = BATCH_INTERVAL, timeout: float = HELPER_TIMEOUT
    ) -> Generator[list[PlanRow], None, None]:
        """The rows of the files not kept, as they are read, in lists: the first as
        soon as one row is read, more every FIRST_INTERVAL until a screenful is there,
        then one at most every `interval` seconds, a little longer for each thousand
        rows handed over (the screen sorts them all again). Blocks: call it from a
        worker thread. Closing it early stops the helper."""
        pending: list[PlanRow] = []
        handed = 0.0
        count = 0
        for row in self._rows(timeout, min(interval, FIRST_INTERVAL)):
            if row is not None:
                pending.append(row)
            now = time.monotonic()
            wait = interval * (1 + count // 1000) if count >= SCREENFUL else FIRST_INTERVAL
            # Until a screenful is shown, each time the helper has no more rows for now.
            if pending and (now - handed >= wait or (row is None and count < SCREENFUL)):
                count += len(pending)
                yield pending
                pending, handed = [], now
        if pending:
            yield pending

    def _rows(self, timeout: float, interval: float) -> Iterator[PlanRow | None]:
        """Each row as it is read; None when none came for `interval` seconds, or when
        the helper's rows written so far are given."""
        if self._stream_done:
            return
        if self.helper is not None and self.helper is not self._finished:
            deadline = time.monotonic() + timeout
            finished = False
            try:
                for row in _helper_rows(self.folder, self.helper.fd, deadline, interval):
                    if row is not None:
                        self.received[row.path.name] = row
                    yield row
                finished = True
            except _HelperFailed:
                pass
            finally:
                self._finished = self.helper
                self.helper.finish(stop=not finished)
        for path in self.missing:
            if path.name not in self.received:
                self.read_here = True
                row = self.received[path.name] = read_row(path, self.today)
                yield row
        self._stream_done = True

    def wait(self, timeout: float = HELPER_TIMEOUT) -> list[PlanRow]:
        """Every row of the folder once read, as a full read now would give them: a
        file changed, added or removed while the rows were coming is read again here.
        Blocks: call it from a worker thread."""
        if self.ready is not None:
            return self.ready
        for _rows in self.batches(timeout=timeout):
            pass
        seen = {row.path.name: row for row in self.known}
        seen.update(self.received)
        still = {
            name: row
            for name, row in seen.items()
            if row.stamp is not None and row.stamp == _stamp(row.path)
        }
        rows = read_rows(self.folder, self.today, still)
        if self.read_here or any(still.get(row.path.name) is not row for row in rows):
            store_rows(self.folder, rows, self.cache_dir, self.language)
        self.ready = rows
        return rows


def _helper_rows(
    folder: Path, fd: int, deadline: float, interval: float
) -> Iterator[PlanRow | None]:
    """The rows a helper writes on `fd`, up to its end line (see `_read_folder_json`),
    None after the rows of each read (those written so far), and None each time none
    came for `interval` seconds (at least 50 ms)."""
    buffer = b""
    while True:
        left = deadline - time.monotonic()
        ready, _w, _x = select.select([fd], [], [], max(0.0, min(left, max(interval, 0.05))))
        if not ready:
            if time.monotonic() >= deadline:
                raise _HelperFailed("too long")
            yield None
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            raise _HelperFailed("unreadable") from None
        if not chunk:
            raise _HelperFailed("ended before its last row")
        *lines, buffer = (buffer + chunk).split(b"\n")
        for line in lines:
            try:
                entry = json.loads(line)
                if entry.get("end") is True:
                    return
                row = _row_from_json(folder, entry)
            except (ValueError, KeyError, TypeError, AttributeError):
                raise _HelperFailed("not a row") from None
            yield row
        if lines:
            yield None  # every row written so far is given: the app may show them


class _Helper(Protocol):
    #: Where the helper writes its rows.
    fd: int

    def finish(self, stop: bool) -> None:
        """Wait for the helper to exit (stop it first if `stop`), and close `fd`."""


class _SpawnedHelper:
    """`python -m planwizard.home_index ...`: works everywhere Python does."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        assert process.stdout is not None
        self.fd = process.stdout.fileno()

    def finish(self, stop: bool) -> None:
        if stop:
            self.process.kill()
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.process.wait()


class _ForkedHelper:
    """A copy of this process made by fork(): no interpreter to start, no module the
    command line already loaded to import again, so it is done sooner."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid = pid
        self.fd = pipe

    def finish(self, stop: bool) -> None:
        if stop:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


def _fork_helper(
    folder: Path,
    today: dt.date,
    cache_dir: Path,
    language: str,
    listed: tuple[list[Path], dict[str, PlanRow]] | None = None,
) -> _ForkedHelper | None:
    # Only on Linux and only with no other thread yet (the command line, before Textual
    # starts): fork() is safe there. Elsewhere the helper is a fresh interpreter.
    if sys.platform != "linux" or threading.active_count() != 1:
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: read, write the rows, and leave without running any
        code = 1  # of the app's exit handlers or flushing its buffers
        try:
            os.close(read_end)
            with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
                pipe.write(_read_folder_json(folder, today, cache_dir, language, pipe, listed))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _ForkedHelper(pid, read_end)


def _spawn_helper(
    folder: Path, today: dt.date, cache_dir: Path, language: str
) -> _SpawnedHelper | None:
    import subprocess  # here: the fork above, the usual way on Linux, does without it

    # The helper must import this very planwizard, even when it runs from a source tree.
    package_root = str(Path(__file__).resolve().parent.parent)
    paths = [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
    command = [sys.executable, "-m", "planwizard.home_index"]
    command += [str(folder), today.isoformat(), language, str(cache_dir)]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,  # never the terminal: the app owns it
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONPATH=os.pathsep.join(paths)),
        )
    except OSError:
        return None
    return _SpawnedHelper(process)


def _read_folder_json(
    folder: Path,
    today: dt.date,
    cache_dir: Path,
    language: str,
    out: TextIO | None = None,
    listed: tuple[list[Path], dict[str, PlanRow]] | None = None,
) -> str:
    """What a helper does: read the files the cache does not cover, each row as one
    JSON line as soon as it is read (written to `out` at once when given), keep every
    row in the cache, then an end line. Gives what is left to write. `listed`: the
    folder's files and the rows kept for them, as the app found them a moment ago
    (a forked helper has them: it does not list the folder and read the cache again)."""
    from planwizard.i18n import set_language

    set_language(language)  # a file that does not load says why in the app's language
    if listed is None:
        files = plan_files(folder)
        kept = unchanged_rows(folder, today, cache_dir, language, files)
    else:
        files, kept = listed
    rows: list[PlanRow] = []
    left: list[str] = []
    sent = 0.0
    read = 0
    for path in files:
        row = kept.get(path.name)
        if row is None:
            row = read_row(path, today, quick=True)
            read += 1
            left.append(json.dumps(_row_to_json(row)) + "\n")
            # Sent at once for the first screenful (SCREENFUL rows), then every
            # SEND_INTERVAL: the app wakes for a few lines at a time, not for each.
            if out is not None and (read <= SCREENFUL or time.monotonic() - sent >= SEND_INTERVAL):
                out.write("".join(left))
                out.flush()
                left.clear()
                sent = time.monotonic()
        rows.append(row)
    store_rows(folder, rows, cache_dir, language)
    left.append(json.dumps({"end": True}) + "\n")
    return "".join(left)


def _helper_main(argv: list[str]) -> int:
    """`python -m planwizard.home_index FOLDER TODAY LANGUAGE CACHE_DIR`: the rows as JSON
    lines (see `_read_folder_json`)."""
    folder, today, language, cache_dir = argv
    sys.stdout.write(
        _read_folder_json(
            Path(folder), dt.date.fromisoformat(today), Path(cache_dir), language, sys.stdout
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(_helper_main(sys.argv[1:]))
