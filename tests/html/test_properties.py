"""HTML versions of the foundation's property tests (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import inspect

TAGS = ["p", "div", "nav", "span", "a", "li", "ul", "script", "style", "h1", "aside", "article",
        "footer", "b", "table", "tr", "td", "br", "noscript"]
CLASSES = ["", " class='share'", " class='content'", " hidden", " id='comments'",
           " class='related'", " style='display:none'", " href='/x'"]
WORDS = st.sampled_from(["the", "council", "voted", "on", "Tuesday.", "😀", "é", "Photo: AP",
                         "&amp;", "<", "x\u2028y", "  ", "\n", "var a = 1;", "(Reuters)"])


@st.composite
def pages(draw):
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(f"<{draw(st.sampled_from(TAGS))}{draw(st.sampled_from(CLASSES))}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        else:
            parts.append(" ".join(draw(st.lists(WORDS, min_size=1, max_size=12))))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _visible(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_spans_lie_within_raw(html):
    doc = inspect(html)
    for span in doc.spans:
        assert 0 <= span.start <= span.end <= len(doc.raw)
    for edit in doc.edits:
        assert 0 <= edit.start <= edit.end <= len(doc.raw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_cleaned_is_raw_minus_removed_spans(html):
    doc = inspect(html)
    removed = [False] * len(doc.raw)
    for span in doc.spans:
        if span.removed:
            for i in range(span.start, span.end):
                removed[i] = True
    naive = "".join(ch for ch, cut in zip(doc.raw, removed, strict=True) if not cut)
    if not any(e.enabled for e in doc.edits):
        assert _visible(doc.cleaned) == _visible(naive)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_offset_maps_are_monotone(html):
    doc = inspect(html)
    cleaned = doc.cleaned
    to_clean = [doc.raw_to_clean(i) for i in range(len(doc.raw) + 1)]
    to_raw = [doc.clean_to_raw(j) for j in range(len(cleaned) + 1)]
    assert to_clean == sorted(to_clean)
    assert to_raw == sorted(to_raw)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_same_page_same_result(html):
    a, b = inspect(html), inspect(html)
    assert a.cleaned == b.cleaned
    spans = [[(s.start, s.end, s.rule) for s in d.spans] for d in (a, b)]
    assert spans[0] == spans[1]
