"""Markdown syntax left by html2text-style dumps: link targets, images, emphasis.

``[the report](https://example.com/r.pdf)`` is "the report" in the article;
the brackets and the address are the dump's, not the journalist's.  Only
documents that are visibly Markdown (several links or emphasis markers) are
touched, so brackets in ordinary prose stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Category, Span
from . import Context, detector

_LINK = re.compile(r"(?<!!)\[([^\]\n]{0,300})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w_])_(?=\w)|(?<=\w)_(?![\w_])")
_MIN_LINKS = 3


def _span(start: int, end: int, rule: str, reason: str) -> Span:
    return Span(start=start, end=end, category=Category.ARTIFACT, rule=rule, reason=reason,
                detector="markup", confidence=0.9)


@detector("markup")
def detect_markup(ctx: Context) -> Iterator[Span]:
    raw = ctx.raw
    emphasis = list(_EMPHASIS.finditer(raw)) if ("**" in raw or "_" in raw) else []
    if len(emphasis) >= _MIN_LINKS:
        for match in emphasis:
            yield _span(match.start(), match.end(), "markup.emphasis",
                        "Markdown emphasis marker added by the dump.")
    if raw.count("](") < _MIN_LINKS:
        return
    for match in _IMAGE.finditer(raw):
        yield _span(match.start(), match.end(), "markup.image",
                    "Image written in Markdown by the dump; its address is not article text.")
    for match in _LINK.finditer(raw):
        yield _span(match.start(), match.start() + 1, "markup.link",
                    "Markdown link bracket added by the dump.")
        yield _span(match.end(1), match.end(), "markup.link",
                    "Link address written in Markdown by the dump; the link text is kept.")
