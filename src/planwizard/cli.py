"""The `planwizard` command line: the parser, and a thin dispatch to the subcommands.

The app's own start is the one that matters in the room, so this module imports
neither the plan model nor the TUI: `planwizard.commands` loads for the other
subcommands, and `planwizard.tui` for the app, each only when asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from planwizard import clock
from planwizard.dates import DUE_SOON_DAYS
from planwizard.defaults import DEFAULT_PLANS_DIR
from planwizard.i18n import LANGUAGES, _, detect_language, set_language


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date; write it as YYYY-MM-DD").format(value=text)
        ) from None


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


# ----------------------------------------------------------------------- the app


def cmd_app(args: argparse.Namespace, out: TextIO) -> int:
    import gc

    # Starting creates hundreds of thousands of objects that live as long as the app
    # (Textual's modules, classes, styles): collecting while they appear only scans them
    # again and again. The collector waits until the app is built (run_app freezes them
    # out of its passes and turns it back on). The folder's helper, forked meanwhile,
    # lives a fraction of a second and needs no collecting either.
    gc.disable()
    try:
        from planwizard.home_index import FolderReading
        from planwizard.i18n import current_language
        from planwizard.locations import cache_dir

        # The plans are read on another core while Textual loads (see FolderReading).
        # `open FILE` and `review FILE` come back to the file's own folder, not plans/.
        file = getattr(args, "file", None)
        given = getattr(args, "dir", None)
        plans_dir = Path(given) if given else Path(file).parent if file else DEFAULT_PLANS_DIR
        reading = FolderReading(plans_dir, clock.today(), cache_dir(), current_language())
        from planwizard.tui.app import run_app  # the TUI loads only when it is asked for

        exit_code: int = run_app(
            plans_dir=plans_dir,
            first_reading=reading,
            open_path=Path(file) if file else None,
            start=args.command or "home",
            review_date=getattr(args, "date", None),
        )
    finally:
        gc.enable()
    return exit_code


# ----------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: an option given before the subcommand is not reset by the subcommand's
    # own default.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--lang", choices=LANGUAGES, help=_("interface language"))
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
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check", parents=[common], help=_("validate plans; exit 1 if any does not load")
    )
    check.add_argument("paths", nargs="*", type=Path, help=_("plan files or folders"))

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

    recommendations = sub.add_parser(
        "recommendations",
        parents=[common],
        help=_(
            "every recommendation across plans: authority, position, written reply, "
            "implementation; overdue replies first"
        ),
    )
    recommendations.add_argument(
        "folder", nargs="?", metavar="DIR", help=_("folder of plans (default: plans/)")
    )
    recommendations.add_argument(
        "--within",
        type=_days,
        default=DUE_SOON_DAYS,
        metavar="DAYS",
        help=_("count replies due within this many days as due soon (default: %(default)s)"),
    )
    recommendations.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    merge = sub.add_parser(
        "merge",
        parents=[common],
        help=_("three-way merge of a plan, as git's merge driver; the result goes to OURS"),
    )
    merge.add_argument("base", type=Path, help=_("the common ancestor (git's %%O)"))
    merge.add_argument("ours", type=Path, help=_("our copy, overwritten by the result (%%A)"))
    merge.add_argument("theirs", type=Path, help=_("their copy (%%B)"))
    merge.add_argument("--name", help=_("the plan's path, for messages (%%P)"))

    git_setup = sub.add_parser(
        "git-setup",
        parents=[common],
        help=_("make git merge plans with planwizard in this repository (once per clone)"),
    )
    git_setup.add_argument(
        "repo", nargs="?", type=Path, default=Path("."), help=_("the repository (default: .)")
    )

    sync = sub.add_parser(
        "sync",
        parents=[common],
        help=_(
            "share: commit this laptop's saved plans, merge the team's from the server, "
            "send yours; say what happened"
        ),
    )
    sync.add_argument(
        "folder", nargs="?", metavar="DIR", help=_("folder of plans (default: plans/)")
    )

    new = sub.add_parser("new", parents=[common], help=_("start a new plan in the app"))
    new.add_argument("--dir", default=str(DEFAULT_PLANS_DIR), help=_("folder of plans"))

    open_ = sub.add_parser("open", parents=[common], help=_("open a plan in the app"))
    open_.add_argument("file", help=_("the plan file"))
    open_.add_argument("--dir", default=None, help=_("folder of plans (default: the file's)"))

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
    review.add_argument("--dir", default=None, help=_("folder of plans (default: the file's)"))

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
        choices=["actions", "indicators", "recommendations"],
        default="actions",
        help=_("for csv: one row per action, one per indicator reading, or one per recommendation"),
    )
    export.add_argument(
        "--audience",
        choices=["partners", "team"],
        default="partners",
        help=_(
            "partners (default: safe to send outside, without the stakeholder analysis, "
            "parking lot or internal notes) or team (the whole plan, written as NAME-team.EXT)"
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=_(
            "output file, or - for standard output (default: the exports/ folder beside the plan)"
        ),
    )

    request = sub.add_parser(
        "reply-request",
        parents=[common],
        help=_("write a request for a written reply to one authority, in the plan's language"),
    )
    request.add_argument("file", help=_("the plan file"))
    request.add_argument(
        "--to", required=True, metavar="STAKEHOLDER_ID", help=_("the authority's stakeholder id")
    )
    request.add_argument(
        "--html", action="store_true", help=_("a printable HTML page instead of Markdown")
    )
    request.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=_("output file, or - for standard output (default: beside the plan)"),
    )
    return parser


def argparse_words() -> dict[str, str]:
    """argparse's own words (usage, errors) in the interface language, by their English.

    argparse looks each one up through its module's gettext function when it prints; the
    ones a user of these commands can meet are in our catalogues.
    """
    return {
        "usage: ": _("usage: "),
        "positional arguments": _("positional arguments"),
        "options": _("options"),
        "show this help message and exit": _("show this help message and exit"),
        "%(prog)s: error: %(message)s\n": _("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": _("argument %(argument_name)s: %(message)s"),
        "the following arguments are required: %s": _("the following arguments are required: %s"),
        "unrecognized arguments: %s": _("unrecognized arguments: %s"),
        "invalid choice: %(value)r (choose from %(choices)s)": _(
            "invalid choice: %(value)r (choose from %(choices)s)"
        ),
        "invalid %(type)s value: %(value)r": _("invalid %(type)s value: %(value)r"),
        "expected one argument": _("expected one argument"),
        "expected at least one argument": _("expected at least one argument"),
        "ambiguous option: %(option)s could match %(matches)s": _(
            "ambiguous option: %(option)s could match %(matches)s"
        ),
        "not allowed with argument %s": _("not allowed with argument %s"),
    }


def speak_argparse_in_interface_language() -> None:
    words = argparse_words()
    # argparse calls its module-level `_` (gettext.gettext) for every word it prints.
    argparse._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["merge"]:
        # git's merge driver, once per plan on every pull: no parser, no plan model
        # unless needed (planwizard.driver).
        from planwizard.driver import main as merge

        return merge(argv[1:], out)
    # The language must be known before the parser's help texts are translated.
    lang_arg = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), None)
    if lang_arg is None and "--lang" in argv[:-1]:
        lang_arg = argv[argv.index("--lang") + 1]
    set_language(detect_language(lang_arg))
    speak_argparse_in_interface_language()
    args = build_parser().parse_args(argv)
    if getattr(args, "today", None) is not None:
        clock.set_today(args.today)
    stream = out or sys.stdout
    try:
        if args.command in (None, "new", "open", "review"):
            return cmd_app(args, stream)
        from planwizard.commands import run_command

        return run_command(args.command, args, stream)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
