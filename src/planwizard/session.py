"""An editing session on one plan file: every change saved at once, and undoable.

The room types while people speak; a closed laptop or a killed terminal must lose at
most the field being typed. So each change goes straight to disk through the
foundation's atomic save, and an undo snapshot is kept before it. When a save fails
(full disk, read-only folder, hand-written comments that saving would remove), the
session keeps working in memory and says why; the next successful save writes all.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planwizard import clock
from planwizard.i18n import _
from planwizard.incremental import LoadCheck, rebuild
from planwizard.merge import plan_data
from planwizard.model import Plan
from planwizard.plan_edits import fresh_id as fresh_id
from planwizard.plan_edits import move_item as move_item
from planwizard.plan_edits import remove_action as remove_action
from planwizard.plan_edits import remove_indicator as remove_indicator
from planwizard.plan_edits import remove_stakeholder as remove_stakeholder
from planwizard.plan_edits import stakeholder_links as stakeholder_links

# Kept importable from here, where they were first (their own module keeps this one short).
from planwizard.plan_paths import get_field as get_field
from planwizard.plan_paths import new_plan_path as new_plan_path
from planwizard.plan_paths import set_field as set_field
from planwizard.plan_paths import slugify as slugify
from planwizard.plantext import ReadBackError, dumps_data, dumps_data_verified
from planwizard.storage import (
    PlanError,
    comment_lines,
    folder_lock,
    parse_plan_bytes,
    parse_plan_text,
    plan_to_data,
    save_plan,
    verified_text,
)
from planwizard.sync import (
    UNCHANGED,
    DiskCopy,
    Stamp,
    SyncOutcome,
    TheirCopy,
    changed_copy,
    generated_ids,
    merge_with_file,
    parse_copy,
    read_copy,
    stamp_of,
    take_back,
    written_copy,
)
from planwizard.writer import Writer

#: How many changes undo reaches back.
UNDO_LIMIT = 200
#: A change written later of a plan whose text is at most this long (up to about a
#: thousand actions: written in a few ms) waits for its write up to the session's
#: `quick_write` seconds (see Session.apply's `later`): one frame says "saved".
QUICK_WRITE_CHARS = 512 * 1024
#: How many times a save takes in a change that lands while it writes, before giving up
#: for now (the change stays in memory, and the next save tries again).
SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class _Change:
    """One undoable change, kept as the plan's canonical text before and after it
    (UTF-8, zlib-compressed): a fraction of the file per change, where two copies of the
    plan's objects weighed many times the file.

    `kept` is how many kept changes (see Session.apply_kept) both texts already hold.
    """

    before: bytes
    after: bytes
    kept: int


@dataclass(frozen=True)
class SaveOutcome:
    """What happened to a change: whether it changed anything and whether it reached disk."""

    changed: bool
    error: PlanError | None = None
    #: Handed to the writing thread, not on disk yet (see Session.apply's `later`).
    pending: bool = False

    @property
    def saved(self) -> bool:
        return self.changed and self.error is None

    @property
    def needs_comment_consent(self) -> bool:
        return self.error is not None and self.error.kind == "comments"


class Session:
    """One plan being edited: its file, its current state and the way back.

    The session also remembers the copy of the file it last read or wrote, and the plan
    that copy holds, so that a change made to the file by someone else (a `git pull`,
    another editor) is merged with this session's changes and never overwritten by an
    older copy (see planwizard.sync).
    """

    def __init__(self, path: Path, plan: Plan, disk: DiskCopy | None = None) -> None:
        self.path = Path(path)
        #: Goes up with every change to the plan, whoever made it (see `plan`): a screen
        #: shown again compares it with the one it last showed.
        self.revision = 0
        self._plan = plan
        # Each change as (before, after): undoing it after someone else's edit was
        # merged in takes back that change only.
        self._undo: list[_Change] = []
        # Kept changes (apply_kept) made since the oldest change in `_undo`, which undo
        # applies to that change's texts; `_kept_base` is how many were dropped before.
        self._kept_changes: list[Callable[[Plan], Any]] = []
        self._kept_base = 0
        # The plan's canonical text and its blob at a revision (the last change's
        # "after"): the next change's "before", made once for both.
        self._text_at: tuple[int, str, bytes] | None = None
        # The plan's data at a revision (beside `_text_at`), and the text of each of its
        # items for the check that it loads (see incremental.LoadCheck).
        self._data_at: tuple[int, dict[str, Any]] | None = None
        self._parts: tuple[str, dict[str, list[str]]] | None = None
        self._load_check = LoadCheck(self.path)
        # The plan's data before the last change, at the revision the change gave: Ctrl+Z
        # right after it makes that plan again from them, item models reused (see undo).
        self._last_before: tuple[int, dict[str, Any]] | None = None
        #: The last save's error, while changes are only in memory.
        self.error: PlanError | None = None
        #: Set once the user agreed to lose the file's hand-written comments.
        self.drop_comments = False
        #: Set when the user said no: keep the comments, keep changes in memory only.
        self.comments_declined = False
        #: The file as last read or written (None: never seen, nothing to compare with).
        self.disk = disk
        #: The last copy written by `keep_copy`, and the plan it holds.
        self._kept: tuple[Plan, Path] | None = None
        # The plan as that copy holds it (the common ancestor of a merge), and the ids
        # the session made up for items that have none in the file.
        self._base = plan_data(plan, drop_generated_ids=True)
        self._made_up_ids = generated_ids(plan)
        # A newer file that could not be taken in, so that it is reported once only.
        self._stuck: tuple[str, Stamp | None] | None = None
        #: What became of other people's changes, for the screen to tell (see take_news).
        self.news: list[SyncOutcome] = []
        #: Writes changes on a thread (see apply's `later`); made at the first such change.
        self._writer: Writer | None = None
        #: Seconds a change written later of a small plan waits for its write (0: not at
        #: all; the app sets it, see Session.apply's `later`).
        self.quick_write = 0.0
        #: Told, from the writing thread, when a write is over (the screen then calls
        #: `collect` on its own thread).
        self.when_written: Callable[[], None] | None = None

    @classmethod
    def open(cls, path: Path) -> Session:
        """Load a plan file; raises PlanError when it does not load."""
        path = Path(path)
        copy = read_copy(path)
        if copy.content is None:
            raise PlanError(path, _("no such file"))
        return cls(path, parse_plan_bytes(copy.content, path), copy)

    @classmethod
    def create(cls, path: Path, plan: Plan) -> Session:
        """Start a session on a new file, written at once so that it exists on disk."""
        session = cls(path, plan)
        session.save()
        return session

    # ----------------------------------------------------------------- changing

    @property
    def plan(self) -> Plan:
        return self._plan

    @plan.setter
    def plan(self, plan: Plan) -> None:
        self._plan = plan
        self.revision += 1

    @property
    def unsaved(self) -> bool:
        return self.error is not None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def keep_copy(self, folder: Path) -> Path:
        """Write the plan as it is in memory to a new file in `folder`, and return it.

        For a plan that cannot be saved in its own file (a folder no longer writable,
        a full disk, comments the user chose to keep): leaving it must not lose what
        the group typed. Raises PlanError when even that copy cannot be written.
        """
        self.flush()
        if self._kept is not None and self._kept[0] == self.plan and self._kept[1].exists():
            return self._kept[1]  # asked again with nothing new: no second copy
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = _("cannot create the folder: {reason}").format(reason=reason)
            raise PlanError(folder, message) from None
        stem = f"{self.path.stem}-{clock.today().isoformat()}"
        target = folder / f"{stem}.toml"
        number = 1
        while os.path.lexists(target):  # a new name: nothing there is ever replaced
            number += 1
            target = folder / f"{stem}-{number}.toml"
        save_plan(self.plan, target)
        self._kept = (self.plan.model_copy(deep=True), target)
        return target

    def apply(self, change: Callable[[Plan], Any], *, later: bool = False) -> SaveOutcome:
        """Run `change` on the plan, then save; a change that changes nothing is not kept.

        If `change` raises (a value the model refuses), the plan is left as it was and the
        exception goes on to the caller.

        With `later`, the file is written on the writing thread (see planwizard.writer)
        when it can be: the outcome says `pending`, and `writing` holds until `collect`
        has taken the write in.
        """
        self.collect()
        known = self._text_at if self._text_at and self._text_at[0] == self.revision else None
        data_at = self._data_at if self._data_at and self._data_at[0] == self.revision else None
        # The plan before the change as data and text (no copy of its objects: a change
        # that raises, or Ctrl+Z, makes it again from them, see _restored).
        if known is not None and data_at is not None:
            before_data, before_text = data_at[1], known[1]
        else:
            before_data, before_text = _data_and_text(self.plan)
        try:
            change(self.plan)
        except Exception:
            self.plan = self._restored(before_data, before_text, None)[0]
            raise
        # The plan's data and text, made once: for the undo, the check that it changed,
        # the save and the copy merges start from (see _write).
        parts: dict[str, list[str]] = {}
        try:
            prepared: tuple[dict[str, Any], str] | None = verified_text(self.plan, parts)
        except ReadBackError:
            prepared = None  # the save says why it cannot write this plan
        after_text = prepared[1] if prepared else canonical_text(self.plan)
        if after_text == before_text:
            return SaveOutcome(changed=False, error=self.error)
        self.revision += 1
        self._remember_texts(
            known[2] if known else _pack(before_text), after_text, self._kept_count()
        )
        self._last_before = (self.revision, before_data)
        if prepared is not None:
            self._data_at, self._parts = (self.revision, prepared[0]), (prepared[1], parts)
        if later and prepared is not None and self._writes_later():
            assert self.disk is not None
            writer = self._writer_for()
            check = self._check_for(prepared[1])
            writer.submit(self.plan, prepared[0], prepared[1], self.disk, self.drop_comments, check)
            quick = self.quick_write
            if quick and len(prepared[1]) <= QUICK_WRITE_CHARS and writer.wait(quick):
                # A small plan is on disk within a frame or two: taken in at once, so
                # that the screen's one answer already says "saved", rather than drawing
                # "saving…" and then "saved" (a slow disk still answers at the timeout).
                taken = self.collect()
                if taken is not None:
                    return taken
            return SaveOutcome(changed=True, pending=True)
        ready = (self.revision, *prepared) if prepared else None
        return SaveOutcome(changed=True, error=self.save(prepared=ready))

    # ------------------------------------------------------ writing on a thread

    @property
    def writing(self) -> bool:
        """Changes handed to the writing thread and not yet taken in as written."""
        return self._writer is not None and self._writer.pending

    def _writes_later(self) -> bool:
        # Only the plain case goes to the thread: the last save went well, the file is
        # the copy this session knows. Anything else saves here, as it always did.
        disk = self.disk
        return (
            self.error is None
            and not self.comments_declined
            and disk is not None
            and disk.stamp is not None
            and disk.content is not None
        )

    def _check_for(self, text: str | None) -> Callable[[dict[str, Any], str], None]:
        """The check that a plan loads, for `text` (see incremental.LoadCheck): item by
        item when its parts are known, else whole (and its items known from then on)."""
        parts = (
            self._parts[1] if self._parts and text is not None and self._parts[0] is text else None
        )
        return lambda data, text: self._load_check.check(data, text, parts)

    def _writer_for(self) -> Writer:
        if self._writer is None:
            self._writer = Writer(self.path, self._written)
        return self._writer

    def _written(self) -> None:
        told = self.when_written
        if told is not None:
            told()

    def collect(self, *, wait: bool = False) -> SaveOutcome | None:
        """Take in the writes that are over (with `wait`, all of them, once written);
        None when there were none. A write refused (someone else's edit, a failed save)
        is made again here by `save`, which merges as usual; its outcome is returned."""
        if self._writer is None:
            return None
        results = self._writer.take(wait=wait)
        if not results:
            return None
        refused = False
        for result in results:
            if result.kind == "written" and result.disk is not None:
                self.disk = result.disk
                self._base = result.data if result.data is not None else self._base
                self._made_up_ids = set()
            elif result.kind == "refused":
                refused = True
        if refused and not self._writer.pending:
            return SaveOutcome(changed=True, error=self._save_now())
        return SaveOutcome(changed=True, error=self.error)

    def flush(self) -> SaveOutcome | None:
        """Wait for the writes under way, and take them in (see collect)."""
        return self.collect(wait=True)

    def _run(self, change: Callable[[Plan], Any]) -> Plan | None:
        """Run `change` on the plan; the plan as it was before, or None if it is the same.

        A change that raises leaves the plan as it was and the exception goes on.
        """
        before = self.plan.model_copy(deep=True)
        try:
            change(self.plan)
        except Exception:
            self.plan = before
            raise
        if self.plan == before:
            return None
        self.revision += 1
        return before

    def replace(self, plan: Plan) -> SaveOutcome:
        """Put a whole new plan in place (a conflict resolved) as one undoable change."""
        self.flush()
        if plan == self.plan:
            return SaveOutcome(changed=False, error=self.error)
        self._remember(self.plan, plan)
        self.plan = plan
        return SaveOutcome(changed=True, error=self.save())

    def _remember(self, before: Plan, after: Plan) -> None:
        before_text = canonical_text(before)
        known = self._text_at
        if known is not None and known[1] == before_text:
            before_blob = known[2]
        else:
            before_blob = _pack(before_text)
        # The revision `after` will have once it is the plan (see replace).
        self._remember_texts(before_blob, canonical_text(after), self._kept_count(), 1)

    def _kept_count(self) -> int:
        return self._kept_base + len(self._kept_changes)

    def _remember_texts(self, before: bytes, after_text: str, kept: int, ahead: int = 0) -> None:
        """Keep one change for undo: the plan's text before (packed) and after it."""
        after_blob = _pack(after_text)
        self._text_at = (self.revision + ahead, after_text, after_blob)
        self._undo.append(_Change(before, after_blob, kept))
        del self._undo[:-UNDO_LIMIT]
        self._trim_kept()

    def _trim_kept(self) -> None:
        """Forget the kept changes that every remembered change already holds."""
        oldest = self._undo[0].kept if self._undo else self._kept_base + len(self._kept_changes)
        del self._kept_changes[: oldest - self._kept_base]
        self._kept_base = oldest

    def apply_kept(self, change: Callable[[Plan], Any]) -> SaveOutcome:
        """Run and save a change that undo never takes back (the time a step took).

        Applied to every undo snapshot as well: undoing a typing mistake must not
        quietly remove the minutes the timer recorded, and Ctrl+Z must not spend itself
        on a change nobody typed.
        """
        self.flush()
        if self._run(change) is None:
            return SaveOutcome(changed=False, error=self.error)
        if self._undo:
            # Applied to the remembered texts when a change is undone (see undo).
            self._kept_changes.append(change)
        return SaveOutcome(changed=True, error=self.save())

    def undo(self) -> SaveOutcome:
        """Go back one change, on disk too."""
        self.flush()
        if not self._undo:
            return SaveOutcome(changed=False, error=self.error)
        entry = self._undo.pop()
        pending = self._kept_changes[entry.kept - self._kept_base :]
        last, self._last_before = self._last_before, None
        as_before = not pending  # the plan's text becomes the change's "before" text
        made: tuple[dict[str, Any], str, dict[str, list[str]]] | None = None
        try:
            known = self._text_at
            if not pending and last is not None and last[0] == self.revision:
                # The last change, and nothing since: the plan as it was before it.
                now = (
                    self._data_at[1]
                    if self._data_at and self._data_at[0] == self.revision
                    else None
                )
                plan, made = self._restored(last[1], _unpack(entry.before), now)
            elif not pending and _unpack(entry.after) == (
                known[1] if known and known[0] == self.revision else canonical_text(self.plan)
            ):
                # Nothing happened since the change: its "before", as it was.
                plan = parse_plan_text(_unpack(entry.before), self.path)
            else:
                before = parse_plan_text(_unpack(entry.before), self.path)
                after = parse_plan_text(_unpack(entry.after), self.path)
                for change in pending:
                    change(before)
                    change(after)
                plan = take_back(before, after, self.plan)
                as_before = False
        except PlanError:
            self._trim_kept()
            return SaveOutcome(changed=False, error=self.error)
        self.plan = plan
        self._text_at = None
        self._trim_kept()
        parts: dict[str, list[str]] = {}
        try:
            data, text = made[:2] if made else verified_text(plan, parts)
            ready: tuple[int, dict[str, Any], str] | None = (self.revision, data, text)
        except ReadBackError:
            ready = None
        if ready is not None:
            same = as_before and _unpack(entry.before) == ready[2]
            blob = entry.before if same else _pack(ready[2])
            self._text_at = (self.revision, ready[2], blob)
            self._data_at = (self.revision, ready[1])
            self._parts = (ready[2], made[2] if made else parts)
        return SaveOutcome(changed=True, error=self.save(prepared=ready))

    def _restored(
        self, data: dict[str, Any], text: str, current: dict[str, Any] | None
    ) -> tuple[Plan, tuple[dict[str, Any], str, dict[str, list[str]]] | None]:
        """The plan whose data and text were `data` and `text` (before a change that
        raised, or undone), made from them with the plan's own item models where its
        data (`current`) did not change, and proven by its text; with its data, text and
        parts."""
        try:
            current = plan_to_data(self.plan) if current is None else current
        except Exception:  # a change that raised half-way: nothing reused
            current = {}
        for reused in (self.plan, None):
            plan = rebuild(reused, current, data)
            parts: dict[str, list[str]] = {}
            try:
                made = verified_text(plan, parts) if plan is not None else None
            except ReadBackError:
                made = None
            if plan is not None and made is not None and made[1] == text:
                return plan, (*made, parts)
        try:
            return parse_plan_text(text, self.path), None
        except PlanError:  # a plan that does not load (it was kept in memory only)
            try:
                return Plan.model_validate(data), None
            except ValueError:
                return self.plan, None

    def save(self, prepared: tuple[int, dict[str, Any], str] | None = None) -> PlanError | None:
        """Write the plan now (after the writes under way); return the error (also kept
        in `error`) if it was not saved.

        `prepared`: the plan's data and verified text at a revision (see apply), used
        while the plan is still at that revision.

        If someone else changed the file since this session last read or wrote it, the
        two are merged first (see :meth:`sync`): a newer file is never overwritten.
        """
        self.flush()
        return self._save_now(prepared)

    def _save_now(
        self, prepared: tuple[int, dict[str, Any], str] | None = None
    ) -> PlanError | None:
        if self.comments_declined:
            return self.error
        # Compare and write under the folder's lock: another planwizard on the same
        # plan (a second window, a partner on a shared drive) waits for this save and
        # then finds the file changed, so that it merges instead of overwriting it.
        try:
            with folder_lock(self.path.parent):
                return self._save_locked(prepared)
        except PlanError as exc:
            if exc.kind != "busy":
                raise
            self.error = exc
            return exc

    def _save_locked(self, prepared: tuple[int, dict[str, Any], str] | None) -> PlanError | None:
        for _attempt in range(SAVE_ATTEMPTS):
            if self.sync(merging=True).kind in ("unchanged", "missing"):
                self._write(prepared)  # a file deleted meanwhile is written again
            if self.error is None or self.error.kind != "changed":
                break
            # A writer that takes no lock (git, an editor) replaced the file in the
            # instant between the comparison and the write: take its change in too.
        return self.error

    def _write(self, prepared: tuple[int, dict[str, Any], str] | None = None) -> PlanError | None:
        if self.comments_declined:
            return self.error
        seen = self.disk
        # Made for this very plan (a merge since then made another plan).
        ready = prepared[1:] if prepared is not None and prepared[0] == self.revision else None

        def unchanged() -> bool:
            # Right before the new file replaces the old: still the copy compared?
            return seen is None or stamp_of(self.path) == seen.stamp

        try:
            text = save_plan(
                self.plan,
                self.path,
                drop_comments=self.drop_comments,
                unchanged=unchanged,
                prepared=ready,
                check=self._check_for(ready[1] if ready else None),
            )
        except PlanError as exc:
            self.error = exc
            return exc
        self.error = None
        self.disk = written_copy(self.path, text)
        self._base = ready[0] if ready is not None else plan_to_data(self.plan)
        self._made_up_ids = set()
        return None

    def consent_to_drop_comments(self, agreed: bool) -> PlanError | None:
        """The user's answer to "save without the hand-written comments?"."""
        self.flush()
        if agreed:
            self.drop_comments = True
            self.comments_declined = False
            return self.save()
        self.comments_declined = True
        return self.error

    # ------------------------------------------------------- other people's changes

    def disk_changed(self) -> bool:
        """Whether the file's stamp moved since it was last read or written (one `stat`).

        A newer file already found unreadable does not count again until it changes.
        """
        self.flush()
        if self.disk is None:
            return False
        stamp = stamp_of(self.path)
        return stamp != self.disk.stamp and ("stuck", stamp) != self._stuck

    def sync(self, *, merging: bool = False) -> SyncOutcome:
        """Take in a change someone else made to the file, if there is one.

        Without unsaved changes here, the plan becomes the file's (reloaded, nothing
        written). With some (or when `merging`, as a save does), both are merged from
        the copy last read or written, and the result is saved, conflicts included.
        The outcome is also kept in `news`.
        """
        self.flush()
        try:
            fresh = changed_copy(self.path, self.disk, always_read=merging)
        except PlanError as exc:
            return self._stuck_on(stamp_of(self.path), "unreadable", exc, merging)
        if fresh is None:
            if self.disk is not None and self.disk.stamp != (stamp := stamp_of(self.path)):
                # The same bytes under a new stamp (touched): nothing to take in.
                self.disk = DiskCopy(stamp, self.disk.content)
            return UNCHANGED
        if fresh.content is None:
            self.disk = fresh
            return self._tell(SyncOutcome("missing"))
        try:
            theirs = parse_copy(self.path, fresh)
        except PlanError as exc:
            return self._stuck_on(fresh.stamp, "unreadable", exc, merging)
        if not (self.unsaved or merging):
            before = self.plan.conflicts
            self.plan = theirs.plan
            self._took(theirs)
            added = tuple(c for c in theirs.plan.conflicts if c not in before)
            return self._tell(SyncOutcome("reloaded", added))
        try:
            result = merge_with_file(self._base, self.plan, self._made_up_ids, theirs, self.path)
        except PlanError as exc:
            return self._stuck_on(fresh.stamp, "failed", exc, merging)
        self.plan = result.plan
        self._took(theirs)
        self._made_up_ids = generated_ids(result.plan)
        error = self._write()
        return self._tell(
            SyncOutcome("merged", tuple(result.new_conflicts), error=error, saved=error is None)
        )

    def _took(self, theirs: TheirCopy) -> None:
        """The file's new copy is now the one both sides start from."""
        self._stuck = None
        self.disk = theirs.copy
        self._base = theirs.data
        self._made_up_ids = generated_ids(theirs.plan)
        if comment_lines(theirs.copy.text):
            self.drop_comments = False  # the consent given was for the old copy's comments

    def _stuck_on(
        self, stamp: Stamp | None, kind: str, error: PlanError, merging: bool
    ) -> SyncOutcome:
        """A newer file that cannot be taken in (does not load, cannot be merged).

        It is never overwritten: changes stay in memory until it can be; and it is
        reported once, not at every look.
        """
        marker = ("stuck", stamp)
        first = marker != self._stuck
        self._stuck = marker
        if merging:
            self.error = PlanError(
                self.path,
                _(
                    "not saved: someone else changed the file and it cannot be taken in "
                    "now ({reason}); your changes are kept here until it can"
                ).format(reason=error.message),
                kind="stuck",
            )
        outcome = SyncOutcome(kind, error=error)
        if first:
            return self._tell(outcome)
        return outcome if merging else UNCHANGED

    def _tell(self, outcome: SyncOutcome) -> SyncOutcome:
        self.news.append(outcome)
        return outcome

    def take_news(self) -> list[SyncOutcome]:
        """What happened with other people's changes since last asked, oldest first."""
        news, self.news = self.news, []
        return news


def canonical_text(plan: Plan) -> str:
    """The plan's canonical text, as saving writes it (tables already proven to read
    back are not read back again)."""
    return _data_and_text(plan)[1]


def _data_and_text(plan: Plan) -> tuple[dict[str, Any], str]:
    data = plan_to_data(plan)
    try:
        return data, dumps_data_verified(data)
    except ReadBackError:
        return data, dumps_data(data)


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def _unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")
