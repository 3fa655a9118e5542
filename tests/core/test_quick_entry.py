"""One line per action in the room: title, @owner and a quick date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.quick_entry import QuickAction, parse_quick_action, suggest_owner

TODAY = dt.date(2027, 1, 15)
NAMES = ["Foyer d'hébergement", "Police", "Service des urgences"]


def parse(text: str) -> QuickAction:
    return parse_quick_action(text, NAMES, TODAY)


def test_owner_completed_and_date_read_at_the_end() -> None:
    assert parse("Rédiger la fiche @Foyer +2w") == QuickAction(
        "Rédiger la fiche", "Foyer d'hébergement", dt.date(2027, 1, 29)
    )
    assert parse("Rédiger la fiche +1m @pol") == QuickAction(
        "Rédiger la fiche", "Police", dt.date(2027, 2, 15)
    )
    assert parse('Former les agents @"Brigade des mineurs" 15/03') == QuickAction(
        "Former les agents", "Brigade des mineurs", dt.date(2027, 3, 15)
    )
    assert parse("Appeler @“Service des urgences”") == QuickAction(
        "Appeler", "Service des urgences"
    )


def test_a_title_keeps_dates_and_addresses_in_its_middle() -> None:
    assert parse("Réunion du 15/03 avec la police") == QuickAction(
        "Réunion du 15/03 avec la police"
    )
    assert parse("Écrire à contact@foyer.fr") == QuickAction("Écrire à contact@foyer.fr")
    assert parse("Former 20/30 agents") == QuickAction("Former 20/30 agents")  # no date


def test_the_owner_is_suggested_as_it_is_typed() -> None:
    assert suggest_owner("Rédiger @Fo", NAMES) == 'Rédiger @"Foyer d\'hébergement"'
    assert suggest_owner("Rédiger @pol", NAMES) == "Rédiger @Police"
    assert suggest_owner("Rédiger @Police", NAMES) is None  # already whole
    assert suggest_owner("Rédiger la fiche", NAMES) is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_line_gives_a_title_and_never_raises(text: str) -> None:
    result = parse(text)
    assert result.title == result.title.strip()
    if "@" not in text and not any(c.isdigit() for c in text):
        assert result == QuickAction(text.strip())
