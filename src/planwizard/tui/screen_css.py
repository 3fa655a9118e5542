"""A screen's stylesheet, read the first time the screen shows, parsed alone.

Textual reads a screen's `CSS_PATH` file into the app's stylesheet when the screen is
first shown, then parses every source again (its own widgets' styles too) in a fresh
stylesheet, whose parse cache is dropped: opening a plan parsed some thirty sources for
its one new file, and parsed most of them once more as the step's widgets brought their
own styles. Here the new file is added to the app's stylesheet and parsed alone (the
other sources come from its cache, parsed with the same variables), then the app is
styled again with it, as Textual does. The rules, their order and what they apply to are
the same: a screen's file still applies from its first showing on.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen


class ScreenStylesParsedAlone(App[Any]):
    """A mixin of the app (PlanWizardApp): each screen's own file parsed alone."""

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        stylesheet = self.stylesheet
        new = [path for path in screen.css_path if not stylesheet.has_source(str(path), "")]
        if not new or screen.CSS or self.css_monitor is not None:
            # Nothing new, or what this does not cover (a class's CSS, the dev monitor).
            super()._load_screen_css(screen)
            return
        for path in new:
            stylesheet.read(path)
        stylesheet.parse()  # the new file; the others are in the stylesheet's cache
        stylesheet.update(self)
