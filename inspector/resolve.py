"""Resolving overlapping detections into one deterministic set of spans.

Detectors run independently and may claim the same characters.  The most
confident claim wins the characters it covers; a weaker span keeps only what
is left of it (if anything readable is left).  Ties are broken by length,
then detector and rule id, so the same input always gives the same spans.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import cast

from .detectors import Context
from .model import REMOVE_AT, Category, Span
from .segment import prose_score

#: Categories whose content can look like prose yet is reliably identified by
#: its phrase or shape; prose-likeness does not lower their confidence.
_SHAPE_CERTAIN = frozenset(Category(name) for name in (
    "script", "style", "artifact", "video_fallback", "caption", "metadata_line"))


def _priority(span: Span) -> tuple[bool, bool, bool, float, int, str, str, int]:
    # Specific detectors name what a stretch is; the structure detector only
    # says it lies outside the article.  Where they overlap the specific
    # reason wins, and the structure span keeps what is left.
    # Flags that only ask for review never shield text from a removal.
    detector = span.detector  # (one read: this runs for every span of every page)
    general = detector == "structure"
    # A keep-exception rule (the person's "always keep text like this") comes
    # before everything, so what it matches is never removed.  Longer spans
    # first: ``start - end`` is minus the length.
    return (detector != "keep_rule", span.auto_decision != "remove", general, -span.confidence,
            span.start - span.end, detector, span.rule, span.start)


def resolve(spans: Iterable[Span], ctx: Context) -> list[Span]:
    raw = ctx.raw
    # The claimed ranges and the spans that claimed them, in position order
    # (claims never overlap, so their starts alone order them).
    claimed_starts: list[int] = []
    claimed_ends: list[int] = []
    claims: list[Span] = []
    space_run = _space_run
    for span in sorted(spans, key=_priority):
        first, last = span.start, span.end
        i = bisect_right(claimed_starts, first)
        if (i and claimed_ends[i - 1] > first) or (
                i < len(claimed_starts) and claimed_starts[i] < last):
            _claim_pieces(span, ctx, claimed_starts, claimed_ends, claims)
            continue
        if last <= first:
            continue
        # The usual case: all free.  Leading white space stays with the text
        # before, trailing newlines go with the text after; a span of white
        # space only is dropped.  (Written inline, and character by
        # character: most spans start or end on white space and the runs
        # are short.  A long leading one is left to C: dropped spans are not
        # claimed, and a page of blanks could have many spans walk one run.)
        start, end = first, last
        if raw[start].isspace():
            stop = start + 16 if start + 16 < end else end
            start += 1
            while start < stop and raw[start].isspace():
                start += 1
            if start == stop < end:  # ``\s`` is ``str.isspace``
                start = space_run(raw, start, end).end()
            if start == end:
                continue
        while raw[end - 1] == "\n":  # stops at raw[start], which is visible now
            end -= 1
        if start != first or end != last:
            span = Span(start, end, *_ALL_BUT_POSITION(span))
        if end - start >= 80 and span.confidence < 0.95 and (
                span.detector != "structure"):  # else _weigh_prose keeps it
            span = _weigh_prose(span, ctx)
        # The span goes where the bisection put it.
        claimed_starts.insert(i, start)
        claimed_ends.insert(i, end)
        claims.insert(i, span)
    return claims


_SPACE_RUN = re.compile(r"\s*")
#: ``_SPACE_RUN.match``, which never fails (the run may be empty).
_space_run = cast("Callable[[str, int, int], re.Match[str]]", _SPACE_RUN.match)
#: Every field of a span after ``start`` and ``end``, in ``Span(...)`` order.
_ALL_BUT_POSITION = operator.attrgetter(*(f.name for f in fields(Span)[2:]))


def _claim_pieces(span: Span, ctx: Context, claimed_starts: list[int], claimed_ends: list[int],
                  claims: list[Span]) -> None:
    """Claim what is left of ``span`` where it meets claimed ranges: the
    free pieces, trimmed as a free span is in :func:`resolve`."""
    raw = ctx.raw
    for start, end in _unclaimed(span.start, span.end, claimed_starts, claimed_ends):
        if raw[start].isspace():
            start = _space_run(raw, start, end).end()
            if start == end:
                continue
        while raw[end - 1] == "\n":
            end -= 1
        piece = span if start == span.start and end == span.end else Span(
            start, end, *_ALL_BUT_POSITION(span))
        if end - start >= 80 and piece.confidence < 0.95 and (
                piece.detector != "structure"):
            piece = _weigh_prose(piece, ctx)
        # Pieces lie in free gaps: where one starts, nothing claimed does.
        i = bisect_left(claimed_starts, start)
        claimed_starts.insert(i, start)
        claimed_ends.insert(i, end)
        claims.insert(i, piece)


def _unclaimed(start: int, end: int, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` that no claimed range covers."""
    pieces = []
    pos = start
    i = max(bisect_right(starts, start) - 1, 0)
    while i < len(starts) and starts[i] < end:
        if ends[i] > pos:
            if starts[i] > pos:
                pieces.append((pos, starts[i]))
            pos = max(pos, ends[i])
        i += 1
    if pos < end:
        pieces.append((pos, end))
    return pieces


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
