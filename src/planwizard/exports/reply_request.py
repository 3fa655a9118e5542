"""A ready-to-send request for a written reply, to one authority (issue 18).

Monitoring bodies ask the authorities for written replies on their recommendations,
with a deadline. This export writes that letter for one stakeholder of the plan: the
recommendations addressed to it with their source and reference, the deadline, the
authority's focal point and who in our team follows the dialogue with it. Markdown to
paste in an email, or a self-contained printable HTML page. Labels are in the plan's
language (the interface language when the plan has none planwizard speaks).

Plan text is untrusted and shown as written: Markdown's special characters are
backslash-escaped, and every string in the HTML is escaped (ours too); the page loads
nothing and runs nothing (a Content-Security-Policy forbids it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from planwizard import method
from planwizard.exports.labels import clean, flat
from planwizard.i18n import LANGUAGES, _, current_language, long_date, set_language
from planwizard.model import Plan, Recommendation, Stakeholder


class ReplyRequestError(ValueError):
    """A request that cannot be written: no such stakeholder, nothing addressed to it."""


@dataclass(frozen=True)
class RequestedItem:
    recommendation: Recommendation
    #: The reference line: source, reference, date of issue, as the plan gives them.
    reference: str
    deadline: dt.date | None
    #: What the plan already records of a reply (its date and the position), if any.
    recorded: str


@dataclass(frozen=True)
class ReplyRequest:
    """The letter's parts, in the plan's language, before any escaping."""

    language: str
    title: str
    authority: str
    focal_point: str
    date: dt.date
    deadline: dt.date | None
    intro: str
    closing: str
    items: tuple[RequestedItem, ...]
    #: Our team's contacts for this authority: "person (role)".
    contacts: tuple[str, ...]
    plan_title: str
    #: The letter's own words (headings, field names).
    labels: dict[str, str]


@contextlib.contextmanager
def _language(plan: Plan) -> Iterator[str]:
    language = plan.language if plan.language in LANGUAGES else current_language()
    previous = current_language()
    set_language(language)
    try:
        yield language
    finally:
        set_language(previous)


def _authority(plan: Plan, stakeholder_id: str) -> Stakeholder:
    found = plan.stakeholder(stakeholder_id)
    if found is None:
        known = ", ".join(s.id for s in plan.stakeholders) or "—"
        raise ReplyRequestError(
            _("{id!r} is not a stakeholder of the plan (its stakeholders: {known})").format(
                id=stakeholder_id, known=known
            )
        )
    return found


def build_request(plan: Plan, stakeholder_id: str, today: dt.date) -> ReplyRequest:
    """The request to `stakeholder_id` on `today`; raise :class:`ReplyRequestError`
    when it is not a stakeholder of the plan or no recommendation is addressed to it."""
    # Errors in the interface language; the letter in the plan's.
    authority = _authority(plan, stakeholder_id)
    recs = [r for r in plan.recommendations if stakeholder_id in r.addressed_to]
    name = flat(authority.name) or flat(authority.id)
    if not recs:
        raise ReplyRequestError(
            _("no recommendation of the plan is addressed to {name}").format(name=name)
        )
    with _language(plan) as language:
        items = tuple(_item(rec) for rec in recs)
        pending = [r.reply_due for r in recs if r.reply_due and r.reply_received is None]
        deadline = min(pending) if pending else None
        intro = _(
            "We would be grateful for a written reply on the implementation of the "
            "recommendations below, which are addressed to your institution."
        )
        if deadline is not None and deadline < today:
            intro += " " + _(
                "The reply was requested by {date} and has not reached us yet: we would be "
                "grateful to receive it as soon as possible."
            ).format(date=long_date(deadline))
        elif deadline is not None:
            intro += " " + _("Please send it by {date}.").format(date=long_date(deadline))
        intro += " " + _(
            "For each recommendation, please state your position (accepted, partially "
            "accepted, noted or rejected), the measures taken or planned, who is "
            "responsible for them and the timetable."
        )
        closing = _(
            "We remain available to discuss these recommendations in a meeting or by "
            "telephone, and thank you in advance for your reply."
        )
        contacts = tuple(
            f"{flat(role.person)} ({flat(role.role)})" if role.role.strip() else flat(role.person)
            for role in plan.team_roles
            if stakeholder_id in role.stakeholders and role.person.strip()
        )
        labels = {
            "to": _("To"),
            "focal_point": _("Focal point"),
            "date": _("Date"),
            "deadline": _("Reply requested by"),
            "recommendations": _("Recommendations"),
            "contacts": _("Our contacts for this dialogue"),
            "recorded": _("Already recorded"),
            "plan": _("Plan"),
        }
        return ReplyRequest(
            language=language,
            title=_("Request for a written reply"),
            authority=name,
            focal_point=flat(authority.focal_point),
            date=today,
            deadline=deadline,
            intro=intro,
            closing=closing,
            items=items,
            contacts=contacts,
            plan_title=flat(plan.title),
            labels=labels,
        )


def _item(rec: Recommendation) -> RequestedItem:
    parts = [flat(rec.source), flat(rec.reference)]
    if rec.issued is not None:
        parts.append(long_date(rec.issued))
    reference = ", ".join(p for p in parts if p) or flat(rec.id)
    recorded = ""
    if rec.reply_received is not None:
        recorded = _("reply received {date}, position: {position}").format(
            date=long_date(rec.reply_received), position=method.label("position", rec.position)
        )
    elif rec.position != "no-reply":
        recorded = _("position: {position}").format(position=method.label("position", rec.position))
    return RequestedItem(rec, reference, rec.reply_due, recorded)


# ----------------------------------------------------------------------- Markdown

_INLINE = re.compile(r"[\\`*_\[\]<>|~#]|&(?=#?\w+;)")
_LINE_START = re.compile(r"^([+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def _md(text: str) -> str:
    """Plan text inside a Markdown line: shown as written, never as formatting."""
    # flat() keeps the no-break spaces of French typography; str.split() would not.
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), flat(text))
    return _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", escaped))


def _md_block(text: str) -> list[str]:
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [_md(line) for line in lines]


def render_markdown(request: ReplyRequest) -> str:
    labels = request.labels
    out = [f"# {_md(request.title)}", ""]
    colon = _colon()
    for label, value in _head(request):
        out.append(f"**{_md(label)}**{colon}{_md(value)}  ")
    out[-1] = out[-1].rstrip()
    out.extend(["", _md(request.intro), "", f"## {_md(labels['recommendations'])}", ""])
    for number, item in enumerate(request.items, start=1):
        out.append(f"### {number}\\. {_md(item.reference)}")
        out.append("")
        out.extend(_md_block(item.recommendation.text))
        out.append("")
        if item.deadline is not None:
            out.append(f"- {_md(labels['deadline'])}{colon}{_md(long_date(item.deadline))}")
        if item.recorded:
            out.append(f"- {_md(labels['recorded'])}{colon}{_md(item.recorded)}")
        if item.deadline is not None or item.recorded:
            out.append("")
    out.append(_md(request.closing))
    if request.contacts:
        out.extend(["", f"**{_md(labels['contacts'])}**{colon.rstrip()}", ""])
        out.extend(f"- {_md(contact)}" for contact in request.contacts)
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------- HTML

_STYLE = """
@page { size: A4; margin: 20mm 18mm; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 11pt; line-height: 1.45; color: #111; background: #fff; }
body { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5em; margin: 0 0 .8em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #333; margin-top: 1.4em; }
h3 { font-size: 1em; margin: 1.2em 0 .3em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.item { break-inside: avoid; page-break-inside: avoid; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0 0 1em; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.recorded { color: #444; font-size: .95em; }
@media print { body { max-width: none; padding: 0; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(text: str) -> str:
    return escape(clean(text), quote=True)


def _head(request: ReplyRequest) -> list[tuple[str, str]]:
    labels = request.labels
    head = [(labels["to"], request.authority)]
    if request.focal_point:
        head.append((labels["focal_point"], request.focal_point))
    head.append((labels["date"], long_date(request.date)))
    if request.deadline is not None:
        head.append((labels["deadline"], long_date(request.deadline)))
    head.append((labels["plan"], request.plan_title))
    return head


def render_html(request: ReplyRequest) -> str:
    labels = request.labels
    head = _head(request)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(request.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(request.title)} — {_e(request.authority)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(request.title)}</h1>",
        "<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in head) + "</dl>",
        f'<p class="text">{_e(request.intro)}</p>',
        f"<h2>{_e(labels['recommendations'])}</h2>",
    ]
    for number, item in enumerate(request.items, start=1):
        out.append('<section class="item">')
        out.append(f"<h3>{number}. {_e(item.reference)}</h3>")
        out.append(f'<p class="text">{_e(item.recommendation.text)}</p>')
        if item.deadline is not None:
            out.append(
                f"<p>{_e(labels['deadline'])}{_e(_colon())}{_e(long_date(item.deadline))}</p>"
            )
        if item.recorded:
            out.append(
                f'<p class="recorded">{_e(labels["recorded"])}{_e(_colon())}{_e(item.recorded)}</p>'
            )
        out.append("</section>")
    out.append(f'<p class="text">{_e(request.closing)}</p>')
    if request.contacts:
        out.append(f"<h2>{_e(labels['contacts'])}</h2>")
        out.append("<ul>" + "".join(f"<li>{_e(c)}</li>" for c in request.contacts) + "</ul>")
    out.extend(["</body>", "</html>"])
    return "\n".join(out) + "\n"


def _colon() -> str:
    # French typography: a no-break space before the colon.
    return "\u00a0: " if current_language() == "fr" else ": "


def reply_request(plan: Plan, stakeholder_id: str, today: dt.date, *, html: bool = False) -> str:
    """The request as Markdown, or as HTML with `html`; see :func:`build_request`."""
    request = build_request(plan, stakeholder_id, today)
    with _language(plan):
        return render_html(request) if html else render_markdown(request)


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def default_output_path(plan_path: Path | str, stakeholder_id: str, *, html: bool = False) -> Path:
    """In `exports/` beside the plan, like every export: `exports/plan-reply-request-min-int.md`
    (or `.html`); the folder is made by :func:`write_reply_request`."""
    from planwizard.exports import EXPORTS_DIR

    path = Path(plan_path)
    name = _UNSAFE_NAME.sub("-", stakeholder_id).strip("-") or "authority"
    return (
        path.parent
        / EXPORTS_DIR
        / (f"{path.stem}-reply-request-{name}" + (".html" if html else ".md"))
    )


def write_reply_request(
    plan: Plan,
    plan_path: Path | str,
    stakeholder_id: str,
    today: dt.date,
    *,
    html: bool = False,
    output: Path | str | None = None,
) -> Path:
    """Write the request beside the plan, or to `output`; return the path written.

    Raises :class:`ReplyRequestError` for a request that cannot be written (see
    :func:`build_request`), for an output that is the plan itself, or when the file
    cannot be written.
    """
    text = reply_request(plan, stakeholder_id, today, html=html)
    return _write(text, plan_path, stakeholder_id, html=html, output=output)


def write_reply_requests(
    plan: Plan, plan_path: Path | str, stakeholder_id: str, today: dt.date
) -> list[Path]:
    """:func:`write_reply_request` in both formats, Markdown then HTML to print, from
    one request built once; the paths written. Raises :class:`ReplyRequestError`."""
    request = build_request(plan, stakeholder_id, today)
    with _language(plan):
        texts = [render_markdown(request), render_html(request)]
    return [
        _write(text, plan_path, stakeholder_id, html=html)
        for text, html in zip(texts, (False, True), strict=True)
    ]


def _write(
    text: str,
    plan_path: Path | str,
    stakeholder_id: str,
    *,
    html: bool,
    output: Path | str | None = None,
) -> Path:
    from planwizard.exports import ExportError, exports_folder
    from planwizard.storage import replace_file

    if output is None:
        try:
            exports_folder(plan_path)
        except ExportError as exc:
            raise ReplyRequestError(str(exc)) from None
        target = default_output_path(plan_path, stakeholder_id, html=html)
    else:
        target = Path(output)
    if not target.is_symlink() and target.resolve() == Path(plan_path).resolve():
        raise ReplyRequestError(
            _("{path}: this is the plan itself; choose another output").format(path=target)
        )
    try:
        # A new file renamed over the path: a symbolic link there is replaced, never
        # written through (see storage.replace_file).
        replace_file(target, text.encode("utf-8"))
    except OSError as exc:
        raise ReplyRequestError(
            _("{path}: cannot write the export: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
        ) from None
    return target
