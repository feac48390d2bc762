"""Phrase rules from ``resources/rules/*.toml``: notices, promos, legal lines…

Each rule says where its match may stand (``where``) and how far the removal
reaches (``extend``); see the rules README.  Speed matters because a batch
may hold thousands of pages, and Python's regular-expression engine is slow
on large case-insensitive alternations, so:

* the text is lower-cased once and patterns are matched without
  ``re.IGNORECASE`` (several times faster);
* one pass finds every rule's trigger literals (:mod:`inspector.triggers`);
  a line rule is then tried only on the lines holding one of its triggers,
  and any other rule only in the windows around them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import REMOVE_AT, Span
from ..rules import Rule, RuleSet, lowered_form
from ..segment import line_bounds, sentence_bounds
from ..triggers import SHORT_SPACE, TriggerIndex, max_width
from . import Context, detector

#: The detector name of spans produced by keep-exception rules.
KEEP_DETECTOR = "keep_rule"
_BULLETS = " \t*-•·–—>#|[]()«»\"'“”„:"
_TRAILING = " \t.:!?;,»”\"')]|-–—…"
_SENTENCE_STOP = ".!?…»”\")]};"


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


@detector("phrases")
def detect_phrases(ctx: Context) -> Iterator[Span]:
    folded = ctx.folded
    ex_starts = [s for s, _ in ctx.excluded]
    plan = _plan_for(ctx.rules)
    hits = plan.index.hits(folded, ctx.blanked)
    yield from _whole_line_rules(ctx, plan, plan.line, hits, folded, ex_starts)
    yield from _line_start_rules(ctx, plan, hits, folded, ex_starts)
    long_runs = _long_space_runs(ctx)
    for n in plan.elsewhere:
        rule = plan.rules[n]
        pattern, short_width, width = plan.compiled[n]
        spots = hits.get(n)
        if spots is None and n not in plan.untriggered:
            continue
        windows = _windows(spots, short_width, width, len(folded), long_runs)
        yield from _scan(ctx, rule, pattern, windows, folded, ex_starts)


@dataclass
class _Plan:
    """Everything about a rule set the detector needs, prepared once per set."""

    rules: tuple[Rule, ...]
    index: TriggerIndex
    untriggered: frozenset[int]
    #: Whole-line rules, headings that close the article first: where a line
    #: could be either a counter or the comment heading, the heading matters.
    line: tuple[int, ...]
    line_start: tuple[int, ...]
    elsewhere: tuple[int, ...]
    #: Per rule: the pattern, the longest its match can be when white space
    #: runs are short, and its longest match otherwise.
    compiled: dict[int, tuple[re.Pattern[str], int, int]]


_PLANS: dict[tuple[Rule, ...], _Plan] = {}
_LAST_PLAN: list[_Plan] = []


def _plan_for(ruleset: RuleSet) -> _Plan:
    rules = tuple(ruleset.rules)
    # Comparing with the last set used is cheap (rules are compared by
    # identity first); hashing two hundred rules for every page is not.
    if _LAST_PLAN and _LAST_PLAN[0].rules == rules:
        return _LAST_PLAN[0]
    plan = _PLANS.get(rules)
    if plan is None:
        if len(_PLANS) > 16:  # user rule files come and go; keep a few sets
            _PLANS.clear()
        plan = _PLANS[rules] = _make_plan(rules, ruleset.all_stopwords)
    _LAST_PLAN[:] = [plan]
    return plan


def _make_plan(rules: tuple[Rule, ...], common: frozenset[str]) -> _Plan:
    lowered = [lowered_form(rule.pattern) for rule in rules]
    index = TriggerIndex.build(lowered, common)
    lead = "[" + re.escape(_BULLETS) + "]*+"
    trail = "[" + re.escape(_TRAILING) + "]*+"
    compiled: dict[int, tuple[re.Pattern[str], int, int]] = {}
    for n, (rule, pattern) in enumerate(zip(rules, lowered, strict=True)):
        if rule.where == "line":
            # Possessive lead and tail: bullets and trailing punctuation are
            # never given back, which keeps a failing line from backtracking.
            text = f"{lead}(?:{pattern}){trail}$"
        elif rule.where == "line_start":
            text = f"{lead}(?P<m>{pattern})"
        else:
            text = pattern
        compiled[n] = (re.compile(text, re.MULTILINE), max_width(pattern, short_spaces=True),
                       max_width(pattern))
    numbered = list(enumerate(rules))
    line = [n for n, r in numbered if r.where == "line"]
    line.sort(key=lambda n: not rules[n].ends_article)
    return _Plan(
        rules=rules,
        index=index,
        untriggered=frozenset(index.untriggered),
        line=tuple(line),
        line_start=tuple(n for n, r in numbered if r.where == "line_start"),
        elsewhere=tuple(n for n, r in numbered if r.where not in ("line", "line_start")),
        compiled=compiled,
    )


def _candidate_lines(ctx: Context, plan: _Plan, group: tuple[int, ...],
                     hits: dict[int, list[tuple[int, int]]]) -> dict[int, list[int]]:
    """Line number -> the rules of ``group`` (in their order) that may match it.

    A whole-line match holds all of its first line, so a line longer than
    the rule's ``max_chars`` cannot start one: prose lines are skipped even
    when they hold a trigger word.
    """
    line_at = ctx.line_at
    sizes = ctx.line_sizes
    found: dict[int, list[int]] = {}
    for n in group:
        rule = plan.rules[n]
        limit = rule.max_chars if rule.where == "line" and rule.max_chars else len(ctx.raw)
        spots = hits.get(n)
        if spots is not None:
            for spot, _ in spots:
                number = line_at(spot)
                if sizes[number] <= limit:
                    row = found.setdefault(number, [])
                    if not row or row[-1] != n:
                        row.append(n)
        elif n in plan.untriggered:
            for number, size in enumerate(sizes):
                if 0 < size <= limit:
                    found.setdefault(number, []).append(n)
    return found


def _whole_line_rules(ctx: Context, plan: _Plan, group: tuple[int, ...],
                      hits: dict[int, list[tuple[int, int]]], folded: str,
                      ex_starts: list[int]) -> Iterator[Span]:
    raw = ctx.raw
    lines = ctx.lines
    rank = {n: i for i, n in enumerate(group)}
    covered = -1  # a match may run over several lines ("Facebook\nTwitter")
    for number, candidates in sorted(_candidate_lines(ctx, plan, group, hits).items()):
        line = lines[number]
        if line.start < covered or _continues_sentence(lines, number):
            continue
        for n in sorted(set(candidates), key=rank.__getitem__):
            rule = plan.rules[n]
            match = plan.compiled[n][0].match(folded, line.start)
            if match is None:
                continue
            start, end = match.start(), match.end()
            text = raw[start:end].strip()
            if not text or (rule.max_chars is not None and len(text) > rule.max_chars):
                continue
            covered = end
            if not _excluded(ctx, ex_starts, start):
                yield _make_span(rule, start, end)
            break


#: A line ending like this closes its sentence (or introduces what follows).
_CLOSING = ".!?…:;\"”»)’'。！？"


def _continues_sentence(lines: list, number: int) -> bool:
    """Whether a line is the tail of a sentence wrapped from the line above.

    html2text wraps prose at a fixed width, so "…emergency preparedness and"
    may be followed by a line holding only "response." — which is not a
    comments heading.  Lines of a menu are short and capitalised.
    """
    if number == 0:
        return False
    above = lines[number - 1].text.rstrip()
    first = lines[number].text.lstrip()[:1]
    return (len(above) >= 40 and first.islower() and not above.endswith(tuple(_CLOSING)))


def _line_start_rules(ctx: Context, plan: _Plan, hits: dict[int, list[tuple[int, int]]],
                      folded: str, ex_starts: list[int]) -> Iterator[Span]:
    lines = ctx.lines
    covered = -1
    for number, candidates in sorted(_candidate_lines(ctx, plan, plan.line_start,
                                                      hits).items()):
        line = lines[number]
        if line.start < covered:
            continue
        for n in sorted(set(candidates)):
            match = plan.compiled[n][0].match(folded, line.start)
            if match is not None:
                covered = match.end()
                inner = _Located(match.start("m"), match.end("m"))
                yield from _place_span(ctx, plan.rules[n], inner, ex_starts)
                break


class _Located:
    """The stretch a named group matched, shaped like a match for ``_place_span``."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _long_space_runs(ctx: Context) -> tuple[list[int], list[int]]:
    """Stretches that hold the text's white space runs longer than ``SHORT_SPACE``.

    Found in the blanked text, where such a run is a run of spaces
    (punctuation runs come along, which only widens a few windows):
    ``str.find`` looks for it at memory speed.
    """
    blanked = ctx.blanked
    needle = " " * (SHORT_SPACE + 1)
    starts: list[int] = []
    ends: list[int] = []
    pos = blanked.find(needle)
    while pos >= 0:
        # Padded text: offset ``pos`` there is ``pos - 1`` in the text.
        starts.append(pos - 1)
        ends.append(pos - 1 + len(needle))
        pos = blanked.find(needle, pos + len(needle))
    return starts, ends


def _windows(spots: list[tuple[int, int]] | None, short_width: int, width: int, size: int,
             long_runs: tuple[list[int], list[int]]) -> list[tuple[int, int]]:
    """Stretches of text where a match containing one of the triggers can lie, merged.

    A match reaches at most ``short_width`` from its trigger unless one of
    its white space runs is long; only near such a run does the window take
    the full ``width``.
    """
    if spots is None:
        return [(0, size)]
    run_starts, run_ends = long_runs
    windows: list[tuple[int, int]] = []
    for start, end in sorted(spots):
        reach = short_width
        if run_starts and short_width < width:
            # Is there a long run anywhere the full reach could take a match?
            i = bisect.bisect_right(run_ends, end - width)
            if i < len(run_starts) and run_starts[i] < start + width:
                reach = width
        lo, hi = max(0, end - reach), min(size, start + reach)
        if windows and lo <= windows[-1][1]:
            if hi > windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _scan(ctx: Context, rule: Rule, pattern: re.Pattern[str], windows: list[tuple[int, int]],
          folded: str, ex_starts: list[int]) -> Iterator[Span]:
    last_end = -1
    for lo, hi in windows:
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
