"""The plan as one self-contained HTML page that prints well on A4.

Nothing is loaded from elsewhere (inline styles, system fonts, no script), and a
Content-Security-Policy forbids it anyway, so the page opens offline and a hostile
plan cannot make it fetch or run anything. Every string is HTML-escaped, ours too.
"""

from __future__ import annotations

from html import escape

from planwizard.exports.report import (
    Block,
    Bullets,
    Fields,
    Note,
    Paragraph,
    Report,
    Section,
    Table,
    field_or_missing,
)

# Each step of the method starts a new printed page; a table row is never cut across
# two pages and a long table repeats its header row on the next.
STYLE = """
@page { size: A4; margin: 18mm 16mm; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 11pt; line-height: 1.4; color: #111; background: #fff; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.7em; margin: 0 0 .5em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #333; padding-bottom: .15em; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
h4 { font-size: 1em; margin-top: 1em; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
section.step { break-before: page; page-break-before: always; }
section.step:first-of-type { break-before: auto; page-break-before: auto; }
.text, td, dd { white-space: pre-line; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: .5em 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.note { font-style: italic; color: #555; }
.version { font-weight: 600; border-left: 4px solid #555; padding: .2em .6em; }
.version.team { border-color: #b00; color: #700; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .95em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
@media print {
  body { max-width: none; padding: 0; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(text: str) -> str:
    return escape(text, quote=True)


def render_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f'<p class="text">{_e(block.text)}</p>'
    if isinstance(block, Note):
        return f'<p class="note">{_e(block.text)}</p>'
    if isinstance(block, Fields):
        rows = "".join(
            f"<dt>{_e(label)}</dt><dd>{_e(field_or_missing(value))}</dd>"
            for label, value in block.rows
        )
        return f"<dl>{rows}</dl>"
    if isinstance(block, Bullets):
        items = "".join(f'<li class="text">{_e(item)}</li>' for item in block.items)
        return f"<ul>{items}</ul>"
    return _table(block)


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in table.headers)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _section(section: Section, level: int, out: list[str]) -> None:
    out.append(f"<h{level}>{_e(section.title)}</h{level}>")
    out.extend(render_block(block) for block in section.blocks)
    for sub in section.subsections:
        _section(sub, level + 1, out)


def render_html(report: Report, lang: str) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="version {_e(report.audience)}">{_e(report.version_note)}</p>',
        render_block(report.meta),
        "</header>",
    ]
    for section in report.sections:
        out.append('<section class="step">')
        _section(section, 2, out)
        out.append("</section>")
    out.extend(["</body>", "</html>"])
    return "\n".join(out) + "\n"
