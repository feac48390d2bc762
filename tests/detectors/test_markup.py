"""Markdown left by html2text dumps: the syntax goes, the words stay."""

from __future__ import annotations

import inspector
from inspector.detectors import Context
from inspector.detectors.markup import detect_markup


def test_links_images_and_emphasis_in_a_markdown_dump(rules):
    raw = ("**Black Friday 2019:** the _best_ deals. See [the report](https://ex.com/r) and "
           "[our guide](https://ex.com/g \"Guide\") or [this](https://ex.com/t).\n"
           "![a photo](https://ex.com/p.jpg)\nThe snake_case name and __init__ stay words.")
    doc = inspector.inspect(raw, kind="text", rules=rules)
    assert "See the report and our guide or this." in doc.cleaned
    assert "Black Friday 2019: the best deals." in doc.cleaned
    assert "https" not in doc.cleaned and "photo" not in doc.cleaned
    assert "snake_case" in doc.cleaned


def test_plain_text_with_a_bracket_is_left_alone(rules):
    raw = "The minister [who asked not to be named](sic) said _nothing_ more."
    assert list(detect_markup(Context(raw=raw, rules=rules))) == []


def test_emphasis_markers_in_text_order(rules):
    raw = "**one** and _two_ then **three** and __four__"
    spans = [raw[s.start:s.end] for s in detect_markup(Context(raw=raw, rules=rules))]
    assert spans == ["**", "**", "_", "_", "**", "**", "__", "__"]


def test_holds_at_least_is_counting():
    from inspector.detectors.markup import _holds_at_least

    for text in ["", "]", "a]b]", "]]]", "x] [y](z) ]", "]" * 7, "é]ü]’]"]:
        for times in range(5):
            assert _holds_at_least(text, "]", times) == (text.count("]") >= times)


def test_each_span_field_holds_what_it_names(rules):
    # The spans are built with positional arguments, in Span's field order.
    from inspector.model import Category

    raw = "**one** and **two** and **three**"
    spans = list(detect_markup(Context(raw=raw, rules=rules)))
    assert len(spans) == 6
    for span in spans:
        assert raw[span.start:span.end] == "**"
        assert (span.category, span.rule, span.detector) == (
            Category.ARTIFACT, "markup.emphasis", "markup")
        assert span.confidence == 0.9 and span.auto_decision == "remove"
        assert span.reason == "Markdown emphasis marker added by the dump."
        assert span.origin == "auto" and span.user_decision is None
