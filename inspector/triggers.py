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

The same syntax trees tell the phrase detector more, each read so that it
can only err on the safe side: how far around a trigger a match can reach
(:func:`reach`), what a match can start with (:func:`first_chars`), which
other literals it must hold (:func:`companions`), and where a white space
run can be possessive without changing any match (:func:`compile_tight`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
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

#: An item of a parsed pattern (``re._parser``): an opcode and its argument.
_Item = tuple[Any, Any]
#: A parsed pattern, or a part of one: its items in order.
_Items = list[_Item]

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
        items = list(_parse(pattern))
    except re.error:
        return None
    found = _sequence(items, common, True, True)
    return found[1] if found else None


def split_untriggered(pattern: str,
                      common: frozenset[str] = frozenset()) -> tuple[str, tuple[str, ...]] | None:
    """An untriggered pattern as (its branches with triggers, its other branches).

    ``"\\d+\\s+comments?|a\\s+a\\s+a"`` has no trigger only because of its
    last branch: every match holds a trigger of the first part (read in the
    same context, so the same triggers) or matches one of the others, which
    a caller may find its own way.  None unless the pattern is a top-level
    alternation of which some branches have triggers.
    """
    branches = top_branches(pattern)
    if branches is None or len(branches) < 2:
        return None
    triggered: list[str] = []
    others: list[str] = []
    for branch in branches:
        (others if triggers_of(branch, common) is None else triggered).append(branch)
    if not triggered or not others:
        return None
    rest = "(?:" + "|".join(triggered) + ")"
    if triggers_of(rest, common) is None:
        return None
    return rest, tuple(others)


def top_branches(pattern: str) -> list[str] | None:
    """The top-level alternatives of ``pattern`` (inside a group wrapping all of it).

    Every match of ``pattern`` is a whole match of one of them.  None if the
    pattern does not parse as groups that open and close.
    """
    while True:
        found = _split_top(pattern)
        if found is None:
            return None
        pieces, groups = found
        if (len(pieces) == 1 and pattern.startswith("(?:") and groups
                and groups[0] == (0, len(pattern) - 1)):
            pattern = pattern[3:-1]
            continue
        return pieces


def match_branches(pattern: str) -> list[str] | None:
    """Patterns such that every match of ``pattern`` is a whole match of one of them.

    Its top-level alternatives (see :func:`top_branches`) or, for a sequence,
    the alternatives of its first group that is an alternation, each put
    between what stands before and after the group: every match of
    "(?:a|b)\\.?" is one of "(?:a)\\.?" or of "(?:b)\\.?".  None: neither.
    """
    pieces = top_branches(pattern)
    if pieces is None or len(pieces) > 1:
        return pieces
    (whole,) = pieces
    found = _split_top(whole)
    for start, end in found[1] if found else ():
        # A repeated group ("(?:a|b)+") cannot be split so.
        if not whole.startswith("(?:", start) or whole[end + 1:end + 2] in _QUANTIFIERS:
            continue
        inner = top_branches(whole[start:end + 1])
        if inner is not None and len(inner) > 1:
            return [f"{whole[:start]}(?:{alternative}){whole[end + 1:]}" for alternative in inner]
    return None


_QUANTIFIERS = ("?", "*", "+", "{")


def _split_top(pattern: str) -> tuple[list[str], list[tuple[int, int]]] | None:
    """``pattern`` split at its depth-0 ``|``, and where each depth-0 group
    opens and closes; None if its groups do not balance."""
    pieces, groups, depth, start, i, opened = [], [], 0, 0, 0, -1
    size = len(pattern)
    while i < size:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < size and pattern[i] == "^":
                i += 1
            if i < size and pattern[i] == "]":
                i += 1
            while i < size and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                groups.append((opened, i))
            elif depth < 0:
                return None
        elif ch == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    pieces.append(pattern[start:])
    return pieces, groups


def companions(pattern: str, triggers: Iterable[Trigger],
               common: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Literals of which every match of ``pattern`` holds one, none of them a trigger's.

    A match near a trigger is then only possible where one of these is
    near as well, which ``str.find`` tells before the pattern is tried.
    None: no such set.
    """
    try:
        items = list(_parse(pattern))
    except re.error:
        return None
    found = _sequence(items, common, True, True, frozenset(t.text for t in triggers))
    return None if found is None else frozenset(t.text for t in found[1])


@lru_cache(maxsize=4096)
def _parse(pattern: str) -> Any:
    """The syntax tree of ``pattern``, read by several analyses of each rule.

    Parsed once: parsing is most of what preparing a rule set costs.  The
    tree is shared, so the analyses only read it (:func:`compile_tight`,
    which changes its tree, parses its own).
    """
    return _sre_parser.parse(pattern)


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
        pattern = _short_spaces(pattern)
    try:
        width: int = _parse(pattern).getwidth()[1]
        return min(MAX_REACH, width)
    except (re.error, OverflowError):
        return MAX_REACH


def _short_spaces(pattern: str) -> str:
    """``pattern`` with each white space run limited to :data:`SHORT_SPACE` characters."""
    return _SPACE_RUN.sub(
        lambda m: rf"\s{{{1 if m.group(1) == '+' else 0},{SHORT_SPACE}}}", pattern)


_Choice = tuple[float, frozenset[Trigger]]


def _cost(trigger: Trigger, common: frozenset[str]) -> float:
    """Roughly how often a literal turns up in text: short and common words often."""
    word = trigger.text.strip()
    if word in common:
        # The shorter, the more often: "in" turns up in every language.
        return 20.0 + max(0, 6 - len(word))
    if len(word) == 1:
        # ASCII punctuation (":" "&") is everywhere, more than any common
        # word (a dump of code holds ":" on every line); a sign like "©" is rare.
        return 40.0 if word.isascii() else 2.0
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


def _apart(items: _Items, k: int, step: int, edge: bool) -> bool:
    """Whether what stands next to a piece of a sequence keeps words apart.

    Looks from ``items[k]`` on, in the direction ``step`` (-1: the pieces
    before, +1: those after), past pieces that may match nothing (an
    optional "free " before "newsletter"); ``edge``: whether the edge of the
    enclosing group does.
    """
    while 0 <= k < len(items):
        apart, empty = _rim(items[k], step)
        if not apart:
            return False
        if not empty:
            return True
        k += step
    return edge


def _rim(item: _Item, step: int) -> tuple[bool, bool]:
    """(Whether every non-empty match of ``item`` has a non-word character on the
    side facing the other way from ``step``, whether it can match nothing)."""
    op, arg = item
    if op is _c.LITERAL:
        return not chr(arg).isalnum(), False
    if op is _c.IN:
        return _non_word_class(arg), False
    if op is _c.AT:
        return arg in _BOUNDARY_AT, False
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return True, True  # takes no character: look past it
    if op is _c.SUBPATTERN:
        return _rim_of_sequence(list(arg[-1]), step)
    if op is _ATOMIC_GROUP:
        return _rim_of_sequence(list(arg), step)
    if op is _c.BRANCH:
        rims = [_rim_of_sequence(list(alt), step) for alt in arg[1]]
        return all(apart for apart, _ in rims), any(empty for _, empty in rims)
    if op in _REPEATS:
        low, high, body = arg
        if high == 0:
            return True, True
        apart, empty = _rim_of_sequence(list(body), step)
        return apart, empty or low == 0
    return False, False


def _rim_of_sequence(items: _Items, step: int) -> tuple[bool, bool]:
    for item in (reversed(items) if step < 0 else items):
        apart, empty = _rim(item, step)
        if not apart:
            return False, False
        if not empty:
            return True, False
    return True, True


def _non_word_class(items: _Items) -> bool:
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


def _literal_run(items: _Items, i: int) -> tuple[int, str]:
    """The run of literal characters from ``items[i]`` on: where it ends, and
    its text lower-cased (what the automaton looks for)."""
    j = i
    while j < len(items) and items[j][0] is _c.LITERAL:
        j += 1
    return j, "".join(chr(a) for _, a in items[i:j]).lower()


def _unfactored(items: _Items, alternative: Any = list) -> _Items:
    """``items`` with the literals around alternatives put into each alternative.

    ``re`` parses "signing up|subscribing" as "s" followed by a choice of
    "igning up" and "ubscribing"; rules write "(?:cookie|privacy)instellingen"
    and "e-?mail".  Read as they stand, the triggers would be pieces of
    words.  Here a literal run before or after a choice goes into each
    alternative, and an optional literal between literals ("-?") becomes a
    choice of it and nothing, which gives whole words ("subscribing", "privacyinstellingen",
    "e-mail" or "email").  The matches are the same.  ``alternative`` makes
    an alternative out of a list of pieces (a ``SubPattern`` where widths
    are wanted).
    """
    out: _Items = []
    i = 0
    while i < len(items):
        op, arg = items[i]
        head: _Items = []
        if op is _c.LITERAL:
            j, _ = _literal_run(items, i)
            head, i = list(items[i:j]), j
            if i == len(items):
                out.extend(head)
                break
            op, arg = items[i]
        if op is _c.BRANCH:
            alts = [list(alt) for alt in arg[1]]
        elif (op is _c.MAX_REPEAT and arg[:2] == (0, 1)
              and all(o is _c.LITERAL for o, _ in arg[2])
              and i + 1 < len(items) and items[i + 1][0] is _c.LITERAL):
            # Only with a literal after it: "comments?" stays "comment" with no
            # boundary after it, as "12 comment" in "12 commentaires" needs.
            alts = [list(arg[2]), []]
        else:
            out.extend(head)
            out.append(items[i])
            i += 1
            continue
        j, _ = _literal_run(items, i + 1)
        tail = list(items[i + 1:j])
        out.append((_c.BRANCH, (None, [alternative(head + alt + tail) for alt in alts])))
        i = j
    return out


def _sequence(items: _Items, common: frozenset[str], left: bool, right: bool,
              avoid: frozenset[str] = frozenset()) -> _Choice | None:
    """The cheapest trigger set of a sequence: any one required piece will do."""
    items = _unfactored(items)
    best: _Choice | None = None
    i = 0
    while i < len(items):
        op, arg = items[i]
        if op is _c.LITERAL:
            j, literal = _literal_run(items, i)
            if _usable(literal) and literal not in avoid:
                trigger = Trigger(
                    literal,
                    left=literal[0].isalnum() and _apart(items, i - 1, -1, left),
                    right=literal[-1].isalnum() and _apart(items, j, 1, right),
                )
                best = _better(best, _choice(frozenset([trigger]), common))
            i = j
            continue
        lb, rb = _apart(items, i - 1, -1, left), _apart(items, i + 1, 1, right)
        if op is _c.SUBPATTERN:
            best = _better(best, _sequence(list(arg[-1]), common, lb, rb, avoid))
        elif op is _c.BRANCH:
            best = _better(best, _branch(arg[1], common, lb, rb, avoid))
        elif op in _REPEATS and arg[0] >= 1:
            # Repeated, a piece may touch its own next copy: no boundary then.
            single = arg[1] == 1
            best = _better(best, _sequence(list(arg[2]), common, lb and single, rb and single,
                                           avoid))
        elif op is _ATOMIC_GROUP:
            best = _better(best, _sequence(list(arg), common, lb, rb, avoid))
        i += 1
    return best


def _branch(alternatives: list[Any], common: frozenset[str], left: bool, right: bool,
            avoid: frozenset[str] = frozenset()) -> _Choice | None:
    union: set[Trigger] = set()
    for alt in alternatives:
        found = _sequence(list(alt), common, left, right, avoid)
        if found is None:
            return None
        union |= found[1]
    return _choice(frozenset(union), common)


#: ASCII bytes that are not letters or digits become spaces; others are kept.
_ASCII_BLANKS = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))
#: What the byte table leaves: characters beyond ASCII that are not word characters.
_OTHER_BLANKS = re.compile(r"[^\x00-\x7f\w]")
#: Every ASCII byte, to delete them all.
_ASCII = bytes(range(0x80))


def blanked(text: str, utf8: bytes | None = None, others: Iterable[str] | None = None) -> str:
    """``text`` with every character that is not a letter or digit turned into a space.

    Offsets are kept, and a whole word is then simply the literal with a
    space on either side, which the automaton can look for directly.  ASCII
    goes through a byte table (UTF-8 keeps ASCII bytes ASCII), which is
    several times faster than a regular-expression substitution; the rare
    non-ASCII punctuation ("«", "’", no-break space) follows.

    A caller that has them at hand (:attr:`inspector.detectors.Context.blanked`,
    from lower-casing) may pass the text's UTF-8 (surrogates passed through)
    as ``utf8`` and its non-ASCII characters (each at least once) as
    ``others``: the text is then not encoded, nor its characters read, again.
    """
    raw = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    ascii_done = raw.translate(_ASCII_BLANKS).decode("utf-8", "surrogatepass")
    if ascii_done.isascii():
        return ascii_done
    # Which non-ASCII signs the text holds, read off its non-ASCII characters
    # alone (the bytes with ASCII deleted), then one ``str.replace`` each: a
    # third faster than a substitution over the whole text.
    chars = (raw.translate(None, _ASCII).decode("utf-8", "surrogatepass") if others is None
             else "".join(others))
    for sign in set(_OTHER_BLANKS.findall(chars)):
        ascii_done = ascii_done.replace(sign, " ")
    return ascii_done


@dataclass(frozen=True)
class IndexKey:
    """One string the index looks for, shared by the triggers that read the same."""

    #: The patterns with a trigger read as this key, each with those triggers.
    owners: dict[int, tuple[Trigger, ...]]
    #: A hit is reported from its literal's first letter or sign (past the
    #: key's leading boundary space, if any) over this many characters.
    size: int
    #: Where the key itself starts, before the reported position (0 or 1).
    lead: int


@dataclass
class TriggerIndex:
    """Trigger literals of a list of patterns, searchable in one pass.

    Literals with letters or digits are looked for in the blanked text
    (see :func:`blanked`), with a space standing for each word boundary the
    pattern guarantees; pure symbols ("©") in the lower-cased text itself.
    """

    #: Which patterns have no trigger and must be tried everywhere.
    untriggered: tuple[int, ...]
    #: Each hit carries its key number.
    _words: ahocorasick.Automaton | None = None
    #: Symbols (and their key numbers) by first character: few and short,
    #: found by ``str.find``.
    _symbols: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    keys: tuple[IndexKey, ...] = ()
    #: Per key number of ``_words``: how far before a hit's last character
    #: its reported position is.  (A plain number as the hit's value, not a
    #: pair to unpack, costs less for each hit.)
    _backs: tuple[int, ...] = ()

    @classmethod
    def build(cls, patterns: Sequence[str], common: frozenset[str] = frozenset(),
              extra: Mapping[int, Iterable[Trigger]] | None = None) -> TriggerIndex:
        """The index of ``patterns``' triggers, plus ``extra`` ones per pattern
        number (which the caller vouches for)."""
        words: dict[str, dict[int, list[Trigger]]] = {}
        symbols: dict[str, dict[int, list[Trigger]]] = {}
        untriggered = []
        for n, pattern in enumerate(patterns):
            triggers = triggers_of(pattern, common)
            if extra and n in extra:
                triggers = (triggers or frozenset()) | frozenset(extra[n])
            if triggers is None:
                untriggered.append(n)
                continue
            for t in sorted(triggers):
                word = blanked(t.text)
                if word.isspace():
                    symbols.setdefault(t.text, {}).setdefault(n, []).append(t)
                else:
                    key = (" " if t.left else "") + word + (" " if t.right else "")
                    words.setdefault(key, {}).setdefault(n, []).append(t)
        keys: list[IndexKey] = []
        backs: list[int] = []
        automaton = None
        if words:
            automaton = ahocorasick.Automaton()
            for key, owners in words.items():
                # The boundary spaces are not part of the literal's position.
                lead = int(key[0] == " " and len(key) > 1)
                trail = int(key[-1] == " " and len(key) > 1)
                # Padded text: the key's first character is at ``last - len(key) + 1``
                # there, ``last - len(key)`` in the text.
                backs.append(len(key) - lead)
                keys.append(_index_key(owners, len(key) - lead - trail, lead))
            numbered = {key: number for number, key in enumerate(words)}
            for key in sorted(words, key=_by_letter_frequency):
                automaton.add_word(key, numbered[key])
            automaton.make_automaton()
        by_head: dict[str, list[tuple[str, int]]] = {}
        for symbol, owners in symbols.items():
            by_head.setdefault(symbol[0], []).append((symbol, len(keys)))
            keys.append(_index_key(owners, len(symbol), 0))
        return cls(tuple(untriggered), automaton,
                   tuple((head, tuple(found)) for head, found in by_head.items()), tuple(keys),
                   tuple(backs))

    def spots(self, folded: str, padded_blanked: str | None = None) -> dict[int, list[int]]:
        """Per key number, where its hits are in ``folded`` (see :attr:`IndexKey.size`).

        ``padded_blanked`` is ``f" {blanked(folded)} "`` when the caller has it
        already (the padding gives the text's first and last words their spaces).
        Positions are in increasing order for each key.
        """
        found: dict[int, list[int]] = {}
        get = found.get
        if self._words is not None:
            if padded_blanked is None:
                padded_blanked = f" {blanked(folded)} "
            backs = self._backs
            for last, number in self._words.iter(padded_blanked):
                where = get(number)
                if where is None:
                    found[number] = [last - backs[number]]
                else:
                    where.append(last - backs[number])
        for head, symbols in self._symbols:
            # One look for each first character (a one-character look is
            # several times faster than a longer one).
            pos = folded.find(head)
            while pos >= 0:
                for symbol, number in symbols:
                    if len(symbol) == 1 or folded.startswith(symbol, pos):
                        where = get(number)
                        if where is None:
                            found[number] = [pos]
                        else:
                            where.append(pos)
                pos = folded.find(head, pos + 1)
        return found

    def hits(self, folded: str,
             padded_blanked: str | None = None) -> dict[int, list[tuple[int, int]]]:
        """Per pattern number, the (start, end) of each trigger in ``folded``."""
        found: dict[int, list[tuple[int, int]]] = {}
        for number, where in self.spots(folded, padded_blanked).items():
            key = self.keys[number]
            for n in key.owners:
                found.setdefault(n, []).extend((pos, pos + key.size) for pos in where)
        return found


#: Characters from the most to the least frequent in pages' blanked text
#: (space, letters, digits); others follow, by code point.
_FREQUENT = " etaoisnrlhdcumpgfbywvkjxqz0123456789"
_FREQUENCY_RANK = {c: rank for rank, c in enumerate(_FREQUENT)}


def _by_letter_frequency(key: str) -> list[int]:
    """A sort key putting ``key`` after keys that differ from it first by a more
    frequent character.

    The automaton looks a character up among a node's children one by one,
    in the order they were added: added so, the characters most often read
    are found first (about 5% fewer instructions per character of text).
    Which words are added, and so what is found, does not depend on it.
    """
    return [_FREQUENCY_RANK.get(c, len(_FREQUENT) + ord(c)) for c in key]


def _index_key(owners: Mapping[int, Iterable[Trigger]], size: int, lead: int) -> IndexKey:
    return IndexKey({n: tuple(ts) for n, ts in sorted(owners.items())}, size, lead)


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


def reach(pattern: str, texts: Iterable[str],
          short_spaces: bool = False) -> dict[str, tuple[int, int]]:
    """How far a match of ``pattern`` can reach around each literal of ``texts``.

    Per literal: how far before its first character a match can start, and
    how far from that character it can end.  A literal may stand in several
    places of the pattern; the widest counts.  Both are capped at
    :data:`MAX_REACH`, like :func:`max_width`, and ``short_spaces`` means the
    same as there.  Only the places :func:`triggers_of` reads literals from
    are looked at.
    """
    if short_spaces:
        pattern = _short_spaces(pattern)
    wanted = set(texts)
    parsed = _parse(pattern)
    found: dict[str, tuple[int, int]] = {}

    def width(items: _Items) -> int:
        return _sre_parser.SubPattern(parsed.state, items).getwidth()[1] if items else 0

    def walk(items: _Items, before: int, after: int) -> None:
        # Read as :func:`triggers_of` reads it, so the same literals turn up.
        items = _unfactored(items, lambda pieces: _sre_parser.SubPattern(parsed.state, pieces))
        # Widths before each piece, summed once (a sequence is as wide as its pieces).
        upto = [0]
        for item in items:
            upto.append(upto[-1] + width([item]))
        i = 0
        while i < len(items):
            op, arg = items[i]
            if op is _c.LITERAL:
                j, literal = _literal_run(items, i)
                if literal in wanted:
                    left = before + upto[i]
                    right = len(literal) + upto[-1] - upto[j] + after
                    old = found.get(literal, (0, 0))
                    found[literal] = (max(old[0], min(left, MAX_REACH)),
                                      max(old[1], min(right, MAX_REACH)))
                i = j
                continue
            here = before + upto[i], upto[-1] - upto[i + 1] + after
            if op is _c.SUBPATTERN:
                walk(list(arg[-1]), *here)
            elif op is _c.BRANCH:
                for alt in arg[1]:
                    walk(list(alt), *here)
            elif op in _REPEATS and arg[0] >= 1:
                body = list(arg[2])
                # The literal may stand in any copy of the body.
                others = (arg[1] - 1) * width(body)
                walk(body, here[0] + others, here[1] + others)
            elif op is _ATOMIC_GROUP:
                walk(list(arg), *here)
            i += 1

    walk(list(parsed), 0, 0)
    return found


def lookahead(pattern: str) -> int:
    """How many characters past a match's end its assertions may look at (capped)."""
    peek = 1  # a word boundary or ``$`` at the end looks at one character

    def walk(items: Iterable[_Item]) -> None:
        nonlocal peek
        for op, arg in items:
            if op in (_c.ASSERT, _c.ASSERT_NOT) and arg[0] == 1:
                width = _sre_parser.SubPattern(parsed.state, list(arg[1])).getwidth()[1]
                peek = max(peek, min(width, MAX_REACH) + 1)
            for part in _parts(op, arg):
                walk(part)

    parsed = _parse(pattern)
    walk(parsed)
    return peek


def _parts(op: Any, arg: Any) -> list[Iterable[_Item]]:
    """The sub-sequences of one parsed item."""
    if op is _c.SUBPATTERN:
        return [arg[-1]]
    if op is _c.BRANCH:
        return list(arg[1])
    if op in _REPEATS:
        return [arg[2]]
    if op is _ATOMIC_GROUP:
        return [arg]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [arg[1]]
    if op is _c.GROUPREF_EXISTS:
        return [part for part in arg[1:] if part is not None]
    return []


_CATEGORY_CLASS = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def first_chars(pattern: str) -> str | None:
    """A pattern matching one character: what the first character of any match can be.

    None when that cannot be said (the pattern may match nothing, or uses
    something this reading does not follow, such as a back-reference or a
    local flag).  Zero-width assertions are skipped: the set may then be
    larger than needed, never smaller.
    """
    try:
        parsed = _parse(pattern)
        if parsed.state.flags & ~re.UNICODE:  # a global flag such as ``(?s)``
            return None
        pieces, nullable = _first(list(parsed))
    except (re.error, _NotFollowedError):
        return None
    if nullable or not pieces:
        return None
    return "|".join(dict.fromkeys(pieces))


class _NotFollowedError(Exception):
    """A construct :func:`first_chars` does not follow."""


def _first(items: _Items) -> tuple[list[str], bool]:
    """The one-character patterns a sequence can start with, and whether it can be empty."""
    pieces: list[str] = []
    for item in items:
        found, nullable = _first_of(item)
        pieces += found
        if not nullable:
            return pieces, False
    return pieces, True


def _first_of(item: _Item) -> tuple[list[str], bool]:
    op, arg = item
    if op is _c.LITERAL:
        return [re.escape(chr(arg))], False
    if op is _c.NOT_LITERAL:
        return [f"[^{re.escape(chr(arg))}]"], False
    if op is _c.ANY:
        return ["."], False
    if op is _c.IN:
        return [_char_class(arg)], False
    if op in _ZERO_WIDTH:
        return [], True
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        if add_flags or del_flags:
            raise _NotFollowedError
        return _first(list(body))
    if op is _ATOMIC_GROUP:
        return _first(list(arg))
    if op is _c.BRANCH:
        pieces: list[str] = []
        empty = False
        for alt in arg[1]:
            found, nullable = _first(list(alt))
            pieces += found
            empty = empty or nullable
        return pieces, empty
    if op in _REPEATS:
        low, high, body = arg
        if high == 0:
            return [], True
        found, nullable = _first(list(body))
        return found, nullable or low == 0
    raise _NotFollowedError


def _char_class(items: _Items) -> str:
    parts = []
    for op, arg in items:
        if op is _c.NEGATE:
            parts.append("^")
        elif op is _c.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is _c.CATEGORY and arg in _CATEGORY_CLASS:
            parts.append(_CATEGORY_CLASS[arg])
        else:
            raise _NotFollowedError
    return "[" + "".join(parts) + "]"


if sys.version_info >= (3, 11):
    import re._compiler as _sre_compiler
else:  # pragma: no cover
    import sre_compile as _sre_compiler

#: Every character ``\s`` matches (``str.isspace``; none lies beyond U+3000).
_WHITE_SPACE = tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)


def compile_tight(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, with white space runs that never give back what cannot help.

    A rule's spaces match any white space run (``\\s+``); before a long run,
    a failing match tries every way to split it, and a pattern like
    "privacy policy ?[|/]? ?terms" does so for each piece, which takes
    milliseconds on pages indented with hundreds of spaces.  A run followed
    by something that can only start with another character (and cannot
    match nothing) never gains by giving characters back, so it is made
    possessive: the matches found are the same.  (The compiled pattern has
    no ``.pattern`` text.)
    """
    if _POSSESSIVE is None:  # pragma: no cover - Python < 3.11
        return re.compile(pattern, flags)
    parsed = _sre_parser.parse(pattern, flags)
    _tighten(parsed, ([], True))
    compiled: re.Pattern[str] = _sre_compiler.compile(parsed, flags)
    return compiled


_Follow = tuple[list[str], bool]  # first-character patterns, may be empty


def _tighten(items: Any, follow: _Follow) -> None:
    """Make white space runs in ``items`` possessive where that cannot change a match.

    ``follow``: what can come after ``items`` in a match, as :func:`_first`
    tells it (first-character patterns, and whether it can be nothing).
    """
    # From the end: whether a run is made possessive may depend on a later one,
    # and what follows each piece grows piece by piece.
    after: _Follow | None = follow
    for i in reversed(range(len(items))):
        op, arg = items[i]
        if i + 1 < len(items):
            after = _before(items[i + 1], after)
        if op is _c.MAX_REPEAT and _is_white_space(arg[2]):
            if _absorbed(items, i + 1) or (after is not None and not after[1] and not any(
                    _admits_white_space(piece) for piece in after[0])):
                items[i] = (_POSSESSIVE, arg)
        elif op is _c.SUBPATTERN:
            if after is not None:
                _tighten(arg[-1], after)
        elif op is _c.BRANCH:
            if after is not None:
                for alt in arg[1]:
                    _tighten(alt, after)
        elif op in _REPEATS:
            body_first = _follow_of(list(arg[2]), ([], True)) if arg[1] > 1 else ([], False)
            if after is not None and body_first is not None:
                _tighten(arg[2], (body_first[0] + after[0], after[1]))
        elif op is _ATOMIC_GROUP and after is not None:
            _tighten(arg, after)


def _absorbed(items: Any, start: int) -> bool:
    """Whether what a white space run gives back would be taken by a later one anyway.

    As in "\\s*[|/]?\\s*terms": past optional signs that are not white space
    comes another run that may be empty and is itself possessive; giving
    back characters only moves them from one run to the other.
    """
    for op, arg in list(items)[start:]:
        if op is _POSSESSIVE and _is_white_space(arg[2]):
            return bool(arg[0] == 0)
        if op not in _REPEATS or arg[0] != 0 or not arg[2]:
            return False
        for piece_op, piece in arg[2]:
            if piece_op not in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
                return False
            first, _ = _first_of((piece_op, piece))
            if any(_admits_white_space(one) for one in first):
                return False
    return False


def _before(item: _Item, follow: _Follow | None) -> _Follow | None:
    """What can come first where ``item`` stands before something with ``follow``."""
    try:
        pieces, empty = _first_of(item)
    except _NotFollowedError:
        return None
    if not empty:
        return pieces, False
    return None if follow is None else (pieces + follow[0], follow[1])


def _follow_of(items: _Items, follow: _Follow) -> _Follow | None:
    try:
        pieces, empty = _first(items)
    except _NotFollowedError:
        return None
    return (pieces + follow[0], follow[1]) if empty else (pieces, False)


def _is_white_space(body: Any) -> bool:
    items = list(body)
    return len(items) == 1 and items[0] == (_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])


@cache
def _admits_white_space(piece: str) -> bool:
    one = re.compile(piece)
    return any(one.fullmatch(ch) for ch in _WHITE_SPACE)


#: At most this many prefixes are followed (alternatives multiply them).
_MOST_PREFIXES = 48
#: A character class of at most this many characters is followed as alternatives.
_MOST_CLASS = 4


def prefixes(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` starts with.

    As long as they can be read off the syntax tree: "(?:sign|log) up" gives
    "sign" and "log".  None when some match could start with anything else
    (the pattern may start with ``\\w``, or match nothing).  Zero-width
    assertions take no character and are passed over.
    """
    try:
        found = _prefixes(list(_parse(pattern)))
    except (re.error, _NotFollowedError):
        return None
    if found is None or "" in found[0]:
        return None
    return frozenset(found[0])


def _prefixes(items: _Items) -> tuple[set[str], bool] | None:
    """(What every match of a sequence starts with, whether each is the whole match).

    None: nothing known.  While every piece is literal the strings are whole
    matches and grow; the first other piece ends them, unless it may match
    nothing ("(?:free )?newsletter"): then what follows it is read as well.
    An empty string among strings that are not whole: a match may start
    with anything.
    """
    found = {""}
    for i, item in enumerate(items):
        piece = _piece_strings(item)
        if piece is None:
            return found, False
        strings, whole = piece
        if not whole and "" in strings:
            rest = _prefixes(items[i + 1:])
            if rest is None:
                return None
            strings = (strings - {""}) | rest[0]
        found = {a + b for a in found for b in strings}
        if len(found) > _MOST_PREFIXES:
            raise _NotFollowedError
        if not whole:
            return found, False
    return found, True


def _unknown(found: tuple[set[str], bool]) -> bool:
    """Whether a sequence's match may start with anything (it may end before
    any string is known, and is not known to be whole)."""
    return "" in found[0] and not found[1]


def _piece_strings(item: _Item) -> tuple[set[str], bool] | None:
    """What one piece matches first, as :func:`_prefixes` (None: cannot say)."""
    op, arg = item
    if op is _c.LITERAL:
        return {chr(arg)}, True
    if op in _ZERO_WIDTH:
        return {""}, True
    if op is _c.IN:
        chars = [chr(a) for o, a in arg if o is _c.LITERAL]
        if len(chars) != len(arg) or len(chars) > _MOST_CLASS:
            return None
        return set(chars), True
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        if add_flags or del_flags:
            raise _NotFollowedError
        return _prefixes(list(body))
    if op is _ATOMIC_GROUP:
        return _prefixes(list(arg))
    if op is _c.BRANCH:
        strings: set[str] = set()
        whole = True
        for alt in arg[1]:
            found = _prefixes(list(alt))
            if found is None or _unknown(found):
                return None
            strings |= found[0]
            whole = whole and found[1]
        return strings, whole
    if op in _REPEATS and arg[1] == 1:  # optional or once: x? or (?:x){1}
        found = _prefixes(list(arg[2]))
        if found is None or _unknown(found):
            return None
        strings, whole = found
        return (strings | {""} if arg[0] == 0 else strings), whole
    if op in _REPEATS and arg[0] >= 1:  # the first copy starts the piece
        found = _prefixes(list(arg[2]))
        return None if found is None or _unknown(found) else (found[0], False)
    return None
