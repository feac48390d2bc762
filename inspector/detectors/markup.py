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

# Each pattern opens with a literal ("[", "!", "*" or "_") and checks what
# comes before only after it: Python's engine then jumps from one such
# character to the next instead of trying every position of the text.
_LINK = re.compile(r"\[(?<!!\[)([^\]\n]{0,300})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]*\)")
#: "__", or a "_" opening a word or closing one.
_UNDERSCORE = re.compile(r"_(?:_|(?<!\w_)(?=\w)|(?<=\w_)(?!\w))")
_STARS = re.compile(r"\*\*")
_MIN_LINKS = 3


def _span(start: int, end: int, rule: str, reason: str) -> Span:
    # Span's fields in their order (start, end, category, rule, reason,
    # detector, confidence): a keyword call costs twice as much, and a
    # Markdown dump has thousands of markers.
    return Span(start, end, Category.ARTIFACT, rule, reason, "markup", 0.9)


def _emphasis(raw: str) -> list[re.Match[str]]:
    """Emphasis markers ("**", "__", "_"), in text order.

    Two scans, one per marker, are several times faster than one scan for
    either: a pattern opening with one literal character lets Python's engine
    skip ahead in a tight loop.  A "**" and a "_" marker never overlap, so the
    merged list is what one scan for both would find.
    """
    stars = list(_STARS.finditer(raw)) if "**" in raw else []
    underscores = list(_UNDERSCORE.finditer(raw)) if "_" in raw else []
    if not stars or not underscores:
        return stars or underscores
    return sorted([*stars, *underscores], key=re.Match.start)


def _holds_at_least(text: str, char: str, times: int) -> bool:
    """Whether ``text.count(char) >= times``, stopping at the ``times``-th.

    Looking for one character skips ahead in C (``memchr``), several times
    faster than counting a pair such as "](" over a page that holds none.
    """
    at = -1
    for _ in range(times):
        at = text.find(char, at + 1)
        if at < 0:
            return False
    return True


@detector("markup")
def detect_markup(ctx: Context) -> Iterator[Span]:
    raw = ctx.raw
    emphasis = _emphasis(raw)
    if len(emphasis) >= _MIN_LINKS:
        for match in emphasis:
            yield _span(match.start(), match.end(), "markup.emphasis",
                        "Markdown emphasis marker added by the dump.")
    if not _holds_at_least(raw, "]", _MIN_LINKS) or raw.count("](") < _MIN_LINKS:
        return
    for match in _IMAGE.finditer(raw):
        yield _span(match.start(), match.end(), "markup.image",
                    "Image written in Markdown by the dump; its address is not article text.")
    for match in _LINK.finditer(raw):
        yield _span(match.start(), match.start() + 1, "markup.link",
                    "Markdown link bracket added by the dump.")
        yield _span(match.end(1), match.end(), "markup.link",
                    "Link address written in Markdown by the dump; the link text is kept.")
