"""The HTML report printed as a ministry would receive it: headless Chromium, A4.

Skipped where Chromium is not installed (`apt-get install chromium`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from planwizard.exports import export_plan
from planwizard.storage import load_plan
from tests.conftest import EXAMPLE_PLANS

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF: its `/Type /Page` objects (not `/Pages`, their tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_page_count_of_a_pdf() -> None:
    assert pdf_pages(b"<< /Type /Pages /Kids [] >> << /Type /Page >> <</Type/Page>>") == 2


def print_to_pdf(html: str, tmp_path: Path) -> bytes:
    assert CHROMIUM is not None
    page, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize(
    "name",
    [
        "orientation-victimes.toml",
        "detention-recommendations-follow-up.toml",
        # With the recommendations section (issue 18).
        "suivi-recommandations-mnp.toml",
    ],
)
def test_an_example_plan_prints_on_at_most_three_a4_pages(name: str, tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE_PLANS / name)
    html = export_plan(plan, "html")  # the partners' version, in the plan's language
    assert isinstance(html, str)
    pages = pdf_pages(print_to_pdf(html, tmp_path))
    assert 1 <= pages <= 3, f"{name} prints on {pages} pages"
