"""Resolving overlapping detections into one deterministic set of spans.

Detectors run independently and may claim the same characters.  The most
confident claim wins the characters it covers; a weaker span keeps only what
is left of it (if anything readable is left).  Ties are broken by length,
then detector and rule id, so the same input always gives the same spans.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable

from .detectors import Context
from .model import REMOVE_AT, Category, Span
from .segment import prose_score

#: Categories whose content can look like prose yet is reliably identified by
#: its phrase or shape; prose-likeness does not lower their confidence.
_SHAPE_CERTAIN = frozenset(Category(name) for name in (
    "script", "style", "artifact", "video_fallback", "caption", "metadata_line"))


def _priority(span: Span) -> tuple:
    # Specific detectors name what a stretch is; the structure detector only
    # says it lies outside the article.  Where they overlap the specific
    # reason wins, and the structure span keeps what is left.
    # Flags that only ask for review never shield text from a removal.
    general = span.detector == "structure"
    # A keep-exception rule (the person's "always keep text like this") comes
    # before everything, so what it matches is never removed.
    return (span.detector != "keep_rule", span.auto_decision != "remove", general, -span.confidence,
            -(span.end - span.start), span.detector, span.rule, span.start)


def resolve(spans: Iterable[Span], ctx: Context) -> list[Span]:
    raw = ctx.raw
    claimed_starts: list[int] = []
    claimed_ends: list[int] = []
    out: list[Span] = []
    for span in sorted(spans, key=_priority):
        first, last = span.start, span.end
        i = bisect.bisect_right(claimed_starts, first)
        if (i == 0 or claimed_ends[i - 1] <= first) and (
                i == len(claimed_starts) or claimed_starts[i] >= last):
            pieces: Iterable[tuple[int, int]] = ((first, last),)  # the usual case: all free
        else:
            pieces = _unclaimed(first, last, claimed_starts, claimed_ends)
        for start, end in pieces:
            if end <= start:
                continue
            # A piece is kept when it has a visible character.  Once tightened
            # it opens with one, if it is not empty (``str.isspace`` and the
            # ``\s`` of ``re`` are the same class), so no search is needed.
            if raw[start].isspace() or raw[end - 1] == "\n":  # _tighten has work to do
                start, end = _tighten(raw, start, end)
                if end <= start:
                    continue
            piece = span if start == first and end == last else span.copy_with(
                start=start, end=end)
            if piece.confidence < 0.95 and end - start >= 80:  # else _weigh_prose keeps it
                piece = _weigh_prose(piece, ctx)
            i = bisect.bisect_left(claimed_starts, start)
            claimed_starts.insert(i, start)
            claimed_ends.insert(i, end)
            out.append(piece)
    out.sort(key=_POSITION)
    return out


_POSITION = operator.attrgetter("start", "end")


def _unclaimed(start: int, end: int, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` that no claimed range covers."""
    pieces = []
    pos = start
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    while i < len(starts) and starts[i] < end:
        if ends[i] > pos:
            if starts[i] > pos:
                pieces.append((pos, starts[i]))
            pos = max(pos, ends[i])
        i += 1
    if pos < end:
        pieces.append((pos, end))
    return pieces


def _tighten(raw: str, start: int, end: int) -> tuple[int, int]:
    """Leading white space stays with the text before; trailing spaces go with the span."""
    if start < end and raw[start].isspace():
        text = raw[start:end]
        start += len(text) - len(text.lstrip())
    if end > start and raw[end - 1] == "\n":
        end = start + len(raw[start:end].rstrip("\n"))
    return start, end


def _weigh_prose(span: Span, ctx: Context) -> Span:
    """Lower the confidence of removals that read like article sentences.

    This is where "removing real text is worse than keeping boilerplate"
    becomes concrete: a long, stop-word-rich, well-punctuated span is offered
    for review instead of being cut silently.
    """
    if span.origin != "auto" or span.category in _SHAPE_CERTAIN or (
        span.detector == "structure"  # weighs prose-likeness itself
    ) or span.confidence >= 0.95:  # an unmistakable notice, however well it reads
        return span
    text = ctx.raw[span.start:span.end]
    if len(text) < 80:
        return span
    prose = prose_score(text, ctx.stopwords)
    if prose < 0.75:
        return span
    confidence = span.confidence * (1.0 - 0.5 * (prose - 0.5))
    decision = "remove" if confidence >= REMOVE_AT else "keep"
    return span.copy_with(confidence=confidence, auto_decision=decision)
