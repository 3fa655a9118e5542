"""Exports of recommendations (issue 18): the request for a written reply to one
authority, the CSV of recommendations, reply deadlines in the calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.exports import default_output_path, export_bytes
from planwizard.exports.reply_request import (
    ReplyRequestError,
    build_request,
    reply_request,
    write_reply_request,
    write_reply_requests,
)
from planwizard.model import Plan
from planwizard.storage import load_plan
from tests.conftest import CONTRACT_EXAMPLE

RECS_EXAMPLE = CONTRACT_EXAMPLE.with_name("plan-format-recommendations.toml")
TODAY = dt.date(2027, 1, 15)


def recs_plan() -> Plan:
    return load_plan(RECS_EXAMPLE)


def hostile(plan: Plan) -> Plan:
    """The plan with text that tries markup, HTML and a terminal escape."""
    plan.stakeholders[0].name = "<script>alert(1)</script> *Intérieur* \x1b]0;pwn\x07"
    plan.stakeholders[0].focal_point = "# Point focal | [lien](http://x)"
    plan.recommendations[1].text = "1. Registre <b>unique</b>\n- & complet &amp;"
    return plan


# ------------------------------------------------------------------ reply request


def test_the_request_lists_what_is_addressed_to_the_authority_in_the_plans_language() -> None:
    markdown = reply_request(recs_plan(), "min-int", TODAY)
    assert markdown.startswith("# Demande de réponse écrite\n")
    assert "**Destinataire**\u00a0: Ministère de l'Intérieur  \n" in markdown
    assert "**Point focal**\u00a0: Point focal OPCAT, Inspection générale" in markdown
    assert "**Date**\u00a0: 15 janvier 2027" in markdown
    assert "### 1\\. Rapport annuel 2026 du MNP, § 14, 20 janvier 2026" in markdown
    assert "### 2\\. Rapport annuel 2026 du MNP, § 21, 20 janvier 2026" in markdown
    assert "Tenir un registre de garde à vue unique" in markdown
    # The deadline has passed: the letter is a reminder.
    assert "La réponse était attendue pour le 21 mars 2026" in markdown
    assert "- Miriam Osei (Dialogue de haut niveau avec les ministères)" in markdown
    assert "- Équipe de suivi (Échanges techniques avec les points focaux)" in markdown
    assert "position\u00a0: acceptée" in markdown  # what is already recorded


def test_an_authority_gets_only_its_recommendations_and_the_deadline_to_come() -> None:
    plan = recs_plan()
    plan.recommendations[0].reply_received = None
    plan.recommendations[0].reply_due = dt.date(2027, 3, 1)
    request = build_request(plan, "min-sante", TODAY)
    assert [i.recommendation.id for i in request.items] == ["r-2026-14"]
    assert request.deadline == dt.date(2027, 3, 1)
    assert request.contacts == ("Miriam Osei (Dialogue de haut niveau avec les ministères)",)
    assert "Merci de nous la faire parvenir d’ici le 1er mars 2027." in request.intro


def test_an_english_plan_gets_an_english_request() -> None:
    plan = recs_plan()
    plan.language = "en"
    markdown = reply_request(plan, "min-int", TODAY)
    assert markdown.startswith("# Request for a written reply\n")
    assert "**To**: Ministère de l'Intérieur" in markdown
    assert "**Reply requested by**: 21 Mar 2026" in markdown


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("min-justice", "'min-justice' is not a stakeholder of the plan"),
        ("s-new", "no recommendation of the plan is addressed to Nouveau"),
    ],
)
def test_a_request_that_cannot_be_written(to: str, message: str) -> None:
    plan = recs_plan()
    plan.language = "en"
    plan.stakeholders.append(plan.stakeholders[0].model_copy(update={"id": "s-new"}))
    plan.stakeholders[-1].name = "Nouveau"
    with pytest.raises(ReplyRequestError, match=message):
        build_request(plan, to, TODAY)


def test_markdown_shows_plan_text_as_written() -> None:
    markdown = reply_request(hostile(recs_plan()), "min-int", TODAY)
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert "\\<script\\>alert(1)\\</script\\> \\*Intérieur\\*" in markdown
    assert "\\# Point focal \\| \\[lien\\](http://x)" in markdown
    assert "\n1\\. Registre \\<b\\>unique\\</b\\>\n\\- & complet \\&amp;\n" in markdown


def test_html_is_self_contained_printable_and_escaped() -> None:
    page = reply_request(hostile(recs_plan()), "min-int", TODAY, html=True)
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "default-src &#x27;none&#x27;" in page  # loads nothing, runs nothing
    assert "<script>" not in page and "<b>" not in page and "\x1b" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *Intérieur*" in page
    assert "1. Registre &lt;b&gt;unique&lt;/b&gt;\n- &amp; complet &amp;amp;" in page
    assert "@page { size: A4;" in page
    assert "<h1>Demande de réponse écrite</h1>" in page


def test_written_in_exports_never_over_the_plan_or_through_a_link(tmp_path: Path) -> None:
    plan_path = tmp_path / "suivi.toml"
    plan_path.write_bytes(RECS_EXAMPLE.read_bytes())
    plan = load_plan(plan_path)
    target = write_reply_request(plan, plan_path, "min-int", TODAY, html=True)
    assert target == tmp_path / "exports" / "suivi-reply-request-min-int.html"
    assert "Ministère de l&#x27;Intérieur" in target.read_text(encoding="utf-8")
    with pytest.raises(ReplyRequestError, match="this is the plan itself"):
        write_reply_request(plan, plan_path, "min-int", TODAY, output=plan_path)
    assert plan_path.read_bytes() == RECS_EXAMPLE.read_bytes()
    # A committed link at the output (to the plan, or outside the folder) is replaced by
    # the request; what it pointed to is left as it was.
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "exports" / "suivi-reply-request-min-int.md"
    link.symlink_to(victim)
    written = write_reply_request(plan, plan_path, "min-int", TODAY)
    assert written == link and not link.is_symlink()
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_reply_request_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_path = tmp_path / "suivi.toml"
    plan_path.write_bytes(RECS_EXAMPLE.read_bytes())
    out = io.StringIO()
    assert main(["reply-request", str(plan_path), "--to", "min-int"], out=out) == 0
    written = tmp_path / "exports" / "suivi-reply-request-min-int.md"
    assert out.getvalue() == f"exported to {written}\n"
    assert written.read_text(encoding="utf-8").startswith("# Demande de réponse écrite")
    out = io.StringIO()
    assert main(["reply-request", str(plan_path), "--to", "min-int", "-o", "-"], out=out) == 0
    assert out.getvalue() == written.read_text(encoding="utf-8")
    assert main(["reply-request", str(plan_path), "--to", "x"], out=io.StringIO()) == 1
    assert "'x' is not a stakeholder of the plan" in capsys.readouterr().err


# ------------------------------------------------------------------ CSV and calendar


def test_csv_one_row_per_recommendation() -> None:
    data = export_bytes(hostile(recs_plan()), "csv", "recommendations", lang="en", audience="team")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, first, second = rows
    row = dict(zip(header, second, strict=True))
    assert row["Recommendation id"] == "r-2026-21"
    assert row["Reference"] == "§ 21" and row["Reply due"] == "2026-03-21"
    assert row["Position"] == "no reply yet" and row["Reply received"] == ""
    assert row["Addressed to"] == "<script>alert(1)</script> *Intérieur* ]0;pwn"
    assert row["Actions"] == "a-2d8b"
    assert (row["Last review"], row["Implementation"]) == ("2027-02-10", "not started")
    assert row["Why"] == "not understood"
    assert row["Recommendation"] == "1. Registre <b>unique</b>\n- & complet &amp;"
    first_row = dict(zip(header, first, strict=True))
    assert first_row["Actions"] == "a-2d8b; a-48ab"
    assert first_row["Why"] == "budget; resistance"
    assert default_output_path("plans/suivi.toml", "csv", "recommendations") == Path(
        "plans/exports/suivi-recommendations.csv"
    )


def test_the_partners_csv_leaves_out_the_groups_reasons_strategies_and_priorities() -> None:
    plan = recs_plan()
    assert any(r.priority for r in plan.recommendations)
    team, partners = (
        list(
            csv.reader(
                io.StringIO(
                    export_bytes(
                        plan, "csv", "recommendations", lang="en", audience=audience
                    ).decode("utf-8-sig")
                )
            )
        )
        for audience in ("team", "partners")
    )
    assert {"Why", "Follow-up", "Priority"} <= set(team[0])
    assert not {"Why", "Follow-up", "Priority"} & set(partners[0])
    assert len(partners) == len(team)  # every recommendation is still there
    shared = [h for h in team[0] if h in partners[0]]
    for team_row, partners_row in zip(team[1:], partners[1:], strict=True):
        by_team = dict(zip(team[0], team_row, strict=True))
        assert [by_team[h] for h in shared] == partners_row


def test_csv_cell_that_would_run_as_a_formula_is_text() -> None:
    plan = recs_plan()
    plan.recommendations[0].text = '=HYPERLINK("http://x")'
    rows = list(
        csv.reader(io.StringIO(export_bytes(plan, "csv", "recommendations", lang="en").decode()))
    )
    assert rows[1][3] == '\'=HYPERLINK("http://x")'


def test_calendar_has_reply_deadlines_with_stable_uids() -> None:
    text = (
        export_bytes(recs_plan(), "ics", lang="en", today=TODAY)
        .decode("utf-8")
        .replace("\r\n ", "")
    )
    assert "UID:reply-r-2026-21.suivi-mnp-2026-4b1e@planwizard" in text
    assert "UID:reply-r-2026-14.suivi-mnp-2026-4b1e@planwizard" in text
    assert "SUMMARY:Written reply due: § 21 — Suivi des recommandations" in text
    assert "DTSTART;VALUE=DATE:20260321" in text
    assert "Reply received: 2026-03-30" in text
    assert "Addressed to: Ministère de l'Intérieur\\, Ministère de la Santé" in text


def test_both_formats_from_one_request_are_what_each_one_writes(tmp_path: Path) -> None:
    plan_path = tmp_path / "suivi.toml"
    plan_path.write_bytes(RECS_EXAMPLE.read_bytes())
    plan = hostile(load_plan(plan_path))
    both = write_reply_requests(plan, plan_path, "min-int", TODAY)
    assert [p.suffix for p in both] == [".md", ".html"]
    texts = [p.read_bytes() for p in both]
    for html, text in zip((False, True), texts, strict=True):
        alone = write_reply_request(plan, plan_path, "min-int", TODAY, html=html)
        assert (
            alone.read_bytes()
            == text
            == reply_request(plan, "min-int", TODAY, html=html).encode("utf-8")
        )
    with pytest.raises(ReplyRequestError):
        write_reply_requests(plan, plan_path, "nobody", TODAY)
