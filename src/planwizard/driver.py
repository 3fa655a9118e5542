"""git's merge driver for plan files: `planwizard merge BASE OURS THEIRS --name PATH`.

Git runs it for every plan that both branches changed; the result goes into OURS and the
exit code tells git whether the merge is clean (0), merged with conflicts for a person
to settle (1), or not done at all (2, OURS untouched). The driver never says 0 when it
may have lost something:

- a copy that does not load as a plan (a deleted `schema_version` line, conflict
  markers, a value that is not allowed) gets git's own line merge, and the exit code is
  1 even when that line merge is clean, so that git asks a person to look;
- two different plans (their top-level `id` differ: two laptops created a plan with the
  same title) are never fused: both texts stay, with git's conflict markers, exit 1;
- hand-written comments in our copy or theirs, which a canonical write cannot keep, are
  kept by git's line merge instead; when that merge is clean and means the same as the
  merge by meaning, exit 0, otherwise exit 1 with the text for a person to finish.

The merge by meaning itself is in :mod:`planwizard.merge`; docs/merge.md has the rules.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from planwizard.gitsetup import text_merge
from planwizard.i18n import _
from planwizard.storage import Finding, PlanError, comment_lines

#: Exit codes, as git reads them.
CLEAN, CONFLICTS, NOT_MERGED = 0, 1, 2


@dataclass
class Copy:
    """One of the three files git hands the driver."""

    path: Path
    side: str  # "base", "ours", "theirs"
    text: str | None  # None: missing or unreadable
    data: dict[str, Any] | None = None  # the plan's data when it loads
    error: PlanError | None = None


def _read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None


def _load(path: Path, side: str) -> Copy:
    from planwizard.merge import read_plan_data

    copy = Copy(path, side, _read_text(path))
    try:
        copy.data = read_plan_data(path, missing_is_empty=side == "base")
    except PlanError as exc:
        copy.error = exc
    return copy


def _explicit_id(copy: Copy) -> str | None:
    """The plan's `id` as written in the file (not one made up when it had none)."""
    try:
        found = tomllib.loads(copy.text or "").get("id")
    except tomllib.TOMLDecodeError:
        return None
    return found if isinstance(found, str) and found else None


def _looks_like_plan(copies: list[Copy]) -> bool:
    return any(c.text is not None and "schema_version" in c.text for c in copies)


def run_merge(base: Path, ours: Path, theirs: Path, name: str, out: TextIO) -> int:
    """Merge the three files into `ours`; print what happened; return git's exit code."""
    copies = [_load(base, "base"), _load(ours, "ours"), _load(theirs, "theirs")]
    b, o, t = copies
    labels = {"base": _("base"), "ours": _("ours"), "theirs": _("theirs")}

    def say(message: str, line: int | None = None, side: str | None = None) -> None:
        where = f"{name} ({labels[side]})" if side else name
        print(Finding(message, line).render(where), file=out)

    if b.error is not None:
        b.data = {}
        say(
            _(
                "the common ancestor does not load ({reason}): merged as if both sides "
                "had added everything, so that nothing is lost"
            ).format(reason=b.error.message)
        )
    broken = [c for c in (o, t) if c.error is not None]
    if broken:
        for copy in broken:
            assert copy.error is not None
            say(copy.error.message, copy.error.line, copy.side)
        plan_like = _looks_like_plan(copies)
        return _by_lines(copies, name, out, must_look=plan_like)
    ours_id, theirs_id = _explicit_id(o), _explicit_id(t)
    if ours_id and theirs_id and ours_id != theirs_id:
        say(
            _(
                "our copy and theirs are two different plans (ids {ours} and {theirs}) under "
                "one file name: not merged into one; both texts are kept for you to separate"
            ).format(ours=ours_id, theirs=theirs_id)
        )
        return _by_lines(copies, name, out, must_look=True)
    return _by_meaning(copies, name, out, say)


def _by_meaning(copies: list[Copy], name: str, out: TextIO, say: Any) -> int:
    from planwizard.merge import describe_conflict, merge_data
    from planwizard.model import Conflict
    from planwizard.storage import dumps_plan, plan_from_data, write_atomically

    b, o, t = copies
    assert b.data is not None and o.data is not None and t.data is not None
    data, new = merge_data(b.data, o.data, t.data)
    try:
        plan = plan_from_data(data, "", o.path)
    except PlanError as exc:
        say(
            _("the merged plan would not load ({reason}); nothing was written").format(
                reason=exc.message
            )
        )
        return _by_lines(copies, name, out, must_look=False)
    text = dumps_plan(plan)
    commented = [c for c in (o, t) if comment_lines(c.text or "")]
    if commented:
        return _keep_comments(copies, name, out, say, text)
    write_atomically(o.path, text)
    for conflict in new:
        say(describe_conflict(Conflict.model_validate(conflict)))
    return CONFLICTS if new else CLEAN


def _keep_comments(copies: list[Copy], name: str, out: TextIO, say: Any, by_meaning: str) -> int:
    """Hand-written comments in ours or theirs: git's line merge keeps both sides' text.

    Clean, and meaning what the merge by meaning gives: that text, comments and all,
    exit 0. Otherwise the line merge's text (with git's markers where it conflicts),
    exit 1: a person finishes it, and no comment was dropped on the way.
    """
    from planwizard.merge import plan_data
    from planwizard.storage import parse_plan_text, plan_from_data, write_atomically

    b, o, t = copies
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / o.path.name
        shutil.copyfile(o.path, trial)
        hunks = text_merge(b.path, trial, t.path, name)
        merged_text = _read_text(trial) if hunks is not None else None
    if hunks == 0 and merged_text is not None:
        try:
            by_lines = plan_data(parse_plan_text(merged_text, o.path))
            same = by_lines == plan_data(plan_from_data(tomllib.loads(by_meaning), "", o.path))
        except PlanError:
            same = False
        if same:
            write_atomically(o.path, merged_text)
            return CLEAN
    if merged_text is None:
        say(_("hand-written comments cannot be kept: not merged; our copy is left as it was"))
        return NOT_MERGED
    write_atomically(o.path, merged_text)
    if hunks:
        say(
            _(
                "merged line by line to keep hand-written comments, with {count} conflict(s) "
                "marked in the file"
            ).format(count=hunks)
        )
    else:
        say(
            _(
                "merged line by line to keep hand-written comments; the result differs from "
                "planwizard's merge by meaning: check it, then `git add` the file"
            )
        )
    return CONFLICTS


def _by_lines(copies: list[Copy], name: str, out: TextIO, *, must_look: bool) -> int:
    """git's own line merge into ours. `must_look`: never exit 0, a person checks it."""
    from planwizard.storage import parse_plan_text

    b, o, t = copies
    hunks = text_merge(b.path, o.path, t.path, name)
    if hunks is None:
        print(f"{name}: {_('not merged; our copy is left as it was')}", file=out)
        return NOT_MERGED
    if hunks:
        print(
            f"{name}: "
            + _("merged line by line instead, with {count} conflict(s) marked in the file").format(
                count=hunks
            ),
            file=out,
        )
        return CONFLICTS
    text = _read_text(o.path) or ""
    if must_look:
        print(
            f"{name}: "
            + _("merged line by line instead: check the result, then `git add` the file"),
            file=out,
        )
        return CONFLICTS
    if "schema_version" not in text:
        return CLEAN  # not a plan: a clean line merge is what git would have done
    try:
        parse_plan_text(text, o.path)
    except PlanError as exc:
        print(Finding(exc.message, exc.line).render(name), file=out)
        return CONFLICTS
    return CLEAN
