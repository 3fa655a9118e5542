"""Two places where Textual 8.2 keeps a removed widget alive, and what planwizard does.

A workshop opens and closes dialogs and plans all day on one laptop: whatever a removed
screen leaves reachable adds up (about 17,000 objects, 2.5 MiB, per plan opened and left).

- Every `TextArea` watches `app.theme` once mounted (`self.watch(self.app, "theme", ...)`),
  and Textual drops such a watcher only when the watched value changes
  (Textualize/textual#6666, open): each text area ever removed (a dialog's, a step's of
  a plan left) stays alive with its lines. `forget_watchers_of` takes the watcher back
  when the text area is unmounted (`widgets/text_box.py`).
- `StylesCache.get_inner_outer` is an `lru_cache(1024)` on a method, so its keys hold up
  to 1,024 widgets' styles caches with every line they drew. `forget_render_caches`
  empties it when a plan's screens are dropped: the values are two colours, computed
  again at once.

tests/tui/test_memory_after_leaving.py shows that nothing stays behind.
"""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache
from textual.dom import DOMNode

#: Where textual.reactive keeps the watchers set with `node.watch(obj, ...)` on `obj`.
_WATCHERS = "__watchers"


def forget_watchers_of(node: DOMNode, watched: object) -> None:
    """Drop every watcher that `node` set on `watched` (its callbacks hold `node`)."""
    watchers: dict[str, list[tuple[Any, Any]]] = vars(watched).get(_WATCHERS, {})
    for entries in watchers.values():
        entries[:] = [entry for entry in entries if entry[0] is not node]


def forget_render_caches() -> None:
    """Let go of the styles caches of widgets that are gone (see the module's text)."""
    StylesCache.get_inner_outer.cache_clear()
