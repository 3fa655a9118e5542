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

import datetime as dt
import hashlib
import json
import os
import select
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

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

    def matches(self, words: list[str]) -> bool:
        haystack = f"{self.title} {self.path.name} {self.error or ''}".casefold()
        return all(word in haystack for word in words)

    def on(self, today: dt.date) -> PlanRow:
        """The same plan seen on another day: what is late, next and due then.

        The same rules as `planwizard.monitoring` (an action due today is not late yet;
        a review is due from its day on), over the dates kept in the row.
        """
        if self.error is not None:
            return self
        return self._replace(
            deadline=next((due for due in self.open_dues if due >= today), None),
            overdue=sum(1 for due in self.open_dues if due < today),
            review_due=self.review is not None and self.review <= today,
        )


def plan_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith("."))


def read_rows(
    folder: Path, today: dt.date, known: dict[str, PlanRow] | None = None
) -> list[PlanRow]:
    """Summarise every plan of the folder, reading the files not in `known` (slow).

    `known` holds rows already seen on `today` (see `unchanged_rows`), by file name.
    """
    from planwizard.storage import PlanError, load_plan

    rows: list[PlanRow] = []
    for path in plan_files(folder):
        if known and path.name in known:
            rows.append(known[path.name])
            continue
        try:
            plan = load_plan(path)
        except PlanError as exc:
            line = f":{exc.line}" if exc.line else ""
            rows.append(PlanRow(path, path.name, error=f"{path.name}{line}: {exc.message}"))
            continue
        rows.append(row_for_plan(path, plan, today))
    return rows


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


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


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
        "stamp": _stamp(row.path),
    }


def _row_from_json(folder: Path, data: dict[str, Any]) -> PlanRow:
    return PlanRow(
        path=folder / str(data["path"]),
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
    )


def unchanged_rows(
    folder: Path, today: dt.date, cache_dir: Path, language: str
) -> dict[str, PlanRow]:
    """Rows kept in the cache for files unchanged since, seen on `today`, by file name."""
    try:
        data = json.loads(_cache_file(folder, cache_dir).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("language") != language:
            return {}
        found: dict[str, PlanRow] = {}
        for entry in data["rows"]:
            path = folder / str(entry["path"])
            if entry.get("stamp") is not None and entry.get("stamp") == _stamp(path):
                found[path.name] = _row_from_json(folder, entry).on(today)
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no cache, or one this version cannot read: read the folder


def cached_rows(
    folder: Path, today: dt.date, cache_dir: Path, language: str
) -> list[PlanRow] | None:
    """The whole folder from the cache, or None if any file is new or changed."""
    known = unchanged_rows(folder, today, cache_dir, language)
    files = plan_files(folder)
    if not files or any(path.name not in known for path in files):
        return None
    return [known[path.name] for path in files]


def store_rows(folder: Path, rows: list[PlanRow], cache_dir: Path, language: str) -> None:
    """Keep the rows for the next start; a cache that cannot be written is no error."""
    _store_entries(folder, [_row_to_json(row) for row in rows], cache_dir, language)


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


class FolderReading:
    """The rows of a folder, being read while the app starts.

    On a first start, or after a `git pull`, reading the plans means loading the plan
    model (pydantic) and validating every file: about as long as starting Textual itself.
    So a helper process does it on another core while this one starts the app; on a
    laptop with two cores the home screen is ready nearly as fast as with a warm cache.
    The helper writes the cache as any read does. If it cannot start or fails, the
    folder is read here instead: the helper only ever saves time.
    """

    def __init__(self, folder: Path, today: dt.date, cache_dir: Path, language: str) -> None:
        self.folder = folder
        self.today = today
        self.cache_dir = cache_dir
        self.language = language
        remove_stale_temp_files(folder)  # left by saves that were killed half-way
        #: The rows already, when the cache covers every file; None while reading.
        self.ready = cached_rows(folder, today, cache_dir, language)
        self.helper: _Helper | None = None
        if self.ready is None and not plan_files(folder):
            self.ready = []  # a new or empty folder: nothing to read, nothing to load
        if self.ready is None:
            self.helper = _fork_helper(folder, today, cache_dir, language) or _spawn_helper(
                folder, today, cache_dir, language
            )

    def wait(self, timeout: float = HELPER_TIMEOUT) -> list[PlanRow]:
        """The rows, once read (blocks: call it from a worker thread)."""
        if self.ready is not None:
            return self.ready
        rows = None
        if self.helper is not None:
            rows = _rows_from_output(self.folder, self.helper.output(timeout))
        if rows is None:
            known = unchanged_rows(self.folder, self.today, self.cache_dir, self.language)
            rows = read_rows(self.folder, self.today, known)
            store_rows(self.folder, rows, self.cache_dir, self.language)
        self.ready = rows
        return rows


class _Helper(Protocol):
    def output(self, timeout: float) -> bytes | None:
        """What the helper printed, or None if it failed or took too long."""


class _SpawnedHelper:
    """`python -m planwizard.home_index ...`: works everywhere Python does."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def output(self, timeout: float) -> bytes | None:
        import subprocess

        try:
            out, _err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            return None
        return out if self.process.returncode == 0 else None


class _ForkedHelper:
    """A copy of this process made by fork(): no interpreter to start, no module the
    command line already loaded to import again, so it is done sooner."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid = pid
        self.pipe = pipe

    def output(self, timeout: float) -> bytes | None:
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        try:
            while True:
                ready, _w, _x = select.select([self.pipe], [], [], deadline - time.monotonic())
                if not ready:
                    os.kill(self.pid, signal.SIGKILL)
                    return None
                chunk = os.read(self.pipe, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
        except (OSError, ValueError):
            return None
        finally:
            os.close(self.pipe)
            _pid, status = os.waitpid(self.pid, 0)
        return b"".join(chunks) if os.waitstatus_to_exitcode(status) == 0 else None


def _fork_helper(
    folder: Path, today: dt.date, cache_dir: Path, language: str
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
            output = _read_folder_json(folder, today, cache_dir, language).encode("utf-8")
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(output)
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


def _rows_from_output(folder: Path, output: bytes | None) -> list[PlanRow] | None:
    if output is None:
        return None
    try:
        return [_row_from_json(folder, entry) for entry in json.loads(output)]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _read_folder_json(folder: Path, today: dt.date, cache_dir: Path, language: str) -> str:
    """What a helper does: read the folder, keep the rows in the cache, give them as JSON."""
    from planwizard.i18n import set_language

    set_language(language)  # a file that does not load says why in the app's language
    rows = read_rows(folder, today, unchanged_rows(folder, today, cache_dir, language))
    entries = [_row_to_json(row) for row in rows]
    _store_entries(folder, entries, cache_dir, language)
    return json.dumps(entries)


def _helper_main(argv: list[str]) -> int:
    """`python -m planwizard.home_index FOLDER TODAY LANGUAGE CACHE_DIR`: the rows as JSON."""
    folder, today, language, cache_dir = argv
    sys.stdout.write(
        _read_folder_json(Path(folder), dt.date.fromisoformat(today), Path(cache_dir), language)
    )
    return 0


if __name__ == "__main__":
    sys.exit(_helper_main(sys.argv[1:]))
