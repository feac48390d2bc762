"""Photo captions and credits, moved aside into ``metadata.captions``.

A credit is a label ("Photo", "Bild", "Foto"… from the rule files) followed
by a name or agency, or an agency on its own ("Getty Images", "AFP via Getty
Images").  The caption is the sentence that ends in the credit, even in the
middle of a paragraph, or the short line just above a credit line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import compress
from types import ModuleType
from typing import Any, NamedTuple

from ..model import Caption, Category, Span
from ..rules import RuleSet
from ..triggers import WordFinder
from . import Context, detector

_NAME = r"[^\W\d_][\w.'’&-]*"
#: A copyright sign may open a labelled credit ("Image: © NASA").
_COPYRIGHT = r"(?:©[ \t]*)?"
#: Sentence ends we may start a caption after.
_SENTENCE_END = re.compile(r"""[.!?…»”"]\s+(?=\S)|\n""")
_MAX_CAPTION = 400


#: Letters that, case ignored, match only themselves in the other case
#: ("i", "k" and "s" also match "İ", "ı", "K" (Kelvin) and "ſ").
_PLAIN_LETTERS = frozenset("abcdefghjlmnopqrtuvwxyz")


def _alternation(words: Iterable[str], ignore_case: bool) -> str:
    """``words`` as one alternation, longest first, a space matching any white space.

    Branches opening with the same letter are grouped (``photo|picture|bild``
    becomes ``p(?:hoto|icture)|bild``), in the same order, and branches of two
    groups never match the same character: the pattern matches exactly as the
    plain alternation, but Python's engine rules out most branches at their
    first letter instead of trying each of them in turn.
    """
    branches = sorted((re.escape(x).replace(r"\ ", r"\s+") for x in words),
                      key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    others: list[str] = []  # anything else, kept as it is
    for branch in branches:
        first = branch[:1]
        if ignore_case:
            key = first.lower() if first.lower() in _PLAIN_LETTERS else ""
        else:
            key = first if first.isascii() and first.isalpha() else ""
        if key:
            groups.setdefault(key, []).append(branch[1:])
        else:
            others.append(branch)
    return "|".join([*(f"{key}(?:{'|'.join(rests)})" for key, rests in groups.items()),
                     *others])


@cache
def _patterns(labels: tuple[str, ...], agencies: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    label = _alternation(labels, ignore_case=True) or "photo"
    agency = _alternation(agencies, ignore_case=False) or "Getty Images"
    credit_body = rf"(?:{_NAME}(?:[ \t/|,]+(?:via[ \t]+)?{_NAME}){{0,6}})"
    agency_credit = rf"(?:{agency})(?:[ \t]*[/|][ \t]*{_NAME}(?:[ \t]+{_NAME}){{0,3}})?"
    # (Photo : AP) / (Foto: EFE/Juan Pérez) / (Photo by Kirk Irwin/Getty Images) /
    # (Image: © NASA/ESA)
    labelled_paren = re.compile(
        rf"\(\s*{_opening(labels)}(?:{label})\s*(?::|by|de|par|von|di|door|por)?\s*[:：]?\s*"
        rf"{_COPYRIGHT}{credit_body}\s*\)",
        re.IGNORECASE)
    # "Photo: Reuters" / "Bild: dpa / Max Muster" closing its line, or an agency
    # credit closing a sentence in mid-line ("… im Einsatz Foto: EFE Der Brand…").
    labelled = re.compile(
        rf"(?:{label})[ \t]*[:：][ \t]*{_COPYRIGHT}"
        rf"(?:{credit_body}(?=[ \t]*(?:\n|$))|{agency_credit}(?=[ \t]+[A-ZÀ-Ý«\"“]))",
        re.IGNORECASE)
    # (AFP via Getty Images) / Natalie Naccache | Bloomberg | Getty Images
    bare_paren = re.compile(rf"\(\s*(?:{credit_body}\s*(?:/|\||via)\s*)?(?:{agency})\s*\)")
    credit_line = re.compile(
        rf"[ \t]*(?:{credit_body}[ \t]*(?:/|\||via|for)[ \t]*){{0,3}}(?:{agency})"
        rf"(?:[ \t]*(?:/|\||via)[ \t]*{credit_body})?[ \t]*$")
    return labelled_paren, labelled, bare_paren, credit_line


def _opening(labels: tuple[str, ...]) -> str:
    """A lookahead for the characters the labels open with, or "" where one
    opens with white space or is empty.

    Asked first, one class rules out at once most places the labels'
    alternation would be tried at (a "(" of a script, in xpath dumps); a
    label must open with one of them anyway, so the pattern matches the same.
    """
    labels = labels if _alternation(labels, ignore_case=True) else ("photo",)
    if any(not x or x[0].isspace() for x in labels):
        return ""
    return _one_of(x[0] for x in labels)


def _one_of(chars: Iterable[str]) -> str:
    """A lookahead for one of ``chars`` (with the pattern's flags, as the
    characters themselves would be matched)."""
    return "(?=[" + "".join(sorted({re.escape(x) for x in chars})) + "])"


class _LabelHead(NamedTuple):
    """What finds labelled credits fast (see :func:`_labelled_matches`)."""

    #: How ``labelled`` opens: a label, spaces, a colon.
    head: re.Pattern[str]
    #: The most non-space characters a label can match.
    reach: int
    #: A colon (":", then "：") with a label just before it, in the text read backwards.
    colon_after_label: tuple[re.Pattern[str], re.Pattern[str]]


def _label_tokens(label: str) -> list[str]:
    """A label as the pieces of its pattern: an escaped character, or ``\\s+`` for a space."""
    return [r"\s+" if ch == " " else re.escape(ch) for ch in label]


def _merged(sequences: Iterable[Sequence[str]]) -> str:
    """One pattern for a set of token sequences, shared openings written once.

    Python's engine tries the branches of an alternation one by one at each
    position; with the openings merged it rules most of them out at their
    first character.  Matches the same strings as the plain alternation
    (not always with the same branch, so only for where a match starts).
    """
    trie: dict[str, Any] = {}  # token -> the trie after it
    for tokens in sequences:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}  # a sequence ends here

    def write(node: dict[str, Any]) -> str:
        branches = [token + write(child) for token, child in sorted(node.items()) if token]
        ends = "" in node
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")

    return write(trie)


@cache
def _label_head(labels: tuple[str, ...]) -> _LabelHead | None:
    """Patterns to find labelled credits fast, or None where the shortcut does
    not hold: a label with a colon of its own (a label must end at the first
    colon after its start), or an empty one.
    """
    labels = labels or ("photo",)
    if any(not x or ":" in x or "：" in x for x in labels):
        return None
    label = _alternation(labels, ignore_case=True)
    backwards = _merged(_label_tokens(x)[::-1] for x in labels)
    # The labels' last characters, asked first, rule out most colons at once
    # (thousands in the scripts of xpath dumps); a label ending in white
    # space would need more, so then none are asked.
    ends = "" if any(x[-1].isspace() for x in labels) else _one_of(x[-1] for x in labels)
    return _LabelHead(head=re.compile(rf"(?:{label})[ \t]*[:：]", re.IGNORECASE),
                      reach=max(len(x) for x in labels),
                      colon_after_label=(_colon_after_label(":", ends, backwards),
                                         _colon_after_label("：", ends, backwards)))


def _colon_after_label(colon: str, ends: str, backwards: str) -> re.Pattern[str]:
    return re.compile(rf"{colon}[ \t]*{ends}{backwards}", re.IGNORECASE)


def _colons_after_labels(raw: str, patterns: tuple[re.Pattern[str], re.Pattern[str]],
                         backwards: str | None = None) -> list[int]:
    """Offsets of the colons with a label just before them (a label, then spaces).

    Read backwards, such a colon opens the match, and a pattern opening with
    one literal character is found fast by Python's engine: one quick pass
    over the text instead of trying the labels before every colon.  A match
    holds one colon only, so none is skipped.
    """
    if backwards is None:
        backwards = "\n" + raw[::-1]  # read backwards, a newline first (see the caller)
    last = len(raw)
    colons = [last - match.start() for match in patterns[0].finditer(backwards)]
    if "：" in raw:
        colons.extend(last - match.start() for match in patterns[1].finditer(backwards))
    return sorted(colons)


_WORDS = re.compile(r"\w+")
_COLON = re.compile(r"[:：]")


@cache
def _finders(labels: tuple[str, ...],
             agencies: tuple[str, ...]) -> tuple[frozenset[str], WordFinder]:
    """Labels as lower-case phrases, and a finder for labels and agency words.

    One pass over the text (over the parts that matter, see
    :func:`_word_starts`) tells which lines hold a label or an agency's
    word; only those are worth the full patterns, which Python's engine
    would otherwise try at every position of every line.
    """
    label_set = frozenset(" ".join(_WORDS.findall(x.lower())) for x in labels)
    agency_words = {w for a in agencies for w in _WORDS.findall(a.lower())}
    return label_set, WordFinder({"label": label_set, "agency": agency_words})


@cache
def _word_reach(labels: tuple[str, ...], agencies: tuple[str, ...]) -> int:
    """At least the length of the longest phrase the finder looks for, with
    the spaces around it (lower-casing at most doubles a length)."""
    label_set, _ = _finders(labels, agencies)
    words = [*label_set, *(w for a in agencies for w in _WORDS.findall(a.lower()))]
    return 2 * max(map(len, words), default=0) + 2


def _word_starts(ctx: Context, finder: WordFinder, reach: int,
                 stretches: Iterable[tuple[int, int]]) -> dict[str, list[int]]:
    """Per tag, the offsets where one of its words starts, in order, within
    the (start, end) stretches of whole lines."""
    blanked = ctx.blanked
    found: dict[str, list[int]] = {"label": [], "agency": []}
    for start, end in stretches:
        # ``blanked`` is padded by one: this runs from the newline before the
        # stretch (a space there) to as far past its end as a phrase reaches.
        for pos, tag in finder.starts(blanked[start:end + 2 + reach]):
            if pos <= end - start:
                found[tag].append(start + pos)
    for positions in found.values():
        positions.sort()
    return found


#: A credit line is short: longer lines are never tried as one.
_MAX_CREDIT_LINE = 200


@cache
def _agency_at_line_end(agencies: tuple[str, ...]) -> re.Pattern[str]:
    """In the text read backwards: a newline, spaces, then an agency, that is
    a line ending in an agency (and perhaps more: an agency's own white
    space at its end is let through as any white space).

    A pattern opening with one literal character is found fast by Python's
    engine: one quick pass over the text tries the agencies at line ends
    only, and a line's last character rules out most of them at once.  The
    spaces are taken possessively (``*+``): an agency less its own white
    space at the end ends in something else, so giving some back could never
    help.  A space of an agency matches any white space but a newline, so a
    match stays on its line (as ``credit_line``, tried on one line, does) and
    no line end is skipped.  Agencies holding a newline can never match on a
    line and are left out.
    """
    kept = [agency for agency in agencies if "\n" not in agency]
    tokens = ([r"[^\S\n]+" if ch == " " else re.escape(ch) for ch in agency.rstrip()][::-1]
              for agency in kept)
    spaces = r"[^\S\n]" if any(x != x.rstrip() for x in kept) else r"[ \t]"
    last = "".join(sorted({re.escape(x.rstrip()[-1]) for x in kept if x.strip()}))
    if not all(x.strip() for x in kept):
        last = ""  # an agency of white space only: any line end may do
    ahead = f"(?=[{last}])" if last else ""
    return re.compile(rf"\n{spaces}*+{ahead}(?:{_merged(tokens)})")


def _credit_line_candidates(ctx: Context, agencies: tuple[str, ...],
                            backwards: str) -> list[int]:
    """Indices, in order, of the lines that can be credit lines.

    ``credit_line`` ends in an agency, or in "/", "|" or "via" and a name
    after an agency: a line is a candidate if it ends in an agency (a
    C-level scan of ``backwards``, the text read backwards, newline first)
    or holds one just before one of those three (see
    :func:`_agencies_before_separators`).  A credit line is rare: a word
    search over every short line cost several times more, and so did trying
    the pattern on every short line holding "/", "|" or "via".
    """
    raw = ctx.raw
    last = len(raw)  # the offset in ``raw`` of backwards[0], the added newline
    ends = [last - match.start() for match in
            _agency_at_line_end(agencies).finditer(backwards)]
    ends.extend(_agencies_before_separators(raw, backwards, agencies))
    return sorted(set(map(ctx.line_at, ends)))


#: What can follow the agency of a credit line before the end of the line
#: (see ``credit_line`` in :func:`_patterns`): "/", "|" or "via", then a name.
_AFTER_AGENCY = ("/", "|", "via")


def _agencies_before_separators(raw: str, backwards: str,
                                agencies: tuple[str, ...]) -> list[int]:
    """Offsets of the "/", "|" and "via" of ``raw`` that follow an agency and
    spaces on their line (where ``credit_line`` can go on after its agency).

    The separators are found by ``str.find`` (a few on a page; a regular
    expression looking for them reads the text several times slower), and
    the agency before each is matched in ``backwards``, the text read
    backwards with a newline first.
    """
    before = _agency_before_separator(agencies).match
    last = len(raw)  # the offset in ``raw`` of backwards[0], the added newline
    found = []
    for needle in _AFTER_AGENCY:
        pos = raw.find(needle)
        while pos >= 0:
            if before(backwards, last - pos - len(needle) + 1):
                found.append(pos)
            pos = raw.find(needle, pos + 1)
    return found


@cache
def _agency_before_separator(agencies: tuple[str, ...]) -> re.Pattern[str]:
    """In the text read backwards: "/", "|" or "via", spaces, then an agency
    (less its own white space at the end, which the spaces take).

    The spaces are taken possessively, as an agency less its white space at
    the end ends in something else; a space of an agency matches any white
    space but a newline, so a match stays on its line, and agencies holding
    a newline are left out (they never match on one line).
    """
    kept = [agency for agency in agencies if "\n" not in agency]
    tokens = ([r"[^\S\n]+" if ch == " " else re.escape(ch) for ch in agency.rstrip()][::-1]
              for agency in kept)
    return re.compile(rf"(?:/|\||aiv)[^\S\n]*+(?:{_merged(tokens)})")


@cache
def _agency_before_paren(agencies: tuple[str, ...]) -> re.Pattern[str]:
    """In the text read backwards: ")", white space, then an agency (less its
    own white space at the end, which the white space before takes), that is
    the end of what ``bare_paren`` matches.  Found fast, like
    :func:`_agency_at_line_end`."""
    tokens = ([r"\s+" if ch == " " else re.escape(ch) for ch in agency.rstrip()][::-1]
              for agency in agencies)
    return re.compile(rf"\)\s*+(?:{_merged(tokens)})")


@cache
def _parens_plain(agencies: tuple[str, ...]) -> bool:
    """Whether no agency is blank or holds a parenthesis (see :func:`_bare_paren_credits`)."""
    return all(x.strip() and "(" not in x and ")" not in x for x in agencies)


def _bare_paren_credits(raw: str, backwards: str, bare_paren: re.Pattern[str],
                        agencies: tuple[str, ...]) -> list[re.Match[str]]:
    """What ``bare_paren.finditer(raw)`` finds: "(AFP via Getty Images)".

    Such a credit ends in an agency, white space and ")", found in one quick
    pass over ``backwards`` (the text read backwards, newline first); it
    holds no other "(" or ")", so it starts at the last "(" before that ")".
    Python's engine would otherwise try the names before an agency after
    every "(" of the text (thousands in the scripts of xpath dumps).  An
    agency that is blank or holds a parenthesis would break that reasoning:
    then the plain search is made.
    """
    if not _parens_plain(agencies):
        return list(bare_paren.finditer(raw))
    last = len(raw)  # the offset in ``raw`` of backwards[0], the added newline
    found = []
    tried = set()
    for match in _agency_before_paren(agencies).finditer(backwards):
        opening = raw.rfind("(", 0, last - match.start())
        if opening >= 0 and opening not in tried:
            tried.add(opening)
            credit = bare_paren.match(raw, opening)
            if credit:
                found.append(credit)
    return found


def _has_agency_word(ctx: Context, finder: WordFinder, reach: int, start: int, end: int) -> bool:
    """Whether one of the agencies' words starts on the line from ``start`` to ``end``."""
    return bool(_word_starts(ctx, finder, reach, [(start, end)])["agency"])


def _line_numbers(ctx: Context, positions: Iterable[int]) -> list[int]:
    """Indices of the lines holding ``positions``, in order, each once."""
    starts = ctx.line_starts
    return sorted({bisect.bisect_right(starts, pos) - 1 for pos in positions})


def _has_label_before_colon(text: str, label_set: frozenset[str],
                            likely: Iterable[int] = ()) -> bool:
    """Whether the words before one of the colons of ``text`` are a label.

    The colons in ``likely`` are tried first: on a line of thousands of
    colons (xpath dumps) the answer is then found at once, and which colon
    answers does not change the answer.
    """
    if any(_label_before(text, colon, label_set) for colon in likely):
        return True
    return any(_label_before(text, colon.start(), label_set) for colon in _COLON.finditer(text))


def _label_before(text: str, colon: int, label_set: frozenset[str]) -> bool:
    """Whether the last one, two or three words before ``colon`` are a label."""
    words = _WORDS.findall(text[max(0, colon - 40):colon].lower())
    return any(len(words) >= k and " ".join(words[-k:]) in label_set for k in (1, 2, 3))


def _labels_and_agencies(rules: RuleSet) -> tuple[tuple[str, ...], tuple[str, ...]]:
    labels = rules.all_caption_labels or ("Photo", "Foto", "Bild", "Image", "Picture")
    agencies = rules.agencies or ("Getty Images", "Reuters", "AFP", "AP", "EPA", "dpa")
    return labels, agencies


class _Setup(NamedTuple):
    """What the labels and agencies make, looked up once per page."""

    patterns: tuple[re.Pattern[str], ...]
    label_set: frozenset[str]
    finder: WordFinder
    reach: int
    head: _LabelHead | None


@cache
def _setup(labels: tuple[str, ...], agencies: tuple[str, ...]) -> _Setup:
    """One look-up instead of one per piece: each hashes the long tuples anew."""
    return _Setup(_patterns(labels, agencies), *_finders(labels, agencies),
                  _word_reach(labels, agencies), _label_head(labels))


@detector("captions")
def detect_captions(ctx: Context) -> Iterator[Span]:
    labels, agencies = _labels_and_agencies(ctx.rules)
    setup = _setup(labels, agencies)
    labelled_paren, labelled, bare_paren, credit_line = setup.patterns
    raw = ctx.raw
    seen: set[tuple[int, int]] = set()
    yield from _gallery_captions(ctx, seen)
    # Patterns that open with "(" are found fast by the regex engine itself;
    # the others are only tried on lines that can hold them.
    backwards = "\n" + raw[::-1]
    matches: list[re.Match[str] | tuple[int, int]] = [
        *labelled_paren.finditer(raw), *_bare_paren_credits(raw, backwards, bare_paren, agencies)]
    label_set, finder, reach = setup.label_set, setup.finder, setup.reach
    texts, starts = ctx.line_texts, ctx.line_starts
    matches.extend(_labelled_credits(ctx, labelled, setup.head, label_set,
                                     finder, reach, backwards))
    for match_start, match_end in sorted(
            (m if isinstance(m, tuple) else (m.start(), m.end())) for m in matches):
        if not _ends_caption(raw, match_end):
            continue
        start = _caption_start(raw, match_start)
        yield from _emit(ctx, seen, start, match_start, match_end, inline=True)
    for number in _credit_line_candidates(ctx, agencies, backwards):
        text = texts[number]
        if len(text) > _MAX_CREDIT_LINE:
            continue
        match = credit_line.match(text)
        line_start = starts[number]
        # Only lines where an agency's word starts were ever tried.
        if match and _has_agency_word(ctx, finder, reach, line_start, line_start + len(text)):
            credit_start = line_start + len(text) - len(text.lstrip())
            start = _previous_short_line(raw, line_start)
            yield from _emit(ctx, seen, start, credit_start, line_start + match.end(),
                             inline=False)


def _labelled_credits(ctx: Context, labelled: re.Pattern[str], head: _LabelHead | None,
                      label_set: frozenset[str], finder: WordFinder, reach: int,
                      backwards: str | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of the labelled credits ("Photo: Reuters") on the lines
    where a label word starts."""
    texts, starts = ctx.line_texts, ctx.line_starts
    if head is None:
        label_starts = _word_starts(ctx, finder, reach, [(0, len(ctx.raw))])["label"]
        for number in _line_numbers(ctx, label_starts):
            text = texts[number]
            if (":" in text or "：" in text) and _has_label_before_colon(text, label_set):
                yield from _shifted(labelled.finditer(text), text, starts[number])
        return
    colons = _colons_after_labels(ctx.raw, head.colon_after_label, backwards)
    if not colons:
        return
    # Only lines with such a colon can hold a match: fewer than those with a label word.
    for number in _line_numbers(ctx, colons):
        text, line_start = texts[number], starts[number]
        line_end = line_start + len(text)
        first = bisect.bisect_left(colons, line_start)
        last = bisect.bisect_left(colons, line_end, first)
        # No colon with a label before it: ``labelled`` cannot match on this line.
        if first == last:
            continue
        if not _label_word_on_line(ctx, finder, reach, line_start, line_end, colons[first]):
            continue
        on_line = [c - line_start for c in colons[first:last]]
        if _has_label_before_colon(text, label_set, likely=on_line):
            found = _labelled_matches(labelled, head, text, on_line)
            yield from _shifted(found, text, line_start)


def _label_word_on_line(ctx: Context, finder: WordFinder, reach: int, start: int, end: int,
                        colon: int) -> bool:
    """Whether a label's word starts on the line from ``start`` to ``end``.

    Looked for first just before ``colon`` (one with a label before it),
    where it nearly always is: the lines of xpath dumps run to thousands of
    characters.  A word found there is one found on the whole line, and the
    whole line is searched if none is.
    """
    near = max(start, colon - 2 * reach)
    return bool(_word_starts(ctx, finder, reach, [(near, colon)])["label"]
                or _word_starts(ctx, finder, reach, [(start, end)])["label"])


def _labelled_matches(labelled: re.Pattern[str], head: _LabelHead, text: str,
                      colons: list[int]) -> Iterator[re.Match[str]]:
    """What ``labelled.finditer(text)`` finds, trying the pattern only just
    before ``colons`` (those of ``text`` with a label before them).

    A labelled credit opens with a label, spaces and a colon, so it starts
    at most ``reach`` non-space characters before a colon.  Python's engine
    would try the long list of labels at every position of the line, and
    xpath dumps have lines of many thousand characters.
    """
    pos = 0  # where finditer would go on looking: past the last match, or the last colon
    for end in colons:
        start = max(pos, _reach_back(text, end, head.reach))
        while start <= end:
            opening = head.head.search(text, start, end + 1)
            if opening is None:
                break
            match = labelled.match(text, opening.start())
            if match:
                yield match
                start = match.end()
            else:
                start = opening.start() + 1
        # A label holds no colon, so nothing starting at or before this colon
        # is left to find.
        pos = max(start, end + 1)


_SPACE = re.compile(r"\s")


def _reach_back(text: str, end: int, reach: int) -> int:
    """The leftmost start for which ``text[start:end]`` has at most ``reach``
    non-space characters."""
    start = max(0, end - reach)
    if start == 0 or not (_SPACE.search(text, start, end) or text[start - 1].isspace()):
        return start  # the usual case: no white space nearby
    count = 0
    start = end
    while start > 0:
        if not text[start - 1].isspace():
            if count == reach:
                break
            count += 1
        start -= 1
    return start


def _shifted(found: Iterable[re.Match[str]], text: str,
             offset: int) -> Iterator[tuple[int, int]]:
    for match in found:
        if match.start() > 0 and (text[match.start() - 1].isalnum()
                                  or text[match.start() - 1] == "("):
            continue
        yield offset + match.start(), offset + match.end()


#: "1 of 4", "2of4", "3/12" opening a photo-gallery caption's line.  The
#: opening spaces are taken possessively (``*+``): a digit must follow them,
#: so giving some back could never help.
_GALLERY = re.compile(r"[ \t]*+\d{1,3} ?(?:of|/|de|von|di|van|sur|su) ?\d{1,3}"
                      r"(?=[ \t]?[A-ZÀ-Ý\"“«])")


@cache
def _metadata_lines() -> ModuleType:
    """The metadata lines detector's module, imported when first asked for:
    imported with this one, it would register its detector first, and the
    registry's order is the order detectors run in.  (Cached: an import
    statement in a function costs microseconds per page.)"""
    from . import metadata_lines

    return metadata_lines


def _gallery_openings(ctx: Context) -> Iterator[tuple[int, int]]:
    """(start, end) of each "1 of 4" opening a line (none spans a newline).

    Looked for only on the lines that can hold a date line.  A "1 of 4"
    opens its line with spaces or tabs, then a digit: such a line's first
    digit follows nothing a date line may not hold before its date, so it is
    one of those lines, which the metadata lines detector finds in C (a few
    thousand on a page of tens of thousands, with the numbered list items
    and dates).  A match stays on its line, so trying the pattern on the
    line alone finds what a scan of the text from newline to newline finds
    (a test compares them).
    """
    texts, starts = ctx.line_texts, ctx.line_starts
    numbers = _metadata_lines().date_line_candidates(ctx)
    # Tried by a C-level map: Python sees only the lines that match.
    matches = list(map(_GALLERY.match, map(texts.__getitem__, numbers)))
    for number, match in zip(compress(numbers, matches), filter(None, matches), strict=True):
        yield starts[number] + match.start(), starts[number] + match.end()


def _gallery_captions(ctx: Context, seen: set[tuple[int, int]]) -> Iterator[Span]:
    raw = ctx.raw
    for opening, opening_end in _gallery_openings(ctx):
        end = raw.find("\n\n", opening_end)
        end = len(raw) if end < 0 else end
        if end - opening > _MAX_CAPTION * 2:
            continue
        text = raw[opening_end:end].strip()
        ctx.metadata.captions.append(Caption(text=text, credit="", start=opening, end=end))
        seen.add((opening, end))
        yield Span(start=opening, end=end, category=Category.CAPTION,
                   rule="caption.gallery",
                   reason="Caption of a photo gallery (numbered “1 of 4”); kept in the metadata.",
                   detector="captions", confidence=0.85)


def _ends_caption(raw: str, pos: int) -> bool:
    """A credit closes its caption: what follows starts a new sentence or line.

    "LONDON (Reuters) - Britain said…" is a dateline inside the article, not a
    caption, and must stay.
    """
    rest = raw[pos:pos + 3]
    if not rest or rest[0] == "\n":
        return True
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] == "\n":
        return True
    return stripped[0].isupper() or stripped[0] in "«\"“(["


def _caption_start(raw: str, credit_start: int) -> int:
    """Start of the sentence that ends in the credit at ``credit_start``."""
    lo = max(0, credit_start - _MAX_CAPTION)
    start = raw.rfind("\n", lo, credit_start) + 1 or lo
    for match in _SENTENCE_END.finditer(raw, start, min(len(raw), credit_start + 1)):
        if match.end() <= credit_start:
            start = match.end()
    return start


def _previous_short_line(raw: str, credit_line_start: int) -> int:
    """The caption line just above a stand-alone credit line, if there is one.

    It must be a line of its own: short, starting like a sentence, and not
    the tail of a paragraph wrapped over several lines.
    """
    end = credit_line_start - 1
    if end <= 0:
        return credit_line_start
    prev_end = end
    while prev_end > 0 and raw[prev_end - 1] == "\n" and end - prev_end < 2:
        prev_end -= 1  # allow one blank line between caption and credit
    prev_start = raw.rfind("\n", 0, prev_end) + 1
    line = raw[prev_start:prev_end].strip()
    if not (0 < len(line) <= _MAX_CAPTION) or line.endswith(":"):
        return credit_line_start
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "«\"“‘'("):
        return credit_line_start
    before_end = prev_start - 1
    before_start = raw.rfind("\n", 0, max(before_end, 0)) + 1
    before = raw[before_start:max(before_end, 0)].strip() if before_end > 0 else ""
    if before and not before.endswith((".", "!", "?", "…", "»", "”", '"', ")")):
        return credit_line_start  # the line continues a wrapped paragraph
    return prev_start


def _emit(ctx: Context, seen: set[tuple[int, int]], start: int, credit_start: int,
          end: int, inline: bool) -> Iterator[Span]:
    raw = ctx.raw
    while start < credit_start and raw[start].isspace():
        start += 1
    if (start, end) in seen or any(s <= start and end <= e for s, e in seen):
        return
    seen.add((start, end))
    credit = raw[credit_start:end].strip().strip("()").strip()
    caption = raw[start:credit_start].strip()
    long_caption = len(caption) > 300
    confidence = 0.7 if long_caption else (0.92 if inline or caption else 0.9)
    ctx.metadata.captions.append(Caption(text=caption, credit=credit, start=start, end=end))
    if caption:
        reason = f"Photo caption ending in the credit “{credit}”; kept in the metadata."
    else:
        reason = f"Photo credit “{credit}”; kept in the metadata."
    yield Span(start=start, end=end, category=Category.CAPTION, rule="caption.credit",
               reason=reason, detector="captions", confidence=confidence)
