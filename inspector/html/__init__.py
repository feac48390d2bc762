"""HTML mode: the article of a raw web page, every removal explained.

``raw`` is the page's whole text layer (see :mod:`.parse`); structural
detectors name the elements that are not article text (scripts, styles,
hidden elements, landmarks, furniture known by its class or id words), the
blocks are scored as prose or not (:mod:`.blocks`), and the element where
prose adds up best is taken as the article (:mod:`.main`).  Everything else
becomes a span with a rule id, a reason, the element's CSS path and its
source line.

The text detectors of text mode then clean what is left (captions, promos
and credits live inside article markup).  They are run on the kept text
only — the page's scripts and menus are already accounted for, and scanning
them again would cost ten times the structural work — and their spans,
edits and captions are mapped back onto ``raw``.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..model import Document, Metadata, Span
from ..rules import RuleSet
from .extraction import Extraction, extract

__all__ = ["extract", "inspect_html", "kept_text"]

#: Text-mode detectors that judge by layout alone (where prose runs, repeated
#: lines, a second copy of the story); in HTML mode the markup is better
#: evidence (hidden copies are already found by it), so they only flag.
LAYOUT_ONLY = frozenset(("structure", "duplicates", "repeats"))
#: Elements whose text the page shows as code: the article's own examples.
SHOWN_AS_CODE = frozenset(("pre", "code", "kbd", "samp", "listing", "xmp"))


def inspect_html(text: str, rules: RuleSet, metadata: Metadata) -> Document:
    """Inspect one HTML page (already decoded) and return its :class:`Document`."""
    from ..pipeline import inspect_text

    result = extract(text, rules, metadata)
    reduced, starts, raw_starts = kept_text(result)
    inner = inspect_text(reduced, rules, metadata, kind="html")

    def to_raw(pos: int, end: bool = False) -> int:
        # Positions inside a kept stretch map one to one; a position on a
        # seam maps to the end of the stretch before it (for an end) or the
        # start of the one after it.
        i = bisect.bisect_right(starts, pos - 1 if end and pos else pos) - 1
        if i < 0:
            return raw_starts[0] if raw_starts else 0
        return raw_starts[i] + (pos - starts[i])

    spans: list[Span] = list(result.spans)
    code = _shown_as_code(result)
    for span in inner.spans:
        start, end = to_raw(span.start), to_raw(span.end, end=True)
        if end <= start:
            continue
        if span.auto_decision == "remove":
            if span.detector in LAYOUT_ONLY:
                # The page's markup already told where the article is; a text
                # layout judgement is offered for review, not applied.
                span = replace(span, auto_decision="keep", confidence=min(span.confidence, 0.5),
                               reason=span.reason
                               + " (HTML mode: only flagged, the markup decides.)")
            elif span.detector == "script" and _inside(code, start, end):
                # Leaked script never sits in <pre> or <code>: the page shows
                # this code to its readers (a tutorial's example).
                span = replace(span, auto_decision="keep", confidence=min(span.confidence, 0.5),
                               reason=span.reason + " (HTML mode: only flagged, the page shows "
                               "it as code in <pre> or <code>.)")
        spans.append(replace(span, start=start, end=end, id=-1))
    edits = []
    for edit in inner.edits:
        start, end = to_raw(edit.start), to_raw(edit.end, end=True)
        if end - start == edit.end - edit.start:  # within one kept stretch
            edits.append(replace(edit, start=start, end=end, id=-1))
    for caption in metadata.captions:
        caption.start, caption.end = to_raw(caption.start), to_raw(caption.end, end=True)
    return Document(result.raw, kind="html", spans=spans, edits=edits, metadata=metadata)


def _shown_as_code(result: Extraction) -> list[tuple[int, int]]:
    """The raw ranges of the outermost elements that show their text as code."""
    page = result.page
    out: list[tuple[int, int]] = []
    for i, node in enumerate(page.nodes):
        if node.tag in SHOWN_AS_CODE:
            rng = page.span_of(i)
            if rng is not None and (not out or rng[0] >= out[-1][1]):
                out.append(rng)
    return out


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies mostly within the sorted, disjoint ``ranges``."""
    covered = 0
    i = max(bisect.bisect_right(ranges, (start, end)) - 1, 0)
    while i < len(ranges) and ranges[i][0] < end:
        a, b = ranges[i]
        covered += max(0, min(b, end) - max(a, start))
        i += 1
    return covered >= 0.8 * (end - start)


def kept_text(result: Extraction) -> tuple[str, list[int], list[int]]:
    """The text the structural detectors kept, and where each stretch of it is in ``raw``.

    Returns the text and two parallel lists: the start of each stretch in the
    text and in ``raw``.  Stretches are joined by the kind of break that
    separated them in ``raw`` (a blank line, a newline or a space).
    """
    raw = result.raw
    parts: list[str] = []
    starts: list[int] = []
    raw_starts: list[int] = []
    pos = 0
    length = 0
    prev_end = 0
    for cut_start, cut_end in [*result.excluded, (len(raw), len(raw))]:
        start, end = pos, cut_start
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        if end > start:
            if parts:
                gap = raw[prev_end:start]
                sep = "\n\n" if "\n\n" in gap else "\n" if "\n" in gap else " "
                parts.append(sep)
                length += len(sep)
            starts.append(length)
            raw_starts.append(start)
            parts.append(raw[start:end])
            length += end - start
            prev_end = end
        pos = max(pos, cut_end)
    return "".join(parts), starts, raw_starts
