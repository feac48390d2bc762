"""Hostile inputs get a result or a clear InspectorError: never a crash or a hang."""

from __future__ import annotations

import time

import pytest

import inspector
from inspector.errors import InspectorError

from .helpers import ARTICLE, inspect, page


def test_deeply_nested_page():
    html = ("<html><body>" + "<div>" * 10_000 + ARTICLE + "</div>" * 10_000 + "</body></html>")
    doc = inspect(html)
    assert "approved the new budget" in doc.cleaned


def test_deeply_nested_inline_and_unclosed():
    html = "<html><body>" + "<span><b>" * 6_000 + ARTICLE
    doc = inspect(html)
    assert "approved the new budget" in doc.cleaned


@pytest.mark.parametrize("html", [
    "<html><body><p>Unclosed <div><table><tr><td>cell<p>para</table>",
    "<html><body>" + ARTICLE[: len(ARTICLE) // 2],  # truncated mid-tag
    "<p>" * 500 + "text",
    "<html><head><title>Only a title</title></head></html>",
    "<html><body><script>var a = '</p>';</script></body></html>",
    "<html><body>\x00\x01<p>bin\x02ary</p></body></html>",
    "<body>" + "<a href='x'>link</a>" * 2_000 + "</body>",
])
def test_malformed_pages_give_a_result(html):
    doc = inspect(html)
    assert isinstance(doc.cleaned, str)
    assert all(0 <= s.start <= s.end <= len(doc.raw) for s in doc.spans)


def test_empty_text_layer():
    doc = inspect("<html><head></head><body><img src='x.png'></body></html>")
    assert doc.raw == "" and doc.cleaned == ""


@pytest.mark.parametrize("data", [b"%PDF-1.4 binary", b"\x89PNG\r\n\x1a\n....", b"", b"   "])
def test_non_html_inputs_are_refused_clearly(data):
    with pytest.raises(InspectorError):
        inspector.inspect(data, kind="html")


def test_plain_text_forced_as_html_still_works():
    doc = inspector.inspect("Just a line of text, not markup at all.\nAnd another one.",
                            kind="html")
    assert "Just a line of text" in doc.raw


def test_html_is_sniffed_in_auto_mode():
    doc = inspector.inspect(page(f"<article>{ARTICLE}</article>").encode())
    assert doc.kind == "html"


def _teaser_page(size: int) -> str:
    """About ``size`` characters of realistic markup: the article, then
    paragraphs and link-heavy boxes."""
    block = ("<div class='teaser'><a href='/x'>Another story about the city budget</a>"
             "<p>A summary that reads like prose, with enough words to count.</p></div>")
    return page(f"<main>{ARTICLE + block * (size // len(block))}</main>")


def _seconds_to_clean(html: str) -> float:
    start = time.perf_counter()
    doc = inspect(html)
    elapsed = time.perf_counter() - start
    assert "approved the new budget" in doc.cleaned
    return elapsed


def test_huge_page_goes_through_in_linear_time():
    # A 50 MB page goes through, and takes about ten times as long as a 5 MB
    # one: the bound is on how time grows (quadratic work would take a
    # hundred times as long), not on this machine's speed or load, which the
    # benchmark reports instead.
    small, huge = _teaser_page(5_000_000), _teaser_page(50_000_000)
    assert len(huge) >= 50_000_000
    ratio = _seconds_to_clean(huge) / _seconds_to_clean(small)
    assert ratio < 30, f"50 MB took {ratio:.0f} times as long as 5 MB"
