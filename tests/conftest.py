"""Fixtures shared by every test: a fixed "today" and the English interface.

No test may depend on the real calendar or on the machine's locale.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planwizard import clock
from planwizard.i18n import set_language

# The app caches parsed catalogues and plan summaries in the user's cache: never the real
# one during tests.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="planwizard-tests-cache-")
# Nor the user's data folder, where copies of plans that could not be saved go.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="planwizard-tests-data-")

#: The day every test runs on.
FIXED_TODAY = dt.date(2027, 1, 15)
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PLANS = ROOT / "plans"
#: The format contract, shipped beside the project (tests/data keeps a copy for CI).
CONTRACT_EXAMPLE = ROOT / "tests" / "data" / "plan-format-example.toml"


@pytest.fixture(autouse=True)
def fixed_today() -> Iterator[dt.date]:
    clock.set_today(FIXED_TODAY)
    yield FIXED_TODAY
    clock.set_today(None)


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def contract_plan(tmp_path: Path) -> Path:
    """A writable copy of the format contract's example plan."""
    target = tmp_path / "contract.toml"
    shutil.copy(CONTRACT_EXAMPLE, target)
    return target
