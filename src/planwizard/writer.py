"""A session's changes written in order on a thread of their own, so that the screen
answers a key before the disk does.

The session makes a change's data and text at once (they are its undo too) and hands
them here; the thread writes them one after the other, each under the folder's lock and
only over the very copy the previous write left (anything else there, someone else's
edit, stops the writing: the session then saves itself, merging as usual). A write that
a newer one follows is skipped: the newer holds it. Until the session has taken in a
write's result (`take`), it is "writing"; everything else a session does (undo, a
merge, leaving) first waits for the writes (Session.flush).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planwizard.model import Plan
from planwizard.storage import PlanError, folder_lock, save_plan
from planwizard.sync import DiskCopy, read_copy, stamp_of, written_copy

#: Proves that a plan's data and text load (see save_plan's `check`).
Check = Callable[[dict[str, Any], str], object]


@dataclass(frozen=True)
class Written:
    """What became of one write: "written" (the copy now on disk, and the data it holds),
    "skipped" (a newer write holds it) or "refused" (not written: the file changed, or
    the save failed, see `error`; the session saves again itself)."""

    kind: str
    disk: DiskCopy | None = None
    data: dict[str, Any] | None = None
    error: PlanError | None = None


class Writer:
    """One plan file's writes, in order, on one thread."""

    def __init__(self, path: Path, done: Callable[[], None] | None = None) -> None:
        self.path = path
        #: Told (from the writing thread) each time a write is over.
        self.done = done
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planwizard-save")
        self._jobs: deque[Future[Written]] = deque()
        # The copy on disk the next write goes over; set while no write is under way,
        # then moved on by the writing thread alone.
        self._expect: DiskCopy | None = None
        self._latest = 0
        self._stopped = False

    @property
    def pending(self) -> bool:
        return bool(self._jobs)

    def submit(
        self,
        plan: Plan,
        data: dict[str, Any],
        text: str,
        disk: DiskCopy,
        drop_comments: bool,
        check: Check | None = None,
    ) -> None:
        """Write `text` (the plan's, proven to read back as `data`) over `disk`; `check`
        proves that it loads (see save_plan)."""
        if not self._jobs:
            self._expect, self._stopped = disk, False
        self._latest += 1
        job = (self._latest, plan, data, text, drop_comments, check)
        future = self._pool.submit(self._write, *job)
        self._jobs.append(future)
        done = self.done
        if done is not None:
            future.add_done_callback(lambda _future: done())

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the writes under way; whether all are over."""
        if not self._jobs:
            return True
        _done, not_done = futures_wait(list(self._jobs), timeout=timeout)
        return not not_done

    def take(self, *, wait: bool) -> list[Written]:
        """The results of the writes over (of every write, waiting for them, with `wait`),
        oldest first."""
        results = []
        while self._jobs and (wait or self._jobs[0].done()):
            results.append(self._jobs.popleft().result())
        return results

    def _write(
        self,
        number: int,
        plan: Plan,
        data: dict[str, Any],
        text: str,
        drop_comments: bool,
        check: Check | None,
    ) -> Written:
        if self._stopped:
            return Written("refused")
        if number < self._latest:
            return Written("skipped")
        expect = self._expect
        try:
            with folder_lock(self.path.parent):
                now = read_copy(self.path)
                if expect is None or now.content != expect.content:
                    self._stopped = True  # someone else's edit: the session merges it
                    return Written("refused")
                save_plan(
                    plan,
                    self.path,
                    drop_comments=drop_comments,
                    unchanged=lambda: stamp_of(self.path) == now.stamp,
                    prepared=(data, text),
                    check=check,
                )
                written = written_copy(self.path, text)
        except PlanError as exc:
            self._stopped = True
            return Written("refused", error=exc)
        except Exception as exc:  # an error of the thread is a save not made, said so
            self._stopped = True
            return Written("refused", error=PlanError(self.path, str(exc)))
        self._expect = written
        return Written("written", disk=written, data=data)
