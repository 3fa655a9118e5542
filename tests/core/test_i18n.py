"""The interface language: how it is chosen, and dates as people write them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.i18n import detect_language, long_date, set_language, short_date


@pytest.mark.parametrize(
    ("requested", "environ", "expected"),
    [
        ("fr", {"PLANWIZARD_LANG": "en", "LANG": "en_GB.UTF-8"}, "fr"),
        (None, {"PLANWIZARD_LANG": "fr", "LANG": "en_GB.UTF-8"}, "fr"),
        (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
        ("xx", {}, "en"),
    ],
)
def test_language_choice_order(
    requested: str | None, environ: dict[str, str], expected: str
) -> None:
    assert detect_language(requested, environ) == expected


def test_unknown_language_falls_back_to_english() -> None:
    assert set_language("de") == "en"


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (dt.date(2027, 3, 15), "fr", "15 mars 2027"),
        (dt.date(2027, 3, 15), "en", "15 Mar 2027"),
        (dt.date(2027, 8, 1), "fr", "1er août 2027"),
        (dt.date(2028, 2, 29), "en", "29 Feb 2028"),
    ],
)
def test_long_dates(day: dt.date, language: str, expected: str) -> None:
    assert long_date(day, language) == expected


def test_parsed_catalogue_is_cached_and_a_broken_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwizard.i18n import catalogue

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    catalogue.cache_clear()
    try:
        fresh = dict(catalogue("fr"))
        cached_file = tmp_path / "planwizard" / "catalogue-fr.json"
        assert cached_file.exists()
        catalogue.cache_clear()
        assert dict(catalogue("fr")) == fresh  # read back from the cache
        cached_file.write_text("{not json", encoding="utf-8")
        catalogue.cache_clear()
        assert dict(catalogue("fr")) == fresh  # parsed again, cache rewritten
        assert json.loads(cached_file.read_text(encoding="utf-8"))["messages"] == fresh
        assert fresh["Problem analysis"] == "Analyse du problème"
    finally:
        catalogue.cache_clear()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_dates_in_words_name_the_day_month_and_year(day: dt.date) -> None:
    for language in ("en", "fr"):
        long, short = long_date(day, language), short_date(day, language)
        for text in (long, short):
            assert "-" not in text and "/" not in text  # never ISO
            number, _month, year = text.split(" ")
            assert int(number.removesuffix("er")) == day.day and int(year) == day.year
            assert (number == "1er") == (language == "fr" and day.day == 1)
        assert len(short) <= len(long) and len(short) <= 14
    assert short_date(day, "fr").split(" ")[1].rstrip(".") in long_date(day, "fr")
