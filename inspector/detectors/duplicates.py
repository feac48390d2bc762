"""Lines repeated across a page: share bars, "Buy now" buttons, card labels.

A dump of a listing page repeats the same short line under every item
("Whatsapp Facebook Pint Baixar", "Available from Amazon"). Articles rarely
repeat a line word for word three times, so repetition itself is evidence,
in any language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..model import REMOVE_AT, Category, Span
from . import Context, detector

#: Only short lines count: a repeated paragraph is more likely a quoted
#: passage or a scraping artefact the person should judge.
_MAX_CHARS = 80


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_SENTENCE_END = ".?!…。？！"
_MARKUP = " *_#>"  # Markdown emphasis and quoting around a line (html2text)


def _has_letter(text: str) -> bool:
    if text.isascii():  # most lines: one search in C
        return _ASCII_LETTER.search(text) is not None
    return any(ch.isalpha() for ch in text)


@detector("duplicates")
def detect_duplicates(ctx: Context) -> Iterator[Span]:
    seen: dict[str, list[int]] = defaultdict(list)
    lines = ctx.lines
    for i, line in enumerate(lines):
        text = line.text.strip()
        if 3 <= len(text) <= _MAX_CHARS and _has_letter(text):
            seen[text.casefold()].append(i)
    for text, where in seen.items():
        words = len(text.split())
        if len(where) < 3 or (words < 2 and len(where) < 5):
            continue
        confidence = 0.85 if len(where) >= 5 else 0.75
        if words >= 6 or (words >= 4 and text.rstrip(_MARKUP)[-1:] in _SENTENCE_END):
            # A whole sentence said again and again (or a long piece of one
            # wrapped over lines) is more often the article's own (an
            # interview's recurring question, a heading per section) than a
            # button: flagged for review, not removed.
            confidence = 0.5
        for i in where:
            line = lines[i]
            start = line.start + (len(line.text) - len(line.text.lstrip()))
            yield Span(
                start=start, end=line.end, category=Category.DUPLICATE,
                rule="duplicate.line",
                reason=f"The same short line appears {len(where)} times on the page "
                       "(buttons, share bars, labels of a listing).",
                detector="duplicates", confidence=confidence,
                auto_decision="remove" if confidence >= REMOVE_AT else "keep",
            )
