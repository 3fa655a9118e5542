"""The bodies of the `planwizard` subcommands other than the app: each a thin call into
the domain. `planwizard.cli` parses the command line and imports this module only for
these commands, so that opening the app does not pay for what they load.

Bad input never shows a traceback: a `PlanError` or an unreadable file becomes one
`path:line: message` line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from planwizard import clock
from planwizard.checklist import plan_gaps
from planwizard.cli import DEFAULT_PLANS_DIR
from planwizard.gitsetup import GitError, setup_repository, text_merge, unconfigured_repos
from planwizard.i18n import _
from planwizard.merge import conflict_findings, describe_conflict, merge_files
from planwizard.model import Plan
from planwizard.storage import (
    Finding,
    LineFinder,
    PlanError,
    comment_lines,
    dumps_plan,
    load_plan,
    parse_plan_text,
    plan_paths,
    read_existing_text,
    save_plan,
)
from planwizard.text import one_line

Command = Callable[[argparse.Namespace, TextIO], int]


def say(text: object, file: TextIO) -> None:
    """Print one line of output. Plan text, ids and file names in it are untrusted: terminal
    control characters (an OSC 52 that writes the clipboard, ESC [2J that clears the
    screen) are removed and line breaks flattened, so that a plan, or a file name, can
    neither drive the terminal nor forge another line of output (a pre-commit hook's).
    """
    print(one_line(str(text)), file=file)


# ----------------------------------------------------------------------- check / fmt


def _item_lines(plan: Plan, text: str) -> dict[str, int]:
    """The line of each action's and indicator's id, by id: one scan of the text, so
    that a plan of thousands of actions is checked in time proportional to its size."""
    finder = LineFinder(text)
    places = [("actions", index, action.id) for index, action in enumerate(plan.actions)]
    places += [("indicators", index, item.id) for index, item in enumerate(plan.indicators)]
    found: dict[str, int] = {}
    for name, index, item_id in places:
        line = finder.line((name, index, "id"))
        if line is not None:
            found.setdefault(item_id, line)
    return found


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when every plan loads, 1 when any does not; gaps are warnings only."""
    errors = warnings = checked = 0
    paths = list(plan_paths(args.paths or [DEFAULT_PLANS_DIR]))
    for named in args.paths or [DEFAULT_PLANS_DIR]:
        if not Path(named).exists():
            say(f"{named}: {_('no such file or folder')}", file=out)
            errors += 1
    for path in paths:
        if not path.exists():
            continue
        checked += 1
        try:
            plan = load_plan(path)
        except PlanError as exc:
            for rendered in exc.render_all():
                say(rendered, file=out)
                errors += 1
            continue
        text = read_existing_text(path) or ""
        for finding in conflict_findings(plan, text):
            say(finding.render(path), file=out)
            errors += 1
        gaps = plan_gaps(plan)
        lines = _item_lines(plan, text) if any(gap.item_id for gap in gaps) else {}
        for gap in gaps:
            line = lines.get(gap.item_id) if gap.item_id else None
            where = f"{path}:{line}" if line else str(path)
            say(f"{where}: " + _("warning: {message}").format(message=gap.message), file=out)
            warnings += 1
    for root in unconfigured_repos(p for p in paths if p.is_file()):
        message = _(
            "this repository's .gitattributes asks git to merge plans with planwizard, "
            "but this clone has no such merge driver, so git merges plans line by line; "
            "run `planwizard git-setup`"
        )
        say(f"{root}: " + _("warning: {message}").format(message=message), file=out)
        warnings += 1
    say(
        _("{checked} plan(s) checked: {errors} error(s), {warnings} warning(s)").format(
            checked=checked, errors=errors, warnings=warnings
        ),
        file=out,
    )
    return 1 if errors else 0


def cmd_fmt(args: argparse.Namespace, out: TextIO) -> int:
    """Rewrite plans canonically; with --check, change nothing and report."""
    failed = False
    for path in plan_paths(args.paths or [DEFAULT_PLANS_DIR]):
        try:
            plan = load_plan(path)
        except PlanError as exc:
            say(exc.render(), file=out)
            failed = True
            continue
        current = read_existing_text(path)
        canonical = dumps_plan(plan)
        if current == canonical:
            continue
        if args.check:
            say(f"{path}: {_('not in canonical form (run `planwizard fmt`)')}", file=out)
            failed = True
            continue
        commented = comment_lines(current or "")
        if commented and not args.drop_comments:
            say(
                f"{path}:{commented[0]}: "
                + _(
                    "has hand-written comments that formatting would remove; "
                    "run again with --drop-comments to format anyway"
                ),
                file=out,
            )
            failed = True
            continue
        try:
            save_plan(plan, path, drop_comments=True)
        except PlanError as exc:
            say(exc.render(), file=out)
            failed = True
            continue
        say(f"{path}: {_('formatted')}", file=out)
    return 1 if failed else 0


# ----------------------------------------------------------------------- status


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    """What needs attention across the plans; exit 0 even when some plans do not load."""
    from planwizard import status  # rich loads only for this command

    folder = Path(args.folder or args.dir)
    if not folder.exists():
        say(f"{folder}: {_('no such file or folder')}", file=out)
        return 1
    today = clock.today()
    statuses = status.collect_status(plan_paths([folder]), today, args.within)
    if args.json:
        report = status.status_json(statuses, today, args.within)
        print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False), file=out)
        return 0
    if not statuses:
        say(_("no plans in {folder}").format(folder=folder), file=out)
        return 0
    rows = status.status_rows(statuses, today)
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        from rich.console import Console

        console = Console(file=out, markup=False, emoji=False, highlight=False)
        status.render_table(rows, console)
    else:
        out.write(status.render_plain(rows))
    say(status.totals_line(statuses), file=out)
    return 0


# ----------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write a plan as a report, a spreadsheet or a calendar, beside it or to stdout."""
    from planwizard.exports import ExportError, check_request, export_bytes, write_export

    try:
        check_request(args.format, args.what)
    except ExportError as exc:
        say(f"planwizard export: {exc}", file=sys.stderr)
        return 2
    plan = load_plan(args.file)
    if args.output == "-":
        _write_binary(export_bytes(plan, args.format, args.what), out)
        return 0
    try:
        target = write_export(plan, args.file, args.format, args.what, args.output)
    except ExportError as exc:
        say(exc, file=sys.stderr)
        return 1
    say(_("exported to {path}").format(path=target), file=out)
    return 0


def _write_binary(data: bytes, out: TextIO) -> None:
    # Bytes as they are (a CSV's byte-order mark, an iCalendar's CRLF) when the stream
    # has a binary side; a text-only stream (tests, the app) gets the decoded text.
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))


# ----------------------------------------------------------------------- merge / git


def cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    """git's merge driver: the result goes into OURS; exit 0 when clean, 1 with conflicts,
    2 when nothing could be merged (OURS untouched; git reports a conflict)."""
    name = str(args.name or args.ours)
    try:
        result = merge_files(args.base, args.ours, args.theirs)
    except PlanError as exc:
        sides = {args.base: _("base"), args.ours: _("ours"), args.theirs: _("theirs")}
        known = exc.kind != "merge" and exc.path in sides
        where = f"{name} ({sides[exc.path]})" if known else name
        say(Finding(exc.message, exc.line).render(where), file=out)
        return _merge_by_lines(args, name, out)
    for note in result.notes:
        say(f"{name}: {note}", file=out)
    for conflict in result.new_conflicts:
        say(f"{name}: {describe_conflict(conflict)}", file=out)
    return 1 if result.new_conflicts else 0


def _merge_by_lines(args: argparse.Namespace, name: str, out: TextIO) -> int:
    # A side that is not a plan (another TOML file, a broken plan): git's own line
    # merge, with conflict markers that `check` reports, is the most useful result.
    # Not for a side that is no ordinary file: git would wait on a pipe forever.
    sides = (args.base, args.ours, args.theirs)
    ordinary = all(not os.path.exists(side) or os.path.isfile(side) for side in sides)
    hunks = text_merge(args.base, args.ours, args.theirs, name) if ordinary else None
    if hunks is None:
        say(f"{name}: {_('not merged; our copy is left as it was')}", file=out)
        return 2
    if hunks:
        say(
            f"{name}: "
            + _("merged line by line instead, with {count} conflict(s) marked in the file").format(
                count=hunks
            ),
            file=out,
        )
        return 1
    text = read_existing_text(args.ours) or ""
    if "schema_version" not in text:
        return 0  # not a plan: a clean line merge is what git would have done
    try:
        parse_plan_text(text, args.ours)
    except PlanError as exc:
        say(Finding(exc.message, exc.line).render(name), file=out)
        return 1
    return 0


def cmd_git_setup(args: argparse.Namespace, out: TextIO) -> int:
    """Install planwizard's merge driver in a repository; idempotent."""
    try:
        done = setup_repository(args.repo)
    except GitError as exc:
        say(exc.message, file=out)
        return 1
    for line in done:
        say(line, file=out)
    return 0


COMMANDS: dict[str, Command] = {
    "check": cmd_check,
    "fmt": cmd_fmt,
    "status": cmd_status,
    "export": cmd_export,
    "merge": cmd_merge,
    "git-setup": cmd_git_setup,
}


def run_command(name: str, args: argparse.Namespace, out: TextIO) -> int:
    """Run one subcommand; a plan that does not load is one line on stderr and exit 1."""
    try:
        return COMMANDS[name](args, out)
    except PlanError as exc:
        say(exc.render(), file=sys.stderr)
        return 1
