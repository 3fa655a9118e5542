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
    IndicatorChart,
    Note,
    Paragraph,
    Report,
    Section,
    StatusCounts,
    Table,
    field_or_missing,
)
from planwizard.i18n import _, with_unit

# A document, not a slideshow: steps follow one another (a heading is never left alone
# at the foot of a page), a table row is never cut across two pages and a long table
# repeats its header row. Words break between words, hyphenated by the browser in the
# page's language (`lang`), and a word is cut only when it is longer than a whole line.
STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 10pt; line-height: 1.3; color: #111; background: #fff; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .3em; line-height: 1.2; }
h2 { font-size: 1.3em; border-bottom: 2px solid #333; padding-bottom: .1em;
  margin: 1.1em 0 .4em; }
h3 { font-size: 1.08em; margin: .9em 0 .3em; }
h4 { font-size: 1em; margin: .8em 0 .3em; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, ul, dl { margin: .35em 0; }
.text, td, dd { white-space: pre-line; }
body { overflow-wrap: break-word; hyphens: auto; -webkit-hyphens: auto; }
th { hyphens: manual; }
dl { display: grid; grid-template-columns: fit-content(40%) 1fr; gap: .15em 1em; }
dt { font-weight: 600; }
dd { margin: 0; }
.note { font-style: italic; color: #555; }
.version { font-weight: 600; border-left: 4px solid #555; padding: .2em .6em; }
.version.team { border-color: #b00; color: #700; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: .92em; }
thead { display: table-header-group; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #999; padding: .2em .35em; text-align: left; vertical-align: top; }
th { background: #eee; }
section.summary { border: 1px solid #999; padding: 0 .8em .4em; margin: .6em 0 1em; }
section.summary h2 { border: 0; margin-top: .5em; }
.bar { display: block; width: 100%; height: 1.1em; margin: .3em 0 .1em; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2em 1.2em; }
.legend .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em;
  vertical-align: -.05em; }
.charts { display: flex; flex-wrap: wrap; gap: .3em 1.5em; }
figure { margin: .3em 0; width: 20em; }
figcaption { font-size: .9em; font-weight: 600; }
figure svg { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 9px; fill: #333; }
@media print {
  body { max-width: none; padding: 0; }
  th, .bar, .legend, figure { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

#: Each action status's colour, in the bar and its legend.
STATUS_COLOURS = {
    "planned": "#a0aec0",
    "in-progress": "#3182ce",
    "done": "#2f855a",
    "blocked": "#c53030",
    "dropped": "#e2e8f0",
}

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
    if isinstance(block, StatusCounts):
        return status_bar(block)
    if isinstance(block, IndicatorChart):
        return indicator_chart(block)
    return _table(block)


def status_bar(block: StatusCounts) -> str:
    """Actions by status as one bar (SVG, no script), with a legend that says the counts."""
    total = sum(count for _s, _l, count in block.counts) or 1
    x = 0.0
    rects: list[str] = []
    for status, label, count in block.counts:
        if not count:
            continue
        width = 100 * count / total
        colour = STATUS_COLOURS.get(status, "#777")
        rects.append(
            f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="10" fill="{colour}">'
            f"<title>{_e(label)} {count}</title></rect>"
        )
        x += width
    legend = "".join(
        f'<li><span class="swatch" style="background:{STATUS_COLOURS.get(status, "#777")}">'
        f"</span>{_e(label)} {count}</li>"
        for status, label, count in block.counts
        if count
    )
    return (
        f"<h3>{_e(_('Actions'))}</h3>"
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{_e(_("Actions by status"))}">{"".join(rects)}</svg>'
        f'<ul class="legend">{legend}</ul>'
    )


def indicator_chart(chart: IndicatorChart) -> str:
    """An indicator's readings as a small line chart against its baseline and target."""
    width, height, left, right, top, bottom = 300, 100, 8, 8, 14, 16
    values = [v for _d, v in chart.points]
    bounds = [*values, *(v for v in (chart.baseline, chart.target) if v is not None)]
    low, high = min(bounds), max(bounds)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad

    def y(value: float) -> float:
        return top + (high - value) / (high - low) * (height - top - bottom)

    span = width - left - right
    count = len(chart.points)

    def x(index: int) -> float:
        return left + (span * index / (count - 1) if count > 1 else span / 2)

    parts: list[str] = []
    for value, label, colour in (
        (chart.baseline, _("baseline {value}"), "#888"),
        (chart.target, _("target {value}"), "#2f855a"),
    ):
        if value is None:
            continue
        text = label.format(value=with_unit(value, chart.unit))
        parts.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" '
            f'stroke="{colour}" stroke-width="1" stroke-dasharray="4 3"/>'
            f'<text x="{width - right}" y="{y(value) - 3:.1f}" text-anchor="end" '
            f'fill="{colour}">{_e(text)}</text>'
        )
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{line}" fill="none" stroke="#3182ce" stroke-width="2"/>')
    for index, (day, value) in enumerate(chart.points):
        parts.append(
            f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2.8" fill="#3182ce">'
            f"<title>{_e(day)}: {_e(with_unit(value, chart.unit))}</title></circle>"
        )
    first, last = chart.points[0][0], chart.points[-1][0]
    parts.append(f'<text x="{left}" y="{height - 5}">{_e(first)}</text>')
    if count > 1:
        parts.append(
            f'<text x="{width - right}" y="{height - 5}" text-anchor="end">{_e(last)}</text>'
        )
    caption = _("{name}: latest {value}").format(
        name=" ".join(chart.name.split()), value=with_unit(values[-1], chart.unit)
    )
    return (
        f"<figure><figcaption>{_e(caption)}</figcaption>"
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(caption)}">'
        f"{''.join(parts)}</svg></figure>"
    )


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in table.headers)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _section(section: Section, level: int, out: list[str]) -> None:
    out.append(f"<h{level}>{_e(section.title)}</h{level}>")
    charts: list[str] = []
    for block in section.blocks:
        if isinstance(block, IndicatorChart):
            charts.append(render_block(block))
            continue
        if charts:
            out.append('<div class="charts">' + "".join(charts) + "</div>")
            charts = []
        out.append(render_block(block))
    if charts:
        out.append('<div class="charts">' + "".join(charts) + "</div>")
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
    for number, section in enumerate(report.sections):
        # The first section is the summary, for a reader with one page.
        out.append('<section class="summary">' if number == 0 else '<section class="step">')
        _section(section, 2, out)
        out.append("</section>")
    out.extend(["</body>", "</html>"])
    return "\n".join(out) + "\n"
