"""The report's recommendations section (issue 18): per recommendation its text, source,
authorities, position, reply (overdue on the report's date), actions and implementation
over the reviews; the reasons and follow-up only in the team's version; plan text shown
as written in Markdown and in HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.exports import export_plan
from planwizard.model import (
    Action,
    Plan,
    Recommendation,
    RecommendationUpdate,
    Review,
    Stakeholder,
)
from planwizard.storage import load_plan
from tests.conftest import CONTRACT_EXAMPLE, EXAMPLE_PLANS
from tests.core.test_export_html import ALLOWED_TAGS, Page
from tests.core.test_export_markdown import render, words
from tests.export_samples import HOSTILE, hostile_plan, rich_plan

TODAY = dt.date(2027, 1, 15)
ENGLISH = EXAMPLE_PLANS / "npm-recommendations-follow-up.toml"
FRENCH = EXAMPLE_PLANS / "suivi-recommandations-mnp.toml"


def section(markdown: str) -> str:
    """The Markdown from the recommendations section's heading to the end."""
    start = markdown.index("\n## Recommendations\n")
    return markdown[start:]


def markdown_of(path: Path = ENGLISH, audience: str = "team", today: dt.date = TODAY) -> str:
    text = export_plan(load_plan(path), "md", audience=audience, today=today)
    assert isinstance(text, str)
    return text


def test_each_recommendation_with_its_reply_actions_and_implementation() -> None:
    text = section(markdown_of())
    rendered = render(text)
    rows = rendered.rows
    # The table first: one row per recommendation, where each stands today.
    assert rows[0] == ["Recommendation", "Addressed to", "Position", "Reply", "Implementation"]
    assert rows[1] == [
        "para. 14",
        "Ministry of the Interior, Ministry of Health",
        "accepted",
        "received 30 Mar 2026",
        "partially implemented (10 Feb 2027)",
    ]
    # The reply to § 21 was due on 21 March 2026: on the report's day it is overdue.
    assert rows[2][3] == "OVERDUE: due 21 Mar 2026, 300 days late"
    # Then each in full.
    assert "### Recommendation para. 14" in text and "### Recommendation para. 21" in text
    plain = rendered.text
    assert "Guarantee a medical examination on arrival for every person held" in plain
    assert "Source: NPM annual report 2026" in plain
    assert "Issued: 20 Jan 2026" in plain
    assert "Position: accepted" in plain
    assert "Priority: high priority" in plain
    assert "Reply summary: Accepted; a circular is being prepared, no timetable given." in plain
    assert ["Action implementing it", "Due", "Status"] in rows
    assert [
        "Round table of police, health and justice on the medical examination on arrival",
        "31 Oct 2026",
        "in progress",
    ] in rows
    assert ["Review", "Implementation", "Done", "Not done", "Why", "Follow-up"] in rows
    assert [
        "10 Feb 2027",
        "partially implemented",
        "Common form adopted in two pilot provinces.",
        "No national circular.",
        "budget, resistance",
        "Present the pilot provinces' results to the minister; ask for a budget line.",
    ] in rows
    assert ["10 Feb 2027", "not started", "", "", "not understood", rows[-1][5]] in rows


def test_the_reply_is_overdue_against_the_reports_date() -> None:
    before = section(markdown_of(today=dt.date(2026, 3, 1)))
    assert "due by 21 Mar 2026" in before and "OVERDUE" not in before
    day_after = section(markdown_of(today=dt.date(2026, 3, 22)))
    assert "OVERDUE: due 21 Mar 2026, 1 day late" in day_after


def test_implementation_over_several_reviews_oldest_first() -> None:
    plan = load_plan(ENGLISH)
    plan.reviews.insert(
        0,
        Review(
            date=dt.date(2026, 6, 1),
            recommendations=[
                RecommendationUpdate(
                    recommendation="r-2026-14",
                    implementation="not-started",
                    why=["capacity", "legal-obstacle", "other"],
                )
            ],
        ),
    )
    text = export_plan(plan, "md", audience="team", today=TODAY)
    assert isinstance(text, str)
    rows = render(section(text)).rows
    history = [row for row in rows if row[0] in ("1 Jun 2026", "10 Feb 2027") and len(row) == 6]
    assert [row[:2] for row in history[:2]] == [
        ["1 Jun 2026", "not started"],
        ["10 Feb 2027", "partially implemented"],
    ]
    assert history[0][4] == "capacity, legal obstacle, other reason"
    # The overview says where it stood at the last review.
    assert rows[1][4] == "partially implemented (10 Feb 2027)"


def test_a_recommendation_nothing_implements_and_no_review_assessed() -> None:
    plan = load_plan(ENGLISH)
    plan.recommendations.append(Recommendation(id="rec-new", text="Train the custody officers."))
    text = export_plan(plan, "md", audience="team", today=TODAY)
    assert isinstance(text, str)
    part = section(text)
    assert "### Recommendation rec-new" in part  # no reference: named by its id
    rendered = render(part[part.index("### Recommendation rec-new") :]).text
    assert "No action implements it yet." in rendered
    assert "Not assessed at a review yet." in rendered
    assert "Position: no reply yet" in rendered
    assert "Written reply: —" in rendered
    assert ["rec-new", "", "no reply yet", "", "not assessed yet"] in render(part).rows


def test_partners_version_leaves_out_reasons_follow_up_and_priority() -> None:
    partners = section(markdown_of(audience="partners"))
    team = section(markdown_of(audience="team"))
    for internal in ("ask for a budget line", "resistance", "not understood", "high priority"):
        assert internal in team
        assert internal not in partners, internal
    assert "without the reasons noted at reviews" in partners
    # What the authority itself said and what was done stay.
    for shared in ("Accepted; a circular is being prepared", "No national circular."):
        assert shared in partners
    rows = render(partners).rows
    assert ["Review", "Implementation", "Done", "Not done"] in rows


def test_in_the_plans_language_french() -> None:
    text = markdown_of(FRENCH)
    part = text[text.index("\n## Recommandations\n") :]
    rows = render(part).rows
    assert rows[0] == ["Recommandation", "Destinataires", "Position", "Réponse", "Mise en œuvre"]
    assert rows[2][3] == "EN RETARD\u00a0: attendue le 21 mars 2026, 300 jours de retard"
    assert rows[1][3] == "reçue le 30 mars 2026"
    assert "### Recommandation § 14" in part
    assert "budget, résistances" in render(part).text


@pytest.mark.parametrize("path", [CONTRACT_EXAMPLE, EXAMPLE_PLANS / "orientation-victimes.toml"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_section_in_a_plan_without_recommendations(path: Path, fmt: str) -> None:
    plan = load_plan(path)
    assert not plan.recommendations
    for lang, title in (("en", "Recommendations"), ("fr", "Recommandations")):
        text = export_plan(plan, fmt, lang=lang, audience="team", today=TODAY)
        assert isinstance(text, str)
        assert f"## {title}\n" not in text and f"<h2>{title}</h2>" not in text


def hostile_recommendations() -> Plan:
    """A plan whose recommendations, authorities, actions and review hold hostile text."""
    plan = hostile_plan()
    plan.stakeholders.append(Stakeholder(id="s-auth", name=HOSTILE[5] + " " + HOSTILE[16]))
    plan.recommendations = [
        Recommendation(
            id=f"rec-{n}",
            text=text,
            source=HOSTILE[(n + 1) % len(HOSTILE)],
            reference=HOSTILE[(n + 2) % len(HOSTILE)],
            addressed_to=["s-auth", "s-0"],
            reply_due=dt.date(2026, 12, 1),
            reply_summary=HOSTILE[(n + 3) % len(HOSTILE)],
        )
        for n, text in enumerate(HOSTILE)
    ]
    plan.actions.append(Action(id="a-rec", title=HOSTILE[14], recommendations=["rec-0"]))
    plan.reviews[0].recommendations = [
        RecommendationUpdate(
            recommendation=f"rec-{n}",
            implementation="partially",
            done=text,
            not_done=HOSTILE[(n + 4) % len(HOSTILE)],
            why=["resistance"],
            follow_up=HOSTILE[(n + 5) % len(HOSTILE)],
        )
        for n, text in enumerate(HOSTILE)
    ]
    return plan


def test_markdown_shows_hostile_text_as_written() -> None:
    markdown = export_plan(hostile_recommendations(), "md", lang="en", audience="team")
    assert isinstance(markdown, str)
    assert "\x1b" not in markdown and "\x07" not in markdown
    part = section(markdown)
    rendered = render(part)
    assert {tag for tag, _ in rendered.tags} <= {
        *("h2", "h3", "p", "ul", "li", "strong", "em", "br"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
    assert all(not attrs for _, attrs in rendered.tags)  # no link, no image
    for text in HOSTILE:
        assert words(text) in rendered.text, text
    # Every table keeps its columns: a pipe in the text stays in its cell.
    assert {len(row) for row in rendered.rows} <= {3, 5, 6}
    assert ["cell | with | pipes", "", "planned"] in rendered.rows


def test_html_escapes_hostile_text() -> None:
    html = export_plan(hostile_recommendations(), "html", lang="en", audience="team")
    assert isinstance(html, str)
    part = html[html.index("<h2>Recommendations</h2>") :]
    assert "<script" not in html and "<img" not in html and "\x1b" not in html
    page = Page(html)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    text = Page("<body>" + part).text
    for hostile in HOSTILE:
        assert words(hostile) in text, hostile
    assert "Recommendation &lt;script&gt;alert(1)&lt;/script&gt;" in part  # a heading


def test_html_has_the_section_after_the_four_steps() -> None:
    html = export_plan(load_plan(ENGLISH), "html", audience="partners", today=TODAY)
    assert isinstance(html, str)
    page = Page(html)
    assert page.headings.index("Recommendations") > page.headings.index("Monitoring")
    assert "Recommendation para. 21" in page.headings
    assert "OVERDUE: due 21 Mar 2026, 300 days late" in page.text
    assert "Common form adopted in two pilot provinces." in page.text
    assert "ask for a budget line" not in page.text  # the partners' version
    # The other plans' reports are as before.
    assert "Recommendations" not in Page(str(export_plan(rich_plan(), "html"))).headings


@settings(max_examples=25, deadline=None)
@given(text=st.text(), reference=st.text(), name=st.text())
def test_any_recommendation_text_reads_back_in_markdown(
    text: str, reference: str, name: str
) -> None:
    plan = load_plan(ENGLISH)
    plan.recommendations[0].text = "Text: " + text
    plan.recommendations[0].reference = "Ref " + reference
    plan.stakeholders[0].name = "Name " + name
    markdown = export_plan(plan, "md", audience="team", today=TODAY)
    assert isinstance(markdown, str)
    rendered = render(section(markdown))
    assert {tag for tag, _ in rendered.tags} <= {
        *("h2", "h3", "p", "ul", "li", "strong", "em", "br"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
    assert words("Text: " + text) in rendered.text
    assert {len(row) for row in rendered.rows} <= {3, 5, 6}
    assert words("Name " + name) in words(rendered.rows[1][1])
