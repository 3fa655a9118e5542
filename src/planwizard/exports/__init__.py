"""Exports for the people outside the room: a report, a spreadsheet, a calendar.

One entry point for the command line and the app: :func:`export_plan` turns a plan
into the bytes or text of a file, :func:`default_output_path` says where that file
goes (an `exports/` folder beside the plan), :func:`write_export` writes it there.
Labels are in the plan's language unless another is asked for (:func:`report_language`);
the plan's own text is shown as written, escaped for each format.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from planwizard import clock
from planwizard.exports.csv_export import actions_csv, indicators_csv, recommendations_csv
from planwizard.exports.html import render_html
from planwizard.exports.ics import plan_calendar
from planwizard.exports.markdown import render_markdown
from planwizard.exports.report import AUDIENCES, build_report
from planwizard.i18n import LANGUAGES, _, current_language, set_language
from planwizard.model import Plan
from planwizard.storage import replace_file

#: Formats by name, with the extension of their files.
FORMATS: dict[str, str] = {"md": ".md", "html": ".html", "csv": ".csv", "ics": ".ics"}
#: What a CSV export lists; the other formats always export the whole plan.
WHATS: tuple[str, ...] = ("actions", "indicators", "recommendations")
#: The version an export is unless the team's is asked for: the one that is safe to
#: send outside the group (see exports.report.AUDIENCES).
DEFAULT_AUDIENCE = "partners"


def depends_on_audience(fmt: str, what: str = "actions") -> bool:
    """Whether the team's and the partners' versions differ: reports and the actions and
    recommendations spreadsheets do (the group's reasons, strategies and priorities);
    a calendar and the indicator readings hold nothing internal."""
    return fmt in ("md", "html") or (fmt == "csv" and what in ("actions", "recommendations"))


class ExportError(ValueError):
    """An export that was asked for in a way that cannot be done, in plain words."""


def check_request(fmt: str, what: str, audience: str = DEFAULT_AUDIENCE) -> None:
    if fmt not in FORMATS:
        raise ExportError(
            _("unknown export format {format!r}; choose one of {choices}").format(
                format=fmt, choices=", ".join(FORMATS)
            )
        )
    if what not in WHATS:
        raise ExportError(
            _("unknown export content {what!r}; choose one of {choices}").format(
                what=what, choices=", ".join(WHATS)
            )
        )
    if audience not in AUDIENCES:
        raise ExportError(
            _("unknown audience {audience!r}; choose one of {choices}").format(
                audience=audience, choices=", ".join(AUDIENCES)
            )
        )
    if what != "actions" and fmt != "csv":
        raise ExportError(
            _("only the CSV export can list {what}; use --format csv").format(what=what)
        )


def report_language(plan: Plan, requested: str | None = None) -> str:
    """The language of an export's own words: `requested` (`--lang`) if given, else the
    plan's language when planwizard speaks it, else the interface language.

    A report goes to the people the plan was written with and for: a French plan gets a
    French report whatever the language of the laptop that exports it.
    """
    if requested:
        return requested
    written = plan.language.strip().lower()[:2]
    return written if written in LANGUAGES else current_language()


def export_plan(
    plan: Plan,
    fmt: str,
    what: str = "actions",
    *,
    lang: str | None = None,
    today: dt.date | None = None,
    audience: str = DEFAULT_AUDIENCE,
) -> str | bytes:
    """The exported file: text for md, html and ics, bytes (UTF-8 with BOM) for csv.

    `lang` is the language of the labels (default: :func:`report_language`); `today`
    dates the calendar entries' stamp (default: the clock). Raises :class:`ExportError`
    for an unknown format, or `what` other than actions outside CSV. `audience` is
    "partners" (the default: without the stakeholder analysis, parking lot or internal
    notes) or "team" (everything).
    """
    check_request(fmt, what, audience)
    day = today if today is not None else clock.today()
    team = audience == "team"
    with _interface_language(report_language(plan, lang)):
        if fmt == "md":
            return render_markdown(build_report(plan, audience, day))
        if fmt == "html":
            return render_html(build_report(plan, audience, day), current_language())
        if fmt == "ics":
            return plan_calendar(plan, day).decode("utf-8")
        if what == "recommendations":
            return recommendations_csv(plan, team)
        return actions_csv(plan, team) if what == "actions" else indicators_csv(plan)


def export_bytes(
    plan: Plan,
    fmt: str,
    what: str = "actions",
    *,
    lang: str | None = None,
    today: dt.date | None = None,
    audience: str = DEFAULT_AUDIENCE,
) -> bytes:
    """The exported file as the bytes to write."""
    data = export_plan(plan, fmt, what, lang=lang, today=today, audience=audience)
    return data if isinstance(data, bytes) else data.encode("utf-8")


#: The folder beside the plans where exports go unless told otherwise; `git-setup` has
#: git ignore it, so that reports do not travel with the shared plans.
EXPORTS_DIR = "exports"


def exports_folder(plan_path: Path | str) -> Path:
    """The `exports/` folder beside a plan, created if missing, never a symbolic link
    (which could send a report anywhere on the disk)."""
    folder = Path(plan_path).parent / EXPORTS_DIR
    if folder.is_symlink():
        raise ExportError(
            _("{path}: is a symbolic link; exports are not written through one").format(path=folder)
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(
            _("{path}: cannot create the exports folder: {reason}").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from None
    if folder.is_symlink() or not folder.is_dir():
        raise ExportError(_("{path}: is not a folder").format(path=folder))
    return folder


def default_output_path(
    plan_path: Path | str, fmt: str, what: str = "actions", audience: str = DEFAULT_AUDIENCE
) -> Path:
    """In `exports/` beside the plan, named after it: `exports/plan.md`, `plan.csv`,
    `plan-indicators.csv` (the folder is made by :func:`write_export`).

    The team's version says so in its name (`plan-team.md`), so that it is not the file
    picked by mistake to send outside.
    """
    check_request(fmt, what, audience)
    path = Path(plan_path)
    stem = path.stem if what == "actions" else f"{path.stem}-{what}"
    if audience == "team" and depends_on_audience(fmt, what):
        stem += "-team"
    return path.parent / EXPORTS_DIR / (stem + FORMATS[fmt])


def write_export(
    plan: Plan,
    plan_path: Path | str,
    fmt: str,
    what: str = "actions",
    output: Path | str | None = None,
    *,
    lang: str | None = None,
    today: dt.date | None = None,
    audience: str = DEFAULT_AUDIENCE,
) -> Path:
    """Write the export to `output`, or in `exports/` beside the plan; return the path
    written.

    Raises :class:`ExportError` with the path in its message when the file cannot be
    written, and never writes over the plan file itself. A symbolic link at the output
    path is replaced by the export: the file it pointed to is left as it was.
    """
    check_request(fmt, what, audience)
    if output is None:
        exports_folder(plan_path)
        target = default_output_path(plan_path, fmt, what, audience)
    else:
        target = Path(output)
    if not target.is_symlink() and target.resolve() == Path(plan_path).resolve():
        raise ExportError(
            _("{path}: this is the plan itself; choose another output").format(path=target)
        )
    data = export_bytes(plan, fmt, what, lang=lang, today=today, audience=audience)
    if target.is_dir() and not target.is_symlink():
        raise ExportError(_("{path}: this is a folder; choose a file name").format(path=target))
    try:
        # A new file renamed over the path: a symbolic link there (to another plan,
        # to a file outside the repository) is replaced, never written through.
        replace_file(target, data)
    except OSError as exc:
        raise ExportError(
            _("{path}: cannot write the export: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
        ) from None
    return target


@contextlib.contextmanager
def _interface_language(lang: str | None) -> Iterator[None]:
    # Switches the one interface language for the duration of the export; the caller's
    # language comes back afterwards, even if the export fails.
    if lang is None:
        yield
        return
    previous = current_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(previous)


__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "EXPORTS_DIR",
    "FORMATS",
    "WHATS",
    "ExportError",
    "default_output_path",
    "depends_on_audience",
    "export_bytes",
    "export_plan",
    "exports_folder",
    "report_language",
    "write_export",
]
