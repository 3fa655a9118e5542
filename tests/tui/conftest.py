"""Fixtures of the terminal tests: a plans folder in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONTRACT_EXAMPLE


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    """A folder holding one plan: a copy of the format contract's example."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, folder / "orientation.toml")
    return folder


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The home screen's cache of plan summaries goes to the test's own folder."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture(autouse=True)
def english_key_labels() -> Iterator[None]:
    """A test that switched the language mid-way leaves English key labels behind it."""
    yield
    from planwizard.i18n import set_language
    from planwizard.tui.language import retranslate_classes

    set_language("en")
    retranslate_classes()
