"""Small helpers for HTML-mode tests."""

from __future__ import annotations

from inspector.html import inspect_html
from inspector.model import Document, Metadata
from inspector.rules import load_rules

ARTICLE = (
    "<p>The city council approved the new budget on Tuesday after a debate that lasted "
    "well into the night, and the mayor said the vote was a turning point for the city.</p>"
    "<p>Officials said the plan would fund three new schools, and that the work on the "
    "first of them could begin as early as next spring if the state agrees.</p>"
    "<p>Critics of the plan have argued that it leaves the city with too little in reserve, "
    "but the finance director told reporters that the numbers were sound.</p>"
)


def page(body: str, head: str = "<title>Budget approved</title>") -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def inspect(html: str) -> Document:
    return inspect_html(html, load_rules(), Metadata())


def rule_of(doc: Document, text: str) -> str | None:
    """The rule of the removed span that covers ``text`` (None when it is kept)."""
    start = doc.raw.find(text)
    assert start >= 0, f"{text!r} not in raw"
    for span in doc.spans:
        if span.removed and span.start <= start and start + len(text) <= span.end:
            return span.rule
    return None
