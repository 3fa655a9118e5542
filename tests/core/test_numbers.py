"""Figures in the interface language: `12,5` and `32,5 %` in French, `12.5` in English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.i18n import NBSP, format_number, with_unit

figures = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
)


def read_back(text: str, language: str) -> float:
    if language == "fr":
        return float(text.replace(NBSP, "").replace(",", "."))
    return float(text.replace(",", ""))


@settings(max_examples=200, deadline=None)
@given(figures, st.sampled_from(["en", "fr"]), st.booleans())
def test_a_figure_reads_back_as_itself(value: float, language: str, grouping: bool) -> None:
    text = format_number(value, language, grouping=grouping)
    assert read_back(text, language) == value
    assert "e" not in text.lower() and not text.endswith((".0", ",0"))
    if language == "fr":
        assert "." not in text  # the decimal comma, and no-break spaces between thousands
        assert " " not in text
    if not grouping:
        assert NBSP not in text and (language == "fr" or "," not in text)


@settings(max_examples=100, deadline=None)
@given(figures)
def test_percent_in_french_takes_a_no_break_space(value: float) -> None:
    text = with_unit(value, "%", "fr")
    assert text.endswith(NBSP + "%") and " %" not in text
    assert with_unit(value, "%", "en").endswith("%")


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (12.5, "fr", "12,5"),
        (12.5, "en", "12.5"),
        (15.0, "fr", "15"),
        (1500, "fr", "1500"),
        (12500, "fr", f"12{NBSP}500"),
        (12500, "en", "12,500"),
        (-1234567.25, "fr", f"-1{NBSP}234{NBSP}567,25"),
        (1e20, "en", "100,000,000,000,000,000,000"),
        (0.1, "fr", "0,1"),
    ],
)
def test_figures_as_people_write_them(value: float, language: str, expected: str) -> None:
    assert format_number(value, language) == expected


def test_units_stay_with_their_figure() -> None:
    assert with_unit(32.5, "%", "fr") == f"32,5{NBSP}%"
    assert with_unit(32.5, "%", "en") == "32.5%"
    assert with_unit(48, "heures", "fr") == f"48{NBSP}heures"
    assert with_unit(48, "", "fr") == "48"


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_a_french_export_writes_decimal_commas(fmt: str) -> None:
    import re

    from planwizard.exports import export_bytes
    from tests.export_samples import rich_plan

    what = "indicators" if fmt == "csv" else "actions"
    data = export_bytes(rich_plan(), fmt, what, lang="fr", audience="team")
    text = re.sub(r"<style>.*</style>", "", data.decode("utf-8-sig"), flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)  # what a reader sees, not the SVG's coordinates
    assert "32,5" in text
    assert not re.search(r"\d\.\d", text), re.findall(r".{20}\d\.\d.{20}", text)
    if fmt != "csv":
        assert f"32,5{NBSP}%" in text
