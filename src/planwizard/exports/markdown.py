"""The plan as a Markdown report, to paste in an email or a wiki.

Plan text must show as written, never as formatting: characters that Markdown (or the
HTML it allows) would interpret are backslash-escaped, a line that would start a
heading, list or quote has its first character escaped, and in a table cell a `|` is
escaped and a line break becomes `<br>`, so that the cell stays one cell.
"""

from __future__ import annotations

import re

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
from planwizard.i18n import _, format_number, with_unit

# Characters with a meaning anywhere in a line (emphasis, code, links, raw HTML, tables,
# strikethrough), and `&` when it would start a character reference such as `&lt;`.
_INLINE = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
# What makes a line a heading, a list item, a quote or a heading underline.
_LINE_START = re.compile(r"^([#+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def inline(text: str) -> str:
    """Escape text that goes inside a line."""
    return _INLINE.sub(lambda m: "\\" + m.group(0), text)


def _line(text: str) -> str:
    """One line of a block: leading spaces dropped (four would make a code block)."""
    escaped = inline(text.strip())
    escaped = _LINE_START.sub(r"\\\1", escaped)
    return _ORDERED.sub(r"\1\\\2", escaped)


def block_lines(text: str) -> list[str]:
    return [_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def cell(text: str) -> str:
    """A table cell: one line whatever the text, its `|` escaped by :func:`inline`."""
    lines = [inline(line.strip()) for line in text.replace("\r\n", "\n").split("\n")]
    return "<br>".join(line for line in lines)


def heading(level: int, text: str) -> str:
    # `#` is escaped too: a trailing run of them would be read as the heading's closing.
    return "#" * level + " " + inline(" ".join(text.split())).replace("#", "\\#")


def _label(label: str) -> str:
    # A label that is a question ("Single case or systemic?") takes no colon.
    text = inline(label)
    return text if label.rstrip().endswith(("?", ":")) else _("{label}:").format(label=text)


def _indented(lines: list[str], first: str, indent: str) -> str:
    """A list item: the first line after `first`, the others indented under it."""
    body = [first + lines[0]] + [indent + line if line else "" for line in lines[1:]]
    return "\n".join(body)


def render_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return "\n".join(block_lines(block.text))
    if isinstance(block, Note):
        return "*" + inline(block.text) + "*"
    if isinstance(block, Fields):
        return "\n".join(
            _indented(block_lines(field_or_missing(value)), f"- **{_label(label)}** ", "  ")
            for label, value in block.rows
        )
    if isinstance(block, Bullets):
        return "\n".join(_indented(block_lines(item), "- ", "  ") for item in block.items)
    if isinstance(block, StatusCounts):
        shown = " · ".join(f"{inline(label)} {count}" for _s, label, count in block.counts if count)
        return f"- **{_label(_('Actions'))}** {shown}"
    if isinstance(block, IndicatorChart):
        readings = " → ".join(
            f"{inline(day)} {format_number(value)}" for day, value in block.points
        )
        return "- **{}** {}".format(
            _label(" ".join(block.name.split())),
            _("{readings} (baseline {baseline}, target {target})").format(
                readings=readings,
                baseline=with_unit(block.baseline, inline(block.unit)) or "—",
                target=with_unit(block.target, inline(block.unit)) or "—",
            ),
        )
    return _table(block)


def _table(table: Table) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cell(c) for c in cells) + " |"

    lines = [row(table.headers), "|" + "|".join(" --- " for _ in table.headers) + "|"]
    lines.extend(row(r) for r in table.rows)
    return "\n".join(lines)


def _section(section: Section, level: int, out: list[str]) -> None:
    out.append(heading(level, section.title))
    out.extend(render_block(block) for block in section.blocks)
    for sub in section.subsections:
        _section(sub, level + 1, out)


def render_markdown(report: Report) -> str:
    out = [heading(1, report.title)]
    if report.version_note:
        out.append("*" + inline(report.version_note) + "*")
    out.append(render_block(report.meta))
    for section in report.sections:
        _section(section, 2, out)
    return "\n\n".join(out) + "\n"
