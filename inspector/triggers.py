"""Where phrase rules can match, found in one pass over the text.

Python's ``re`` has no multi-pattern search: running two hundred rules over a
page means two hundred scans, and a large alternation is tried alternative by
alternative at every position.  Instead, each rule gets *trigger literals*:
strings of which every match of the rule contains at least one (read off the
pattern's syntax tree, so a rule file never lists them by hand).  One
Aho–Corasick pass (``pyahocorasick``, in C) finds every trigger in the
lower-cased text, and each rule's own pattern then runs only on the lines or
in the windows around its triggers.  Rules without a usable trigger run
everywhere, as before; the result is the same as scanning everything, only
faster.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _sre_parser
else:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _sre_parser

#: Literals shorter than this are too frequent to narrow anything down, unless
#: they are symbols (``©``).
MIN_LITERAL = 2
#: How far a match may reach from its trigger when the pattern's own width
#: is unbounded or larger.
MAX_REACH = 600


def trigger_literals(pattern: str, common: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Lower-cased literals of which every match of ``pattern`` contains one.

    ``pattern`` must already be in the form that runs against lower-cased
    text.  ``common`` words (function words of every language) make poor
    triggers, so a set without them is preferred.  None: no such set exists
    (e.g. ``\\d+ min``), and the rule must be tried everywhere.
    """
    try:
        items = list(_sre_parser.parse(pattern))
    except re.error:
        return None
    found = _sequence(items, common)
    return found[1] if found else None


def max_width(pattern: str) -> int:
    """The longest a match can be, capped at :data:`MAX_REACH`."""
    try:
        return min(MAX_REACH, _sre_parser.parse(pattern).getwidth()[1])
    except (re.error, OverflowError):
        return MAX_REACH


_Choice = tuple[float, frozenset[str]]


def _cost(literal: str, common: frozenset[str]) -> float:
    """Roughly how often a literal turns up in text: short and common words often."""
    word = literal.strip()
    if word in common:
        return 20.0
    return 1.0 + max(0, 6 - len(literal))


def _choice(literals: frozenset[str], common: frozenset[str]) -> _Choice:
    return sum(_cost(x, common) for x in literals), literals


def _usable(literal: str) -> bool:
    if len(literal) >= MIN_LITERAL:
        return True
    return bool(literal) and not literal.isalnum() and not literal.isspace()


def _better(a: _Choice | None, b: _Choice | None) -> _Choice | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=lambda c: (c[0], sorted(c[1])))


def _sequence(items: list, common: frozenset[str]) -> _Choice | None:
    """The cheapest trigger set of a sequence: any one required piece will do."""
    best: _Choice | None = None
    run: list[str] = []

    def close_run() -> None:
        nonlocal best
        literal = "".join(run).lower()
        if _usable(literal):
            best = _better(best, _choice(frozenset([literal]), common))
        run.clear()

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is _c.SUBPATTERN:
            best = _better(best, _sequence(list(arg[-1]), common))
        elif op is _c.BRANCH:
            best = _better(best, _branch(arg[1], common))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            best = _better(best, _sequence(list(arg[2]), common))
        elif op is _c.ATOMIC_GROUP:
            best = _better(best, _sequence(list(arg), common))
    close_run()
    return best


def _branch(alternatives: list, common: frozenset[str]) -> _Choice | None:
    union: set[str] = set()
    for alt in alternatives:
        found = _sequence(list(alt), common)
        if found is None:
            return None
        union |= found[1]
    return _choice(frozenset(union), common)


@dataclass
class TriggerIndex:
    """Trigger literals of a list of patterns, searchable in one pass."""

    #: Which patterns have no trigger and must be tried everywhere.
    untriggered: tuple[int, ...]
    _automaton: ahocorasick.Automaton | None

    @classmethod
    def build(cls, patterns: Sequence[str],
              common: frozenset[str] = frozenset()) -> TriggerIndex:
        owners: dict[str, list[int]] = {}
        untriggered = []
        for n, pattern in enumerate(patterns):
            literals = trigger_literals(pattern, common)
            if literals is None:
                untriggered.append(n)
                continue
            for literal in literals:
                owners.setdefault(literal, []).append(n)
        automaton = None
        if owners:
            automaton = ahocorasick.Automaton()
            for literal, ids in owners.items():
                automaton.add_word(literal, (len(literal), tuple(ids)))
            automaton.make_automaton()
        return cls(tuple(untriggered), automaton)

    def hits(self, folded: str) -> dict[int, list[tuple[int, int]]]:
        """Per pattern number, the (start, end) of each trigger in ``folded``."""
        found: dict[int, list[tuple[int, int]]] = {}
        if self._automaton is None:
            return found
        for last, (size, ids) in self._automaton.iter(folded):
            where = (last + 1 - size, last + 1)
            for n in ids:
                spot = found.get(n)
                if spot is None:
                    found[n] = [where]
                else:
                    spot.append(where)
        return found
