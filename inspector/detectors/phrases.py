"""Phrase rules from ``resources/rules/*.toml``: notices, promos, legal lines…

Each rule says where its match may stand (``where``) and how far the removal
reaches (``extend``); see the rules README.  Speed matters because a batch
may hold thousands of pages, and Python's regular-expression engine is slow
on large case-insensitive alternations, so:

* the text is lower-cased once and patterns are matched without
  ``re.IGNORECASE`` (several times faster);
* whole-line rules share one anchored pattern, tried only at line starts;
* every other rule is compiled once and runs only on documents that contain
  one of its trigger words (see :func:`inspector.rules.applicable`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from ..model import REMOVE_AT, Span
from ..rules import Rule, applicable, lowered_form
from ..segment import line_bounds, sentence_bounds
from . import Context, detector

#: The detector name of spans produced by keep-exception rules.
KEEP_DETECTOR = "keep_rule"
_BULLETS = " \t*-•·–—>#|[]()«»\"'“”„:"
_TRAILING = " \t.:!?;,»”\"')]|-–—…"
_SENTENCE_STOP = ".!?…»”\")]};"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(lowered_form(pattern))


@cache
def _line_pattern(rules: tuple[Rule, ...]) -> tuple[re.Pattern[str], dict[str, Rule]]:
    """One pattern for all whole-line rules, anchored at line starts."""
    names = {}
    parts = []
    for n, rule in enumerate(rules):
        names[f"l{n}"] = rule
        parts.append(f"(?P<l{n}>{lowered_form(rule.pattern)})")
    # Possessive lead and tail: bullets and trailing punctuation are never
    # given back, which keeps a failing line from backtracking.
    lead = "[" + re.escape(_BULLETS) + "]*+"
    trail = "[" + re.escape(_TRAILING) + "]*+"
    body = "|".join(parts) or "(?!x)x"
    return re.compile(f"^{lead}(?:{body}){trail}$", re.MULTILINE), names


def _folded(ctx: Context) -> str:
    """The text lower-cased with every offset kept; computed once per text."""
    cached = ctx.cache.get("folded")
    if isinstance(cached, str):
        return cached
    low = ctx.raw.lower()
    if len(low) != len(ctx.raw):
        # A few characters ("İ") grow when lower-cased; fold those one by one
        # only where that keeps their length.
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in ctx.raw)
    ctx.cache["folded"] = low
    return low


def _make_span(rule: Rule, start: int, end: int) -> Span:
    if rule.keep:
        # A keep-exception: the resolver lets it claim its characters first,
        # so no other detector removes them.
        return Span(start=start, end=end, category=rule.category, rule=rule.id,
                    reason=rule.reason, detector=KEEP_DETECTOR, confidence=1.0,
                    auto_decision="keep")
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


@cache
def _line_start_pattern(rules: tuple[Rule, ...]) -> tuple[re.Pattern[str], dict[str, Rule]]:
    """One pattern for all rules that must open a line, tried only at line starts."""
    names = {f"s{n}": rule for n, rule in enumerate(rules)}
    body = "|".join(f"(?P<s{n}>{lowered_form(r.pattern)})" for n, r in enumerate(rules))
    lead = "[" + re.escape(_BULLETS) + "]*+"
    return re.compile(f"^{lead}(?:{body or '(?!x)x'})", re.MULTILINE), names


@detector("phrases")
def detect_phrases(ctx: Context) -> Iterator[Span]:
    folded = _folded(ctx)
    ex_starts = [s for s, _ in ctx.excluded]
    rules = ctx.rules.rules
    # Headings that close the article are tried first: where a line could be
    # either a counter or the comment heading, the heading is what matters.
    line_rules = sorted((r for r in rules if r.where == "line"), key=lambda r: not r.ends_article)
    yield from _line_rules(ctx, tuple(line_rules), folded, ex_starts)
    starts = tuple(r for r in rules if r.where == "line_start")
    if starts:
        pattern, names = _line_start_pattern(starts)
        for match in pattern.finditer(folded):
            if match.lastgroup is not None:
                inner = _Located(match.start(match.lastgroup), match.end(match.lastgroup))
                yield from _place_span(ctx, names[match.lastgroup], inner, ex_starts)
    for rule in applicable(ctx.rules, folded):
        if rule.where not in ("line", "line_start"):
            yield from _scan(ctx, rule, folded, ex_starts)


class _Located:
    """The stretch a named group matched, shaped like a match for ``_place_span``."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


#: How far from its trigger word a match may reach.
_REACH = 600


def _windows(triggers: frozenset[str] | None, folded: str) -> list[tuple[int, int]]:
    """Stretches of text around the rule's trigger words, merged.

    ``str.find`` runs in C at memory speed; the rule's pattern then only runs
    near its trigger words instead of at every position of the text.  When
    the triggers are everywhere, one window covers the whole text.
    """
    size = len(folded)
    if triggers is None:
        return [(0, size)]
    hits: list[int] = []
    for word in triggers:
        pos = folded.find(word)
        while pos >= 0:
            hits.append(pos)
            if len(hits) * 2 * _REACH > size:
                return [(0, size)]
            pos = folded.find(word, pos + 1)
    windows: list[tuple[int, int]] = []
    for pos in sorted(hits):
        lo, hi = max(0, pos - _REACH), min(size, pos + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _scan(ctx: Context, rule: Rule, folded: str, ex_starts: list[int]) -> Iterator[Span]:
    pattern = _compiled(rule.pattern)
    last_end = -1
    for lo, hi in _windows(rule.triggers, folded):
        for match in pattern.finditer(folded, lo, hi):
            if match.start() < last_end:
                continue
            last_end = match.end()
            yield from _place_span(ctx, rule, match, ex_starts)


def _place_span(ctx: Context, rule: Rule, match: re.Match[str] | _Located,
                ex_starts: list[int]) -> Iterator[Span]:
    raw = ctx.raw
    start, end = match.start(), match.end()
    if _inside_word(raw, start, end) or _excluded(ctx, ex_starts, start):
        return
    bounds = _place(raw, rule, start, end)
    if bounds is None:
        return
    start, end = bounds
    if rule.max_chars is not None and end - start > rule.max_chars:
        return
    yield _make_span(rule, start, end)


def _line_rules(ctx: Context, rules: tuple[Rule, ...], folded: str,
                ex_starts: list[int]) -> Iterator[Span]:
    if not rules:
        return
    pattern, names = _line_pattern(rules)
    raw = ctx.raw
    for match in pattern.finditer(folded):
        if match.lastgroup is None:
            continue
        rule = names[match.lastgroup]
        start, end = match.start(), match.end()
        text = raw[start:end].strip()
        if not text or (rule.max_chars is not None and len(text) > rule.max_chars):
            continue
        if _excluded(ctx, ex_starts, start):
            continue
        yield _make_span(rule, start, end)


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
