"""Who an export is for: the partners' version (the default) never carries what the
group said about the people it works with, nor its parking lot and internal notes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from planwizard.exports import default_output_path, export_bytes
from planwizard.model import ParkingItem, Plan
from planwizard.storage import load_plan
from tests.export_samples import example_paths, rich_plan


def internal_texts(plan: Plan) -> list[str]:
    """The stakeholder analysis, the parking lot, the internal notes and the follow-up
    strategies of recommendations, as typed."""
    found = [
        text for s in plan.stakeholders for text in (s.trust, s.relationships, s.risks, s.champion)
    ]
    found += [plan.problem.notes]
    found += [u.note for r in plan.reviews for u in r.updates]
    found += [p.text for p in plan.parking_lot]
    # What the group agreed to do about an authority's recommendation (issue 18).
    found += [u.follow_up for r in plan.reviews for u in r.recommendations]
    return [t.strip() for t in found if t.strip()]


def with_parking(plan: Plan) -> Plan:
    plan = plan.model_copy(deep=True)
    plan.parking_lot.append(ParkingItem(id="p-1", text="Le commandant ne voit pas le problème"))
    return plan


def readable(data: bytes) -> str:
    """The export's words, whatever its escaping, with white space made plain."""
    text = html.unescape(data.decode("utf-8-sig"))
    text = re.sub(r"<[^>]+>|\\(?=[^\s\w])", " ", text)  # tags, Markdown's backslashes
    return plain(text.replace('""', '"'))


def plain(text: str) -> str:
    # Not str.split(): that would turn French no-break spaces into ordinary ones.
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def plans() -> list[tuple[str, Plan]]:
    named = [(p.name, with_parking(load_plan(p))) for p in example_paths()]
    return [*named, ("rich", with_parking(rich_plan()))]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
@pytest.mark.parametrize(("name", "plan"), plans(), ids=lambda v: v if isinstance(v, str) else "")
def test_partners_version_leaves_the_internal_analysis_out(
    name: str, plan: Plan, fmt: str, lang: str
) -> None:
    secrets = internal_texts(plan)
    assert secrets, name  # the examples do have an analysis to keep out
    partners = readable(export_bytes(plan, fmt, lang=lang))
    assert partners == readable(export_bytes(plan, fmt, lang=lang, audience="partners"))
    leaked = [text for text in secrets if plain(text) in partners]
    assert not leaked, f"{name} ({fmt}, {lang}): {leaked}"
    if fmt != "csv":
        team = readable(export_bytes(plan, fmt, lang=lang, audience="team"))
        missing = [text for text in secrets if plain(text) not in team]
        assert not missing, f"the team's version lacks {missing}"
        # Partners still see who the partners are.
        assert all(s.name.strip() in partners for s in plan.stakeholders if s.name.strip())


@pytest.mark.parametrize(
    ("lang", "partners", "team"),
    [
        ("en", "Partners version: without", "Team version: the whole plan"),
        (
            "fr",
            "Version pour les partenaires\u00a0: sans",
            "Version de l’équipe\u00a0: tout le plan",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_each_version_says_which_it_is_at_the_top(
    fmt: str, lang: str, partners: str, team: str
) -> None:
    for audience, words in (("partners", partners), ("team", team)):
        text = readable(export_bytes(rich_plan(), fmt, lang=lang, audience=audience))
        # Under the title, before the plan's details and its first step.
        heading = text.rindex("Référentiel d'orientation", 0, text.index(words))
        assert heading < text.index(words) < text.index("plan-rich-01"), audience


def test_the_team_version_is_named_so_and_others_are_not(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    assert default_output_path(plan, "md", audience="team").name == "plan-team.md"
    assert default_output_path(plan, "html").name == "plan.html"
    assert default_output_path(plan, "csv", audience="team").name == "plan-team.csv"
    # Nothing internal in a calendar or the readings: one file whoever reads it.
    assert default_output_path(plan, "ics", audience="team").name == "plan.ics"
    assert (
        default_output_path(plan, "csv", "indicators", audience="team").name
        == "plan-indicators.csv"
    )
