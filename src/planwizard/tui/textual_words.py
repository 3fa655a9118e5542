"""Textual's own words, for our catalogues: the descriptions of the keys its widgets bind.

Textual writes them in English (`Cursor up`, `Page down`, `Focus Next`, `Dismiss menu`);
they show in F1's key list, in the palette and in the footer. Listing them here as
messages puts them in the catalogues, and :mod:`planwizard.tui.language` gives the
bindings of Textual's classes these words in the interface language.
"""

from __future__ import annotations

from functools import cache

from planwizard.i18n import _


@cache
def textual_words() -> frozenset[str]:
    """The English descriptions of Textual's bindings that have a translation."""
    return frozenset(str(getattr(word, "msgid", word)) for word in _words())


def _words() -> list[str]:
    # Called for its message ids (update_catalogues extracts them); the translated values
    # are not used here.
    return [
        _("Bottom"),
        _("Copy"),
        _("Copy selected text"),
        _("Cursor down"),
        _("Cursor down select"),
        _("Cursor left"),
        _("Cursor left select"),
        _("Cursor left word select"),
        _("Cursor line end"),
        _("Cursor line end select"),
        _("Cursor line start"),
        _("Cursor line start select"),
        _("Cursor page down"),
        _("Cursor page up"),
        _("Cursor right"),
        _("Cursor right select"),
        _("Cursor right word select"),
        _("Cursor up"),
        _("Cursor up select"),
        _("Cursor word left"),
        _("Cursor word right"),
        _("Cut"),
        _("Cut selected text"),
        _("Delete all to the left"),
        _("Delete all to the right"),
        _("Delete character left"),
        _("Delete character right"),
        _("Delete left to start of word"),
        _("Delete line"),
        _("Delete right to start of word"),
        _("Delete to line end"),
        _("Delete to line start"),
        _("Dismiss menu"),
        _("Down"),
        _("End"),
        _("Exit the command palette"),
        _("First"),
        _("Focus Next"),
        _("Focus Previous"),
        _("Go to bottom"),
        _("Go to end"),
        _("Go to start"),
        _("Go to top"),
        _("Home"),
        _("Last"),
        _("Move cursor left"),
        _("Move cursor left a word"),
        _("Move cursor left a word and select"),
        _("Move cursor left and select"),
        _("Move cursor right a word"),
        _("Move cursor right a word and select"),
        _("Move cursor right and select"),
        _("Move cursor right or accept the completion suggestion"),
        _("Next command"),
        _("Next option"),
        _("Next page"),
        _("Next tab"),
        _("Page Down"),
        _("Page Left"),
        _("Page Right"),
        _("Page Up"),
        _("Page down"),
        _("Page up"),
        _("Paste"),
        _("Paste text from the clipboard"),
        _("Press button"),
        _("Previous command"),
        _("Previous option"),
        _("Previous page"),
        _("Previous tab"),
        _("Quit"),
        _("Redo"),
        _("Scroll Down"),
        _("Scroll End"),
        _("Scroll Home"),
        _("Scroll Left"),
        _("Scroll Right"),
        _("Scroll Up"),
        _("Select"),
        _("Select all"),
        _("Select line"),
        _("Select line end"),
        _("Select line start"),
        _("Show menu"),
        _("Submit"),
        _("Toggle"),
        _("Toggle option"),
        _("Top"),
        _("Undo"),
        _("Up"),
        # The palette's own commands (App.get_system_commands).
        _("Theme"),
        _("Change the current theme"),
        _("Quit the application as soon as possible"),
        _("Keys"),
        _("Hide the keys and widget help panel"),
        _("Show help for the focused widget and a summary of available keys"),
        _("Minimize"),
        _("Minimize the widget and restore to normal size"),
        _("Maximize"),
        _("Maximize the focused widget"),
        _("Screenshot"),
        _("Save an SVG 'screenshot' of the current screen"),
    ]
