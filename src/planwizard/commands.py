"""The bodies of the `planwizard` subcommands other than the app: each a thin call into
the domain. `planwizard.cli` parses the command line and imports this module only for
these commands, so that opening the app does not pay for what they load.

Bad input never shows a traceback: a `PlanError` or an unreadable file becomes one
`path:line: message` line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from planwizard import clock
from planwizard.checklist import plan_gaps
from planwizard.defaults import DEFAULT_PLANS_DIR
from planwizard.gitsetup import (
    GitError,
    setup_repository,
    unconfigured_repos,
)
from planwizard.gitstate import unmerged_among
from planwizard.i18n import _, ngettext
from planwizard.merge import conflict_findings
from planwizard.model import Plan
from planwizard.storage import (
    LineFinder,
    PlanError,
    comment_lines,
    load_plan,
    load_plan_and_text,
    plan_paths,
    save_plan,
)
from planwizard.text import one_line, strip_control

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
    """The line of each action's, indicator's and recommendation's id, by id: one scan of
    the text, so that a plan of thousands of actions is checked in time proportional to
    its size."""
    finder = LineFinder(text)
    places = [("actions", index, action.id) for index, action in enumerate(plan.actions)]
    places += [("indicators", index, item.id) for index, item in enumerate(plan.indicators)]
    places += [("recommendations", index, rec.id) for index, rec in enumerate(plan.recommendations)]
    found: dict[str, int] = {}
    for name, index, item_id in places:
        line = finder.line((name, index, "id"))
        if line is not None:
            found.setdefault(item_id, line)
    return found


def _shown(path: Path) -> str:
    """A path as short as it can be said from here, without terminal control characters."""
    if path.is_relative_to(Path.cwd()):
        path = path.relative_to(Path.cwd())
    return strip_control(str(path))


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
            plan, text = load_plan_and_text(path)
        except PlanError as exc:
            for rendered in exc.render_all():
                say(rendered, file=out)
                errors += 1
            continue
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
    named = [Path(p) for p in args.paths or [DEFAULT_PLANS_DIR]]
    for unmerged in unmerged_among(
        [p for p in paths if p.suffix == ".toml"], [p for p in named if p.is_dir()]
    ):
        say(f"{_shown(unmerged.path)}: {unmerged.advice()}", file=out)
        errors += 1
    for root in unconfigured_repos(p for p in paths if p.is_file()):
        message = _(
            "this repository's .gitattributes asks git to merge plans with planwizard, "
            "but this clone has no such merge driver, so git merges plans line by line; "
            "run `planwizard git-setup`"
        )
        say(f"{root}: " + _("warning: {message}").format(message=message), file=out)
        warnings += 1
    say(
        _("{checked}: {errors}, {warnings}").format(
            checked=ngettext("{count} plan checked", "{count} plans checked", checked).format(
                count=checked
            ),
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
                count=warnings
            ),
        ),
        file=out,
    )
    return 1 if errors else 0


def cmd_fmt(args: argparse.Namespace, out: TextIO) -> int:
    """Rewrite plans canonically; with --check, change nothing and report."""
    from planwizard.canonical_read import load_checked

    failed = False
    for path in plan_paths(args.paths or [DEFAULT_PLANS_DIR]):
        try:
            # A file in canonical form (nearly all) is read without TOML's parser.
            plan, current, canonical = load_checked(path)
        except PlanError as exc:
            say(exc.render(), file=out)
            failed = True
            continue
        if canonical:
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
        width = console.width
    else:
        width = status.output_width()
        out.write(status.render_plain(rows, width))
    for line in status.totals_lines(statuses, width).splitlines():
        say(line, file=out)
    return 0


# ----------------------------------------------------------------------- recommendations


def cmd_recommendations(args: argparse.Namespace, out: TextIO) -> int:
    """Every recommendation of every plan, overdue replies first; exit 0 even when some
    plans do not load (they are listed with their line)."""
    from planwizard import recommendation_report as report
    from planwizard.recommendations import folder_recommendations

    folder = Path(args.folder or args.dir)
    if not folder.exists():
        say(f"{folder}: {_('no such file or folder')}", file=out)
        return 1
    today = clock.today()
    paths = list(plan_paths([folder]))
    rows, errors = folder_recommendations(paths, today, args.within)
    if args.json:
        data = report.recommendations_json(rows, errors, today, args.within)
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False), file=out)
        return 0
    if not rows and not errors:
        say(_("no recommendations in the plans of {folder}").format(folder=folder), file=out)
        return 0
    width = report.TEXT_WIDTH
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        import shutil

        width = max(40, shutil.get_terminal_size((report.TEXT_WIDTH, 24)).columns)
    out.write(report.render_text(rows, errors, today, args.within, width))
    print("", file=out)
    totals = report.totals_line(rows, errors, len(paths), args.within)
    for line in report.wrap(totals, width):
        say(line, file=out)
    return 0


# ----------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write a plan as a report, a spreadsheet or a calendar, beside it or to stdout."""
    from planwizard.exports import ExportError, check_request, export_bytes, write_export

    try:
        check_request(args.format, args.what, args.audience)
    except ExportError as exc:
        say(f"planwizard export: {exc}", file=sys.stderr)
        return 2
    plan = load_plan(args.file)
    # The plan's language unless --lang says otherwise (PLANWIZARD_LANG and the system
    # locale choose the interface's words, not a report's).
    lang = getattr(args, "lang", None)
    if args.output == "-":
        data = export_bytes(plan, args.format, args.what, lang=lang, audience=args.audience)
        _write_binary(data, out)
        return 0
    try:
        target = write_export(
            plan, args.file, args.format, args.what, args.output, lang=lang, audience=args.audience
        )
    except ExportError as exc:
        say(exc, file=sys.stderr)
        return 1
    say(_("exported to {path}").format(path=target), file=out)
    return 0


def cmd_reply_request(args: argparse.Namespace, out: TextIO) -> int:
    """Write a request for a written reply to one authority of a plan."""
    from planwizard.exports.reply_request import (
        ReplyRequestError,
        reply_request,
        write_reply_request,
    )

    plan = load_plan(args.file)
    today = clock.today()
    try:
        if args.output == "-":
            out.write(reply_request(plan, args.to, today, html=args.html))
            return 0
        target = write_reply_request(
            plan, args.file, args.to, today, html=args.html, output=args.output
        )
    except ReplyRequestError as exc:
        say(f"{args.file}: {exc}", file=sys.stderr)
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
    """git's merge driver: the result goes into OURS; exit 0 when clean, 1 with conflicts
    or anything for a person to check, 2 when nothing could be merged (OURS untouched)."""
    from planwizard.driver import run_merge

    return run_merge(args.base, args.ours, args.theirs, str(args.name or args.ours), out)


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


def cmd_sync(args: argparse.Namespace, out: TextIO) -> int:
    """Share: commit this laptop's saved plans, merge the server's, send; say what happened.

    Exit 0 when everything is on the server, 1 when something is left to do (points to
    settle, a merge that needs a person, offline), 2 when Share cannot start here.
    """
    from planwizard.share import ShareError, share

    folder = Path(args.folder or args.dir)
    if not (folder.is_dir() or folder.absolute().parent.is_dir()):
        say(f"{folder}: {_('no such file or folder')}", file=out)
        return 2
    try:
        report = share(folder)
    except (ShareError, GitError) as exc:
        say(exc.message, file=out)
        return 2
    for line in [*report.setup, *report.lines()]:
        say(line, file=out)
    return 0 if report.finished or report.nothing_new else 1


COMMANDS: dict[str, Command] = {
    "check": cmd_check,
    "fmt": cmd_fmt,
    "status": cmd_status,
    "recommendations": cmd_recommendations,
    "export": cmd_export,
    "reply-request": cmd_reply_request,
    "merge": cmd_merge,
    "git-setup": cmd_git_setup,
    "sync": cmd_sync,
}


#: Commands that read every plan of a folder and keep what they read: the collector,
#: run again and again over a heap that only grows (status keeps every plan), found no
#: garbage and cost them a tenth of their time. It waits until they are done.
WITHOUT_COLLECTOR = frozenset({"check", "fmt", "status"})


def run_command(name: str, args: argparse.Namespace, out: TextIO) -> int:
    """Run one subcommand; a plan that does not load is one line on stderr and exit 1."""
    pause = name in WITHOUT_COLLECTOR and gc.isenabled()
    if pause:
        gc.disable()
    try:
        return COMMANDS[name](args, out)
    except PlanError as exc:
        say(exc.render(), file=sys.stderr)
        return 1
    finally:
        if pause:
            gc.enable()
