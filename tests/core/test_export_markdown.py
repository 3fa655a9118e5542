"""The Markdown report: every section, plan text shown as written, tables intact.

Reports are read back through a CommonMark renderer with raw HTML allowed (as many
wikis do): whatever the plan says must come out as text, never as tags or links.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from planwizard.exports import export_plan
from planwizard.exports.markdown import cell, render_markdown
from planwizard.exports.report import Report, Section, Table, build_report
from planwizard.model import Plan
from planwizard.text import strip_control
from tests.export_samples import HOSTILE, all_plans, hostile_plan, rich_plan

SECTIONS = [
    "## Problem analysis",
    "### The problem",
    "### Diagnosis",
    "### Stakeholders",
    "## Visualising the change",
    "### Outcomes that will show the change",
    "## Planning",
    "### Actions",
    "### Documentation",
    "## Monitoring",
    "### Indicators",
    "### Review history",
]


class Rendered(HTMLParser):
    """The HTML a Markdown renderer made: its tags, its text, its table rows."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.chunks: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "br":
            self.chunks.append("\n")
            if self._cell is not None:
                self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def render(markdown: str) -> Rendered:
    return Rendered(MarkdownIt("commonmark").enable("table").render(markdown))


def words(text: str) -> str:
    return " ".join(strip_control(text).split())


@pytest.mark.parametrize(
    ("name", "plan"), all_plans(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_section_is_present_in_order(name: str, plan: Plan) -> None:
    report = export_plan(plan, "md", lang="en", audience="team")
    assert isinstance(report, str)
    lines = report.splitlines()
    positions = [lines.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions), name
    assert lines[0].startswith("# ")


def test_contract_example_shows_its_content() -> None:
    plan = all_plans()[0][1]
    text = render(export_plan(plan, "md", lang="en", audience="team")).text
    assert words(plan.title) in text
    assert "needs a higher authority" in text  # the diagnostic answer, as a label
    for action in plan.actions:
        assert words(action.title) in text
    assert "15 (15 Dec 2026)" in text  # latest reading with its review date
    assert "7%" in text  # progress from 10 towards 80
    assert "Review of 15 Dec 2026" in text
    assert "Association des juristes" in text  # who documents
    assert "Direction régionale de la santé" in text  # to whom


def test_actions_table_has_one_row_per_action_with_its_fields() -> None:
    plan = rich_plan()
    tables = render(export_plan(plan, "md", lang="en", audience="team")).rows
    header = next(row for row in tables if row[:3] == ["Action", "Owner", "Due"])
    start = tables.index(header)
    rows = tables[start + 1 : start + 1 + len(plan.actions)]
    assert [row[0] for row in rows] == [a.title for a in plan.actions]
    # Kind before Level, as on the step screen and in the CSV (issue 16).
    assert header == ["Action", "Owner", "Due", "Status", "Kind", "Level", "Strategy"]
    assert rows[1] == [
        "Former l'accueil",
        "Police",
        "28 Feb 2027",
        "in progress",
        "systemic",
        "regional",
        "",
    ]


def test_review_history_is_oldest_first_with_updates_and_readings() -> None:
    lines = export_plan(rich_plan(), "md", lang="en", audience="team").splitlines()
    reviews = [line for line in lines if line.startswith("#### Review of")]
    assert reviews == [
        "#### Review of 15 Nov 2026",
        "#### Review of 15 Dec 2026",
        "#### Review of 12 Jan 2027",
    ]
    text = render("\n".join(lines)).text
    assert "Formateur absent" in text and "Reprogrammée en février" in text
    assert "48 heures" in text and "50%" in text  # 72 -> 48 of the way to 24


def test_plan_without_content_says_what_is_missing() -> None:
    from planwizard.model import new_plan

    text = render(export_plan(new_plan("Vide"), "md", lang="en", audience="team")).text
    for note in ("No problem statement yet.", "No action yet.", "No review yet."):
        assert note in text


def test_hostile_text_shows_as_written_and_never_as_markup() -> None:
    plan = hostile_plan()
    markdown = export_plan(plan, "md", lang="en", audience="team")
    assert isinstance(markdown, str)
    assert "\x1b" not in markdown and "\x07" not in markdown
    rendered = render(markdown)
    tags = {tag for tag, _ in rendered.tags}
    assert tags <= {"h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "em"} | {
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
    }
    # Only our own labels are bold, only our own notes italic.
    assert all(not attrs for _, attrs in rendered.tags)
    for text in HOSTILE:
        assert words(text) in rendered.text, text
    width = {len(row) for row in rendered.rows}
    assert all(len(row) in {3, 4, 6, 7, 8} for row in rendered.rows), width


def test_pipe_in_a_title_stays_in_its_cell() -> None:
    plan = rich_plan()
    plan.actions[0].title = "Police | santé\nfoyer | mairie"
    markdown = export_plan(plan, "md", lang="en", audience="team")
    assert isinstance(markdown, str)
    table = [line for line in markdown.splitlines() if "10 Jan 2027" in line]
    assert len(table) == 1 and "Police \\| santé" in table[0]
    # Seven columns: eight unescaped pipes on the row, like on the header row.
    row = table[0].replace("\\|", "")
    assert row.count("|") == 8
    rows = render(markdown).rows
    action_row = next(r for r in rows if "10 Jan 2027" in r)
    assert action_row[:3] == ["Police | santé\nfoyer | mairie", "Foyer Étoile", "10 Jan 2027"]


# No deadline: a slow machine shared with other work is not a failure.
@settings(deadline=None)
@given(st.text())
@example("a\\|b \\\\| c")
@example("&copy; &#65; &amp;")
@example("`|` **|** [|](|)")
def test_any_text_stays_one_cell_and_reads_back(text: str) -> None:
    report = Report("t", build_report(rich_plan()).meta, [])
    report.sections.append(
        Section("s", [Table(["a", "b", "c"], [["x", strip_control(text), "y"]])])
    )
    rows = render(render_markdown(report)).rows
    assert rows[-1][0] == "x" and rows[-1][2] == "y"
    assert words(rows[-1][1]) == words(text)


# No deadline: a slow machine shared with other work is not a failure.
@settings(deadline=None)
@given(st.text())
@example("x\n# h\n- l\n1) o\n===\n    code\n> q\n<div>")
def test_any_text_as_a_paragraph_reads_back(text: str) -> None:
    plan = rich_plan()
    plan.vision.statement = "Vision: " + text
    rendered = render(export_plan(plan, "md", lang="en", audience="team"))
    assert {tag for tag, _ in rendered.tags} <= {
        *("h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "em", "br"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
    assert words("Vision: " + text) in rendered.text


def test_cell_escapes_pipes_and_keeps_line_breaks() -> None:
    assert cell("a|b\nc") == "a\\|b<br>c"
