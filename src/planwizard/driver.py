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
- hand-written comments in our copy or theirs are put back beside the keys they are
  about (planwizard.comments); when one has no reliable place, git's line merge keeps
  both texts instead: exit 0 when that merge is clean and means the same as the merge
  by meaning, otherwise exit 1 with the text for a person to finish.

Speed: a pull runs the driver once per plan, so it loads only what a merge needs: the
three files are read with tomllib, checked and put in canonical form by
planwizard.planshape, merged by planwizard.threeway and written by planwizard.plantext.
The plan model (pydantic) loads only when the quick check cannot vouch for a copy or for
the result, to decide and to say why. Messages, git and the translations load only
when there is something to say. docs/merge.md has the rules.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tomllib

from planwizard import planshape
from planwizard.ids import fill_ids
from planwizard.plantext import comment_lines, conflict_marker_line, dumps_data, read_ordinary
from planwizard.threeway import merge_data

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from planwizard.storage import PlanError

#: Exit codes, as git reads them.
CLEAN, CONFLICTS, NOT_MERGED = 0, 1, 2

# The interface language, chosen on the first message when the driver was started
# without the command line's parser (see `main`).
_language_pending: list[str | None] = []


def _settle_language() -> None:
    if _language_pending:
        from planwizard.i18n import detect_language, set_language

        set_language(detect_language(_language_pending.pop()))


def _(message: str) -> str:
    """The message in the interface language; the catalogues load only to say something."""
    from planwizard.i18n import _ as translate

    _settle_language()
    return translate(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The plural form for `count` in the interface language (see :func:`_`)."""
    from planwizard.i18n import ngettext as translate

    _settle_language()
    return translate(singular, plural, count)


class Copy:
    """One of the three files git hands the driver, read and understood."""

    def __init__(self, path: str, side: str) -> None:
        self.path = path
        self.side = side  # "base", "ours", "theirs"
        self.text: str | None = None  # None: missing or unreadable
        self.data: dict[str, Any] | None = None  # canonical, when it loads as a plan
        self.written_id: str | None = None  # the plan's `id` as the file writes it
        self.error: PlanError | None = None


def _load(path: str, side: str) -> Copy:
    copy = Copy(path, side)
    try:
        raw = read_ordinary(path)
    except OSError:
        raw = None  # missing or unreadable: the model's reading below says which
    if raw is None:
        # Missing, unreadable, no ordinary file (a pipe, a link to /dev/zero) or too big:
        # the model's reading (storage.read_plan_file) says which, and never waits.
        if side == "base" and not os.path.lexists(path):
            copy.data = {}
            return copy
        _load_with_model(copy, None)
        return copy
    if raw is not None:
        try:
            copy.text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            copy.text = None
    if side == "base" and (raw is None or not raw.strip()):
        copy.data = {}  # git gives an empty base when both branches added the file
        return copy
    data: dict[str, Any] | None = None
    readable = copy.text is not None and b"\x00" not in (raw or b"")
    if readable and copy.text is not None and conflict_marker_line(copy.text) is None:
        try:
            data = tomllib.loads(copy.text)
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):
            data = None  # the model's reading says why, with the line
    if data is not None:
        written = data.get("id")
        copy.written_id = written if isinstance(written, str) and written else None
        data = fill_ids(data)
        if planshape.surely_valid(data):
            copy.data = planshape.canonical(data)
            return copy
    _load_with_model(copy, raw)
    return copy


def _load_with_model(copy: Copy, raw: bytes | None) -> None:
    """The plan model decides (and says why not) when the quick check cannot vouch."""
    from planwizard.merge import plan_data
    from planwizard.storage import PlanError, load_plan, parse_plan_bytes

    try:
        if raw is None:
            copy.data = plan_data(load_plan(copy.path))  # raises, naming the reason
        else:
            copy.data = plan_data(parse_plan_bytes(raw, copy.path))
    except PlanError as exc:
        copy.error = exc


def _render(name: str, message: str, line: int | None = None) -> str:
    # File names and plan text are untrusted: no terminal control characters, one line
    # (git shows the driver's output in the terminal, and a hook's).
    from planwizard.text import one_line

    return one_line(f"{name}:{line}: {message}" if line else f"{name}: {message}")


def run_merge(
    base: str | os.PathLike[str],
    ours: str | os.PathLike[str],
    theirs: str | os.PathLike[str],
    name: str,
    out: TextIO,
) -> int:
    """Merge the three files into `ours`; print what happened; return git's exit code."""
    copies = [
        _load(os.fspath(base), "base"),
        _load(os.fspath(ours), "ours"),
        _load(os.fspath(theirs), "theirs"),
    ]
    b, o, t = copies

    def say(message: str, line: int | None = None, side: str | None = None) -> None:
        labels = {"base": _("base"), "ours": _("ours"), "theirs": _("theirs")}
        print(_render(f"{name} ({labels[side]})" if side else name, message, line), file=out)

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
        plan_like = any(c.text is not None and "schema_version" in c.text for c in copies)
        return _by_lines(copies, name, out, must_look=plan_like)
    if o.written_id and t.written_id and o.written_id != t.written_id:
        say(
            _(
                "our copy and theirs are two different plans (ids {ours} and {theirs}) under "
                "one file name: not merged into one; both texts are kept for you to separate"
            ).format(ours=o.written_id, theirs=t.written_id)
        )
        return _by_lines(copies, name, out, must_look=True)
    return _by_meaning(copies, name, out, say)


def _result_data(data: dict[str, Any], path: str) -> tuple[dict[str, Any] | None, str]:
    """The merged data in canonical form, or None and the reason it would not load."""
    if planshape.surely_valid(data):
        return planshape.canonical(data), ""
    from planwizard.merge import plan_data
    from planwizard.storage import PlanError, plan_from_data

    try:
        return plan_data(plan_from_data(data, "", path)), ""
    except PlanError as exc:
        return None, exc.message


def _by_meaning(copies: list[Copy], name: str, out: TextIO, say: Any) -> int:
    b, o, t = copies
    assert b.data is not None and o.data is not None and t.data is not None
    merged, new = merge_data(b.data, o.data, t.data)
    if new and os.path.basename(o.path).startswith(".merge_file_"):
        # Who made each side, beside the words "ours" and "theirs" that swap meaning
        # under a rebase or a stash: recorded on the new conflicts (the same tables as
        # in the merged plan's list). Only when git runs the driver (it hands it its
        # temporary `.merge_file_*` copies): then the repository's state is the merge's.
        from planwizard.gitnames import side_names

        names = side_names()
        for conflict in new:
            for side in ("ours", "theirs"):
                if names.get(side):
                    conflict[f"{side}_by"] = names[side]
    data, reason = _result_data(merged, o.path)
    text = dumps_data(data) if data is not None else ""
    if data is not None and tomllib.loads(text) != data:
        reason = _("the written text does not read back the same")
        data = None
    if data is None:  # never write what would not load, or not read back the same
        say(
            _("the merged plan would not load ({reason}); nothing was written").format(
                reason=reason
            )
        )
        return _by_lines(copies, name, out, must_look=False)
    if any(comment_lines(c.text or "") for c in (o, t)):
        from planwizard.comments import place_comments

        texts = (b.text or "", o.text or "", t.text or "")
        commented = place_comments(texts, (b.data, o.data, t.data), text, data)
        if commented is None or tomllib.loads(commented) != data:
            return _keep_comments(copies, name, say, data)
        text = commented  # every comment found its place by meaning
    _write(o.path, text)
    if new:
        from planwizard.conflicts import Record, describe_conflict

        for conflict in new:
            say(describe_conflict(Record(conflict)))
    return CONFLICTS if new else CLEAN


def _keep_comments(copies: list[Copy], name: str, say: Any, by_meaning: dict[str, Any]) -> int:
    """Hand-written comments in ours or theirs: git's line merge keeps both sides' text.

    Clean, and meaning what the merge by meaning gives: that text, comments and all,
    exit 0. Otherwise the line merge's text (with git's markers where it conflicts),
    exit 1: a person finishes it, and no comment was dropped on the way.
    """
    import shutil
    import tempfile
    from pathlib import Path

    from planwizard.gitstate import text_merge

    b, o, t = copies
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / Path(o.path).name
        shutil.copyfile(o.path, trial)
        hunks = text_merge(Path(b.path), trial, Path(t.path), name)
        merged_text = trial.read_text(encoding="utf-8") if hunks is not None else None
    if merged_text is None:
        say(_("hand-written comments cannot be kept: not merged; our copy is left as it was"))
        return NOT_MERGED
    if hunks == 0:
        merged = _load_text(merged_text, o.path)
        if merged is not None and merged.data == by_meaning:
            _write(o.path, merged_text)
            return CLEAN
    _write(o.path, merged_text)
    if hunks:
        say(
            ngettext(
                "merged line by line to keep hand-written comments, with {count} conflict "
                "marked in the file",
                "merged line by line to keep hand-written comments, with {count} conflicts "
                "marked in the file",
                hunks,
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


def _load_text(text: str, path: str) -> Copy | None:
    import tempfile

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".toml") as handle:
        handle.write(text)
        handle.flush()
        copy = _load(handle.name, "ours")
    return copy if copy.error is None else None


def _by_lines(copies: list[Copy], name: str, out: TextIO, *, must_look: bool) -> int:
    """git's own line merge into ours. `must_look`: never exit 0, a person checks it."""
    from pathlib import Path

    from planwizard.gitstate import text_merge

    b, o, t = copies
    hunks = text_merge(Path(b.path), Path(o.path), Path(t.path), name)
    if hunks is None:
        print(_render(name, _("not merged; our copy is left as it was")), file=out)
        return NOT_MERGED
    if hunks:
        message = ngettext(
            "merged line by line instead, with {count} conflict marked in the file",
            "merged line by line instead, with {count} conflicts marked in the file",
            hunks,
        ).format(count=hunks)
        print(_render(name, message), file=out)
        return CONFLICTS
    if must_look:
        message = _("merged line by line instead: check the result, then `git add` the file")
        print(_render(name, message), file=out)
        return CONFLICTS
    with open(o.path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    if "schema_version" not in text:
        return CLEAN  # not a plan: a clean line merge is what git would have done
    from planwizard.storage import PlanError, parse_plan_text

    try:
        parse_plan_text(text, o.path)
    except PlanError as exc:
        print(_render(name, exc.message, exc.line), file=out)
        return CONFLICTS
    return CLEAN


def _write(path: str, text: str) -> None:
    """Replace the file with `text` atomically (a temp file beside it, then a rename)."""
    folder = os.path.dirname(path) or "."
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.merge")
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        mode = 0o644
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# ------------------------------------------------------------------ the command


def main(argv: list[str], out: TextIO | None = None) -> int:
    """`planwizard merge BASE OURS THEIRS [--name PATH] [--lang xx]`, started by
    by `python -m planwizard` or `planwizard` before the full command line is built (see
    planwizard.__main__ and cli.main). Anything else goes to the full parser, which says
    what is wrong.
    """
    positional: list[str] = []
    name: str | None = None
    lang: str | None = None
    words = iter(argv)
    for word in words:
        if word in ("--name", "--lang"):
            value = next(words, None)
            if value is None:
                return _full_parser(argv, out)
            if word == "--name":
                name = value
            else:
                lang = value
        elif word.startswith("-") and word != "-":
            return _full_parser(argv, out)
        else:
            positional.append(word)
    if len(positional) != 3:
        return _full_parser(argv, out)
    _language_pending[:] = [lang]
    try:
        base, ours, theirs = positional
        return run_merge(base, ours, theirs, name or ours, out or sys.stdout)
    except KeyboardInterrupt:
        return 130


def _full_parser(argv: list[str], out: TextIO | None) -> int:
    """Arguments the quick reading above does not know: argparse reads them (or says what
    is wrong and exits 2)."""
    from planwizard.cli import build_parser

    args = build_parser().parse_args(["merge", *argv])
    _language_pending[:] = [getattr(args, "lang", None)]
    name = str(args.name or args.ours)
    return run_merge(args.base, args.ours, args.theirs, name, out or sys.stdout)
