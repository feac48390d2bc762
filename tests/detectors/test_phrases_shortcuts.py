"""The phrase detector's shortcuts find what the plain scans they replace find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.detectors import Context, phrases
from inspector.rules import load_rules

RULES = load_rules()

#: Pieces of scraped text around white space: indentation, link syntax, odd spaces.
_AROUND_SPACE = st.sampled_from([
    " ", "  ", " " * 9, " " * 300, "\n", "\t", "\u00a0", "\u3000", "](/)", "*", "-", "a", "É",
    "x y", "\n\n   \n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_AROUND_SPACE, max_size=12))
def test_long_space_runs_are_the_long_white_space_runs(pieces: list[str]) -> None:
    ctx = Context(raw="".join(pieces), rules=RULES)
    plain = re.compile(rf"\s{{{phrases.SHORT_SPACE + 1},}}")
    starts, ends = phrases._long_space_runs(ctx)
    assert list(zip(starts, ends, strict=True)) == [m.span() for m in plain.finditer(ctx.folded)]
