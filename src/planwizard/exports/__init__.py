"""Exports for the people outside the room: a report, a spreadsheet, a calendar.

One entry point for the command line and the app: :func:`export_plan` turns a plan
into the bytes or text of a file, :func:`default_output_path` says where that file
goes beside the plan, :func:`write_export` writes it there. Labels are in the
interface language; the plan's own text is shown as written, escaped for each format.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from planwizard import clock
from planwizard.exports.csv_export import actions_csv, indicators_csv
from planwizard.exports.html import render_html
from planwizard.exports.ics import plan_calendar
from planwizard.exports.markdown import render_markdown
from planwizard.exports.report import build_report
from planwizard.i18n import _, current_language, set_language
from planwizard.model import Plan
from planwizard.storage import replace_file

#: Formats by name, with the extension of their files.
FORMATS: dict[str, str] = {"md": ".md", "html": ".html", "csv": ".csv", "ics": ".ics"}
#: What a CSV export lists; the other formats always export the whole plan.
WHATS: tuple[str, ...] = ("actions", "indicators")


class ExportError(ValueError):
    """An export that was asked for in a way that cannot be done, in plain words."""


def check_request(fmt: str, what: str) -> None:
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
    if what != "actions" and fmt != "csv":
        raise ExportError(
            _("only the CSV export can list {what}; use --format csv").format(what=what)
        )


def export_plan(
    plan: Plan,
    fmt: str,
    what: str = "actions",
    *,
    lang: str | None = None,
    today: dt.date | None = None,
) -> str | bytes:
    """The exported file: text for md, html and ics, bytes (UTF-8 with BOM) for csv.

    `lang` is the interface language of the labels (default: the current one); `today`
    dates the calendar entries' stamp (default: the clock). Raises :class:`ExportError`
    for an unknown format, or `what` other than actions outside CSV.
    """
    check_request(fmt, what)
    day = today if today is not None else clock.today()
    with _interface_language(lang):
        if fmt == "md":
            return render_markdown(build_report(plan))
        if fmt == "html":
            return render_html(build_report(plan), current_language())
        if fmt == "ics":
            return plan_calendar(plan, day).decode("utf-8")
        return actions_csv(plan) if what == "actions" else indicators_csv(plan)


def export_bytes(
    plan: Plan,
    fmt: str,
    what: str = "actions",
    *,
    lang: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The exported file as the bytes to write."""
    data = export_plan(plan, fmt, what, lang=lang, today=today)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def default_output_path(plan_path: Path | str, fmt: str, what: str = "actions") -> Path:
    """Beside the plan, named after it: `plan.md`, `plan.csv`, `plan-indicators.csv`."""
    check_request(fmt, what)
    path = Path(plan_path)
    stem = path.stem if what == "actions" else f"{path.stem}-{what}"
    return path.with_name(stem + FORMATS[fmt])


def write_export(
    plan: Plan,
    plan_path: Path | str,
    fmt: str,
    what: str = "actions",
    output: Path | str | None = None,
    *,
    lang: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the export to `output`, or beside the plan; return the path written.

    Raises :class:`ExportError` with the path in its message when the file cannot be
    written, and never writes over the plan file itself. A symbolic link at the output
    path is replaced by the export: the file it pointed to is left as it was.
    """
    check_request(fmt, what)
    target = Path(output) if output is not None else default_output_path(plan_path, fmt, what)
    if not target.is_symlink() and target.resolve() == Path(plan_path).resolve():
        raise ExportError(
            _("{path}: this is the plan itself; choose another output").format(path=target)
        )
    data = export_bytes(plan, fmt, what, lang=lang, today=today)
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
    "FORMATS",
    "WHATS",
    "ExportError",
    "default_output_path",
    "export_bytes",
    "export_plan",
    "write_export",
]
