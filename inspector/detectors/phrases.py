"""Phrase rules from ``resources/rules/*.toml``: notices, promos, legal lines…

All rules are compiled into one alternation, so the text is scanned once in
C whatever the number of rules or languages.  Each rule says where its match
may stand (``where``) and how far the removal reaches (``extend``); see the
rules README.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from ..model import REMOVE_AT, Span
from ..rules import Rule
from ..segment import line_bounds, sentence_bounds
from . import Context, detector

_BULLETS = " \t*-•·–—>#|[]()«»\"'“”„:"
_TRAILING = " \t.:!?;,»”\"')]|-–—…"
_SENTENCE_STOP = ".!?…»”\")]};"


@detector("phrases")
def detect_phrases(ctx: Context) -> Iterator[Span]:
    pattern, names = ctx.rules.combined()
    raw = ctx.raw
    ex_starts = [s for s, _ in ctx.excluded]
    for match in pattern.finditer(raw):
        name = match.lastgroup
        if name is None:
            continue
        rule = names[name]
        start, end = match.start(), match.end()
        if _inside_word(raw, start, end) or _excluded(ctx, ex_starts, start):
            continue
        bounds = _place(raw, rule, start, end)
        if bounds is None:
            continue
        start, end = bounds
        if rule.max_chars is not None and end - start > rule.max_chars:
            continue
        yield Span(
            start=start,
            end=end,
            category=rule.category,
            rule=rule.id,
            reason=rule.reason,
            detector="phrases",
            confidence=rule.confidence,
            auto_decision="remove" if rule.confidence >= REMOVE_AT else "keep",
        )


def _inside_word(raw: str, start: int, end: int) -> bool:
    """A phrase must not start or end in the middle of a word ("Plus" in "Pluses")."""
    if start > 0 and raw[start].isalnum() and raw[start - 1].isalnum():
        return True
    return end < len(raw) and raw[end - 1].isalnum() and raw[end].isalnum()


def _excluded(ctx: Context, starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and ctx.excluded[i][0] <= pos < ctx.excluded[i][1]


def _place(raw: str, rule: Rule, start: int, end: int) -> tuple[int, int] | None:
    """Check ``where`` and apply ``extend``; None when the match is out of place."""
    line_start, _ = line_bounds(raw, start)
    _, line_end = line_bounds(raw, max(end - 1, start))
    before = raw[line_start:start]
    after = raw[end:line_end]
    if rule.where == "line":
        if before.strip(_BULLETS) or after.strip(_TRAILING):
            return None
        return line_start, line_end
    if rule.where == "line_start" and before.strip(_BULLETS):
        return None
    if rule.where == "line_end":
        if after.strip(_TRAILING):
            return None
        tail = before.rstrip()
        if tail and tail[-1] not in _SENTENCE_STOP and not tail[-1].isspace():
            return None
        end = line_end
    if rule.extend == "line":
        return line_start, line_end
    if rule.extend == "sentence":
        return _sentence_extent(raw, start, end)
    return start, end


def _sentence_extent(raw: str, start: int, end: int) -> tuple[int, int]:
    """The sentences covering [start, end), within the surrounding block.

    A block is bounded by blank lines, so a sentence hard-wrapped over several
    lines (as html2text writes them) is still taken whole.
    """
    block_start = raw.rfind("\n\n", 0, start)
    block_start = 0 if block_start < 0 else block_start + 2
    block_end = raw.find("\n\n", end)
    block_end = len(raw) if block_end < 0 else block_end
    lo, hi = start, end
    for s, e in sentence_bounds(raw, block_start, block_end):
        if e <= start:
            continue
        if s >= end:
            break
        lo, hi = min(lo, s), max(hi, e)
    return lo, hi
