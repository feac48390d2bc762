"""Property tests of the model and the whole text pipeline (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import inspector
from inspector.model import (
    Category,
    Document,
    Edit,
    Span,
    _pieces,
    _pieces_with_edits,
    derive_cleaned,
)

ALPHABET = st.sampled_from([*"ab cd\n\n.é😀\u2028xyZ,", "Photo: AP", "(Reuters)", "  "])
TEXT = st.lists(ALPHABET, min_size=1, max_size=80).map("".join)


@st.composite
def documents(draw):
    raw = draw(TEXT)
    n = len(raw)
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        spans.append(Span(a, b, Category.USER, "r", "why", "d", draw(st.floats(0, 1)),
                          auto_decision=draw(st.sampled_from(["remove", "keep"]))))
    edits = []
    pos = 0
    while pos < n and draw(st.booleans()):
        a = draw(st.integers(pos, n))
        b = draw(st.integers(a, min(n, a + 3)))
        if not raw[a:b].strip():
            # Repairs touch visible characters; white space at a seam belongs to the seam.
            pos = b + 1
            continue
        edits.append(Edit(a, b, draw(st.sampled_from(["", "é", "XY"])), "m", "fix"))
        pos = b + 1
    return Document(raw, spans=spans, edits=edits)


def _naive(doc: Document) -> str:
    """Raw minus removed spans plus edits, written as plainly as possible."""
    removed = [False] * len(doc.raw)
    for s in doc.spans:
        if s.removed:
            for i in range(s.start, s.end):
                removed[i] = True
    out = []
    edits = {e.start: e for e in doc.edits if e.enabled}
    i = 0
    while i < len(doc.raw):
        e = edits.get(i)
        if e is not None and e.end > e.start and not any(removed[e.start:e.end]):
            out.append(e.replacement)
            i = e.end
            continue
        if e is not None and e.end == e.start and not (i and removed[i - 1] and removed[i]):
            out.append(e.replacement)
        if not removed[i]:
            out.append(doc.raw[i])
        i += 1
    return "".join(out)


def _visible(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_cleaned_is_raw_minus_removed_plus_edits(doc):
    assert _visible(doc.cleaned) == _visible(_naive(doc))


@settings(max_examples=300)
@given(documents())
def test_offset_maps_are_monotone_and_round_trip(doc):
    cleaned = doc.cleaned
    to_clean = [doc.raw_to_clean(i) for i in range(len(doc.raw) + 1)]
    to_raw = [doc.clean_to_raw(j) for j in range(len(cleaned) + 1)]
    assert to_clean == sorted(to_clean)
    assert to_raw == sorted(to_raw)
    assert all(0 <= j <= len(cleaned) for j in to_clean)
    assert all(0 <= i <= len(doc.raw) for i in to_raw)
    for seg in doc.offsets.segments:
        if seg.identity:
            for j in range(seg.clean_start, seg.clean_end):
                assert doc.raw[doc.clean_to_raw(j)] == cleaned[j]
                assert doc.raw_to_clean(doc.clean_to_raw(j)) == j


@settings(max_examples=200)
@given(documents(), st.data())
def test_toggling_twice_restores_cleaned(doc, data):
    if not doc.spans:
        return
    before = doc.cleaned
    sid = data.draw(st.sampled_from([s.id for s in doc.spans]))
    doc.toggle(sid)
    doc.toggle(sid)
    assert doc.cleaned == before


#: Seams are all about white space: text made mostly of it.
SEAMY = st.lists(st.sampled_from([" ", "\n", "\n\n", "\t", "\u2028", "a", "b."]),
                 max_size=40).map("".join)


@settings(max_examples=1000)
@given(SEAMY, st.data())
def test_the_no_edit_loop_matches_the_plain_one(raw, data):
    """``_pieces`` is ``_pieces_with_edits`` without edits, its helpers inlined."""
    n = len(raw)
    # derive_cleaned is public: overlapping, touching and empty ranges too.
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 5)), max_size=8))
    removed = sorted((a, min(n, a + k)) for a, k in pairs)
    assert _pieces(raw, removed) == _pieces_with_edits(raw, removed, [])
    merged = Document(raw, spans=[Span(a, b, Category.USER, "r", "why", "d", 1.0)
                                  for a, b in removed]).removed_intervals()
    assert _pieces(raw, merged) == _pieces_with_edits(raw, merged, [])
    # Overlapping and touching removals need no merging (an empty one does cut a segment).
    assert _pieces(raw, [(a, b) for a, b in removed if b > a]) == _pieces(raw, merged)


@settings(max_examples=300)
@given(documents())
def test_overlapping_removals_need_no_merging_first(doc):
    """Document derives from the removed ranges as they overlap, unmerged."""
    edits = [e for e in doc.edits if e.enabled]
    assert (derive_cleaned(doc.raw, doc._removed_ranges(), edits)[0]
            == derive_cleaned(doc.raw, doc.removed_intervals(), edits)[0] == doc.cleaned)
    assert (derive_cleaned(doc.raw, doc._removed_ranges(), edits)[1].segments
            == derive_cleaned(doc.raw, doc.removed_intervals(), edits)[1].segments)


WORDS = st.sampled_from(
    "the a of and to in Kim Putin summit said on Wednesday . , la le et de der die und "
    "Photo: AP (Reuters) Share Tweet Read more var x = 1 ; { } window.fb = function () "
    "😀 é NL NL2".split())
PAGES = st.lists(WORDS, min_size=1, max_size=300).map(" ".join).map(
    lambda s: s.replace("NL2", "\n\n").replace("NL", "\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_pipeline_spans_are_in_bounds_and_disjoint(text):
    try:
        doc = inspector.inspect(text, kind="text")
    except inspector.InputError:
        return  # empty or blank text is refused with a clear message
    last_end = 0
    for s in doc.spans:
        assert 0 <= s.start < s.end <= len(doc.raw)
        assert s.start >= last_end, "automatic spans must not overlap after resolving"
        last_end = s.end
        assert s.reason and s.rule and s.detector
        assert 0.0 <= s.confidence <= 1.0
        assert s.auto_decision == ("remove" if s.confidence >= 0.6 else "keep")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_give_a_document_or_a_clear_error(data):
    try:
        doc = inspector.inspect(data)
    except inspector.InspectorError as exc:
        assert str(exc).startswith("<bytes>: ")
        return
    assert all(0 <= s.start < s.end <= len(doc.raw) for s in doc.spans)
    assert isinstance(doc.cleaned, str)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text_gives_a_document_or_a_clear_error(text):
    try:
        doc = inspector.inspect(text, kind="text")
    except inspector.InspectorError:
        return
    assert all(0 <= s.start < s.end <= len(doc.raw) for s in doc.spans)


@settings(max_examples=300)
@given(documents())
def test_cuts_never_pile_up_blank_lines(doc):
    """At most one blank line at any seam, whatever was removed between paragraphs."""
    if "\n\n\n" not in doc.raw:
        assert "\n\n\n" not in doc.cleaned
