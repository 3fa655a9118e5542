"""The one clock planwizard reads "today" from.

Overdue counts, relative dates (`+2w`), review dates and snapshots all depend on the
day; tests and reproducible reports fix it (`--today YYYY-MM-DD`), so that nothing
changes result as the calendar moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_today: Callable[[], dt.date] = dt.date.today


def today() -> dt.date:
    return _today()


def set_today(day: dt.date | Callable[[], dt.date] | None) -> None:
    """Fix today to a date (or a callable); None goes back to the system calendar."""
    global _today
    if day is None:
        _today = dt.date.today
    elif isinstance(day, dt.date):
        fixed = day
        _today = lambda: fixed  # noqa: E731
    else:
        _today = day
