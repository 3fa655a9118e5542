"""Reading and writing plan files.

Reading turns every kind of bad input into a :class:`PlanError` that names the file and,
where there is one, the line; nothing else escapes. Writing is atomic and canonical: a
temp file in the same folder, fsynced, re-read, then moved over the plan, so that a
crash or a full disk leaves the old plan or the new one, whole, and saving an unchanged
plan gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planwizard import plantext
from planwizard.i18n import _
from planwizard.ids import fill_ids
from planwizard.locations import plan_names
from planwizard.model import SCHEMA_VERSION, Plan
from planwizard.plan_problems import Finding as Finding
from planwizard.plan_problems import LineFinder as LineFinder
from planwizard.plan_problems import PlanError as PlanError
from planwizard.plan_problems import consistency_findings as consistency_findings
from planwizard.plan_problems import describe_validation_error, field_location, where_in_plan

# The limits on values (nesting depth, 64-bit integers, finite numbers) are said once,
# in planshape, which git's merge driver checks without the plan model.
from planwizard.planshape import INT_RANGE as INT_RANGE
from planwizard.planshape import MAX_DEPTH as MAX_DEPTH
from planwizard.planshape import value_issue
from planwizard.plantext import ReadBackError, dumps_data_verified

# Re-exported: the text side of plan files lives in planwizard.plantext, which git's
# merge driver loads without the plan model.
from planwizard.plantext import comment_lines as comment_lines
from planwizard.plantext import conflict_marker_line as conflict_marker_line
from planwizard.plantext import dumps_data as dumps_data
from planwizard.tempfiles import TEMP_PREFIX, TEMP_SUFFIX, remove_stale_temp_files
from planwizard.tomlscan import scan

PLAN_SUFFIX = ".toml"


# --------------------------------------------------------------------------- reading


#: The largest plan file read, far beyond any real plan (a plan of years of reviews
#: is a few hundred kilobytes): a bigger file is refused, never read into memory. Said
#: once, in plantext, which git's merge driver reads files with.
MAX_FILE_BYTES = plantext.MAX_FILE_BYTES


#: Open for reading without waiting (a pipe), without becoming a terminal's controlling
#: process (a tty), and without leaking into child processes; flags a system lacks are 0.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_READ_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_plan_file(path: Path | str) -> tuple[bytes, os.stat_result]:
    """The bytes of a plan file, and the status of the very file read.

    Only an ordinary file is read: a pipe (FIFO), a device (a link to /dev/zero), a
    socket or a folder named like a plan is refused with a message, never waited on,
    and so is a file larger than MAX_FILE_BYTES. Raises FileNotFoundError for a missing
    file (callers differ on what that means) and PlanError for everything else.
    """
    path = Path(path)
    try:
        # Non-blocking: opening a pipe must not wait for a writer that never comes.
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise PlanError(path, _("this is a folder, not a plan file")) from None
    except OSError as exc:
        raise PlanError(path, _cannot_read(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PlanError(path, _("this is a folder, not a plan file"))
        if not stat.S_ISREG(info.st_mode):
            raise PlanError(
                path,
                _(
                    "this is not an ordinary file (a pipe, a device or a socket): "
                    "planwizard reads only ordinary files"
                ),
            )
        chunks: list[bytes] = []
        size = 0
        if info.st_size <= MAX_FILE_BYTES:
            while size <= MAX_FILE_BYTES:
                chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        if info.st_size > MAX_FILE_BYTES or size > MAX_FILE_BYTES:
            raise PlanError(
                path,
                _("the file is larger than {limit} MB, far too big for a plan").format(
                    limit=MAX_FILE_BYTES // (1024 * 1024)
                ),
            )
    except OSError as exc:
        raise PlanError(path, _cannot_read(exc)) from None
    finally:
        os.close(fd)
    return b"".join(chunks), info


def _cannot_read(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return _("cannot read the file: {reason}").format(reason=reason)


def load_plan(path: Path | str) -> Plan:
    """Read and validate a plan file; raise :class:`PlanError` on any bad input."""
    path = Path(path)
    try:
        raw, _info = read_plan_file(path)
    except FileNotFoundError:
        raise PlanError(path, _("no such file")) from None
    return parse_plan_bytes(raw, path)


def load_plan_and_text(path: Path | str) -> tuple[Plan, str]:
    """`load_plan`, and the file's text as it was read (what `read_existing_text` gives),
    from one read of the file."""
    path = Path(path)
    try:
        raw, _info = read_plan_file(path)
    except FileNotFoundError:
        raise PlanError(path, _("no such file")) from None
    text = _plan_text(raw, path)
    return parse_plan_text(text.removeprefix("\ufeff"), path), text


def parse_plan_bytes(raw: bytes, path: Path | str = "<plan>") -> Plan:
    return parse_plan_text(_plan_text(raw, path).removeprefix("\ufeff"), path)


def _plan_text(raw: bytes, path: Path | str) -> str:
    """The text of a plan file's bytes, or PlanError."""
    if b"\x00" in raw:
        raise PlanError(path, _("this is a binary file, not a TOML plan"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlanError(
            path, _("the file is not UTF-8 text (save it as UTF-8 and try again)"), line
        ) from None
    return text


_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def parse_plan_text(text: str, path: Path | str = "<plan>") -> Plan:
    if not text.strip():
        raise PlanError(path, _("the file is empty"))
    marker = conflict_marker_line(text)
    if marker is not None:
        raise PlanError(
            path,
            _(
                "unresolved git merge conflict (conflict markers from line {line}); "
                "resolve it, or run `planwizard git-setup` so that git merges plans by meaning"
            ).format(line=marker),
            marker,
            kind="git-conflict",
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in str(exc):
            # Most often a string opened long before and never closed: point at it.
            line = scan(text).unclosed_string or (
                text.count("\n") + (0 if text.endswith("\n") else 1)
            )
        reason = _TOML_POSITION.sub("", str(exc)).replace("(at end of document)", "")
        reason = reason.strip()
        raise PlanError(path, _("invalid TOML: {reason}").format(reason=reason), line) from None
    except RecursionError:
        raise PlanError(
            path, _too_deep_message(), scan(text, depth_limit=MAX_DEPTH).too_deep
        ) from None
    except ValueError:
        # Python refuses to read a decimal integer of more than 4,300 digits.
        raise PlanError(path, _out_of_range_message(), scan(text).long_number) from None
    return plan_from_data(data, text, path)


def _too_deep_message() -> str:
    return _(
        "values nested more than {limit} deep (tables in tables, lists in lists): "
        "no plan needs that many, and planwizard could not write it back"
    ).format(limit=MAX_DEPTH)


def _out_of_range_message() -> str:
    return _(
        "a whole number out of range: TOML numbers without a decimal point go from "
        "-9223372036854775808 to 9223372036854775807"
    )


def value_problem(data: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """The first value that cannot be kept exactly through a save, and where it is.

    Nesting deeper than MAX_DEPTH, an integer outside TOML's 64 bits, a float that is
    not a finite number (nan, inf: not equal to itself, it would never read back the
    same). A plan is refused for these when it is read, so that whatever loads saves.
    """
    issue = value_issue(data)
    if issue is None:
        return None
    kind, where = issue
    if kind == "deep":
        return _too_deep_message(), where
    if kind == "range":
        return f"{where_in_plan(where, data)}: {_out_of_range_message()}", where
    node: Any = data
    for key in where:
        node = node[key]
    message = _(
        "{value} is not a finite number: it could not be saved and read back the same"
    ).format(value=node)
    return f"{where_in_plan(where, data)}: {message}", where


def plan_from_data(
    data: dict[str, Any], text: str, path: Path | str, *, strict: bool = True
) -> Plan:
    """Validate parsed TOML as a plan; `text` is only used to find lines for messages.

    Strict by default: a value of the wrong type is refused, never turned into another
    value (`due = 0` into 1970-01-01, `value = true` into 1, `"no"` into false). A value
    a person has just typed in the app (`strict=False`) may be read from its text.
    """
    problem = value_problem(data)
    if problem is not None:
        message, where = problem
        raise PlanError(path, message, LineFinder(text).line(where))
    version = data.get("schema_version")
    if version is None:
        raise PlanError(path, _("`schema_version` is missing (this plan format is version 1)"))
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        # Refused before anything else: a newer file is never half-read and rewritten.
        raise PlanError(
            path,
            _(
                "this plan uses format version {version}, newer than version {supported} "
                "that this planwizard supports; update planwizard to open it"
            ).format(version=version, supported=SCHEMA_VERSION),
            LineFinder(text).line(("schema_version",)),
            kind="newer-version",
        )
    # Items written without an id get one derived from their content, the same on
    # every machine (planwizard.ids): random ones would double them at the next merge.
    data = fill_ids(data)
    try:
        plan = Plan.model_validate(data, strict=strict)
    except ValidationError as exc:
        finder = LineFinder(text)
        findings: list[Finding] = []
        for err in exc.errors():
            loc = field_location(err)
            finding = Finding(describe_validation_error(err, loc, data), finder.line(loc))
            if finding not in findings:  # a number field reports int and float alike
                findings.append(finding)
        raise PlanError(path, findings[0].message, findings[0].line, findings) from None
    problems = consistency_findings(plan, text)
    if problems:
        raise PlanError(path, problems[0].message, problems[0].line, problems)
    return plan


# ------------------------------------------------------------------ comments


# --------------------------------------------------------------------------- writing


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as the dict that is written: canonical order, empty values left out."""
    return _table_to_data(plan)


#: Values a plan's data holds as the model does (`_value_to_data` gives them back).
_PLAIN = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, dt.time})

#: Each table model's fields: (attribute, key written, required), in the model's order.
_FIELDS: dict[type[BaseModel], list[tuple[str, str, bool]]] = {}


def _fields_of(kind: type[BaseModel]) -> list[tuple[str, str, bool]]:
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = [
            (name, spec.alias or name, spec.is_required())
            for name, spec in kind.model_fields.items()
        ]
    return found


def _table_to_data(table: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    values = table.__dict__
    for name, key, required in _fields_of(type(table)):
        value = values[name]
        kind = type(value)
        if kind is str:  # most values: text, written unless empty
            if value or required:
                out[key] = value
            continue
        if kind not in _PLAIN:  # dates, numbers: as they are
            value = _value_to_data(value)
        if (value is None or value == "" or value == [] or value == {}) and not required:
            continue
        out[key] = value
    # Fields this version does not know go back as they came, after the known ones.
    if table.__pydantic_extra__:
        for name, value in table.__pydantic_extra__.items():
            if name not in out:
                out[name] = value if type(value) in _PLAIN else _value_to_data(value)
    return out


def _value_to_data(value: Any) -> Any:
    """A value as data: tables and lists made anew (never the model's own: data kept
    from before a change, for undo or a merge, stay as they were)."""
    if isinstance(value, BaseModel):
        return _table_to_data(value)
    if isinstance(value, list):
        if all(type(v) is str for v in value):  # most lists: names, outcomes
            return list(value)
        return [_value_to_data(v) for v in value]
    if isinstance(value, dict):
        return {key: _value_to_data(item) for key, item in value.items()}
    return value


def dumps_plan(plan: Plan) -> str:
    """The canonical TOML text of a plan; the same plan always gives the same text."""
    return dumps_data(plan_to_data(plan))


def save_plan(
    plan: Plan,
    path: Path | str,
    *,
    drop_comments: bool = False,
    unchanged: Callable[[], bool] | None = None,
    prepared: tuple[dict[str, Any], str] | None = None,
    check: Callable[[dict[str, Any], str], object] | None = None,
) -> str:
    """Write `plan` to `path` atomically and canonically; return the text written.

    `prepared`: the plan's data (plan_to_data) and its text already proven to read back
    as that data (dumps_data_verified), when the caller has them (a session computes
    them once per change, for its undo as well), so that they are not made twice.
    `check(data, text)`: proves the plan would load as `plan_from_data` does, raising
    its PlanError (a session checks only the items that changed, see incremental.py).

    Refuses (PlanError, kind "comments") to overwrite a file holding hand-written TOML
    comments unless `drop_comments` is set, so that a comment is never lost silently:
    the caller asks the user first.

    `unchanged`, when given, is asked right before the new file replaces the old one:
    if it says the file changed since the caller last read it, nothing is written
    (PlanError, kind "changed") and the caller takes the other writer's change in first.
    """
    path = Path(path)
    # Never write a file that would not load again, or would load as something else:
    # the text is proven to read back as `data` (table by table, each table read back
    # once only, see dumps_data_verified), and `data` is validated as a plan.
    try:
        data, text = prepared if prepared is not None else verified_text(plan)
    except ReadBackError as exc:
        if str(exc):
            message = _("not saved, internal TOML error: {reason}").format(reason=exc)
        else:
            message = _("not saved, the plan would not load again: {reason}").format(
                reason=_("the written text does not read back the same")
            )
        raise PlanError(path, message) from None
    try:
        if check is None:
            plan_from_data(data, text, path)
        else:
            check(data, text)
    except PlanError as exc:
        raise PlanError(
            path, _("not saved, the plan would not load again: {reason}").format(reason=exc.message)
        ) from None
    if not drop_comments:
        existing = read_existing_text(path)
        if existing is not None and existing != text:
            commented = comment_lines(existing)
            if commented:
                raise PlanError(
                    path,
                    _(
                        "not saved: the file has hand-written comments (lines {lines}) that "
                        "saving would remove; confirm to save without them"
                    ).format(lines=", ".join(map(str, commented[:10]))),
                    commented[0],
                    kind="comments",
                )
    write_atomically(path, text, unchanged)
    return text


def verified_text(
    plan: Plan, parts: dict[str, list[str]] | None = None
) -> tuple[dict[str, Any], str]:
    """The plan's data and canonical text, proven to read back as that data (see
    dumps_data_verified, and its `parts`); raises ReadBackError."""
    data = plan_to_data(plan)
    return data, dumps_data_verified(data, parts)


def read_existing_text(path: Path) -> str | None:
    """The file's text, or None when there is none to read (see read_plan_file)."""
    try:
        return read_plan_file(path)[0].decode("utf-8")
    except (OSError, PlanError, UnicodeDecodeError):
        return None


def write_atomically(path: Path, text: str, unchanged: Callable[[], bool] | None = None) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new, whole.

    With `unchanged` (see save_plan), a file changed meanwhile is left as it is.
    """
    try:
        replace_file(path, text.encode("utf-8"), unchanged)
    except _ChangedMeanwhile:
        raise PlanError(
            path,
            _(
                "not saved: someone else was changing the file at the same moment; your "
                "changes are kept here and saved next time"
            ),
            kind="changed",
        ) from None
    except _NoTempFile as exc:
        raise PlanError(
            path,
            _("not saved: cannot write in this folder ({reason})").format(reason=exc.reason),
        ) from None
    except OSError as exc:
        raise PlanError(
            path,
            _("not saved ({reason}); the previous version of the file is intact").format(
                reason=exc.strerror or exc
            ),
        ) from None


class _ChangedMeanwhile(Exception):
    """The file changed between the caller's last look and the replace: not replaced."""


class _NoTempFile(OSError):
    """The temp file beside the target could not be created: the folder is not writable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def replace_file(path: Path, data: bytes, unchanged: Callable[[], bool] | None = None) -> None:
    """Put `data` at `path` atomically, by a temp file in the same folder renamed over it.

    The rename replaces the path itself: when `path` is a symbolic link, the link is
    replaced by the new file and whatever it pointed to (another plan, a file outside the
    repository) is never written. The file keeps the permissions of the ordinary file it
    replaces. Raises OSError (_NoTempFile when the folder is not writable). With
    `unchanged`, asked right before the rename, a False answer leaves `path` as it is
    (_ChangedMeanwhile).
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        existing = os.lstat(path)
    except OSError:
        existing = None
    if existing is not None and stat.S_ISREG(existing.st_mode):
        mode = existing.st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        import tempfile  # only when writing: reading a folder at start never needs it

        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=directory
        )
    except OSError as exc:
        raise _NoTempFile(exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        if unchanged is not None and not unchanged():
            raise _ChangedMeanwhile
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)
    remove_stale_temp_files(directory, once=True)


#: Seconds a save waits for another planwizard saving in the same folder.
LOCK_WAIT_SECONDS = 5.0


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the folder's save lock: one planwizard at a time compares and writes in it.

    Two app instances on one plan each check that the file is the copy they last saw,
    then write. Without a lock, both can check before either writes, and the second
    write loses the first one's edit. The lock is an advisory `flock` on the folder
    itself, so it leaves no lock file to ignore or commit; it is held for the few
    milliseconds of a save. Where folders cannot be locked (a file system without
    `flock`), saves go on without it, still checking the file right before replacing
    it. Raises PlanError (kind "busy") when another process holds it longer than `wait`.
    """
    try:
        import fcntl
    except ImportError:  # no flock on this system
        yield
        return
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        yield
        return
    try:
        wait = LOCK_WAIT_SECONDS if wait is None else wait
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PlanError(
                        folder,
                        _(
                            "not saved: another planwizard has been saving in this folder for "
                            "{seconds} seconds; your changes are kept here and saved next time"
                        ).format(seconds=round(wait)),
                        kind="busy",
                    ) from None
                time.sleep(0.002)
            except OSError:
                break  # locks not supported here: go on without
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _fsync_directory(directory: Path) -> None:
    # The rename itself must reach the disk, or a power cut can undo it.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ------------------------------------------------------------------ folders


def plan_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Plan files named directly, and the `.toml` files inside named folders, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from (path / name for name in plan_names(path))
        else:
            yield path


@dataclass
class LoadedPlan:
    """A plan file in a folder: the plan when it loads, the error when it does not."""

    path: Path
    plan: Plan | None = None
    error: PlanError | None = None


def load_folder(folder: Path | str) -> list[LoadedPlan]:
    """Every plan in a folder; one broken file never stops the others from loading."""
    results: list[LoadedPlan] = []
    for path in plan_paths([folder]):
        try:
            results.append(LoadedPlan(path, plan=load_plan(path)))
        except PlanError as exc:
            results.append(LoadedPlan(path, error=exc))
    return results
