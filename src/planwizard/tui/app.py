"""The planwizard App (being built: see issue 3)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header


class PlanWizardApp(App[int]):
    def __init__(self, plans_dir: Path) -> None:
        super().__init__()
        self.plans_dir = plans_dir

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()


def run_app(plans_dir: Path, open_path: Path | None = None, start: str = "home") -> int:
    result = PlanWizardApp(plans_dir).run()
    return result or 0
