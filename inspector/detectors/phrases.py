"""Phrase rules from ``resources/rules/*.toml``: notices, promos, legal lines…

All rules are compiled into one alternation, so the text is scanned once in
C whatever the number of rules or languages.  Each rule says where its match
may stand (``where``) and how far the removal reaches (``extend``); see the
rules README.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from ..model import REMOVE_AT, Span
from ..rules import Rule, applicable, combine, flexible_spaces
from ..segment import line_bounds, sentence_bounds
from . import Context, detector

_BULLETS = " \t*-•·–—>#|[]()«»\"'“”„:"
_TRAILING = " \t.:!?;,»”\"')]|-–—…"
_SENTENCE_STOP = ".!?…»”\")]};"


#: Whole-line rules are only tried on lines up to this long.
_LINE_MAX = 200


@cache
def _line_pattern(rules: tuple[Rule, ...]) -> tuple[re.Pattern[str], dict[str, Rule]]:
    """One anchored pattern for all whole-line rules, tried once per short line."""
    names = {}
    parts = []
    for n, rule in enumerate(rules):
        names[f"l{n}"] = rule
        parts.append(f"(?P<l{n}>{flexible_spaces(rule.pattern)})")
    lead = "[" + re.escape(_BULLETS) + "]*"
    trail = "[" + re.escape(_TRAILING) + "]*"
    body = "|".join(parts) or "(?!x)x"
    return re.compile(f"{lead}(?:{body}){trail}$", re.IGNORECASE), names


def _make_span(rule: Rule, start: int, end: int) -> Span:
    return Span(
        start=start,
        end=end,
        category=rule.category,
        rule=rule.id,
        reason=rule.reason,
        detector="phrases",
        confidence=rule.confidence,
        auto_decision="remove" if rule.confidence >= REMOVE_AT else "keep",
    )


@detector("phrases")
def detect_phrases(ctx: Context) -> Iterator[Span]:
    raw = ctx.raw
    rules = applicable(ctx.rules, raw)
    yield from _line_rules(ctx, tuple(r for r in rules if r.where == "line"))
    pattern, names = combine(tuple(r for r in rules if r.where != "line"))
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
        yield _make_span(rule, start, end)


def _line_rules(ctx: Context, rules: tuple[Rule, ...]) -> Iterator[Span]:
    if not rules:
        return
    pattern, names = _line_pattern(rules)
    ex_starts = [s for s, _ in ctx.excluded]
    for line in ctx.lines:
        text = line.text
        if not text or len(text) > _LINE_MAX or text.isspace():
            continue
        match = pattern.match(text)
        if match is None or match.lastgroup is None:
            continue
        rule = names[match.lastgroup]
        if rule.max_chars is not None and len(text.strip()) > rule.max_chars:
            continue
        if _excluded(ctx, ex_starts, line.start):
            continue
        yield _make_span(rule, line.start, line.end)


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
