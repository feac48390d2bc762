"""A second copy of the article: paragraphs said again further down the page.

Scrapes often hold the story twice: once in paragraphs and once flattened
into one long line (a print view, a hidden AMP or feed copy, a "read the
full story" box), sometimes three times.  A line whose sentences all
appeared earlier on the page adds nothing, in any language; the first copy
is kept.

A single repeated sentence is left alone: that is how pull quotes and
recurring interview questions look (see the duplicates detector).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Category, Span
from ..segment import sentence_bounds
from . import Context, detector
from .script import code_lines

#: Lines shorter than this are the duplicates detector's business.
_MIN_LINE = 80
#: Sentences shorter than this are too common to count as a copy.
_MIN_SENTENCE = 30
#: A line is a copy when this share of its sentences (by length) came before...
_COPIED_SHARE = 0.8
#: ...and they make up this much text at least (a pull quote is shorter).
_MIN_COPIED = 200


@detector("repeats")
def detect_repeats(ctx: Context) -> Iterator[Span]:
    flags = code_lines(ctx)
    lines = ctx.lines
    for number, line in enumerate(lines):
        if line.end - line.start < max(_MIN_LINE, _MIN_COPIED) or line.start == 0 or (
                flags[number][0]):
            continue
        copied, total = _copied_chars(ctx, line.start, line.end, flags)
        if total and copied >= _MIN_COPIED and copied >= _COPIED_SHARE * total:
            start = line.start + len(line.text) - len(line.text.lstrip())
            yield Span(
                start=start, end=line.end, category=Category.DUPLICATE,
                rule="duplicate.copy",
                reason="A second copy of text that appears earlier on the page "
                       f"({copied} of its {total} characters of sentences).",
                detector="repeats", confidence=0.9,
            )


def _copied_chars(ctx: Context, start: int, end: int,
                  flags: list[tuple[bool, float]]) -> tuple[int, int]:
    """How much of the line's sentence text occurs verbatim before it, and of how much.

    ``str.find`` over what comes before does the comparing in C; only long
    lines are looked at, so this stays cheap.  A copy inside leaked code
    (a JSON ``articleBody``) does not count: that code is removed, and the
    visible text is then the only copy.
    """
    raw = ctx.raw
    copied = total = 0
    for s, e in sentence_bounds(raw, start, end):
        if e - s < _MIN_SENTENCE:
            continue
        total += e - s
        sentence = raw[s:e]
        pos = raw.find(sentence, 0, start)
        while pos >= 0 and _in_code(ctx, pos, flags):
            pos = raw.find(sentence, pos + 1, start)
        if pos >= 0:
            copied += e - s
    return copied, total


#: A string value in JSON or script: ``"description": "`` or ``title = '``.
_VALUE_OPENING = re.compile(r"""(?:["']\s*:|=)\s*["']""")


def _in_code(ctx: Context, pos: int, flags: list[tuple[bool, float]]) -> bool:
    """Whether ``pos`` lies in leaked code: a code line, or a line holding a
    quoted value (``"description": "…"``), however prose-like the value."""
    number = ctx.line_at(pos)
    if flags[number][0]:
        return True
    line_start = ctx.lines[number].start
    return bool(_VALUE_OPENING.search(ctx.raw, line_start, min(pos, line_start + 80)))
