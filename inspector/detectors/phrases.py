"""Phrase rules from ``resources/rules/*.toml``: notices, promos, legal lines…

Each rule says where its match may stand (``where``) and how far the removal
reaches (``extend``); see the rules README.  Speed matters because a batch
may hold thousands of pages, and Python's regular-expression engine is slow
on large case-insensitive alternations, so:

* the text is lower-cased once and patterns are matched without
  ``re.IGNORECASE`` (several times faster);
* one pass finds every rule's trigger literals (:mod:`inspector.triggers`);
  a line rule is then tried only on the lines holding one of its triggers
  (and only if the line's first character can start it), and any other rule
  only where a match holding one of its triggers can start.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

from ..model import REMOVE_AT, Span
from ..rules import Rule, RuleSet, lowered_form
from ..segment import line_bounds, sentence_bounds
from ..triggers import (
    SHORT_SPACE,
    IndexKey,
    Trigger,
    TriggerIndex,
    companions,
    compile_tight,
    first_chars,
    lookahead,
    match_branches,
    prefixes,
    reach,
    split_untriggered,
    triggers_of,
)
from . import Context, detector

#: The detector name of spans produced by keep-exception rules.
KEEP_DETECTOR = "keep_rule"
_BULLETS = " \t*-•·–—>#|[]()«»\"'“”„:"
_BULLET_SET = frozenset(_BULLETS)
_TRAILING = " \t.:!?;,»”\"')]|-–—…"
_SENTENCE_STOP = ".!?…»”\")]};"

def _make_span(rule: Rule, start: int, end: int) -> Span:
    if rule.keep:
        # A keep-exception: the resolver lets it claim its characters first,
        # so no other detector removes them.
        return Span(start=start, end=end, category=rule.category, rule=rule.id,
                    reason=rule.reason, detector=KEEP_DETECTOR, confidence=1.0,
                    auto_decision="keep")
    # Positional (start, end, category, rule, reason, detector, confidence,
    # auto_decision): half the cost of keywords, for thousands of spans a batch.
    return Span(start, end, rule.category, rule.id, rule.reason, "phrases", rule.confidence,
                "remove" if rule.confidence >= REMOVE_AT else "keep")


@detector("phrases")
def detect_phrases(ctx: Context) -> Iterator[Span]:
    folded = ctx.folded
    ex_starts = [s for s, _ in ctx.excluded]
    plan = _plan_for(ctx.rules)
    spots = plan.index.spots(folded, ctx.blanked)
    candidates = _candidate_lines(ctx, plan, spots, folded)
    yield from _whole_line_rules(ctx, plan, candidates, folded, ex_starts)
    yield from _line_start_rules(ctx, plan, candidates, folded, ex_starts)
    long_runs = _long_space_runs(ctx)
    near = _hits_by_rule(plan, spots)
    # The rules with hits (and those tried everywhere), in rule order.
    for n in sorted(near.keys() | plan.everywhere):
        rule = plan.rules[n]
        pattern = plan.compiled[n]
        if n in plan.everywhere:
            matches: Iterable[re.Match[str]] = pattern.finditer(folded)
        else:
            facts = plan.facts[n]
            matches = _scan(pattern, _match_starts(near[n], facts, long_runs), folded,
                            facts.peek, facts.companions, facts.longest_head)
        for match in matches:
            yield from _place_span(ctx, rule, match, ex_starts)


#: Where a match holding a hit of some key lies, relative to the hit: (first
#: start with white space runs short, in general, last start, farthest end
#: with runs short, in general); see :func:`_reaches`.
_Reach = tuple[int, int, int, int, int]


@dataclass
class _LineBits:
    """The line and line-start rules as bits, so a line's candidates are one number.

    Bit ``i`` stands for rule ``order[i]``: the whole-line rules in the order
    they are tried, then the line-start rules (in theirs).  Sets of rules are
    then cheap to merge (a line with many triggers) and to filter, and their
    lowest bit is the next rule to try.
    """

    order: tuple[int, ...]
    line_mask: int
    start_mask: int
    #: By a line's size (stripped): the rules whose ``max_chars`` allow it.
    allowed: tuple[int, ...]
    #: The rules a line longer than every limit (``len(allowed)`` or more) still allows.
    unlimited: int
    #: By the first ``HEAD_SIZE`` characters of a literal (all of a shorter
    #: one): the rules of which every match starts with one of their
    #: literals, and this is one of them.
    head_keys: dict[str, int]
    #: The other rules: (bit, what the first character of a match can be,
    #: None when anything can stand there).
    by_first: tuple[tuple[int, re.Pattern[str] | None], ...]
    #: Rules without triggers: (bit, rule number, a pattern finding the
    #: lines after the first where the rule matches).
    scans: tuple[tuple[int, int, re.Pattern[str]], ...]
    #: Whole-line rules indexed in two parts (see :func:`_split_spaced_words`):
    #: (bit, how far before a hit its match may start, their key numbers).
    #: A match may run over several lines ("23\n\nShare"), and these rules
    #: were found at every line start before.
    spread: tuple[tuple[int, int, tuple[int, ...]], ...]
    #: By a line's first ``HEAD_SIZE`` characters (after its bullets): the
    #: rules that can start so (filled as met).
    head_masks: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, rules: tuple[Rule, ...], line: list[int], line_start: list[int],
              lowered: list[str], texts: dict[int, str],
              untriggered: frozenset[int],
              spaced: Collection[int], index: TriggerIndex) -> _LineBits:
        order = (*line, *line_start)
        limits = [rules[n].max_chars if rules[n].where == "line" else None for n in order]
        longest = max((x for x in limits if x), default=0)
        allowed = tuple(sum(1 << i for i, x in enumerate(limits) if not x or size <= x)
                        for size in range(longest + 1))
        head_keys: dict[str, int] = {}
        by_first = []
        for i, n in enumerate(order):
            literals = prefixes(lowered[n])
            if literals is None:
                chars = first_chars(lowered[n])
                by_first.append((1 << i, None if chars is None else re.compile(chars)))
                continue
            for key in {x[:HEAD_SIZE] for x in literals}:
                head_keys[key] = head_keys.get(key, 0) | 1 << i
        lead = "[" + re.escape(_BULLETS) + "]*+"
        scans = []
        for i, n in enumerate(order):
            if n in untriggered:
                # The first-character test up front turns most lines away in a step.
                chars = first_chars(lowered[n])
                scans.append((1 << i, n, compile_tight(
                    rf"\n(?={lead}(?:{chars}))(?=(?:{texts[n]}))"
                    if chars is not None else rf"\n(?=(?:{texts[n]}))", re.MULTILINE)))
        return cls(order=order,
                   line_mask=(1 << len(line)) - 1,
                   start_mask=((1 << len(line_start)) - 1) << len(line),
                   allowed=allowed,
                   unlimited=sum(1 << i for i, x in enumerate(limits) if not x),
                   head_keys=head_keys,
                   by_first=tuple(by_first),
                   scans=tuple(scans),
                   spread=tuple((1 << i, rules[n].max_chars or 0,
                                 tuple(k for k, key in enumerate(index.keys) if n in key.owners))
                                for i, n in enumerate(order) if n in spaced))

    def starting_with(self, head: str) -> int:
        """The rules whose match can start with ``head``: the next ``HEAD_SIZE``
        characters of the text, or all that is left of it."""
        mask = self.head_masks.get(head)
        if mask is None:
            # A literal starts the text if its first HEAD_SIZE characters (all
            # of a shorter one) do; a longer one cannot fit where the text ends.
            mask = 0
            for size in range(1, len(head) + 1):
                mask |= self.head_keys.get(head[:size], 0)
            for bit, first in self.by_first:
                if first is None or (head and first.fullmatch(head[0])):
                    mask |= bit
            self.head_masks[head] = mask
        return mask


#: How many characters of a line decide which rules may start it.  (Three
#: turn away half the tries the first character lets through; more, little.)
HEAD_SIZE = 3


@dataclass(frozen=True)
class _Facts:
    """What the search for a rule tried elsewhere needs, read off its pattern.

    Where the pattern is an alternation, each branch is read on its own when
    that can be done soundly: a hit of "subscribe" then stands for the
    branches holding it ("subscribe now for…"), not for those holding other
    triggers ("to continue reading, subscribe", found by its "continue"),
    and is tried only where its own branches can start.
    """

    #: Per index key of the rule: where its matches lie around the key's hits.
    reaches: dict[int, _Reach]
    #: How far past a match its pattern may look.
    peek: int
    #: Literals other than its triggers of which every match holds one
    #: (empty: none known).
    companions: tuple[str, ...]
    #: Per index key of the rule: literals one of which every match around
    #: its hits starts with (empty: none known, or some too short to narrow
    #: anything down).
    heads: dict[int, tuple[str, ...]]
    #: The size of the longest of them.
    longest_head: int


@dataclass
class _Plan:
    """Everything about a rule set the detector needs, prepared once per set.

    All of it, every pattern compiled included, is made when the rule set is
    first used (about 0.4 s).  A page uses a few dozen of two hundred rules,
    but a batch, a queue in the GUI or a benchmark meets most of them sooner
    or later; paying once, before the first page, keeps each page's time its
    own instead of spreading stalls over the first pages of a run.
    """

    rules: tuple[Rule, ...]
    index: TriggerIndex
    untriggered: frozenset[int]
    #: Whole-line rules, headings that close the article first: where a line
    #: could be either a counter or the comment heading, the heading matters.
    line: tuple[int, ...]
    line_start: tuple[int, ...]
    elsewhere: tuple[int, ...]
    #: The rules tried elsewhere that have no triggers: tried on the whole text.
    everywhere: frozenset[int]
    compiled: dict[int, re.Pattern[str]]
    bits: _LineBits
    #: Per bit of ``bits``: its rule, and its compiled pattern's ``match``.
    tries: tuple[tuple[Rule, Callable[[str, int], re.Match[str] | None]], ...]
    #: Per index key: the bits of the line and line-start rules it triggers.
    key_bits: tuple[int, ...]
    #: Per index key: (bit, how far before a hit its match may start) of the
    #: whole-line rules indexed in two parts it triggers (see ``_LineBits.spread``).
    key_spread: tuple[tuple[tuple[int, int], ...], ...]
    #: Per index key: the rules tried elsewhere whose matches its hits may find.
    key_rules: tuple[tuple[int, ...], ...]
    #: Per rule tried elsewhere: what the search for its matches needs.
    facts: dict[int, _Facts]


def _facts_of(index: TriggerIndex, n: int, pattern: str, common: frozenset[str]) -> _Facts:
    """What the search for rule ``n`` (``pattern`` lower-cased) needs."""
    keys = [number for number, key in enumerate(index.keys) if n in key.owners]
    whole = _heads(pattern)
    branches = _branches_by_key(index, n, pattern, keys, common)
    if branches is None:
        reaches = _reaches(index, n, pattern, keys)
        heads = dict.fromkeys(keys, whole)
    else:
        # A key none of whose triggers a branch reads as its own finds nothing
        # the others miss: its hits are passed over.
        reaches = {number: _branch_reach(index.keys[number], parts)
                   for number, parts in branches.items() if parts}
        heads = {number: _branch_heads(parts) or whole
                 for number, parts in branches.items() if parts}
    return _Facts(
        reaches=reaches,
        peek=lookahead(pattern),
        companions=_companions(index, n, pattern, keys, common),
        heads=heads,
        longest_head=max((len(x) for found in heads.values() for x in found), default=0),
    )


#: Per branch a key finds: the branch, its triggers read as the key, and how
#: far its matches reach around each trigger's literal (see :func:`reach`),
#: with white space runs short and in general.
_Parts = list[tuple[str, tuple[Trigger, ...], dict[str, tuple[int, int]],
                    dict[str, tuple[int, int]]]]


def _branches_by_key(index: TriggerIndex, n: int, pattern: str, keys: list[int],
                     common: frozenset[str]) -> dict[int, _Parts] | None:
    """Per index key of rule ``n``: the branches of ``pattern`` (see
    :func:`match_branches`) whose matches may be found by its hits, each with
    the triggers that find them.

    A branch read on its own has triggers of which each of its matches holds
    one (its edges are the match's).  When every branch's triggers are the
    rule's own (indexed under the same keys), a match of a branch lies around
    a hit of one of them.  None when some branch cannot be read so.
    """
    branches = match_branches(pattern)
    if branches is None:
        return None
    found: dict[int, _Parts] = {number: [] for number in keys}
    for branch in branches:
        triggers = triggers_of(branch, common)
        if triggers is None:
            return None
        by_key: dict[int, list[Trigger]] = {}
        for trigger in sorted(triggers):
            owners = [number for number in keys if trigger in index.keys[number].owners[n]]
            if not owners:
                return None
            for number in owners:
                by_key.setdefault(number, []).append(trigger)
        texts = {t.text for t in triggers}
        short, full = reach(branch, texts, short_spaces=True), reach(branch, texts)
        if not texts <= short.keys() & full.keys():
            return None
        for number, held in by_key.items():
            found[number].append((branch, tuple(held), short, full))
    return found


def _branch_reach(key: IndexKey, parts: _Parts) -> _Reach:
    """Where a match lies around a hit of ``key``, over the branches it finds
    (see :func:`_reaches`)."""
    spans = []
    for _, triggers, short, full in parts:
        for t in triggers:
            pos = (1 if t.left else 0) - key.lead
            spans.append((pos - short[t.text][0], pos - full[t.text][0], pos,
                          pos + short[t.text][1], pos + full[t.text][1]))
    return (min(x[0] for x in spans), min(x[1] for x in spans), max(x[2] for x in spans),
            max(x[3] for x in spans), max(x[4] for x in spans))


def _branch_heads(parts: _Parts) -> tuple[str, ...]:
    """What every match of the branches in ``parts`` starts with, as :func:`_heads`
    reads it (empty: not known)."""
    found: set[str] = set()
    for branch, *_ in parts:
        starts = prefixes(branch)
        if not starts:
            return ()
        found |= starts
    return _shortest_heads(found)


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
    indexed, spaced = _split_spaced_words(rules, lowered, common)
    index = TriggerIndex.build(indexed, common, spaced)
    untriggered = frozenset(index.untriggered)
    lead = "[" + re.escape(_BULLETS) + "]*+"
    trail = "[" + re.escape(_TRAILING) + "]*+"
    texts: dict[int, str] = {}
    for n, (rule, pattern) in enumerate(zip(rules, lowered, strict=True)):
        if rule.where == "line":
            # Possessive lead and tail: bullets and trailing punctuation are
            # never given back, which keeps a failing line from backtracking.
            text = f"{lead}(?:{pattern}){trail}$"
        elif rule.where == "line_start":
            text = f"{lead}(?P<m>{pattern})"
        else:
            text = pattern
        texts[n] = text
    compiled = {n: compile_tight(text, re.MULTILINE) for n, text in texts.items()}
    numbered = list(enumerate(rules))
    line = [n for n, r in numbered if r.where == "line"]
    line.sort(key=lambda n: not rules[n].ends_article)
    line_start = [n for n, r in numbered if r.where == "line_start"]
    elsewhere = tuple(n for n, r in numbered if r.where not in ("line", "line_start"))
    bits = _LineBits.build(rules, line, line_start, lowered, texts, untriggered, spaced, index)
    # (The rules in ``spaced`` map their hits to lines their own way.)
    bit_of = {n: 1 << i for i, n in enumerate(bits.order) if n not in spaced}
    facts = {n: _facts_of(index, n, lowered[n], common) for n in elsewhere}
    return _Plan(
        rules=rules,
        index=index,
        untriggered=untriggered,
        line=tuple(line),
        line_start=tuple(line_start),
        elsewhere=elsewhere,
        everywhere=frozenset(untriggered & set(elsewhere)),
        compiled=compiled,
        bits=bits,
        tries=tuple((rules[n], compiled[n].match) for n in bits.order),
        key_bits=tuple(sum(bit_of.get(n, 0) for n in key.owners) for key in index.keys),
        key_spread=tuple(tuple((bit, back) for bit, back, numbers in bits.spread
                               if number in numbers)
                         for number in range(len(index.keys))),
        key_rules=tuple(tuple(n for n in key.owners if n in facts and number in facts[n].reaches)
                        for number, key in enumerate(index.keys)),
        facts=facts,
    )


def _split_spaced_words(rules: tuple[Rule, ...], lowered: list[str], common: frozenset[str],
                        ) -> tuple[list[str], dict[int, tuple[Trigger, ...]]]:
    """The patterns to index, and per whole-line rule indexed only in part,
    the extra triggers that find its other matches.

    artifact.en.2 has no trigger only because of its branch ``a\\s+a\\s+a``,
    and a regular-expression scan of every line start for it cost ~4 ms on
    the html-text dumps; the automaton finds that branch's matches in its
    pass over the text anyway (see :func:`_spaced_words`).
    """
    indexed = list(lowered)
    spaced: dict[int, tuple[Trigger, ...]] = {}
    for n, rule in enumerate(rules):
        if (rule.where != "line" or not rule.max_chars
                or triggers_of(lowered[n], common) is not None
                or not _starts_past_white_space(lowered[n])):
            continue
        split = split_untriggered(lowered[n], common)
        if split is None:
            continue
        needles = [_spaced_words(branch) for branch in split[1]]
        if all(needles):
            indexed[n] = split[0]
            spaced[n] = tuple(x for found in needles if found for x in found)
    return indexed, spaced


def _starts_past_white_space(pattern: str) -> bool:
    """Whether every match starts with a character other than white space:
    then a whole-line match, at most ``max_chars`` long once stripped, starts
    on a line holding one of the ``max_chars`` characters before its trigger."""
    chars = first_chars(pattern)
    if chars is None:
        return False
    first = re.compile(chars)
    return not any(first.fullmatch(c) for c in _WHITE_SPACE)


_WHITE_SPACE = [chr(c) for c in range(0x3001) if chr(c).isspace() or re.fullmatch(r"\s", chr(c))]


_WORDS = re.compile(r"[a-z0-9]+(?:\\s\+[a-z0-9]+)+")


def _spaced_words(branch: str) -> tuple[Trigger, Trigger] | None:
    """Triggers of a whole-line match of ``w1\\s+w2…`` (words split by white
    space runs), as the index reads the blanked text.

    There a line's bullets, line breaks and trailing signs are spaces, so
    such a match reads " w1 w2 …" (one space) or " w1  …" (a longer run).
    """
    if not _WORDS.fullmatch(branch):
        return None
    words = branch.split("\\s+")
    return Trigger(f"{words[0]} {words[1]}", True, True), Trigger(f"{words[0]} ", True, True)


def _heads(pattern: str) -> tuple[str, ...]:
    found = prefixes(pattern)
    return _shortest_heads(found) if found else ()


def _shortest_heads(found: Collection[str]) -> tuple[str, ...]:
    # A one-letter head is everywhere: a search costs no more than its many tries.
    if not found or min(map(len, found)) < _SHORTEST_HEAD:
        return ()
    # Wherever "alle" starts, "all" does: "alle" adds no place to try, only
    # a second try at the same place.
    return tuple(sorted(x for x in found
                        if not any(x != y and x.startswith(y) for y in found)))


_SHORTEST_HEAD = 2


def _companions(index: TriggerIndex, n: int, pattern: str, keys: list[int],
                common: frozenset[str]) -> tuple[str, ...]:
    triggers = [t for number in keys for t in index.keys[number].owners[n]]
    found = companions(pattern, triggers, common) if triggers else None
    # Looking for a long list costs about as much as the search it may spare.
    return tuple(sorted(found)) if found and len(found) <= _MOST_COMPANIONS else ()


_MOST_COMPANIONS = 6


def _candidate_lines(ctx: Context, plan: _Plan, spots: dict[int, list[int]],
                     folded: str) -> list[tuple[int, int]]:
    """(line number, bits of the line and line-start rules to try there), in line order.

    A rule is tried on the lines holding one of its triggers; a rule
    without triggers, on the (non-blank) lines where one scan of the text
    finds it.  Either only if the line's first character (after bullets)
    can start a match, and a whole-line rule only on a line that is not
    too long: a whole-line match holds all of its first line, so a line
    longer than the rule's ``max_chars`` cannot start one, and prose lines
    are skipped even when they hold a trigger word.
    """
    starts = ctx.line_starts
    sizes = ctx.line_sizes
    key_bits, key_spread = plan.key_bits, plan.key_spread
    found: dict[int, int] = {}
    get = found.get
    last_line = len(starts) - 1
    past_end = len(folded) + 1
    line_of = bisect.bisect_right
    for number, where in spots.items():
        bits = key_bits[number]
        spread = key_spread[number]
        if not bits and not spread:
            continue
        next_start = -1  # where the line of this key's last hit ends
        if not spread:
            # Most keys: the walk below without the spread rules' steps.
            for pos in where:
                if pos < next_start:
                    continue
                line = line_of(starts, pos) - 1
                found[line] = get(line, 0) | bits
                next_start = starts[line + 1] if line < last_line else past_end
            continue
        for pos in where:
            # Hits come in order, and a line of code may hold hundreds of ":"
            # (the first hit on a line also reaches farthest back).
            if pos < next_start:
                continue
            line = line_of(starts, pos) - 1
            if bits:
                found[line] = get(line, 0) | bits
            next_start = starts[line + 1] if line < last_line else past_end
            for bit, back in spread:
                # A match holds all of the hit's line, so that line is short.
                if sizes[line] > back:
                    continue
                first = line
                if starts[line] > pos - back:
                    first = bisect.bisect_right(starts, max(pos - back, 0)) - 1
                for number_ in range(first, line + 1):
                    found[number_] = get(number_, 0) | bit
    if plan.bits.scans:
        for bit, n, scan in plan.bits.scans:
            lines = [bisect.bisect_right(starts, m.start() + 1) - 1 for m in scan.finditer(folded)]
            if plan.compiled[n].match(folded, 0):
                lines.append(0)
            for line in lines:
                if sizes[line]:
                    found[line] = get(line, 0) | bit
    table = plan.bits
    # (Read inline: this runs for every line holding a trigger.)
    allowed, longest, unlimited = table.allowed, len(table.allowed), table.unlimited
    masks = table.head_masks
    past_bullets = _past_bullets
    candidates = []
    for number in sorted(found):
        size = sizes[number]
        bits = found[number] & (allowed[size] if size < longest else unlimited)
        if bits:
            start = starts[number]
            head = folded[start:start + HEAD_SIZE]
            if head[:1] in _BULLET_SET:
                # The line's first characters after its bullets (from its line
                # break if it has none).
                start = past_bullets(folded, start).end()
                head = folded[start:start + HEAD_SIZE]
            mask = masks.get(head)
            bits &= table.starting_with(head) if mask is None else mask
            if bits:
                candidates.append((number, bits))
    return candidates


#: A line's bullets (which never hold its line break).
_LEAD = re.compile("[" + re.escape(_BULLETS) + "]*+")
#: ``_LEAD.match``, which never fails (the bullets may be none).
_past_bullets = cast("Callable[[str, int], re.Match[str]]", _LEAD.match)


def _whole_line_rules(ctx: Context, plan: _Plan, candidates: list[tuple[int, int]],
                      folded: str, ex_starts: list[int]) -> Iterator[Span]:
    raw = ctx.raw
    texts = ctx.line_texts
    starts = ctx.line_starts
    tries = plan.tries
    covered = -1  # a match may run over several lines ("Facebook\nTwitter")
    line_mask = plan.bits.line_mask
    for number, found in candidates:
        bits = found & line_mask
        if not bits:
            continue
        line_start = starts[number]
        if line_start < covered:
            continue
        while bits:
            low = bits & -bits
            bits ^= low
            rule, match_at = tries[low.bit_length() - 1]
            match = match_at(folded, line_start)
            if match is None:
                continue
            start, end = match.start(), match.end()
            text = raw[start:end].strip()
            if not text or (rule.max_chars is not None and len(text) > rule.max_chars):
                continue
            # Asked only now, as few lines get this far: a line that goes on
            # from the one above is passed over whole, as if never tried.
            if _continues_sentence(texts, number):
                break
            covered = end
            if not ex_starts or not _excluded(ctx, ex_starts, start):
                yield _make_span(rule, start, end)
            break


#: A line ending like this closes its sentence (or introduces what follows).
_CLOSING = ".!?…:;\"”»)’'。！？"
_CLOSING_TUPLE = tuple(_CLOSING)


def _continues_sentence(texts: list[str], number: int) -> bool:
    """Whether a line is the tail of a sentence wrapped from the line above.

    html2text wraps prose at a fixed width, so "…emergency preparedness and"
    may be followed by a line holding only "response." — which is not a
    comments heading.  Lines of a menu are short and capitalised.
    """
    if number == 0:
        return False
    first = texts[number].lstrip()[:1]
    if not first.islower():
        return False
    above = texts[number - 1].rstrip()
    return len(above) >= 40 and not above.endswith(_CLOSING_TUPLE)


def _line_start_rules(ctx: Context, plan: _Plan, candidates: list[tuple[int, int]],
                      folded: str, ex_starts: list[int]) -> Iterator[Span]:
    starts = ctx.line_starts
    tries = plan.tries
    covered = -1
    start_mask = plan.bits.start_mask
    for number, found in candidates:
        bits = found & start_mask
        if not bits:
            continue
        line_start = starts[number]
        if line_start < covered:
            continue
        while bits:
            low = bits & -bits
            bits ^= low
            rule, match_at = tries[low.bit_length() - 1]
            match = match_at(folded, line_start)
            if match is not None:
                covered = match.end()
                inner = _Located(match.start("m"), match.end("m"))
                yield from _place_span(ctx, rule, inner, ex_starts)
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
    """The text's white space runs longer than ``SHORT_SPACE``, as sorted starts and ends.

    Looked for in the blanked text first, where such a run is a run of
    spaces: ``str.find`` looks for those at memory speed.  Most are not
    white space but punctuation ("](/)\\n  * [" between two links of a
    menu), which would widen every window near them to the full reach: the
    white space runs inside each are read off the folded text, where a
    search sees only the few characters of the run.
    """
    blanked = ctx.blanked
    folded = ctx.folded
    needle = " " * (SHORT_SPACE + 1)
    search = _WHITE_RUN.search
    past_spaces = _past_spaces
    starts: list[int] = []
    ends: list[int] = []
    pos = blanked.find(needle)
    while pos >= 0:
        end = past_spaces(blanked, pos).end()
        # Padded text: offset ``pos`` there is ``pos - 1`` in the text.  A white
        # space run lies within one blanked run, which a non-space ends on each side.
        run = search(folded, pos - 1 if pos else 0, end - 1)
        while run is not None:
            starts.append(run.start())
            ends.append(run.end())
            run = search(folded, run.end(), end - 1)
        pos = blanked.find(needle, end)
    return starts, ends


#: A white space run a short reach does not allow (see :func:`_match_starts`).
_WHITE_RUN = re.compile(rf"\s{{{SHORT_SPACE + 1},}}")
_SPACES = re.compile(" +")
#: ``_SPACES.match``, called only where a space is, so it never fails.
_past_spaces = cast("Callable[[str, int], re.Match[str]]", _SPACES.match)


def _reaches(index: TriggerIndex, n: int, pattern: str, keys: list[int]) -> dict[int, _Reach]:
    """Per index key of rule ``n`` (``keys``): where a match holding a hit lies.

    Measured from the hit's reported position, which is the literal's first
    character, or past a boundary space the literal does not hold ("[email"
    is reported from its "e").
    """
    texts = {t.text for number in keys for t in index.keys[number].owners[n]}
    short, full = reach(pattern, texts, short_spaces=True), reach(pattern, texts)
    found: dict[int, _Reach] = {}
    for number in keys:
        key = index.keys[number]
        at = [(t.text, (1 if t.left else 0) - key.lead) for t in key.owners[n]]
        found[number] = (
            min(pos - short[text][0] for text, pos in at),
            min(pos - full[text][0] for text, pos in at),
            max(pos for _, pos in at),
            max(pos + short[text][1] for text, pos in at),
            max(pos + full[text][1] for text, pos in at),
        )
    return found


def _hits_by_rule(plan: _Plan,
                  spots: dict[int, list[int]]) -> dict[int, list[tuple[int, list[int]]]]:
    """Per rule tried elsewhere: (key number, hits) for each of its keys with hits."""
    found: dict[int, list[tuple[int, list[int]]]] = {}
    key_rules = plan.key_rules
    for number, where in spots.items():
        for n in key_rules[number]:
            hits = found.get(n)
            if hits is None:
                found[n] = [(number, where)]
            else:
                hits.append((number, where))
    return found


def _match_starts(hits: list[tuple[int, list[int]]], facts: _Facts,
                  long_runs: tuple[list[int], list[int]]) -> list[_Window]:
    """(first start, last start, farthest end, heads) of a match around each hit, sorted.

    ``hits``: (key number, where the key was found); ``facts``: per key,
    where the rule's matches lie around it and what they start with.

    A match reaches at most its short reach from its trigger unless one of
    its white space runs is long; only near such a run does it take the
    full reach.
    """
    run_starts, run_ends = long_runs
    reaches, heads = facts.reaches, facts.heads
    found: list[_Window] = []
    for number, where in hits:
        first_short, first, last, end_short, end = reaches[number]
        starts = heads[number]
        if not run_starts or (first_short == first and end_short == end):
            if len(hits) == 1:
                # One key's hits, in order, each at the same reach: in order.
                return [(pos + first_short, pos + last, pos + end_short, starts)
                        for pos in where]
            found += [(pos + first_short, pos + last, pos + end_short, starts) for pos in where]
            continue
        for pos in where:
            if _long_run_within(run_starts, run_ends, pos + first, pos + end):
                found.append((pos + first, pos + last, pos + end, starts))
            else:
                found.append((pos + first_short, pos + last, pos + end_short, starts))
    found.sort()
    return found


#: Where matches around a hit may start (first, last), how far they may
#: reach, and what they start with (see :func:`_match_starts`).
_Window = tuple[int, int, int, tuple[str, ...]]


def _long_run_within(run_starts: list[int], run_ends: list[int], start: int, end: int) -> bool:
    """Whether more than ``SHORT_SPACE`` characters of a long run lie in [start, end).

    Only then can a match there hold a long white space run, and take more
    than its short reach.
    """
    i = bisect.bisect_right(run_ends, start + SHORT_SPACE)
    while i < len(run_starts) and run_starts[i] < end - SHORT_SPACE:
        if min(run_ends[i], end) - max(run_starts[i], start) > SHORT_SPACE:
            return True
        i += 1
    return False


#: Up to this many possible starts, each is tried; beyond, a search finds them.
_FEW_STARTS = 4


def _scan(pattern: re.Pattern[str], starts: list[_Window], folded: str,
          peek: int, needed: tuple[str, ...], longest_head: int) -> Iterator[re.Match[str]]:
    """The matches a scan of the whole text finds, looked for only where they can start.

    As ``finditer`` over the whole text: leftmost matches first, none
    overlapping the one before.  Start ranges that overlap are taken
    together (with the heads of either).  Where every match in a range
    starts with one of its heads, the pattern is tried only where one of
    them stands.  Otherwise a search is cut off where its matches must have
    ended (plus what the pattern looks at past them), which may make it see
    a match the whole text does not have: each is taken from the whole
    text.  No search is made where none of the ``needed`` literals is.
    """
    size = len(folded)
    pos = 0  # where the last match ended
    i, count = 0, len(starts)
    # (Comparisons rather than max() and min(): this runs for every hit.)
    while i < count:
        first, last, end, heads = starts[i]
        i += 1
        while i < count:
            other_first, other_last, other_end, others = starts[i]
            if other_first > last:
                break
            if other_last > last:
                last = other_last
            if other_end > end:
                end = other_end
            if others is not heads:
                heads = _either(heads, others)
            i += 1
        if first < pos:  # (``pos`` is never negative)
            first = pos
        if last >= size:
            last = size - 1
        if last - first < _FEW_STARTS:
            for at in range(first, last + 1):
                if at >= pos and (match := pattern.match(folded, at)) is not None:
                    pos = match.end()
                    yield match
            continue
        if heads:
            for at in _head_spots(folded, heads, first, last, longest_head):
                if at >= pos and (match := pattern.match(folded, at)) is not None:
                    pos = match.end()
                    yield match
            continue
        limit = min(end + peek, size)
        if needed and not _holds_any(folded, needed, first, limit):
            continue
        at = first
        while at <= last:
            seen = pattern.search(folded, at, limit)
            if seen is None or seen.start() > last:
                break
            match = pattern.match(folded, seen.start())
            if match is None:
                at = seen.start() + 1
                continue
            pos = match.end()
            # (A match holds a trigger, so is never empty; if one were, go on.)
            at = max(pos, seen.start() + 1)
            yield match


def _either(heads: tuple[str, ...], others: tuple[str, ...]) -> tuple[str, ...]:
    """Where windows with their own heads overlap: what a match in either starts
    with (none known if either knows none)."""
    pair = (heads, others)
    found = _EITHER.get(pair)
    if found is None:
        if len(_EITHER) > 4096:  # (heads come from the rule sets in use)
            _EITHER.clear()
        found = _EITHER[pair] = (_shortest_heads(set(heads) | set(others))
                                 if heads and others else ())
    return found


#: What :func:`_either` found, by the pair it was asked about.
_EITHER: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}


def _head_spots(text: str, heads: tuple[str, ...], first: int, last: int,
                longest: int) -> list[int]:
    """Where one of ``heads`` (the longest ``longest`` long) starts in ``text``,
    from ``first`` to ``last``, in order."""
    found: list[int] = []
    # Windows are short and most hold no head: one slice, then an ``in`` per
    # head, costs a third of a ``find(head, start, end)`` per head.
    window = text[first:last + longest]
    span = last - first
    for head in heads:
        if head in window:
            at = window.find(head)
            while 0 <= at <= span:
                found.append(first + at)
                at = window.find(head, at + 1)
    if len(heads) > 1:
        found.sort()
    return found


def _holds_any(text: str, needles: tuple[str, ...], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of ``needles`` (without slicing it)."""
    for needle in needles:  # noqa: SIM110 - a loop costs less than any() over a generator
        if text.find(needle, start, end) >= 0:
            return True
    return False


def _place_span(ctx: Context, rule: Rule, match: re.Match[str] | _Located,
                ex_starts: list[int]) -> Iterator[Span]:
    raw = ctx.raw
    start, end = match.start(), match.end()
    if _inside_word(raw, start, end) or (ex_starts and _excluded(ctx, ex_starts, start)):
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
    lines (as html2text writes them) is still taken whole.  Scrapes often
    have few blank lines, so sentences are read from a little before the
    match rather than from the block's start (see :func:`_extent_from`).
    """
    block_start = raw.rfind("\n\n", 0, start)
    block_start = 0 if block_start < 0 else block_start + 2
    block_end = raw.find("\n\n", end)
    block_end = len(raw) if block_end < 0 else block_end
    back = _SENTENCE_LOOK_BACK
    while True:
        pos = max(block_start, start - back)
        # Step back to a character no sentence boundary can hold: a scan from
        # there sees the same boundaries as one from the block's start.
        while pos > block_start and (raw[pos - 1].isspace() or raw[pos - 1] in _QUOTES):
            pos -= 1
        found = _extent_from(raw, pos, block_start, block_end, start, end)
        if found is not None:
            return found
        back *= 4


#: How far before a match its sentence is looked for first.
_SENTENCE_LOOK_BACK = 400
#: What a sentence boundary can hold besides white space (see :mod:`..segment`).
_QUOTES = frozenset("\"'»”’)]")


def _extent_from(raw: str, pos: int, block_start: int, block_end: int, start: int,
                 end: int) -> tuple[int, int] | None:
    """The sentences covering [start, end), read from ``pos``.

    Unless ``pos`` is the block's start, the first piece read may be the
    tail of a longer sentence: the result holds only once a sentence begins
    (after a boundary) at or before ``start``; None if none does.
    """
    exact = pos == block_start
    lo, hi = start, end
    seen = 0
    for s, e in sentence_bounds(raw, pos, block_end):
        seen += 1
        if seen == 2 and not exact and s > start:
            return None
        if e <= start:
            continue
        if s >= end:
            break
        lo, hi = min(lo, s), max(hi, e)
    if seen < 2 and not exact:
        return None
    return lo, hi
