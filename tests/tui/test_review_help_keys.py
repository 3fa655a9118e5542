"""The review's F1 help names the status keys the status line shows, in each language."""

from __future__ import annotations

from planwizard.i18n import set_language
from planwizard.tui.screens.review import review_help


def test_the_review_help_names_the_keys_of_the_interface_language() -> None:
    english = review_help()
    assert "p planned, i in progress, d done, b blocked, x dropped (or 1 to 5)" in english
    assert "x drops one" in english
    set_language("fr")
    try:
        french = review_help()
    finally:
        set_language("en")
    # The French status line's keys (p e r b a), not the English ones (p i d b x).
    assert "p prévue, e en cours, r réalisée, b bloquée, a abandonnée (ou 1 à 5)" in french
    assert "a en abandonne une" in french
    assert "i en cours" not in french and "x abandonnée" not in french
