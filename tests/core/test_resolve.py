"""resolve(): overlapping detections become one deterministic set of spans."""

from __future__ import annotations

from inspector.detectors import Context
from inspector.model import Category, Span
from inspector.resolve import resolve


def _span(start: int, end: int, detector: str = "phrases", confidence: float = 0.9,
          rule: str = "r", category: Category = Category.PROMO) -> Span:
    return Span(start=start, end=end, category=category, rule=rule, reason="test",
                detector=detector, confidence=confidence, auto_decision="remove")


RAW = "Subscribe to our newsletter today.\nThe council met on Tuesday.\n\nShare this story\n"


def _resolve(spans: list[Span], rules) -> list[tuple[int, int, str]]:
    ctx = Context(raw=RAW, rules=rules)
    return [(s.start, s.end, s.rule) for s in resolve(spans, ctx)]


def test_the_more_confident_span_wins_and_the_weaker_keeps_the_rest(rules):
    strong = _span(0, 34, confidence=0.95, rule="strong")
    weak = _span(0, 63, detector="structure", confidence=0.7, rule="weak")
    got = _resolve([weak, strong], rules)
    # The structure span keeps what is left, without the newline between them
    # or the one it ends on.
    assert got == [(0, 34, "strong"), (35, 62, "weak")]


def test_disjoint_spans_are_kept_whole_and_in_order(rules):
    got = _resolve([_span(64, 80, rule="b"), _span(0, 34, rule="a")], rules)
    assert got == [(0, 34, "a"), (64, 80, "b")]


def test_white_space_at_a_span_edge_is_left_to_the_text(rules):
    # Leading white space and trailing newlines are not claimed; a span of
    # white space only disappears.
    got = _resolve([_span(62, 81, rule="share"), _span(34, 35, rule="blank")], rules)
    assert got == [(64, 80, "share")]


def test_a_span_inside_a_claimed_one_disappears(rules):
    got = _resolve([_span(0, 34, confidence=0.95, rule="outer"),
                    _span(5, 10, confidence=0.6, rule="inner")], rules)
    assert got == [(0, 34, "outer")]


def test_ties_are_broken_the_same_way_whatever_the_input_order(rules):
    a = _span(0, 20, rule="a")
    b = _span(10, 34, rule="b")
    assert _resolve([a, b], rules) == _resolve([b, a], rules)
