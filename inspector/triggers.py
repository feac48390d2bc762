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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _sre_parser
else:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _sre_parser

# Possessive repeats and atomic groups exist from Python 3.11 on.
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_c, name))
_ATOMIC_GROUP = getattr(_c, "ATOMIC_GROUP", object())

#: Literals shorter than this are too frequent to narrow anything down, unless
#: they are symbols (``©``).
MIN_LITERAL = 2
#: How far a match may reach from its trigger when the pattern's own width
#: is unbounded or larger.
MAX_REACH = 600


@dataclass(frozen=True, order=True)
class Trigger:
    """A literal every match of some rule contains, and whether it stands alone.

    ``left``/``right``: the literal is a whole word on that side in every
    match (the pattern puts white space, punctuation or a boundary there, or
    the match's own edge, which the phrase detector never lets fall inside a
    word).  "ver" then finds "ver" but not "every", which keeps short
    triggers from turning up everywhere.
    """

    text: str
    left: bool = False
    right: bool = False


def trigger_literals(pattern: str, common: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Lower-cased literals of which every match of ``pattern`` contains one.

    ``pattern`` must already be in the form that runs against lower-cased
    text.  ``common`` words (function words of every language) make poor
    triggers, so a set without them is preferred.  None: no such set exists
    (e.g. ``\\d+\\s\\d+``), and the rule must be tried everywhere.
    """
    found = triggers_of(pattern, common)
    return None if found is None else frozenset(t.text for t in found)


def triggers_of(pattern: str, common: frozenset[str] = frozenset()) -> frozenset[Trigger] | None:
    """Like :func:`trigger_literals`, with each literal's word boundaries."""
    try:
        items = list(_sre_parser.parse(pattern))
    except re.error:
        return None
    found = _sequence(items, common, True, True)
    return found[1] if found else None


#: White space runs up to this long count as "short" for :func:`max_width`.
SHORT_SPACE = 8
_SPACE_RUN = re.compile(r"(?<!\\)\\s([+*])")


def max_width(pattern: str, short_spaces: bool = False) -> int:
    """The longest a match can be, capped at :data:`MAX_REACH`.

    Every space of a rule matches any run of white space, which makes nearly
    every pattern unbounded.  With ``short_spaces``, the width assumes each
    such run is at most :data:`SHORT_SPACE` characters long; the caller must
    fall back on the full reach where the text has longer runs.
    """
    if short_spaces:
        pattern = _SPACE_RUN.sub(
            lambda m: rf"\s{{{1 if m.group(1) == '+' else 0},{SHORT_SPACE}}}", pattern)
    try:
        return min(MAX_REACH, _sre_parser.parse(pattern).getwidth()[1])
    except (re.error, OverflowError):
        return MAX_REACH


_Choice = tuple[float, frozenset[Trigger]]


def _cost(trigger: Trigger, common: frozenset[str]) -> float:
    """Roughly how often a literal turns up in text: short and common words often."""
    word = trigger.text.strip()
    if word in common:
        return 20.0
    if len(word) == 1:
        # ASCII punctuation (":" "&") is everywhere; a sign like "©" is rare.
        return 20.0 if word.isascii() else 2.0
    cost = 1.0 + max(0, 6 - len(word))
    # A piece that may sit inside longer words ("app" in "happen") turns up more.
    return cost if trigger.left and trigger.right else 1.5 * cost


def _choice(triggers: frozenset[Trigger], common: frozenset[str]) -> _Choice:
    return sum(_cost(t, common) for t in triggers), triggers


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


_BOUNDARY_AT = {_c.AT_BOUNDARY, _c.AT_UNI_BOUNDARY, _c.AT_LOC_BOUNDARY,
                _c.AT_BEGINNING, _c.AT_BEGINNING_LINE, _c.AT_BEGINNING_STRING,
                _c.AT_END, _c.AT_END_LINE, _c.AT_END_STRING}


def _separates(item: tuple | None, edge: bool) -> bool:
    """Whether ``item`` (None: the edge of the enclosing group) keeps words apart."""
    if item is None:
        return edge
    op, arg = item
    if op is _c.LITERAL:
        return not chr(arg).isalnum()
    if op is _c.AT:
        return arg in _BOUNDARY_AT
    if op is _c.IN:
        return _non_word_class(arg)
    if op in _REPEATS and arg[0] >= 1:
        body = list(arg[2])
        return len(body) == 1 and _separates(body[0], False)
    return False


def _non_word_class(items: list) -> bool:
    for op, arg in items:
        if op is _c.LITERAL:
            if chr(arg).isalnum():
                return False
        elif op is _c.CATEGORY:
            if arg not in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
                return False
        else:
            return False
    return True


def _sequence(items: list, common: frozenset[str], left: bool, right: bool) -> _Choice | None:
    """The cheapest trigger set of a sequence: any one required piece will do."""
    best: _Choice | None = None
    i = 0
    while i < len(items):
        op, arg = items[i]
        before = items[i - 1] if i else None
        if op is _c.LITERAL:
            j = i
            while j < len(items) and items[j][0] is _c.LITERAL:
                j += 1
            literal = "".join(chr(a) for _, a in items[i:j]).lower()
            if _usable(literal):
                after = items[j] if j < len(items) else None
                trigger = Trigger(
                    literal,
                    left=literal[0].isalnum() and _separates(before, left),
                    right=literal[-1].isalnum() and _separates(after, right),
                )
                best = _better(best, _choice(frozenset([trigger]), common))
            i = j
            continue
        after = items[i + 1] if i + 1 < len(items) else None
        lb, rb = _separates(before, left), _separates(after, right)
        if op is _c.SUBPATTERN:
            best = _better(best, _sequence(list(arg[-1]), common, lb, rb))
        elif op is _c.BRANCH:
            best = _better(best, _branch(arg[1], common, lb, rb))
        elif op in _REPEATS and arg[0] >= 1:
            # Repeated, a piece may touch its own next copy: no boundary then.
            single = arg[1] == 1
            best = _better(best, _sequence(list(arg[2]), common, lb and single, rb and single))
        elif op is _ATOMIC_GROUP:
            best = _better(best, _sequence(list(arg), common, lb, rb))
        i += 1
    return best


def _branch(alternatives: list, common: frozenset[str], left: bool,
            right: bool) -> _Choice | None:
    union: set[Trigger] = set()
    for alt in alternatives:
        found = _sequence(list(alt), common, left, right)
        if found is None:
            return None
        union |= found[1]
    return _choice(frozenset(union), common)


#: ASCII bytes that are not letters or digits become spaces; others are kept.
_ASCII_BLANKS = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))
#: What the byte table leaves: characters beyond ASCII that are not word characters.
_OTHER_BLANKS = re.compile(r"[^\x00-\x7f\w]")


def blanked(text: str) -> str:
    """``text`` with every character that is not a letter or digit turned into a space.

    Offsets are kept, and a whole word is then simply the literal with a
    space on either side, which the automaton can look for directly.  ASCII
    goes through a byte table (UTF-8 keeps ASCII bytes ASCII), which is
    several times faster than a regular-expression substitution; the rare
    non-ASCII punctuation ("«", "’", no-break space) follows.
    """
    ascii_done = text.encode("utf-8", "surrogatepass").translate(_ASCII_BLANKS).decode(
        "utf-8", "surrogatepass")
    return _OTHER_BLANKS.sub(" ", ascii_done)


@dataclass
class TriggerIndex:
    """Trigger literals of a list of patterns, searchable in one pass.

    Literals with letters or digits are looked for in the blanked text
    (see :func:`blanked`), with a space standing for each word boundary the
    pattern guarantees; pure symbols ("©") in the lower-cased text itself.
    """

    #: Which patterns have no trigger and must be tried everywhere.
    untriggered: tuple[int, ...]
    _words: ahocorasick.Automaton | None = None
    _symbols: ahocorasick.Automaton | None = None

    @classmethod
    def build(cls, patterns: Sequence[str],
              common: frozenset[str] = frozenset()) -> TriggerIndex:
        words: dict[str, list[int]] = {}
        symbols: dict[str, list[int]] = {}
        untriggered = []
        for n, pattern in enumerate(patterns):
            triggers = triggers_of(pattern, common)
            if triggers is None:
                untriggered.append(n)
                continue
            for t in sorted(triggers):
                word = blanked(t.text)
                if word.isspace():
                    symbols.setdefault(t.text, []).append(n)
                else:
                    key = (" " if t.left else "") + word + (" " if t.right else "")
                    words.setdefault(key, []).append(n)
        return cls(tuple(untriggered), _automaton(words), _automaton(symbols))

    def hits(self, folded: str,
             padded_blanked: str | None = None) -> dict[int, list[tuple[int, int]]]:
        """Per pattern number, the (start, end) of each trigger in ``folded``.

        ``padded_blanked`` is ``f" {blanked(folded)} "`` when the caller has it
        already (the padding gives the text's first and last words their spaces).
        """
        found: dict[int, list[tuple[int, int]]] = {}
        if self._words is not None:
            if padded_blanked is None:
                padded_blanked = f" {blanked(folded)} "
            self._collect(self._words, padded_blanked, -1, found)
        if self._symbols is not None:
            self._collect(self._symbols, folded, 0, found)
        return found

    @staticmethod
    def _collect(automaton: ahocorasick.Automaton, text: str, shift: int,
                 found: dict[int, list[tuple[int, int]]]) -> None:
        for last, (length, lead, trail, owners) in automaton.iter(text):
            where = (last + 1 - length + lead + shift, last + 1 - trail + shift)
            for n in owners:
                spot = found.get(n)
                if spot is None:
                    found[n] = [where]
                else:
                    spot.append(where)


def _automaton(keys: Mapping[str, Iterable[Any]]) -> ahocorasick.Automaton | None:
    """An automaton of ``keys``; each hit carries (length, lead, trail, owners)."""
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, owners in keys.items():
        # The boundary spaces are not part of the literal's position.
        lead, trail = int(key[0] == " " and len(key) > 1), int(key[-1] == " " and len(key) > 1)
        automaton.add_word(key, (len(key), lead, trail, tuple(sorted(set(owners)))))
    automaton.make_automaton()
    return automaton


class WordFinder:
    """Whole words and phrases ("getty images"), found in one pass over a text.

    For detectors that only need to know which lines hold one of a few lists
    of words, without trying a pattern at every line.  Each list has a tag,
    so several lists cost one pass.
    """

    def __init__(self, lists: Mapping[str, Iterable[str]]) -> None:
        keys: dict[str, set[str]] = {}
        for tag, phrases in lists.items():
            for phrase in phrases:
                key = " ".join(blanked(phrase.lower()).split())
                if key:
                    keys.setdefault(f" {key} ", set()).add(tag)
        self._automaton = _automaton(keys)

    def starts(self, padded_blanked: str) -> list[tuple[int, str]]:
        """(offset into the unpadded text, tag) wherever one of the phrases starts."""
        if self._automaton is None:
            return []
        # Past the key's leading space (``lead``), less the padding's one.
        return [(last + lead - length, tag)
                for last, (length, lead, _, tags) in self._automaton.iter(padded_blanked)
                for tag in tags]
