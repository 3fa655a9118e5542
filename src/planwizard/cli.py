"""The `planwizard` command. Each subcommand is a thin call into the domain.

Bad input never shows a traceback: a `PlanError` or an unreadable file becomes one
`path:line: message` line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from planwizard import clock
from planwizard.checklist import plan_gaps
from planwizard.gitsetup import GitError, setup_repository, text_merge, unconfigured_repos
from planwizard.i18n import _, detect_language, set_language
from planwizard.merge import conflict_findings, describe_conflict, merge_files
from planwizard.model import Plan
from planwizard.monitoring import DUE_SOON_DAYS
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

DEFAULT_PLANS_DIR = Path("plans")

Command = Callable[[argparse.Namespace, TextIO], int]


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date; write it as YYYY-MM-DD").format(value=text)
        ) from None


# ----------------------------------------------------------------------- check / fmt


def _gap_line(plan: Plan, text: str, item_id: str | None) -> int | None:
    if item_id is None:
        return None
    finder = LineFinder(text)
    for index, action in enumerate(plan.actions):
        if action.id == item_id:
            return finder.line(("actions", index, "id"))
    for index, indicator in enumerate(plan.indicators):
        if indicator.id == item_id:
            return finder.line(("indicators", index, "id"))
    return None


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when every plan loads, 1 when any does not; gaps are warnings only."""
    errors = warnings = checked = 0
    paths = list(plan_paths(args.paths or [DEFAULT_PLANS_DIR]))
    for named in args.paths or [DEFAULT_PLANS_DIR]:
        if not Path(named).exists():
            print(f"{named}: {_('no such file or folder')}", file=out)
            errors += 1
    for path in paths:
        if not path.exists():
            continue
        checked += 1
        try:
            plan = load_plan(path)
        except PlanError as exc:
            for rendered in exc.render_all():
                print(rendered, file=out)
                errors += 1
            continue
        text = read_existing_text(path) or ""
        for finding in conflict_findings(plan, text):
            print(finding.render(path), file=out)
            errors += 1
        for gap in plan_gaps(plan):
            line = _gap_line(plan, text, gap.item_id)
            where = f"{path}:{line}" if line else str(path)
            print(f"{where}: " + _("warning: {message}").format(message=gap.message), file=out)
            warnings += 1
    for root in unconfigured_repos(p for p in paths if p.is_file()):
        message = _(
            "this repository's .gitattributes asks git to merge plans with planwizard, "
            "but this clone has no such merge driver, so git merges plans line by line; "
            "run `planwizard git-setup`"
        )
        print(f"{root}: " + _("warning: {message}").format(message=message), file=out)
        warnings += 1
    print(
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
            print(exc.render(), file=out)
            failed = True
            continue
        current = read_existing_text(path)
        canonical = dumps_plan(plan)
        if current == canonical:
            continue
        if args.check:
            print(f"{path}: {_('not in canonical form (run `planwizard fmt`)')}", file=out)
            failed = True
            continue
        commented = comment_lines(current or "")
        if commented and not args.drop_comments:
            print(
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
            print(exc.render(), file=out)
            failed = True
            continue
        print(f"{path}: {_('formatted')}", file=out)
    return 1 if failed else 0


# ----------------------------------------------------------------------- status


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a number of days (0 or more)").format(value=text)
        )
    return days


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    """What needs attention across the plans; exit 0 even when some plans do not load."""
    from planwizard import status  # rich loads only for this command

    folder = Path(args.folder or args.dir)
    if not folder.exists():
        print(f"{folder}: {_('no such file or folder')}", file=out)
        return 1
    today = clock.today()
    statuses = status.collect_status(plan_paths([folder]), today, args.within)
    if args.json:
        report = status.status_json(statuses, today, args.within)
        print(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False), file=out)
        return 0
    if not statuses:
        print(_("no plans in {folder}").format(folder=folder), file=out)
        return 0
    rows = status.status_rows(statuses, today)
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        from rich.console import Console

        console = Console(file=out, markup=False, emoji=False, highlight=False)
        status.render_table(rows, console)
    else:
        out.write(status.render_plain(rows))
    print(status.totals_line(statuses), file=out)
    return 0


# ----------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write a plan as a report, a spreadsheet or a calendar, beside it or to stdout."""
    from planwizard.exports import ExportError, check_request, export_bytes, write_export

    try:
        check_request(args.format, args.what)
    except ExportError as exc:
        print(f"planwizard export: {exc}", file=sys.stderr)
        return 2
    plan = load_plan(args.file)
    if args.output == "-":
        _write_binary(export_bytes(plan, args.format, args.what), out)
        return 0
    try:
        target = write_export(plan, args.file, args.format, args.what, args.output)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(_("exported to {path}").format(path=target), file=out)
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
        print(Finding(exc.message, exc.line).render(where), file=out)
        return _merge_by_lines(args, name, out)
    for note in result.notes:
        print(f"{name}: {note}", file=out)
    for conflict in result.new_conflicts:
        print(f"{name}: {describe_conflict(conflict)}", file=out)
    return 1 if result.new_conflicts else 0


def _merge_by_lines(args: argparse.Namespace, name: str, out: TextIO) -> int:
    # A side that is not a plan (another TOML file, a broken plan): git's own line
    # merge, with conflict markers that `check` reports, is the most useful result.
    hunks = text_merge(args.base, args.ours, args.theirs, name)
    if hunks is None:
        print(f"{name}: {_('not merged; our copy is left as it was')}", file=out)
        return 2
    if hunks:
        print(
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
        print(Finding(exc.message, exc.line).render(name), file=out)
        return 1
    return 0


def cmd_git_setup(args: argparse.Namespace, out: TextIO) -> int:
    """Install planwizard's merge driver in a repository; idempotent."""
    try:
        done = setup_repository(args.repo)
    except GitError as exc:
        print(exc.message, file=out)
        return 1
    for line in done:
        print(line, file=out)
    return 0


# ----------------------------------------------------------------------- the app


def cmd_app(args: argparse.Namespace, out: TextIO) -> int:
    from planwizard.tui.app import run_app  # the TUI loads only when it is asked for

    exit_code: int = run_app(
        plans_dir=Path(args.dir),
        open_path=Path(args.file) if getattr(args, "file", None) else None,
        start=args.command or "home",
        review_date=getattr(args, "date", None),
    )
    return exit_code


# ----------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: an option given before the subcommand is not reset by the subcommand's
    # own default.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--lang", choices=["en", "fr"], help=_("interface language"))
    common.add_argument(
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help=_("take this date as today")
    )
    parser = argparse.ArgumentParser(
        prog="planwizard",
        description=_("Action-plan workshops in the terminal, plans as TOML files."),
        parents=[common],
    )
    parser.add_argument(
        "--dir", default=str(DEFAULT_PLANS_DIR), help=_("folder of plans (default: plans/)")
    )
    parser.set_defaults(handler=cmd_app, command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check", parents=[common], help=_("validate plans; exit 1 if any does not load")
    )
    check.add_argument("paths", nargs="*", type=Path, help=_("plan files or folders"))
    check.set_defaults(handler=cmd_check)

    fmt = sub.add_parser("fmt", parents=[common], help=_("rewrite plans in canonical form"))
    fmt.add_argument("paths", nargs="*", type=Path, help=_("plan files or folders"))
    fmt.add_argument(
        "--check", action="store_true", help=_("change nothing; exit 1 if a plan is not canonical")
    )
    fmt.add_argument(
        "--drop-comments",
        action="store_true",
        help=_("format even files whose hand-written comments would be removed"),
    )
    fmt.set_defaults(handler=cmd_fmt)

    status = sub.add_parser(
        "status",
        parents=[common],
        help=_("overdue actions, due soon, reviews due and indicators off track, across plans"),
    )
    status.add_argument(
        "folder", nargs="?", metavar="DIR", help=_("folder of plans (default: plans/)")
    )
    status.add_argument(
        "--within",
        type=_days,
        default=DUE_SOON_DAYS,
        metavar="DAYS",
        help=_("count actions due within this many days as due soon (default: %(default)s)"),
    )
    status.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    status.set_defaults(handler=cmd_status)
    merge = sub.add_parser(
        "merge",
        parents=[common],
        help=_("three-way merge of a plan, as git's merge driver; the result goes to OURS"),
    )
    merge.add_argument("base", type=Path, help=_("the common ancestor (git's %%O)"))
    merge.add_argument("ours", type=Path, help=_("our copy, overwritten by the result (%%A)"))
    merge.add_argument("theirs", type=Path, help=_("their copy (%%B)"))
    merge.add_argument("--name", help=_("the plan's path, for messages (%%P)"))
    merge.set_defaults(handler=cmd_merge)

    git_setup = sub.add_parser(
        "git-setup",
        parents=[common],
        help=_("make git merge plans with planwizard in this repository (once per clone)"),
    )
    git_setup.add_argument(
        "repo", nargs="?", type=Path, default=Path("."), help=_("the repository (default: .)")
    )
    git_setup.set_defaults(handler=cmd_git_setup)

    new = sub.add_parser("new", parents=[common], help=_("start a new plan in the app"))
    new.add_argument("--dir", default=str(DEFAULT_PLANS_DIR), help=_("folder of plans"))
    new.set_defaults(handler=cmd_app)

    open_ = sub.add_parser("open", parents=[common], help=_("open a plan in the app"))
    open_.add_argument("file", help=_("the plan file"))
    open_.add_argument("--dir", default=str(DEFAULT_PLANS_DIR), help=_("folder of plans"))
    open_.set_defaults(handler=cmd_app)

    review = sub.add_parser(
        "review", parents=[common], help=_("hold a review of a plan in the app")
    )
    review.add_argument("file", help=_("the plan file"))
    review.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=_("the date of the review meeting (default: today)"),
    )
    review.add_argument("--dir", default=str(DEFAULT_PLANS_DIR), help=_("folder of plans"))
    review.set_defaults(handler=cmd_app)

    export = sub.add_parser(
        "export", parents=[common], help=_("write a plan as a report, spreadsheet or calendar")
    )
    export.add_argument("file", help=_("the plan file"))
    export.add_argument(
        "--format",
        choices=["md", "html", "csv", "ics"],
        default="md",
        help=_("md (report), html (printable report), csv (spreadsheet), ics (calendar)"),
    )
    export.add_argument(
        "--what",
        choices=["actions", "indicators"],
        default="actions",
        help=_("for csv: one row per action, or one per indicator reading"),
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=_("output file, or - for standard output (default: beside the plan)"),
    )
    export.set_defaults(handler=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser's help texts are translated.
    lang_arg = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), None)
    if lang_arg is None and "--lang" in argv[:-1]:
        lang_arg = argv[argv.index("--lang") + 1]
    set_language(detect_language(lang_arg))
    args = build_parser().parse_args(argv)
    if getattr(args, "today", None) is not None:
        clock.set_today(args.today)
    stream = out or sys.stdout
    try:
        handler: Command = args.handler
        return handler(args, stream)
    except PlanError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
