"""No module of planwizard over 700 lines (issue 16): a newcomer reads a module whole.

When this fails, split the module it names into cohesive, well-named parts (see
docs/code-map.md for where things live) rather than raising the limit.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

LIMIT = 700
SOURCE = ROOT / "src" / "planwizard"


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_over_700_lines() -> None:
    modules = sorted(SOURCE.rglob("*.py"))
    assert modules, f"no Python module found under {SOURCE}"
    too_long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for path in modules
        if (count := line_count(path)) > LIMIT
    ]
    assert not too_long, (
        f"These modules are over {LIMIT} lines; split each into smaller modules named "
        "for what they hold (and say where in docs/code-map.md):\n" + "\n".join(too_long)
    )
