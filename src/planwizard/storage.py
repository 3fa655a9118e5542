"""Reading and writing plan files.

Reading turns every kind of bad input into a :class:`PlanError` that names the file and,
where there is one, the line; nothing else escapes. Writing is atomic and canonical: a
temp file in the same folder, fsynced, re-read, then moved over the plan, so that a
crash or a full disk leaves the old plan or the new one, whole, and saving an unchanged
plan gives the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planwizard.i18n import _
from planwizard.ids import fill_ids
from planwizard.model import SCHEMA_VERSION, Plan
from planwizard.plantext import ReadBackError, dumps_data_verified

# Re-exported: the text side of plan files lives in planwizard.plantext, which git's
# merge driver loads without the plan model.
from planwizard.plantext import comment_lines as comment_lines
from planwizard.plantext import conflict_marker_line as conflict_marker_line
from planwizard.plantext import dumps_data as dumps_data

PLAN_SUFFIX = ".toml"


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file: where, and what, in plain words."""

    message: str
    line: int | None = None
    severity: str = "error"  # "error" fails `check`; "warning" does not

    def render(self, path: Path | str) -> str:
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return f"{where}: {self.message}"


class PlanError(Exception):
    """A plan that cannot be read or written, with the file, the line and a plain message.

    `findings` holds every problem found, so that `check` can list them all; `line` and
    `message` are those of the first.
    """

    def __init__(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        findings: Iterable[Finding] = (),
        kind: str = "invalid",
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.line = line
        self.kind = kind
        self.findings = list(findings) or [Finding(message, line)]
        super().__init__(self.render())

    def render(self) -> str:
        return Finding(self.message, self.line).render(self.path)

    def render_all(self) -> list[str]:
        return [f.render(self.path) for f in self.findings]


# --------------------------------------------------------------------------- reading


def load_plan(path: Path | str) -> Plan:
    """Read and validate a plan file; raise :class:`PlanError` on any bad input."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanError(path, _("no such file")) from None
    except IsADirectoryError:
        raise PlanError(path, _("this is a folder, not a plan file")) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PlanError(path, _("cannot read the file: {reason}").format(reason=reason)) from None
    return parse_plan_bytes(raw, path)


def parse_plan_bytes(raw: bytes, path: Path | str = "<plan>") -> Plan:
    if b"\x00" in raw:
        raise PlanError(path, _("this is a binary file, not a TOML plan"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlanError(
            path, _("the file is not UTF-8 text (save it as UTF-8 and try again)"), line
        ) from None
    return parse_plan_text(text.removeprefix("\ufeff"), path)


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
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        reason = _TOML_POSITION.sub("", str(exc)).replace("(at end of document)", "")
        reason = reason.strip()
        raise PlanError(path, _("invalid TOML: {reason}").format(reason=reason), line) from None
    return plan_from_data(data, text, path)


def plan_from_data(data: dict[str, Any], text: str, path: Path | str) -> Plan:
    """Validate parsed TOML as a plan; `text` is only used to find lines for messages."""
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
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        finder = LineFinder(text)
        findings = [
            Finding(_describe_validation_error(err, data), finder.line(tuple(err["loc"])))
            for err in exc.errors()
        ]
        raise PlanError(path, findings[0].message, findings[0].line, findings) from None
    problems = consistency_findings(plan, text)
    if problems:
        raise PlanError(path, problems[0].message, problems[0].line, problems)
    return plan


def _where(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """A readable name for a place in the plan, such as `actions #2 (a-81d0) status`."""
    parts: list[str] = []
    node: Any = data
    for step in loc:
        if isinstance(step, int):
            item_id = (
                node[step].get("id")
                if isinstance(node, list) and isinstance(node[step], dict)
                else None
            )
            parts[-1] += f" #{step + 1}" + (f" ({item_id})" if item_id else "")
        else:
            parts.append(str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return " ".join(parts) if parts else _("the plan")


def _describe_validation_error(err: Any, data: dict[str, Any]) -> str:
    loc = tuple(err["loc"])
    where = _where(loc, data)
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        return _("{where} is required").format(where=where)
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        allowed = allowed.replace("'", "").replace(" or ", ", ")
        return _("{where}: {value!r} is not allowed; use one of: {allowed}").format(
            where=where, value=given, allowed=allowed
        )
    if kind.startswith("date"):
        return _("{where}: {value!r} is not a date; write it as YYYY-MM-DD").format(
            where=where, value=given
        )
    if kind in {"value_error", "assertion_error"}:
        reason = str(err.get("ctx", {}).get("error", err["msg"]))
        return f"{where}: {reason}"
    if kind in {"int_type", "int_parsing", "float_type", "float_parsing"}:
        return _("{where}: {value!r} is not a number").format(where=where, value=given)
    if kind in {"string_type"}:
        return _("{where}: {value!r} should be text").format(where=where, value=given)
    if kind in {"list_type"}:
        return _('{where}: should be a list, like ["a", "b"]').format(where=where)
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("{where}: should be a table").format(where=where)
    return f"{where}: {err['msg']}"


def consistency_findings(plan: Plan, text: str = "") -> list[Finding]:
    """Errors the models alone cannot see: duplicate ids, reviews naming missing items."""
    finder = LineFinder(text)
    found: list[Finding] = []
    collections: dict[str, list[Any]] = {
        "stakeholders": plan.stakeholders,
        "actions": plan.actions,
        "indicators": plan.indicators,
        "reviews": plan.reviews,
    }
    # Actions and indicators share one namespace: a review update or reading names them.
    counts: Counter[str] = Counter()
    for name, items in collections.items():
        seen: set[str] = set()
        for index, item in enumerate(items):
            item_id = getattr(item, "id", None)
            if not item_id:
                continue
            if item_id in seen or (name in {"actions", "indicators"} and counts[item_id]):
                found.append(
                    Finding(
                        _("duplicate id {id!r}: every item needs its own id").format(id=item_id),
                        finder.line((name, index, "id")),
                    )
                )
            seen.add(item_id)
            if name in {"actions", "indicators"}:
                counts[item_id] += 1
    actions = {a.id for a in plan.actions}
    indicators = {i.id for i in plan.indicators}
    for r_index, review in enumerate(plan.reviews):
        for u_index, update in enumerate(review.updates):
            if update.action not in actions:
                found.append(
                    Finding(
                        _(
                            "review of {date} refers to action {id!r}, which is not in the plan"
                        ).format(date=review.date.isoformat(), id=update.action),
                        finder.line(("reviews", r_index, "updates", u_index, "action")),
                    )
                )
        for m_index, reading in enumerate(review.measurements):
            if reading.indicator not in indicators:
                found.append(
                    Finding(
                        _(
                            "review of {date} refers to indicator {id!r}, which is not in the plan"
                        ).format(date=review.date.isoformat(), id=reading.indicator),
                        finder.line(("reviews", r_index, "measurements", m_index, "indicator")),
                    )
                )
    # Recommendations, the dialogue log and team roles (issue 18) have their own links.
    from planwizard.recommendations import link_findings

    found.extend(link_findings(plan, finder))
    return found


# ----------------------------------------------------------------- finding lines


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*(?:\.\s*[A-Za-z0-9_\"'-]+\s*)*=")


class LineFinder:
    """Maps a path in the plan, such as ("actions", 2, "status"), to its line in the text.

    Built only when a message needs a line, so reading a good plan never pays for it.
    It follows table headers and keys line by line, which is all a plan file uses.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[tuple[Any, ...], int] | None = None

    def _index(self) -> dict[tuple[Any, ...], int]:
        if self._lines is not None:
            return self._lines
        lines: dict[tuple[Any, ...], int] = {}
        latest: dict[tuple[Any, ...], int] = {}  # array-of-tables path -> current index
        current: tuple[Any, ...] = ()
        in_multiline: str | None = None
        for number, line in enumerate(self._text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header and "=" not in line.split("]")[0]:
                names = [n.strip().strip("\"'") for n in header.group(2).split(".")]
                resolved: list[Any] = []
                for name in names[:-1]:
                    resolved.append(name)
                    if tuple(resolved) in latest:
                        resolved.append(latest[tuple(resolved)])
                resolved.append(names[-1])
                if header.group(1) == "[[":
                    array = tuple(resolved)
                    latest[array] = latest.get(array, -1) + 1
                    # A new parent item starts its own child arrays from zero.
                    for other in list(latest):
                        if len(other) > len(array) and other[: len(array)] == array:
                            del latest[other]
                    resolved.append(latest[array])
                current = tuple(resolved)
                lines.setdefault(current, number)
                continue
            key_match = _KEY.match(line)
            if key_match:
                key = key_match.group(1).strip("\"'")
                lines.setdefault((*current, key), number)
                value = line[key_match.end() :]
                for quote in ('"""', "'''"):
                    if value.count(quote) % 2 == 1:
                        in_multiline = quote
                        break
        self._lines = lines
        return lines

    def line(self, path: tuple[Any, ...]) -> int | None:
        """The line of `path`, or of the nearest enclosing table or key that has one."""
        if not self._text:
            return None
        index = self._index()
        for end in range(len(path), 0, -1):
            found = index.get(path[:end])
            if found is not None:
                return found
        return None


# ------------------------------------------------------------------ comments


# --------------------------------------------------------------------------- writing


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as the dict that is written: canonical order, empty values left out."""
    return _table_to_data(plan)


def _table_to_data(table: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    values = table.__dict__
    for name, spec in type(table).model_fields.items():
        value = _value_to_data(values[name])
        if (value is None or value == "" or value == [] or value == {}) and not spec.is_required():
            continue
        out[spec.alias or name] = value
    # Fields this version does not know go back as they came, after the known ones.
    if table.__pydantic_extra__:
        for name, value in table.__pydantic_extra__.items():
            if name not in out:
                out[name] = value
    return out


def _value_to_data(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _table_to_data(value)
    if isinstance(value, list):
        return [_value_to_data(v) for v in value]
    return value


def dumps_plan(plan: Plan) -> str:
    """The canonical TOML text of a plan; the same plan always gives the same text."""
    return dumps_data(plan_to_data(plan))


def save_plan(plan: Plan, path: Path | str, *, drop_comments: bool = False) -> str:
    """Write `plan` to `path` atomically and canonically; return the text written.

    Refuses (PlanError, kind "comments") to overwrite a file holding hand-written TOML
    comments unless `drop_comments` is set, so that a comment is never lost silently:
    the caller asks the user first.
    """
    path = Path(path)
    data = plan_to_data(plan)
    # Never write a file that would not load again, or would load as something else:
    # the text is proven to read back as `data` (table by table, each table read back
    # once only, see dumps_data_verified), and `data` is validated as a plan.
    try:
        text = dumps_data_verified(data)
    except ReadBackError as exc:
        if str(exc):
            message = _("not saved, internal TOML error: {reason}").format(reason=exc)
        else:
            message = _("not saved, the plan would not load again: {reason}").format(
                reason=_("the written text does not read back the same")
            )
        raise PlanError(path, message) from None
    try:
        plan_from_data(data, text, path)
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
    write_atomically(path, text)
    return text


def read_existing_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new, whole."""
    directory = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        import tempfile  # only when saving: reading a folder at start never needs it

        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PlanError(
            path, _("not saved: cannot write in this folder ({reason})").format(reason=exc.strerror)
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise PlanError(
                path,
                _("not saved ({reason}); the previous version of the file is intact").format(
                    reason=exc.strerror or exc
                ),
            ) from None
        raise
    _fsync_directory(directory)


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
            yield from sorted(
                p for p in path.iterdir() if p.suffix == PLAN_SUFFIX and not p.name.startswith(".")
            )
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
