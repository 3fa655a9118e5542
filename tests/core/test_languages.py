"""One source for the interface languages: the catalogues present (issue 16, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwizard.cli import build_parser
from planwizard.i18n import LANGUAGES, LOCALE_DIR, _languages_present, language_name


def test_the_languages_are_the_catalogues_present_english_first() -> None:
    present = {path.stem for path in LOCALE_DIR.glob("*.po")}
    assert set(LANGUAGES) == present and LANGUAGES[0] == "en"
    assert LANGUAGES == ("en", "fr")


def test_adding_a_language_is_adding_its_catalogue(tmp_path: Path) -> None:
    for code in ("fr", "es", "en"):
        (tmp_path / f"{code}.po").write_text("", encoding="utf-8")
    (tmp_path / "planwizard.pot").write_text("", encoding="utf-8")  # the template is none
    assert _languages_present(tmp_path) == ("en", "es", "fr")


def test_each_language_is_named_in_itself_by_its_catalogue() -> None:
    assert [language_name(code) for code in LANGUAGES] == ["English", "Français"]
    assert language_name("xx") == "xx"  # no catalogue: its code


def test_the_command_lines_lang_choices_are_the_languages() -> None:
    parser = build_parser()
    for code in LANGUAGES:
        assert parser.parse_args(["--lang", code, "check"]).lang == code
    with pytest.raises(SystemExit):
        parser.parse_args(["--lang", "xx", "check"])
