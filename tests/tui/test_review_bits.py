"""The review's text bar and sparkline: what the room reads off the projector."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planwizard.tui.widgets.review_bits import STATUS_KEYS, progress_bar, sparkline

values = st.lists(st.integers(-1000, 1000), min_size=1, max_size=12)


@given(values)
def test_one_block_per_reading_higher_reading_never_lower_block(readings: list[int]) -> None:
    line = sparkline(readings, 0, 100)
    assert len(line) == len(readings)
    pairs = sorted(zip(readings, line, strict=True))
    blocks = [block for _, block in pairs]
    assert blocks == sorted(blocks)  # the blocks ▁..█ sort by height, as the readings do


def test_sparkline_uses_baseline_and_target_as_its_range() -> None:
    assert sparkline([10, 45, 80], 10, 80) == "▁▅█"
    assert sparkline([15], 10, 80) == "▁"  # barely off the baseline: a low block
    assert sparkline([5, 5]) == "▅▅"  # flat, with nothing to compare to
    assert sparkline([]) == ""


def test_progress_bar_is_full_at_target_and_says_beyond() -> None:
    assert progress_bar(0.5, 10).plain == "█████░░░░░ 50%"
    assert progress_bar(1.25, 10).plain == "██████████ 125%"
    assert progress_bar(-0.2, 10).plain == "░░░░░░░░░░ -20%"
    assert progress_bar(None, 4).plain == "░░░░ no progress yet"


def test_no_key_gives_two_statuses() -> None:
    # Every language's keys work at once: a letter must mean one status only.
    meaning: dict[str, str] = {}
    for keys in STATUS_KEYS.values():
        for status, key in keys.items():
            assert meaning.setdefault(key, status) == status, (key, status)
