"""An action called out in the room, typed on one line: title, owner and due date.

`Rédiger la fiche @Foyer +2w` gives the title "Rédiger la fiche", the owner completed
from the names the plan knows ("Foyer d'hébergement") and the due date two weeks on.
A multi-word owner that is not known yet is quoted: `@"Service des urgences"`. Owner
and date are read only at the end of the line (in either order), so that a title that
mentions a date or an e-mail address keeps it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwizard.dates import DateInputError, parse_date_input

#: `@Name` or `@"Several words"` (straight or curly quotes), at the end of the line.
_OWNER_AT_END = re.compile(r'(?:^|\s)@(?:"([^"]*)"?|“([^”]*)”?|(\S*))\s*$')
#: A last word that may be a quick date: +2w, -3d, 31/01, 15/03/2027, 2027-03-15.
_DATE_AT_END = re.compile(
    r"(?:^|\s)([+-]\s?\d{1,4}[a-zA-Z]|\d{1,2}[/.]\d{1,2}(?:[/.]\d{4})?|\d{4}-\d{1,2}-\d{1,2})\s*$"
)


@dataclass(frozen=True)
class QuickAction:
    title: str
    owner: str = ""
    due: dt.date | None = None


def complete_name(typed: str, names: Sequence[str]) -> str:
    """The known name `typed` starts (case and accents as typed matter only in case), or
    `typed` itself: a whole name first, then the first name it begins."""
    wanted = typed.strip().casefold()
    if not wanted:
        return typed.strip()
    for name in names:
        if name.casefold() == wanted:
            return name
    for name in names:
        if name.casefold().startswith(wanted):
            return name
    return typed.strip()


def owner_token(name: str) -> str:
    """How a name is typed after `@`: quoted when it has a space."""
    return f'@"{name}"' if any(c.isspace() for c in name) else f"@{name}"


def parse_quick_action(text: str, names: Sequence[str], today: dt.date) -> QuickAction:
    """Split a quick-add line into title, owner and due date (see the module's doc)."""
    rest = text.strip()
    owner = ""
    due: dt.date | None = None
    for _round in range(2):  # owner then date, or date then owner
        if not owner and (match := _OWNER_AT_END.search(rest)):
            typed = next(group for group in match.groups() if group is not None)
            if typed.strip():
                owner = complete_name(typed, names)
                rest = rest[: match.start()].rstrip()
                continue
        if due is None and (match := _DATE_AT_END.search(rest)):
            try:
                due = parse_date_input(match.group(1).replace(" ", ""), today)
            except DateInputError:
                break
            rest = rest[: match.start()].rstrip()
            continue
        break
    return QuickAction(rest.strip(), owner, due)


def suggest_owner(text: str, names: Sequence[str]) -> str | None:
    """The line with the `@name` being typed at its end completed, or None."""
    match = _OWNER_AT_END.search(text)
    if match is None:
        return None
    typed = next(group for group in match.groups() if group is not None)
    if not typed.strip():
        return None
    wanted = typed.casefold()
    for name in names:
        if name.casefold().startswith(wanted) and name.casefold() != wanted:
            start = match.start() + (1 if text[match.start()].isspace() else 0)
            return text[:start] + owner_token(name)
    return None
