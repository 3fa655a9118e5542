"""Two places where Textual 8.2 keeps a removed widget alive, and what planwizard does.

A workshop opens and closes plans, dialogs and help all day on one laptop: whatever a
removed screen leaves reachable adds up (some 17,000 objects, 2.5 MiB, per plan opened
and left; 4,000 per look at the help).

- Every `TextArea` watches `app.theme` once mounted (`self.watch(self.app, "theme", ...)`),
  and Textual drops such a watcher only when the watched value changes
  (Textualize/textual#6666, open): each text area ever removed (a step's of a plan left,
  a dialog's) stays alive with its lines. `forget_watchers_of` takes the watcher back
  when the text area is unmounted (`widgets/text_box.py`).
- `StylesCache.get_inner_outer` is an `lru_cache(1024)` on a method: its keys hold the
  styles caches of the last 1,024 widgets drawn, gone or not, with every line they drew.
  `unpin_styles_caches` caches the same two colours by the colours alone.

tests/tui/test_memory_after_leaving.py shows that nothing stays behind.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.dom import DOMNode

#: Where textual.reactive keeps the watchers set with `node.watch(obj, ...)` on `obj`.
_WATCHERS = "__watchers"


def forget_watchers_of(node: DOMNode, watched: object) -> None:
    """Drop every watcher that `node` set on `watched` (its callbacks hold `node`)."""
    watchers: dict[str, list[tuple[Any, Any]]] = vars(watched).get(_WATCHERS, {})
    for entries in watchers.values():
        entries[:] = [entry for entry in entries if entry[0] is not node]


def unpin_styles_caches() -> None:
    """`StylesCache.get_inner_outer` cached by its two colours, not by the styles cache
    asking, on which its result does not depend: Textual's own function, under a cache
    of its own. Left as it is where Textual no longer caches it by method."""
    textuals = StylesCache.__dict__.get("get_inner_outer")
    compute = getattr(textuals, "__wrapped__", None)
    if compute is None or not hasattr(textuals, "cache_clear"):
        return  # already unpinned, or no longer an lru_cache on the method

    @lru_cache(1024)
    def by_colours(base_background: Color, background: Color) -> Any:
        return compute(None, base_background, background)

    def get_inner_outer(self: StylesCache, base_background: Color, background: Color) -> Any:
        return by_colours(base_background, background)

    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[method-assign,assignment]
