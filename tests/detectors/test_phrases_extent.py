"""The phrase detector's sentence extent, read from near the match, equals one read
from the block's start."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.detectors import phrases
from inspector.segment import sentence_bounds


def _from_block_start(raw: str, start: int, end: int) -> tuple[int, int]:
    block_start = raw.rfind("\n\n", 0, start)
    block_start = 0 if block_start < 0 else block_start + 2
    block_end = raw.find("\n\n", end)
    block_end = len(raw) if block_end < 0 else block_end
    lo, hi = start, end
    for s, e in sentence_bounds(raw, block_start, block_end):
        if e <= start:
            continue
        if s >= end:
            break
        lo, hi = min(lo, s), max(hi, e)
    return lo, hi


_PIECES = st.sampled_from(["Word", "word", "x", ". ", "! ", "? ", "… ", " ", "  ", "\n",
                           "\n\n", '." ', "») ", "”", "’ ", "Ab. Cd", "\u00a0", "1. "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=400), st.data())
def test_extent_matches_a_scan_from_the_block_start(pieces: list[str], data: st.DataObject) -> None:
    raw = "".join(pieces)
    if not raw:
        return
    start = data.draw(st.integers(0, len(raw) - 1))
    end = data.draw(st.integers(start + 1, len(raw)))
    old = phrases._SENTENCE_LOOK_BACK
    phrases._SENTENCE_LOOK_BACK = data.draw(st.integers(1, 30))  # force the step back
    try:
        assert phrases._sentence_extent(raw, start, end) == _from_block_start(raw, start, end)
    finally:
        phrases._SENTENCE_LOOK_BACK = old
