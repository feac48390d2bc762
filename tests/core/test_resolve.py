"""resolve(): overlapping detections become one deterministic set of spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.detectors import Context
from inspector.model import Category, Span
from inspector.resolve import _priority, _weigh_prose, resolve
from inspector.rules import RuleSet


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


def _plain_resolve(spans: list[Span], ctx: Context) -> list[Span]:
    """The resolver written as plainly as possible, character by character."""
    raw = ctx.raw
    taken = [False] * len(raw)
    out = []
    for span in sorted(spans, key=_priority):
        runs: list[list[int]] = []  # the free characters, in runs
        for k in range(span.start, span.end):
            if not taken[k]:
                if runs and runs[-1][-1] == k - 1:
                    runs[-1].append(k)
                else:
                    runs.append([k])
        for run in runs:
            start, end = run[0], run[-1] + 1
            text = raw[start:end]
            start += len(text) - len(text.lstrip())
            end = start + len(raw[start:end].rstrip("\n"))
            if end <= start:
                continue
            piece = span if (start, end) == (span.start, span.end) else span.copy_with(
                start=start, end=end)
            piece = _weigh_prose(piece, ctx)
            taken[start:end] = [True] * (end - start)
            out.append(piece)
    return sorted(out, key=lambda s: (s.start, s.end))


#: Text made of white space (the resolver trims it; some runs are long) and
#: words, some of them stop words, so that long pieces can read like prose.
TEXT = st.lists(st.sampled_from([" ", "\n", "\n\n", "\t", "\u2028", "**", " \t\u3000" * 8,
                                 *["the", "of", "and", "council", "met."] * 4]),
                min_size=30, max_size=150).map(" ".join)


@st.composite
def _spans(draw, n: int) -> list[Span]:
    spans = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, n))
        end = min(n, start + draw(st.integers(0, 200)))
        confidence = draw(st.sampled_from([0.3, 0.6, 0.7, 0.9, 0.95, 1.0]))
        spans.append(Span(start, end, draw(st.sampled_from([Category.PROMO, Category.SCRIPT])),
                          draw(st.sampled_from("ab")), "test",
                          draw(st.sampled_from(["phrases", "structure", "keep_rule", "markup"])),
                          confidence, auto_decision="remove" if confidence >= 0.6 else "keep",
                          origin=draw(st.sampled_from(["auto", "auto", "user"]))))
    return spans


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_resolve_matches_the_plain_resolver(raw, data):
    ctx = Context(raw=raw, rules=RuleSet([]), stopwords=frozenset({"the", "of", "and"}))
    spans = data.draw(_spans(len(raw)))
    got, want = resolve(spans, ctx), _plain_resolve(spans, ctx)
    assert [s.to_dict() for s in got] == [s.to_dict() for s in want]
    assert [s in spans for s in got] == [s in spans for s in want]  # whole spans are not copied
