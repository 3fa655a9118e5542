"""One rule for styles (issue 16): a screen's styles are in the `.tcss` beside its module,
reusable widgets keep theirs in DEFAULT_CSS, and no screen borrows another's stylesheet
(a shared part names its own file, as the review's cards do)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.screen import Screen

import planwizard.tui

TUI = Path(planwizard.tui.__file__).parent

#: Screens that are the base of others, not shown themselves: their few rules stay with
#: the class (DEFAULT_CSS), so that every screen built on them has them.
BASES = {"RoomScreen"}

#: Stylesheets that several screens name on purpose: the parts both show.
SHARED = {"review_cards.tcss"}


def screens() -> list[type[Screen[object]]]:
    for info in pkgutil.walk_packages([str(TUI)], prefix="planwizard.tui."):
        importlib.import_module(info.name)
    found: list[type[Screen[object]]] = []
    todo: list[type[Screen[object]]] = [Screen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("planwizard."):
                found.append(sub)
    return found


def own_css(screen: type[Screen[object]]) -> str:
    """The CSS written in the class itself (not inherited)."""
    return str(vars(screen).get("CSS", "") or "") + str(vars(screen).get("DEFAULT_CSS", "") or "")


def stylesheets(screen: type[Screen[object]]) -> list[Path]:
    paths = vars(screen).get("CSS_PATH")
    if paths is None:
        return []
    listed = paths if isinstance(paths, list) else [paths]
    return [Path(p) for p in listed]


def test_no_screen_keeps_its_styles_in_a_string() -> None:
    strings = [s.__qualname__ for s in screens() if own_css(s) and s.__name__ not in BASES]
    assert strings == []


def test_each_screen_names_only_its_own_stylesheet_and_shared_parts() -> None:
    borrowed = []
    for screen in screens():
        module = Path(inspect.getfile(screen))
        for path in stylesheets(screen):
            assert path.is_absolute(), f"{screen.__name__}: {path} (relative to a subclass)"
            assert path.is_file(), f"{screen.__name__}: {path} is missing"
            if path != module.with_suffix(".tcss") and path.name not in SHARED:
                borrowed.append(f"{screen.__name__} → {path.name}")
    assert borrowed == []


def test_every_screen_stylesheet_has_its_module_and_is_used() -> None:
    used = {path for screen in screens() for path in stylesheets(screen)}
    for sheet in sorted([*(TUI / "screens").glob("*.tcss"), *(TUI / "parts").glob("*.tcss")]):
        assert sheet.with_suffix(".py").is_file(), f"{sheet.name} has no module beside it"
        assert sheet.resolve() in used, f"{sheet.name} is read by no screen"
