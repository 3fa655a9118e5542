"""Screens never import each other (issue 16): a screen opens another by asking the app
(`tui/wizard.py`, `tui/navigation.py`). `make lint` holds the rule with import-linter,
indirect imports included; this test reads each screen's own imports, lazy ones too,
so that a slip is named at once with its line."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tests.conftest import ROOT

TUI = ROOT / "src" / "planwizard" / "tui"
SCREENS = "planwizard.tui.screens"


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, those inside functions included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # `from planwizard.tui.screens import steps` names the module in the alias
            found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
    return found


def screen_of(module: str) -> str | None:
    if not module.startswith(SCREENS + "."):
        return None
    return module.split(".")[3]


def test_no_screen_imports_another_screen() -> None:
    screens = sorted(p for p in (TUI / "screens").glob("*.py") if p.stem != "__init__")
    assert len(screens) >= 10, "the screens moved: update this test"
    names = {p.stem for p in screens}
    slips = [
        f"screens/{path.name}:{line} imports {module}"
        for path in screens
        for line, module in imported_modules(path)
        if (other := screen_of(module)) in names and other != path.stem
    ]
    assert not slips, "A screen opens another through the app (wizard(self)...):\n" + "\n".join(
        slips
    )


def test_what_screens_share_imports_no_screen() -> None:
    shared = [TUI / "wizard.py", TUI / "plan_screen.py", TUI / "room_screen.py"]
    shared += [TUI / "disk_watch.py", TUI / "dialogs.py", TUI / "help.py"]
    shared += sorted((TUI / "parts").glob("*.py")) + sorted((TUI / "widgets").glob("*.py"))
    slips = [
        f"{path.relative_to(TUI)}:{line} imports {module}"
        for path in shared
        for line, module in imported_modules(path)
        if screen_of(module) is not None
    ]
    assert not slips, "\n".join(slips)


def test_make_lint_holds_the_rule() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert any(c["type"] == "independence" and c["modules"] == [SCREENS + ".*"] for c in contracts)
    assert "lint-imports" in (ROOT / "Makefile").read_text(encoding="utf-8")
