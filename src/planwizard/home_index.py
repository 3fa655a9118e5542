"""The plans of a folder at a glance, for the home screen, with a cache to start fast.

Reading and validating every plan of a big folder takes longer than drawing the app,
so the summaries are kept in a small JSON file outside the folder (the folder is shared
over git; the cache is this machine's own). A summary is reused only for a file whose
size and modification time are unchanged, for the same day and interface language;
anything else is read again. The module imports neither textual nor the plan model, so
that a warm start never loads them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

CACHE_VERSION = 2  # 2: rows count unresolved merge conflicts


@dataclass(frozen=True)
class PlanRow:
    """One file of the folder: where its plan stands, or why it does not load."""

    path: Path
    title: str
    step: str = ""  # "problem" .. "monitoring"; "" when the file does not load
    step_number: int = 0  # 1 .. 4
    done: int = 0
    total: int = 0
    deadline: dt.date | None = None
    overdue: int = 0
    review: dt.date | None = None
    review_due: bool = False
    error: str | None = None
    conflicts: int = 0  # unresolved merge conflicts recorded in the plan

    def matches(self, words: list[str]) -> bool:
        haystack = f"{self.title} {self.path.name} {self.error or ''}".casefold()
        return all(word in haystack for word in words)


def plan_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith("."))


def read_rows(
    folder: Path, today: dt.date, known: dict[str, PlanRow] | None = None
) -> list[PlanRow]:
    """Summarise every plan of the folder, reading the files not in `known` (slow)."""
    from planwizard.checklist import STEPS, step_reached
    from planwizard.monitoring import summarize
    from planwizard.storage import PlanError, load_plan

    rows: list[PlanRow] = []
    for path in plan_files(folder):
        if known and path.name in known:
            rows.append(known[path.name])
            continue
        try:
            plan = load_plan(path)
        except PlanError as exc:
            line = f":{exc.line}" if exc.line else ""
            rows.append(PlanRow(path, path.name, error=f"{path.name}{line}: {exc.message}"))
            continue
        summary = summarize(plan, today)
        step = step_reached(plan)
        rows.append(
            PlanRow(
                path=path,
                title=plan.title or path.stem,
                step=step,
                step_number=STEPS.index(step) + 1,
                done=summary.actions_done,
                total=summary.actions_total,
                deadline=summary.next_deadline,
                overdue=len(summary.overdue),
                review=summary.next_review,
                review_due=summary.review_due,
                conflicts=len(plan.conflicts),
            )
        )
    return rows


# ------------------------------------------------------------------ the cache


def _cache_file(folder: Path, cache_dir: Path) -> Path:
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"home-{digest}.json"


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def _row_to_json(row: PlanRow) -> dict[str, Any]:
    data = asdict(row)
    data["path"] = row.path.name
    data["deadline"] = row.deadline.isoformat() if row.deadline else None
    data["review"] = row.review.isoformat() if row.review else None
    data["stamp"] = _stamp(row.path)
    return data


def _row_from_json(folder: Path, data: dict[str, Any]) -> PlanRow:
    return PlanRow(
        path=folder / str(data["path"]),
        title=str(data["title"]),
        step=str(data["step"]),
        step_number=int(data["step_number"]),
        done=int(data["done"]),
        total=int(data["total"]),
        deadline=dt.date.fromisoformat(data["deadline"]) if data["deadline"] else None,
        overdue=int(data["overdue"]),
        review=dt.date.fromisoformat(data["review"]) if data["review"] else None,
        review_due=bool(data["review_due"]),
        error=str(data["error"]) if data["error"] is not None else None,
        conflicts=int(data.get("conflicts", 0)),
    )


def unchanged_rows(
    folder: Path, today: dt.date, cache_dir: Path, language: str
) -> dict[str, PlanRow]:
    """Rows kept in the cache for files unchanged since, by file name."""
    try:
        data = json.loads(_cache_file(folder, cache_dir).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return {}
        if data.get("today") != today.isoformat() or data.get("language") != language:
            return {}
        found: dict[str, PlanRow] = {}
        for entry in data["rows"]:
            path = folder / str(entry["path"])
            if entry.get("stamp") is not None and entry.get("stamp") == _stamp(path):
                found[path.name] = _row_from_json(folder, entry)
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no cache, or one this version cannot read: read the folder


def cached_rows(
    folder: Path, today: dt.date, cache_dir: Path, language: str
) -> list[PlanRow] | None:
    """The whole folder from the cache, or None if any file is new or changed."""
    known = unchanged_rows(folder, today, cache_dir, language)
    files = plan_files(folder)
    if not files or any(path.name not in known for path in files):
        return None
    return [known[path.name] for path in files]


def store_rows(
    folder: Path, today: dt.date, rows: list[PlanRow], cache_dir: Path, language: str
) -> None:
    """Keep the rows for the next start; a cache that cannot be written is no error."""
    payload = {
        "version": CACHE_VERSION,
        "folder": str(folder.resolve()),
        "today": today.isoformat(),
        "language": language,
        "rows": [_row_to_json(row) for row in rows],
    }
    target = _cache_file(folder, cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        pass
