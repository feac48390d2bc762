"""Lines repeated across a page: share bars, "Buy now" buttons, card labels.

A dump of a listing page repeats the same short line under every item
("Whatsapp Facebook Pint Baixar", "Available from Amazon"). Articles rarely
repeat a line word for word three times, so repetition itself is evidence,
in any language.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import compress, count

from ..model import REMOVE_AT, Category, Decision, Span
from . import Context, detector

#: Only short lines count: a repeated paragraph is more likely a quoted
#: passage or a scraping artefact the person should judge.
_MAX_CHARS = 80


#: The lengths, white space stripped, a line may have (a set: asking a set is
#: cheaper than asking a range).
_SIZES = frozenset(range(3, _MAX_CHARS + 1))
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_SENTENCE_END = ".?!…。？！"
_MARKUP = " *_#>"  # Markdown emphasis and quoting around a line (html2text)


def _has_letter(text: str) -> bool:
    if text.isascii():  # most lines: one search in C
        return _ASCII_LETTER.search(text) is not None
    return any(ch.isalpha() for ch in text)


def _repeated(ctx: Context) -> dict[str, list[int]]:
    """Short lines with a letter, by their folded text: the indices of their lines.

    Only lines of a length that can count are folded and counted: their
    lengths come with the shared ``line_sizes``, and picking them is done by
    C loops (``map``, ``compress``), as is counting their folded texts
    (``Counter``); checking each line in Python is not.  Only lines whose
    folded text comes back three times or more are looked at one by one.
    Lines seen fewer than three times are left out, which changes nothing
    for the caller.
    """
    numbers = list(compress(count(), map(_SIZES.__contains__, ctx.line_sizes)))
    texts = list(map(str.strip, map(ctx.line_texts.__getitem__, numbers)))
    keys = list(map(str.casefold, texts))
    again = {key for key, n in Counter(keys).items() if n >= 3}
    seen: dict[str, list[int]] = defaultdict(list)
    if not again:
        return seen
    picked = list(compress(range(len(keys)), map(again.__contains__, keys)))
    picked_texts = list(map(texts.__getitem__, picked))
    # Each text looked at once: a repeated line mostly comes back word for word.
    with_letter = set(filter(_has_letter, set(picked_texts)))
    for i in compress(picked, map(with_letter.__contains__, picked_texts)):
        seen[keys[i]].append(numbers[i])
    return seen


@detector("duplicates")
def detect_duplicates(ctx: Context) -> Iterator[Span]:
    texts, starts = ctx.line_texts, ctx.line_starts
    seen = _repeated(ctx)
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
        reason = (f"The same short line appears {len(where)} times on the page "
                  "(buttons, share bars, labels of a listing).")
        decision: Decision = "remove" if confidence >= REMOVE_AT else "keep"
        for i in where:
            text, line_start = texts[i], starts[i]
            start = line_start + (len(text) - len(text.lstrip()))
            # Span's fields in their order (start, end, category, rule, reason,
            # detector, confidence, auto_decision): a keyword call costs twice
            # as much, and a listing repeats thousands of lines.
            yield Span(start, line_start + len(text), Category.DUPLICATE, "duplicate.line",
                       reason, "duplicates", confidence, decision)
