"""The gettext catalogues against the code: complete, current, and French as it is written.

When one of these fails after a change of wording in the code, run
`.venv/bin/python scripts/update_catalogues.py`, translate the new entries of fr.po, and
run the tests again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from string import Formatter

import polib
import pytest
from scripts.translate import french_typography
from scripts.update_catalogues import LANGUAGES as SCRIPT_LANGUAGES
from scripts.update_catalogues import build_catalogue, extract_msgids, extract_plurals

from planwizard.i18n import (
    LANGUAGES,
    LOCALE_DIR,
    PLURAL_FORMS,
    current_language,
    ngettext,
    set_language,
)

RUN_UPDATE = "run `.venv/bin/python scripts/update_catalogues.py`, then translate what it added"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def msgids() -> dict[str, list[str]]:
    return extract_msgids()


def entries(language: str) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(LOCALE_DIR / f"{language}.po")) if not e.obsolete}


def texts(entry: polib.POEntry) -> list[str]:
    """An entry's translations: its msgstr, or each plural form's."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def listed(ids: Iterable[str]) -> str:
    return "\n".join(f"  {msgid!r}" for msgid in sorted(ids))


def test_the_script_and_the_app_know_the_same_languages() -> None:
    assert set(SCRIPT_LANGUAGES) == set(LANGUAGES)


def test_the_code_has_messages_to_translate(msgids: dict[str, list[str]]) -> None:
    # Guards the other tests: an extraction that found nothing would pass them all.
    assert "Problem analysis" in msgids and "warning: {message}" in msgids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_translated(
    language: str, msgids: dict[str, list[str]]
) -> None:
    catalogue = entries(language)
    missing = {m for m in msgids if m not in catalogue}
    untranslated = {
        m
        for m in msgids
        if m in catalogue
        and (not all(t.strip() for t in texts(catalogue[m])) or catalogue[m].fuzzy)
    }
    assert not missing, f"{language}.po lacks these messages ({RUN_UPDATE}):\n{listed(missing)}"
    assert not untranslated, (
        f"{language}.po has these messages untranslated or fuzzy (translate them with a "
        f"gettext editor or `python -m scripts.translate`):\n{listed(untranslated)}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_keeps_messages_the_code_no_longer_uses(
    language: str, msgids: dict[str, list[str]]
) -> None:
    unused = set(entries(language)) - set(msgids)
    assert not unused, f"{language}.po has messages the code no longer uses ({RUN_UPDATE}):\n" + (
        listed(unused)
    )


def placeholders(text: str) -> Counter[str]:
    """`{name}`, `{value!r}`, and argparse's `%(default)s`, `%s` and `%%`, as written."""
    return Counter(re.findall(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%%|%[sr]", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = {
        f"{e.msgid!r} -> {text!r}"
        for e in entries(language).values()
        for text in texts(e)
        if text and placeholders(text) != placeholders(e.msgid)
    }
    assert not wrong, "these translations lose or invent a placeholder:\n" + "\n".join(
        sorted(wrong)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_format_like_their_message(language: str) -> None:
    # A stray brace would make `.format()` raise in front of the user.
    for entry in entries(language).values():
        for text in texts(entry):
            if "python-brace-format" in entry.flags and text:
                fields = {name for _, name, _, _ in Formatter().parse(text) if name}
                assert text.format(**dict.fromkeys(fields, "x")), entry.msgid
        if "%(" in entry.msgid or "%%" in entry.msgid:
            # argparse expands its help texts with `%`: a lone one would crash `--help`.
            names = re.findall(r"%\(([a-z_]+)\)", entry.msgstr)
            assert entry.msgstr % dict.fromkeys(names, "x"), entry.msgid
        elif re.search(r"%[sr]", entry.msgid):
            # argparse's own messages take one value: `message % value`.
            assert entry.msgstr % ("x",), entry.msgid


def french_prose(text: str) -> str:
    """The words of a French message: placeholders and `code` left out."""
    return re.sub(r"\{[^{}]*\}|`[^`]*`|%\([a-z_]+\)[a-z]|%%", "X", text)


# A high punctuation mark that is not part of `://` or a time such as 10:30.
HIGH_PUNCTUATION = re.compile(r"(.)([;?!]|:(?!//|\d))")


def french_typography_problems(text: str) -> list[str]:
    prose = french_prose(text)
    problems = [
        f"{before!r} before {mark!r}"
        for before, mark in HIGH_PUNCTUATION.findall(prose)
        if before != NBSP
    ]
    problems += [f"{quote!r} quote" for quote in re.findall(r"[“”]", prose)]
    # ASCII double quotes only in a TOML example such as ["a", "b"].
    if '"' in re.sub(r"\[[^\]]*\]", "", prose):
        problems.append("ASCII double quotes")
    if re.search(r"«(?!\u00a0)|(?<!\u00a0)»", prose):
        problems.append("« » without no-break spaces inside")
    if re.search(r"[ \u202f]\u00a0|\u00a0[ \u202f]", prose):
        problems.append("an ordinary space beside a no-break space")
    if "\u202f" in prose:
        problems.append("U+202F (this catalogue uses U+00A0 throughout)")
    return problems


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Cas isolé ou systémique\u00a0?", True),
        ("{where}\u00a0: {value!r} n’est pas une date\u00a0; AAAA-MM-JJ", True),
        ("voir `planwizard check` sur http://exemple.org à 10:30", True),
        ('{where}\u00a0: doit être une liste, par exemple ["a", "b"]', True),
        ("l’action «\u00a0{title}\u00a0» n’a pas de responsable", True),
        ("Cas isolé ou systémique ?", False),
        ("{label}:", False),
        ("Attention\u202f!", False),
        ("Étape 1 \u00a0: problème", False),
        ('l’action "{title}" n’a pas de responsable', False),
        ("l’action « {title} » n’a pas de responsable", False),
        ("l’action “{title}” n’a pas de responsable", False),
    ],
)
def test_the_typography_check_itself(text: str, ok: bool) -> None:
    assert (not french_typography_problems(text)) is ok


def test_french_typography() -> None:
    wrong = {
        f"{text!r}: {', '.join(problems)}"
        for e in entries("fr").values()
        for text in texts(e)
        if (problems := french_typography_problems(text))
    }
    assert not wrong, (
        "French puts a no-break space (U+00A0) before : ; ? ! and inside « »:\n"
        + "\n".join(sorted(wrong))
    )


@pytest.mark.parametrize("language", [None, *LANGUAGES])
def test_catalogues_are_as_the_script_writes_them(
    language: str | None, msgids: dict[str, list[str]]
) -> None:
    name = f"{language}.po" if language else "planwizard.pot"
    expected = str(build_catalogue(language, msgids)) + "\n"
    actual = (LOCALE_DIR / name).read_text(encoding="utf-8")
    assert actual == expected, f"{name} is out of date: {RUN_UPDATE}"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Cas isolé ou systémique?", "Cas isolé ou systémique\u00a0?"),
        (
            "{where}: {value!r} n’est pas; {percent}%",
            "{where}\u00a0: {value!r} n’est pas\u00a0; {percent}\u00a0%",
        ),
        ("l’action “{title}” a", "l’action «\u00a0{title}\u00a0» a"),
        ("Étape 1 : problème", "Étape 1\u00a0: problème"),
        ("(par défaut : %(default)s, %%O)", "(par défaut\u00a0: %(default)s, %%O)"),
        ("arguments non reconnus : %s", "arguments non reconnus\u00a0: %s"),
        (
            "voir `planwizard check` ou http://exemple.org à 10:30",
            "voir `planwizard check` ou http://exemple.org à 10:30",
        ),
    ],
)
def test_the_translate_script_writes_french_typography(typed: str, written: str) -> None:
    # What a translator types with ordinary spaces passes the typography test once applied.
    assert french_typography(typed) == written
    assert not french_typography_problems(written)


# ------------------------------------------------------------------ plural forms


def test_plural_messages_are_extracted_with_their_plural() -> None:
    plurals = extract_plurals()
    assert plurals["{count} error"] == "{count} errors"
    for language in LANGUAGES:
        entry = entries(language)["{count} error"]
        assert entry.msgid_plural == "{count} errors" and len(entry.msgstr_plural) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_writes_a_plural_as_a_bracketed_s(language: str) -> None:
    # "1 plan(s) vérifié(s)": a plural takes ngettext and its two forms, never "(s)".
    bracketed = re.compile(r"\w\((s|es|e|x)\)")
    wrong = {
        f"{e.msgid!r} -> {text!r}"
        for e in entries(language).values()
        for text in [e.msgid, e.msgid_plural or "", *texts(e)]
        if bracketed.search(text)
    }
    assert not wrong, "use ngettext for these:\n" + "\n".join(sorted(wrong))


@pytest.mark.parametrize(
    ("count", "english", "french"),
    [
        (0, "0 errors", "0 erreur"),
        (1, "1 error", "1 erreur"),
        (2, "2 errors", "2 erreurs"),
        (31, "31 errors", "31 erreurs"),
    ],
)
def test_ngettext_takes_each_language_plural_rule(count: int, english: str, french: str) -> None:
    previous = current_language()
    try:
        for language, expected in (("en", english), ("fr", french)):
            set_language(language)
            text = ngettext("{count} error", "{count} errors", count).format(count=count)
            assert text == expected
    finally:
        set_language(previous)


def test_the_plural_forms_header_matches_the_rule_the_app_uses() -> None:
    for language in LANGUAGES:
        header = polib.pofile(str(LOCALE_DIR / f"{language}.po")).metadata["Plural-Forms"]
        assert header == PLURAL_FORMS[language]
