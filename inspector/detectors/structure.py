"""Where the article is: structure-based evidence that works in any language.

A whole-page text dump is mostly menus, teasers and footers around one run
of article paragraphs.  No phrase list can name them all, so this detector
looks at shape instead: how long a block is, how much it reads like prose
(function words from the language's rule file, sentence punctuation), how
much of it is link or list markup, and where it stands relative to the
densest run of prose, which is taken to be the article.

Blocks are lines, joined when a dump hard-wrapped a paragraph (html2text) or
split a sentence around inline links (``//body//text()`` dumps).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from ..model import REMOVE_AT, Category, Span
from ..segment import sentence_bounds
from . import Context, detector
from .script import code_lines

_WORD = re.compile(r"\w+")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)[^)\n]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_LIST_MARK = re.compile(r"^\s*(?:[*+•·▪►-]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_TERMINAL = tuple(".!?…\"”»)’'。！？:;")
#: A sentence's end: the white space after it is looked at, not taken (the
#: count is the same, as no match can start on white space, and findall then
#: hands back one character per match instead of two).
_SENTENCE_PUNCT = re.compile(r"[.!?…。！？](?=\s|$)")
#: Any character from the first of the CJK blocks to the last: one range is
#: tested several times faster than ``_WIDE_RUN``'s four, and rules out most texts.
_MAYBE_WIDE = re.compile("[\u3040-\ufaff]")
#: Every byte but the lead bytes of the UTF-8 form of ``_MAYBE_WIDE``'s characters
#: (three bytes each, led by 0xE3 to 0xEF): deleting these from a text's UTF-8
#: form leaves nothing when it holds none of them.
_NOT_WIDE_LEADS = bytes(range(0xE3)) + bytes(range(0xF0, 0x100))
#: Runs of CJK characters (counted by their length, not one match per character).
_WIDE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_TRUNCATED = re.compile(r"\w(?:\.\.\.|…)$| (?:\.\.\.|…)$|\[(?:\.\.\.|…)\]$")
#: Punctuation that cannot open a paragraph: the line goes on the one above.
_CLOSERS = frozenset(",.;:!?)]”»’")
_CONTINUE_START = re.compile(r"^\s|^[a-zà-ÿß,.;:!?)\]’”»-]")


@dataclass(slots=True)
class Block:
    first: int  # index of the first line
    last: int  # index of the last line
    start: int
    end: int
    chars: int = 0
    words: int = 0
    stop: float = 0.0
    link: float = 0.0
    terminal: bool = False
    sentences: int = 0
    list_item: bool = False
    truncated: bool = False
    heading: bool = False
    kind: str = "bad"  # good | near | short | bad | code


def _wrap_width(ctx: Context) -> int | None:
    """The column at which a dump hard-wrapped its paragraphs, if it did."""
    sizes = ctx.line_sizes
    # (List comprehensions: map((39).__lt__, …) calls a slower method wrapper.)
    long_sizes = [size for size in sizes if size >= 40]
    n = len(long_sizes)
    if n < 8:
        return None
    if len([size for size in long_sizes if size > 120]) >= n - int(n * 0.9):
        # A line is at least as long as its stripped text, so the 90th
        # percentile below is over 120 too: ruled out without the lines.
        return None
    lengths = [len(text.rstrip())
               for text, size in zip(ctx.line_texts, sizes, strict=True) if size >= 40]
    lengths.sort()
    width = lengths[int(len(lengths) * 0.9)]
    if not 60 <= width <= 120:
        return None
    near = bisect.bisect_right(lengths, width) - bisect.bisect_left(lengths, width - 15)
    return width if near >= 0.4 * len(lengths) else None


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` goes on ``prev`` in a dump without a wrap width: one
    paragraph, cut by a link (wrapped dumps are joined in :func:`_joined`).

    List items, headings and table rows each stand alone; they are ruled
    out last, for the few lines that would otherwise join.
    """
    return _would_join(prev, line) and not _stands_alone(prev, line)


def _stands_alone(prev: str, line: str) -> bool:
    """Whether ``line`` is a list item, a heading or a table row (or ``prev`` a row)."""
    return " | " in line or " | " in prev or (
        # (A line opening with a letter is neither a list item nor a heading.)
        not line[:1].isalpha() and bool(_LIST_MARK.match(line) or _HEADING.match(line)))


def _would_join(prev: str, line: str) -> bool:
    prev_stripped = prev.rstrip()
    if not prev_stripped:
        return False
    indent = len(line) - len(line.lstrip(" "))
    if indent >= 2 and indent == len(prev) - len(prev.lstrip(" ")) and not _caseless(
            line[indent:indent + 1]):
        # Both laid out at the same indentation (inscriptis keeps the page's
        # layout): the line's first letter tells, not its indentation.  (A
        # script without capitals cannot tell, and goes on joining as before.)
        line = line[indent:]
    if prev_stripped.endswith(("(", "[")) or line[:1] in _CLOSERS:
        # "…risk of binge eating (" / "2" / ")." — a dump that puts every
        # text node on a line splits sentences around links and citations.
        return True
    if prev.endswith((" ", "\t")) and not prev_stripped.endswith(_TERMINAL):
        return True
    return not prev_stripped.endswith(_TERMINAL) and bool(_CONTINUE_START.match(line)) and (
        len(prev_stripped) >= 25 or line[:1].isspace())


def _caseless(char: str) -> bool:
    """Whether ``char`` is a letter of a script without capitals (CJK, Arabic…)."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _covered(ctx: Context, blocks: list[Block], others: Iterable[int] | None = None) -> None:
    """Mark blocks that earlier detectors already found to be mostly boilerplate.

    For each block, the spans from the first one (in start order) that ends
    after the block's start up to the last one that starts before its end
    add their overlap with the block; a span inside that window that ended
    before the block adds its "overlap" below zero, as the walk over the
    window that this replaces did.

    Only blocks that the mark would change are visited (most blocks of a
    dump are menu items, already "bad"; only the blocks numbered in
    ``others``, all if not given, may be anything else), and the sum is
    taken with prefix sums instead of a walk over the window, which behind
    one long span holds every later span.
    """
    spans = sorted([s for s in ctx.found if s.auto_decision == "remove"], key=_START)
    if not spans:
        return
    starts = [s.start for s in spans]
    ends = [s.end for s in spans]
    start_sums = list(itertools.accumulate(starts, initial=0))
    end_sums = list(itertools.accumulate(ends, initial=0))
    n = len(spans)
    j = 0  # the first span that ends after the block's start
    k = 0  # the first span that starts at or after the block's end
    crossing: list[int] = []  # ends of the spans begun before k that may reach past the block
    candidates = blocks if others is None else map(blocks.__getitem__, others)
    for block in [b for b in candidates if b.kind in _MARKABLE]:
        lo, hi = block.start, block.end
        while j < n and ends[j] <= lo:
            j += 1
        while k < n and starts[k] < hi:
            crossing.append(ends[k])
            k += 1
        if k <= j:
            crossing.clear()  # every span begun so far ended before this block
            continue
        # The window is spans[j:k]; every span of it starts before hi.
        # sum(min(end, hi)) = sum(end) - sum(end - hi for the ends past hi)
        crossing = [e for e in crossing if e > hi]
        clipped_ends = end_sums[k] - end_sums[j] - (sum(crossing) - hi * len(crossing))
        # sum(max(start, lo)): the starts before lo count as lo
        m = bisect.bisect_left(starts, lo, j, k)
        clipped_starts = lo * (m - j) + start_sums[k] - start_sums[m]
        covered = clipped_ends - clipped_starts
        if covered and covered >= 0.5 * (hi - lo):
            block.kind = "bad"


_START = operator.attrgetter("start")
#: An instance of a class without its ``__init__`` (see ``_Judged``).
_new_object = object.__new__
_FLAG: Callable[[tuple[bool, float]], bool] = operator.itemgetter(0)
#: The kinds of block that ``_covered`` may turn into "bad" ("code" stays).
_MARKABLE = frozenset({"good", "near", "short", "row"})


#: Every white-space character (none lies beyond U+3000).
_SPACES = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
#: What a line may open with to go on the line above (``_CONTINUE_START``,
#: ``_CLOSERS``): white space, a small letter or a closing mark.
_JOIN_HEADS = frozenset("abcdefghijklmnopqrstuvwxyzß,.;:!?)]’”»-") | frozenset(
    map(chr, range(0xE0, 0x100))) | _SPACES
#: What a line may end with to take the next line on: an opening bracket, or
#: white space (a trailing blank, or one after a bracket).
_JOIN_TAILS = frozenset("([") | _SPACES


def _joined(ctx: Context, nonblank: list[int]) -> set[int]:
    """The lines that go on the line above them, in one block with it."""
    texts = ctx.line_texts
    width = _wrap_width(ctx)
    # Only a line right after a non-blank line can go on it (a size above
    # zero: the lines are tested one by one, with no pairs of them made).
    sizes = ctx.line_sizes
    if width is None:
        # A test of two characters rules out nearly every line _continues
        # rejects (and none that it accepts): the line's first character, or
        # the last of the line above.  Line i opens at starts[i]; line i - 1
        # ends two before (its "\n" between).
        raw, starts = ctx.raw, ctx.line_starts
        below = itertools.islice(nonblank, nonblank[:1] == [0], None)  # (not the first line)
        followers = [i for i in below if sizes[i - 1] and (
            raw[starts[i]] in _JOIN_HEADS or raw[starts[i] - 2] in _JOIN_TAILS)]
    else:
        # In a wrapped dump a line goes on the one above when that one is long
        # enough to have been wrapped (and neither stands alone): those long
        # enough are found first, then the non-blank lines right under them.
        # (A line's stripped size is at most its length without trailing blanks,
        # which is at most its length: a size long enough, or a length too
        # short, spares stripping the line.)
        shortest = width - 25
        long_enough = [i for i in nonblank if sizes[i] >= shortest or (
            len(texts[i]) >= shortest and len(texts[i].rstrip()) >= shortest)]
        if long_enough and long_enough[-1] == len(sizes) - 1:
            long_enough.pop()  # the last line has none under it
        followers = [i + 1 for i in long_enough if sizes[i + 1]]
        return set(followers).difference(_standing_alone(ctx, followers))
    return {i for i in followers if _continues(texts[i - 1], texts[i])}


def _standing_alone(ctx: Context, numbers: list[int]) -> Iterable[int]:
    """The lines that :func:`_stands_alone` finds standing alone under the
    line above, among the non-blank lines ``numbers`` (none the first), and
    maybe others.

    A wrapped dump weighs thousands of lines: the list and heading marks are
    looked for only in the lines that do not open with a letter, found by
    C-level maps over the lines' first characters; the table rows (and the
    lines under them) are found from where the text holds " | ".
    """
    texts, raw, starts = ctx.line_texts, ctx.raw, ctx.line_starts
    heads = map(raw.__getitem__, map(starts.__getitem__, numbers))  # a non-blank line's [:1]
    alone = [i for i in itertools.compress(numbers, map(operator.not_, map(str.isalpha, heads)))
             if _LIST_MARK.match(texts[i]) or _HEADING.match(texts[i])]
    # (One character is found several times faster than three: " | " is
    # looked for at each "|".  It holds no line break: it lies in one line.)
    bar = raw.find("|", 1)
    while bar >= 0:
        if raw[bar - 1:bar + 2] == " | ":
            row = bisect.bisect_right(starts, bar) - 1
            alone += (row, row + 1)
        bar = raw.find("|", bar + 1)
    return alone


def build_blocks(ctx: Context) -> list[Block]:
    return _built(ctx)[0]


def _built(ctx: Context) -> tuple[list[Block], list[int], list[int]]:
    """The blocks of a text, the numbers of those that are not labels, and
    the numbers of those that are not "bad".

    A label (most blocks of a page) is "bad" from the start and stays so;
    the passes that look for other kinds go through the measured blocks only,
    and those that may change a kind through the blocks that are not bad.
    """
    texts, starts = ctx.line_texts, ctx.line_starts
    raw = ctx.raw
    measure = _Measure(ctx)
    code = measure.code
    blocks: list[Block] = []
    measured: list[int] = []
    for first, last in _line_runs(ctx):
        start = starts[first]
        if first == last:
            text = texts[first]  # the line's own string: no slicing
            end = start + len(text)
        else:
            end = starts[last] + len(texts[last])
            text = raw[start:end]
        if len(text) < _LABEL_SIZE and text.isascii():
            blocks.append(_label((first, last, start, end, text)))
            continue
        measured.append(len(blocks))
        # (_is_code of one line, written out: most blocks are one line.)
        if code[first][0] if first == last else _is_code(code, first, last):
            blocks.append(_CodeBlock(first, last, start, end, measure))
        elif end - start > _GIANT and first == last:
            measured.pop()
            pieces = [measure.block(first, last, piece_start, piece_end)
                      for piece_start, piece_end in _giant_line_pieces(ctx, start, end)]
            measured.extend(range(len(blocks), len(blocks) + len(pieces)))
            blocks.extend(pieces)
        else:
            blocks.append(measure.judge(first, last, start, end, text))
    others = [i for i in measured if blocks[i].kind != "bad"]
    _covered(ctx, blocks, others)
    if measure.rows:
        _settle_rows(blocks, others)
    return blocks, measured, [i for i in others if blocks[i].kind != "bad"]


def _line_runs(ctx: Context) -> Iterable[tuple[int, int]]:
    """First and last line of each block: a run of non-blank lines that go
    on each other, most often a single line."""
    nonblank = list(itertools.compress(range(len(ctx.line_sizes)), ctx.line_sizes))
    joined = _joined(ctx, nonblank)
    if not joined:
        return zip(nonblank, nonblank, strict=True)
    if len(joined) * 8 > len(nonblank):
        # Many joins (a hard-wrapped dump): one test per line, in C.  A line
        # ends its block where the next non-blank line (if any) opens one.
        opens = list(map(operator.not_, map(joined.__contains__, nonblank)))
        return zip(itertools.compress(nonblank, opens),
                   itertools.compress(nonblank, itertools.chain(
                       itertools.islice(opens, 1, None), (True,))), strict=True)
    return zip(_without(nonblank, joined), _without(nonblank, {i - 1 for i in joined}),
               strict=True)


def _without(numbers: list[int], left_out: set[int]) -> list[int]:
    """``numbers`` (ascending) without those in ``left_out`` (all of which it holds).

    Copied slice by slice between the few left out, found by bisection,
    rather than tested one by one: a page joins few of its lines.
    """
    kept: list[int] = []
    pos = 0
    for number in sorted(left_out):
        at = bisect.bisect_left(numbers, number, pos)
        kept += numbers[pos:at]
        pos = at + 1
    kept += numbers[pos:]
    return kept


#: A single line longer than this is a whole page flattened into one line
#: (``get_text(" ")`` dumps); it is cut into sentences to be judged.
_GIANT = 3000


def _giant_line_pieces(ctx: Context, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences of a flattened page, with menu runs cut apart from prose."""
    for sentence_start, sentence_end in sentence_bounds(ctx.raw, start, end):
        yield from _menu_runs_apart(ctx, sentence_start, sentence_end)


_TOKEN = re.compile(r"\S+")
#: This many words in a row without a function word are a menu, not a sentence.
_MENU_RUN = 7
#: Such a run among the bytes of ``_menu_runs_apart`` (a zero byte for each word
#: that is not a function word).
_MENU_RUN_BYTES = re.compile(rb"\x00{%d,}" % _MENU_RUN)
#: Punctuation around a word that does not keep it from being a function word.
_WORD_EDGES = ".,:;!?()\"'«»“”"


def _menu_runs_apart(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a flattened "sentence" where a menu run meets prose.

    In a page flattened into one line, the menus before the first sentence
    have no full stop of their own, so the sentence splitter hands over
    "Home World U.S. Politics … Video games are moving to the cloud."  A run
    of words without a single function word is a menu in any language with
    a stop-word list; each such run, and the prose between runs, is judged
    on its own.
    """
    if end - start < 200 or not ctx.stopwords:
        return [(start, end)]
    stop = ctx.stopwords
    words = ctx.raw[start:end].split()  # what _TOKEN finds, in order
    # A byte per word, 1 for a function word: the runs without one are then
    # found by a regex in C rather than by a Python loop over the words.
    function_words = bytes([word.strip(_WORD_EDGES).lower() in stop for word in words])
    runs = [m.span() for m in _MENU_RUN_BYTES.finditer(function_words)]
    if not runs:
        return [(start, end)]
    offsets = [m.start() for m in _TOKEN.finditer(ctx.raw, start, end)]
    cuts: list[int] = []
    for run_start, run_end in runs:  # words[run_start:run_end] have no function word
        if run_start > 0:
            cuts.append(offsets[run_start])
        if run_end < len(words):
            cuts.append(offsets[run_end])
    if not cuts:
        return [(start, end)]
    bounds = [start, *sorted(set(cuts)), end]
    pieces = []
    for lo, hi in itertools.pairwise(bounds):
        text = ctx.raw[lo:hi]
        lo += len(text) - len(text.lstrip())
        hi -= len(text) - len(text.rstrip())
        if hi > lo:
            pieces.append((lo, hi))
    return pieces


#: The characters every ``_TERMINAL`` ending is made of (each is one character).
_TERMINAL_CHARS = frozenset(_TERMINAL)
#: How a text that ``_TRUNCATED`` finds must end.
_TRUNCATED_ENDS = ("...", "…", "]")
#: The ASCII characters a ``_LIST_MARK`` can begin with.
_ASCII_LIST_OPENERS = frozenset(c for c in map(chr, range(128))
                                if c.isspace() or c in "*+-0123456789")


def _maybe_wide(ctx: Context) -> bool:
    """Whether a text beyond ASCII may hold a character that ``_MAYBE_WIDE`` finds.

    Folding the text (most often) left the set of its characters beyond
    ASCII at hand: a few of them are looked at instead of the whole text.
    Otherwise a byte deletion over the text's UTF-8 form, several times
    faster than a search for the characters in it, tells.
    """
    # (Kept only where folding changed none of them: they are the text's own.)
    others = ctx.cache.get("folded_others")
    if others is not None:
        return any(map(_WIDE_RANGE.__contains__, map(ord, others)))  # type: ignore[call-overload]
    return bool(ctx.utf8.translate(None, _NOT_WIDE_LEADS))


#: The code points of ``_MAYBE_WIDE``'s characters.
_WIDE_RANGE = range(0x3040, 0xFB00)


class _Measure:
    """Measures the blocks of one text; keeps what every block asks of the context."""

    def __init__(self, ctx: Context) -> None:
        raw = self.raw = ctx.raw
        self.blanked = ctx.blanked
        self.is_stopword = ctx.stopwords.__contains__
        self.code = code_lines(ctx)
        self.known_language = ctx.language is not None
        # One search of the whole text spares most texts a search in every block.
        self.any_underscores = "_" in raw
        self.maybe_wide = not raw.isascii() and _maybe_wide(ctx)
        self.rows = False  # whether a block was judged a table row

    def block(self, first: int, last: int, start: int, end: int) -> Block:
        text = self.raw[start:end]
        if len(text) < _LABEL_SIZE and text.isascii():
            return _label((first, last, start, end, text))
        return self.judge(first, last, start, end, text)

    def _plain(self, text: str) -> tuple[str, str, int]:
        """The text without links, stripped (and without html2text's closing
        bold), and how many characters of it were links."""
        link_chars = 0
        plain = text
        if "](" in text:
            plain, link_chars = _without_md_links(text)
        if "://" in plain or "www." in plain:
            link_chars += sum(map(len, _URL.findall(plain)))
            plain = _URL.sub(" ", plain)
        stripped = plain.strip()
        if stripped[-1:] in "*_" and stripped.endswith(("**", "__")):
            # html2text's bold: "**Vote for her on the last page!**" ends a sentence.
            stripped = stripped.rstrip("*_").rstrip()
        return plain, stripped, link_chars

    def _chars(self, stripped: str) -> int:
        chars = len(stripped)
        if self.maybe_wide and not stripped.isascii() and _MAYBE_WIDE.search(stripped):
            # A CJK character carries about as much as a short word: weigh it so
            # that length thresholds mean the same in every script.
            chars += 2 * sum(map(len, _WIDE_RUN.findall(stripped)))
        return chars

    def _tokens(self, text: str, plain: str, stripped: str, start: int, end: int) -> list[str]:
        """The words of a block, lower-cased."""
        if plain is text and not (self.any_underscores and "_" in text):
            # The blanked text already has every word apart: splitting it gives
            # the words ``\\w+`` would find, several times faster.
            return self.blanked[start + 1:end + 1].split()
        return _WORD.findall(stripped.lower())

    def prose(self, first: int, last: int, start: int, end: int, text: str) -> Block:
        """A block with every measure taken, and its kind.

        What a block judged by :meth:`judge` reads when asked for a measure
        that its kind did not need (and the plain statement of what it finds).
        """
        plain, stripped, link_chars = self._plain(text)
        tokens = self._tokens(text, plain, stripped, start, end)
        list_item, heading = _marks(text)
        block = Block(
            first, last, start, end,
            chars=self._chars(stripped),
            words=len(tokens),
            stop=self._stop_share(tokens),
            link=_link_share(link_chars, text),
            terminal=stripped[-1:] in _TERMINAL_CHARS,
            sentences=len(_SENTENCE_PUNCT.findall(stripped)),
            list_item=list_item,
            truncated=_is_truncated(stripped),
            heading=heading,
        )
        block.kind = ("code" if _is_code(self.code, first, last)
                      else _classify(block, self.known_language))
        if _is_row(block, tokens):
            block.kind = "row"
        return block

    def _stop_share(self, tokens: list[str]) -> float:
        """The share of function words among a block's words."""
        return sum(map(self.is_stopword, tokens)) / len(tokens) if tokens else 0.0

    def take(self, block: Block, name: str) -> None:
        """Set the measure ``name`` of a block judged without it, as :meth:`prose`
        finds it, with those taken alongside: the words with their share of
        function words, the list and heading marks together, and the length,
        links, closing mark and truncation of the plain text together.

        A block next to the article is asked for one or two measures (its
        words, its sentences); taking only those costs a fraction of all.
        """
        start, end = block.start, block.end
        text = self.raw[start:end]
        if name in ("list_item", "heading"):
            block.list_item, block.heading = _marks(text)
            return
        plain, stripped, link_chars = self._plain(text)
        if name in ("words", "stop"):
            tokens = self._tokens(text, plain, stripped, start, end)
            block.words, block.stop = len(tokens), self._stop_share(tokens)
        elif name == "sentences":
            block.sentences = len(_SENTENCE_PUNCT.findall(stripped))
        else:
            block.chars = self._chars(stripped)
            block.link = _link_share(link_chars, text)
            block.terminal = stripped[-1:] in _TERMINAL_CHARS
            block.truncated = _is_truncated(stripped)

    def _good_early(self, block: _Judged, tokens: list[str]) -> bool:
        """Whether a long closed block (not bad at first sight) of a known
        language is "good" by its first two thirds: at least a quarter of
        all its words are function words there.  Prose has about twice as
        many, so the rest is seldom counted (its share is then taken only
        if asked for); otherwise the block's share of them is set.
        """
        words = len(tokens)
        head = 2 * words // 3
        found = sum(map(self.is_stopword, tokens[:head]))
        if 4 * found >= words:  # found / words >= 0.25, in whole numbers
            block.kind = "good"
            return True
        block.stop = (found + sum(map(self.is_stopword, tokens[head:]))) / words
        return False

    def judge(self, first: int, last: int, start: int, end: int, text: str) -> Block:
        """A block of text (not code) with its kind, measured only as far as that needs.

        The same kind as :meth:`prose` finds, from the cheap measures first:
        a block with many links or cut off with "…", or (in a language with
        stop words) one without a closing mark that is too short or has no
        sentence end inside, is "bad" whatever its words; most blocks of a
        page are.  Words and function words are then counted only for the
        rest, and sentence ends only where the kind depends on them.  The
        measures left out are taken when something asks (few blocks next
        to the article are ever looked at again).
        """
        # The measures of prose(), written out: a call per measure costs more than most.
        if "](" in text or "://" in text or "www." in text:
            plain, stripped, link_chars = self._plain(text)
        else:  # (_plain of a text without links or addresses, written out)
            plain, stripped, link_chars = text, text.strip(), 0
            if stripped[-1:] in "*_" and stripped.endswith(("**", "__")):
                stripped = stripped.rstrip("*_").rstrip()
        chars = len(stripped)
        if self.maybe_wide and not stripped.isascii() and _MAYBE_WIDE.search(stripped):
            chars += 2 * sum(map(len, _WIDE_RUN.findall(stripped)))
        link = min(1.0, link_chars / max(len(text.strip()), 1)) if link_chars else 0.0
        terminal = stripped[-1:] in _TERMINAL_CHARS
        truncated = stripped.endswith(_TRUNCATED_ENDS) and _TRUNCATED.search(
            stripped[-8:]) is not None
        block = _new_object(_Judged)  # (its fields set here: see _Judged)
        block.first, block.last, block.start, block.end = first, last, start, end
        block.chars, block.link, block.terminal, block.truncated = chars, link, terminal, truncated
        block._measure = self
        known = self.known_language
        tokens = None
        if link > 0.5 or (truncated and chars < 400) or (known and not terminal and chars < 70):
            kind = "bad"  # neither good (150), near (70) nor short (a closing mark)
        elif known and not terminal and _SENTENCE_PUNCT.search(stripped) is None:
            block.sentences = 0
            kind = "bad"  # neither good (two sentences) nor near (one)
        else:
            if plain is text and not (self.any_underscores and "_" in text):
                tokens = self.blanked[start + 1:end + 1].split()  # (_tokens, written out)
            else:
                tokens = _WORD.findall(stripped.lower())
            words = block.words = len(tokens)
            # Function words are counted only where the language has them, and
            # sentence ends only where the kind can depend on them: not below
            # the length of "near", nor for a closed block that is "good" anyway.
            stop = 0.0
            if known and tokens and terminal and chars >= 150:
                if self._good_early(block, tokens):
                    return block
                stop = block.stop
            elif known and tokens:
                stop = block.stop = sum(map(self.is_stopword, tokens)) / words
            sentences = 0  # stands in where the count cannot change the kind
            if chars >= 70 and not (known and terminal and chars >= 150 and stop >= 0.25):
                # The kind asks for one sentence end, or two: the search stops at
                # the second (and the whole count is taken only if asked for).
                found = _SENTENCE_PUNCT.search(stripped)
                if found is None:
                    block.sentences = 0
                elif _SENTENCE_PUNCT.search(stripped, found.end()) is None:
                    sentences = block.sentences = 1
                else:
                    sentences = 2  # (or more)
            kind = _kind(chars, words, stop, link, terminal, sentences, truncated, known)
        if kind == "bad" and link <= 0.3 and (tokens is not None or (  # (_may_hold_numbers)
                _THREE_NUMBERS if text.isascii() else _THREE_DIGIT_RUNS).search(text) is not None):
            if tokens is None:
                tokens = self._tokens(text, plain, stripped, start, end)
                block.words = len(tokens)
            if _is_row_of(tokens):
                kind = "row"
                self.rows = True
        block.kind = kind
        return block


def _link_share(link_chars: int, text: str) -> float:
    return min(1.0, link_chars / max(len(text.strip()), 1)) if link_chars else 0.0


def _marks(text: str) -> tuple[bool, bool]:
    """Whether a text is a list item, and whether it is a heading."""
    # A text opening with a letter is neither.
    if text[:1].isalpha():
        return False, False
    return _LIST_MARK.match(text) is not None, _HEADING.match(text) is not None


def _is_truncated(stripped: str) -> bool:
    return stripped.endswith(_TRUNCATED_ENDS) and _TRUNCATED.search(stripped[-8:]) is not None


#: The characters that are digits (``str.isdigit``): the decimal digits, and
#: the other digits (superscripts, circled numbers and a few more).
_DIGITS = ("\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089"
           "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e"
           "\u2780-\u2788\u278a-\u2792\U00010a40-\U00010a43\U00010e60-\U00010e68"
           "\U00011052-\U0001105a\U0001f100-\U0001f10a")
#: Three runs of digits, apart: what a text with three numbers for words holds
#: (a digit is a word character, and every mark a link or an address leaves
#: out of a block's words lies between two of its words).
_THREE_DIGIT_RUNS = re.compile(f"[{_DIGITS}][^{_DIGITS}]+[{_DIGITS}]+[^{_DIGITS}]+[{_DIGITS}]")
#: The same among ASCII characters (a small class is tested faster).
_THREE_NUMBERS = re.compile("[0-9][^0-9]+[0-9]+[^0-9]+[0-9]")


def _may_hold_numbers(text: str) -> bool:
    """Whether a text may hold the three numbers of a table row (a test of its
    characters that spares splitting it into words)."""
    return (_THREE_NUMBERS if text.isascii() else _THREE_DIGIT_RUNS).search(text) is not None


def _is_row(block: Block, tokens: list[str]) -> bool:
    """Whether a "bad" block of words and numbers is a table row."""
    return block.kind == "bad" and block.words >= 4 and block.link <= 0.3 and _is_row_of(tokens)


def _is_row_of(tokens: list[str]) -> bool:
    """Whether four or more words, at least three and 30% of them numbers, make a
    table row (it counts only among others like it)."""
    if len(tokens) < 4:
        return False
    numbers = sum(map(str.isdigit, tokens))
    return numbers >= 3 and numbers >= 0.3 * len(tokens)


def _is_code(code: list[tuple[bool, float]], first: int, last: int) -> bool:
    """Whether most lines of a block are code (``script.code_lines``)."""
    if first == last:
        return code[first][0]
    return sum(map(_FLAG, code[first:last + 1])) * 2 > last - first + 1


#: What ``_Measure.prose`` finds out about a block, besides its kind.
_MEASURES = ("chars", "words", "stop", "link", "terminal", "sentences", "list_item",
             "truncated", "heading")


class _OnDemand(Block):
    """A block some of whose measures are taken only when something asks.

    A measure asked for that is not set (an unset slot) is taken as for any
    other block, with those that come with it (:meth:`_Measure.take`).
    """

    __slots__ = ("_measure",)
    _measure: _Measure

    def __getattr__(self, name: str) -> object:
        if name not in _MEASURES:
            raise AttributeError(name)
        self._measure.take(self, name)
        return getattr(self, name)


class _Judged(_OnDemand):
    """A block judged by :meth:`_Measure.judge`: the measures its kind needed are set.

    :meth:`_Measure.judge` makes it with ``object.__new__`` and sets its place,
    the measures it took and its ``_measure`` itself: a call to an
    ``__init__`` costs more than the fields, and there are thousands of
    blocks on a page.
    """

    __slots__ = ()


class _CodeBlock(_OnDemand):
    """A block of code, measured only when something asks.

    Code is code whatever its measures, and only the few blocks next to the
    article ever have their length or words looked at; the dumps of a whole
    ``<body>`` hold megabytes of script, which measuring line by line took
    most of the time on.
    """

    __slots__ = ()

    def __init__(self, first: int, last: int, start: int, end: int, measure: _Measure) -> None:
        self.first, self.last, self.start, self.end = first, last, start, end
        self.kind = "code"
        self._measure = measure


#: An ASCII block shorter than this is a label (``_Label``).
_LABEL_SIZE = 24


class _Label(tuple[Any, ...]):  # (first, last, start, end, text)
    """A block of ASCII text under 24 characters: a menu item or a label, too
    short to be prose in any alphabetic script and not worth the measuring
    (most blocks of a dump are these).

    Always "bad", with one word and neither links nor sentences; the few
    measures that tell labels apart follow from the text when asked.  It
    reads as a ``Block`` but is a tuple of its place and text,
    ``_Label((first, last, start, end, text))``, made in C without an
    ``__init__`` call: there are thousands of labels on a page.
    """

    __slots__ = ()
    kind = "bad"
    words = 1
    stop = 0.0
    link = 0.0
    sentences = 0
    truncated = False
    heading = False
    first = property(operator.itemgetter(0))
    last = property(operator.itemgetter(1))
    start = property(operator.itemgetter(2))
    end = property(operator.itemgetter(3))
    text = property(operator.itemgetter(4))

    @property
    def chars(self) -> int:
        return len(self.text.strip())

    @property
    def terminal(self) -> bool:
        return self.text.strip()[-1:] in _TERMINAL_CHARS

    @property
    def list_item(self) -> bool:
        text = self.text
        return text[:1] in _ASCII_LIST_OPENERS and _LIST_MARK.match(text) is not None


#: Makes a label.  A label reads as a :class:`Block` wherever blocks are read,
#: so the type checker is told that this makes one.
_label = cast(Callable[[tuple[int, int, int, int, str]], Block], _Label)


def _without_md_links(text: str) -> tuple[str, int]:
    """The text with Markdown links replaced by their label, and how many
    characters of it were links."""
    link_chars = 0

    def strip_link(match: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(match.group(1)) + 1
        return match.group(1)

    return _MD_LINK.sub(strip_link, text), link_chars


def _classify(b: Block, known_language: bool) -> str:
    return _kind(b.chars, b.words, b.stop, b.link, b.terminal, b.sentences, b.truncated,
                 known_language)


def _kind(chars: int, words: int, stop: float, link: float, terminal: bool, sentences: int,
          truncated: bool, known_language: bool) -> str:
    """A block's kind from its measures (``stop`` is not read without a known language)."""
    if link > 0.5 or words == 0 or (truncated and chars < 400):
        return "bad"  # links, or a teaser cut off with "…"
    if known_language:
        if chars >= 150 and stop >= 0.25 and (terminal or sentences >= 2):
            return "good"
        if chars >= 70 and stop >= 0.2 and sentences >= 1:
            return "near"
        if stop >= 0.15 and words >= 4 and terminal:
            return "short"
        return "bad"
    # No stop-word list fits this language: rely on length and punctuation.
    if chars >= 150 and (sentences >= 2 or (words >= 25 and sentences >= 1)):
        return "good"
    if chars >= 70 and (sentences >= 1 or words >= 10):
        return "near"
    if terminal and chars >= 20:
        return "short"
    return "bad"


#: A block's score per character in the densest-run walk, for the kinds that
#: score above zero.  A "bad" block scores -(20 + 0.4 per character, up to
#: 200); short and code blocks (the script detector's business, neither
#: article nor menu) score 0.
_PROSE_WEIGHT = {"good": 1.0, "near": 0.5, "table": 0.3}


def _settle_rows(blocks: list[Block], others: list[int]) -> None:
    """Table rows count as content in runs of four or more, as menus otherwise.

    (``others`` holds the numbers of every row, in order.)
    """
    rows = [i for i in others if blocks[i].kind == "row"]
    run_start = 0  # where in ``rows`` the current run of neighbouring rows began
    for n in range(1, len(rows) + 1):
        if n == len(rows) or rows[n] != rows[n - 1] + 1:
            kind = "table" if n - run_start >= 4 else "bad"
            for i in rows[run_start:n]:
                blocks[i].kind = kind
            run_start = n


def main_region(blocks: list[Block], others: list[int] | None = None) -> tuple[int, int] | None:
    """Indices of the first and last block of the densest run of prose.

    The best-scoring run of blocks (Kadane's walk).  A "bad" block, which
    scores below zero, only matters while the run before it is ahead: where
    the run is already lost, the next block would start a new one anyway.
    So the walk goes from one other block to the next, taking in the bad
    blocks between them only as long as the run is still above zero.
    ``others``, if given, are the numbers of the blocks that are not "bad".
    """
    best, best_range = 0.0, None
    total, start = 0.0, 0
    if others is None:
        others = [i for i, block in enumerate(blocks) if block.kind != "bad"]
    i = 0  # the next block to take in
    for other in others:
        while i < other and total > 0:
            # A "bad" block's score; below zero: never a new best.
            total -= 20 + 0.4 * min(blocks[i].chars, 200)
            i += 1
        if total <= 0:
            total, start = 0.0, other
        # Short and code blocks score 0.0 (a code block's length is not even
        # read: that would measure it).
        block = blocks[other]
        weight = _PROSE_WEIGHT.get(block.kind)
        total += weight * block.chars if weight else 0.0
        if total > best:
            best, best_range = total, (start, other)
        i = other + 1
    return best_range


_TITLE_PARTS = re.compile(r"\s+(?:[|–—•·-]|::)\s+")


def _headline(ctx: Context, blocks: list[Block], measured: list[int]) -> int:
    """The block that repeats the page's title as the article's headline, or -1.

    Whole-page dumps start with the page's ``<title>`` ("Classificação
    NASCAR | Autoracing | F1 | …"); the same words standing alone further
    down, followed by text, are the article's headline, in any language.
    The article is then looked for after it, so that a footer or a sidebar
    that reads more like prose than a short article (a calendar, a table)
    does not win.  (``measured`` are the blocks that are not labels.)
    """
    if len(blocks) < 3 or blocks[0].first != 0:
        return -1
    pieces = _TITLE_PARTS.split(ctx.raw[blocks[0].start:blocks[0].end])
    parts = [p.strip() for p in pieces if len(p.strip()) >= 15]
    if len(pieces) < 2 or not parts:
        return -1  # no "headline | site" title line
    wanted = " ".join(parts[0].casefold().split())
    raw = ctx.raw
    if len(wanted) >= _LABEL_SIZE:
        # A label (ASCII, under _LABEL_SIZE characters) reads as a shorter text.
        numbers: Sequence[int] = measured[bisect.bisect_right(measured, 0):]
    else:
        numbers = range(1, len(blocks))
    for i in _may_begin_like(raw, blocks, wanted, numbers):
        block = blocks[i]
        if block.end - block.start > 2 * len(wanted) + 10:
            continue
        text = " ".join(raw[block.start:block.end].casefold().split())
        if text == wanted and any(b.kind in ("good", "near", "short", "table")
                                  for b in blocks[i + 1:i + 9]):
            return i
    return -1


def _may_begin_like(raw: str, blocks: list[Block], wanted: str,
                    numbers: Sequence[int]) -> Iterable[int]:
    """Those of the blocks ``numbers`` whose text, case-folded, may begin like ``wanted``.

    Such a text begins with its first character case-folded, unless that is
    white space; checking each distinct first character once spares
    case-folding every line of the page.
    """
    if not numbers:
        return []
    # The first character of each block (one block: itemgetter hands over
    # that character alone, a string of one, which reads the same).
    heads = operator.itemgetter(*map(_START, map(blocks.__getitem__, numbers)))(raw)
    fitting = {c for c in set(heads) if c.isspace() or wanted.startswith(c.casefold())}
    return itertools.compress(numbers, map(fitting.__contains__, heads))


def _shifted(region: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if region is None else (region[0] + offset, region[1] + offset)


def _barriers(ctx: Context, blocks: list[Block]) -> list[int]:
    """Blocks that hold a heading closing the article (comments, related links)."""
    ids = ctx.rules.barrier_ids
    if not ids:
        return []
    starts = [s.start for s in ctx.found if s.rule in ids]
    if not starts:
        return []
    holding = set()
    for start in starts:
        # The last block starting at or before it (a bisection by key: no list of starts).
        i = bisect.bisect_right(blocks, start, key=_START) - 1
        if i >= 0 and start < blocks[i].end:
            holding.add(i)
    return sorted(holding)


def _cut_at_listing(ctx: Context, blocks: list[Block],
                    region: tuple[int, int]) -> tuple[int, int]:
    """End the article where a listing of dated teasers or comments begins.

    One article has one dateline; two or more date lines further down, each
    heading its own paragraph, are the shape of "more stories" and comment
    lists in any language.
    """
    first, last = region
    if last <= first:
        return region
    # The blocks after the first that hold a date line, found from the dates by
    # bisection: an article may run over thousands of blocks, a page has few dates.
    lo, hi = blocks[first + 1].start, blocks[last].end
    inside: list[int] = []
    for date in sorted(s.start for s in ctx.found
                       if s.rule == "metadata.date_line" and lo <= s.start < hi):
        i = bisect.bisect_right(blocks, date, first + 1, last + 1, key=_START) - 1
        block = blocks[i]
        if date < block.end and inside[-1:] != [i] and block.chars < 80 and any(
                blocks[k].kind in ("good", "near") for k in range(i + 1, min(i + 3, last + 1))
        ) and not _quotes_a_post(ctx, date):
            inside.append(i)
    if len(inside) < 2:
        return region
    end = inside[0] - 1
    while end > first and blocks[end].kind not in ("good", "near"):
        end -= 1
    return first, end


_ATTRIBUTION = re.compile(r"^\s*[—–-]\s.*\(@\w+\)\s*$|\(@\w+\)\s*$")


def _quotes_a_post(ctx: Context, date_start: int) -> bool:
    """Whether a date line closes an embedded post ("— Josh Apte (@joshapte)"
    above "November 1, 2019"): part of the article, not a listing of teasers."""
    number = ctx.line_at(date_start)
    sizes = ctx.line_sizes
    i = number - 1
    while i >= 0 and not sizes[i]:  # step over blank lines
        i -= 1
    return i >= 0 and bool(_ATTRIBUTION.search(ctx.line_texts[i]))


def _cut_at_barrier(blocks: list[Block], region: tuple[int, int],
                    barriers: list[int]) -> tuple[int, int]:
    """End the article at the first closing heading after its first paragraph."""
    first, last = region
    for b in barriers:
        if first < b <= last:
            end = b - 1
            while end > first and blocks[end].kind not in ("good", "near"):
                end -= 1
            return first, end
    return region


def _extendable(block: Block, known_language: bool) -> bool:
    """A block that reads like part of a text, not like a menu item or a teaser."""
    if block.kind in ("good", "near", "short", "table"):
        return True
    if block.kind != "bad" or block.link > 0.3 or block.words < 4 or block.chars < 20:
        return False
    return known_language and block.terminal and block.stop >= 0.2


def _extend(blocks: list[Block], region: tuple[int, int], barriers: list[int],
            known_language: bool) -> tuple[int, int]:
    """Grow the article over neighbouring text-like lines (lists, short paragraphs).

    The densest run of prose misses an article's lists and one-line
    paragraphs at its edges; they are taken in as long as they read like
    text, stepping over at most one stray line (an empty counter, a symbol).
    """
    first, last = region
    stop = set(barriers)

    def walk(pos: int, step: int) -> int:
        i = pos + step
        while 0 <= i < len(blocks) and i not in stop:
            if _extendable(blocks[i], known_language):
                pos = i
            elif not (0 <= i + step < len(blocks) and blocks[i].chars <= 3
                      and _extendable(blocks[i + step], known_language)):
                break
            i += step
        return pos

    return walk(first, -1), walk(last, +1)


#: This many title-and-blurb pairs in a row close an article: "more stories".
_TEASER_PAIRS = 3


def _before_teaser_pairs(blocks: list[Block], first: int, last: int) -> int:
    """End the article before a run of teasers at its tail.

    A list of other stories is, in any language, a short title without a
    full stop followed by a blurb of a sentence or two, again and again;
    an article's own sections have longer paragraphs under their headings.
    """
    pairs = 0
    i = last
    while i - 1 > first and _blurb(blocks[i]) and _title(blocks[i - 1]):
        pairs += 1
        i -= 2
    if pairs < _TEASER_PAIRS:
        return last
    end = i
    while end > first and blocks[end].kind not in ("good", "near"):
        end -= 1
    return end


def _title(block: Block) -> bool:
    return (block.first == block.last and not block.terminal and block.words <= 8
            and block.chars <= 80)


def _blurb(block: Block) -> bool:
    return block.terminal and block.chars <= 200 and block.sentences <= 3 and block.words >= 4


#: How many short blocks (a link, a price, Markdown leftovers) may stand
#: between two items of an announced list.
_BETWEEN_ITEMS = 3


def _announced_list(ctx: Context, blocks: list[Block], last: int, barriers: list[int]) -> int:
    """Take in a list that the article's last paragraph announces with a colon.

    "Here are the best offers:" followed by "1) …", "2) …" is the article's
    own list (products, dates, steps), however link-heavy its items are; a
    heading such as "Read more:" is not a paragraph and announces nothing.
    """
    block = blocks[last]
    if block.kind not in ("good", "near") or not ctx.raw[block.start:block.end].rstrip().endswith(
            (":", "：")):
        return last
    stop = set(barriers)
    i = last + 1
    items = 0
    end = last
    while i < len(blocks) and i not in stop:
        if blocks[i].list_item:
            items += 1
            end = i
        elif blocks[i].chars > 200 or not any(
                b.list_item for b in blocks[i + 1:i + 1 + _BETWEEN_ITEMS]):
            break  # only short lines between two items (its link, its price) come along
        i += 1
    return end if items >= 3 else last


@detector("structure")
def detect_structure(ctx: Context) -> Iterator[Span]:
    blocks, measured, others = _built(ctx)  # (no pass below changes a kind)
    headline = _headline(ctx, blocks, measured)
    offset = headline + 1
    region = _shifted(main_region(blocks[offset:], [
        i - offset for i in others[bisect.bisect_left(others, offset):]]), offset)
    if region is None:
        return
    barriers = _barriers(ctx, blocks)
    region = _cut_at_barrier(blocks, region, barriers)
    region = _cut_at_listing(ctx, blocks, region)
    first, last = _extend(blocks, region, barriers, ctx.language is not None)
    last = _before_teaser_pairs(blocks, first, last)
    prose_end = last
    last = _announced_list(ctx, blocks, last, barriers)
    yield from _outside_spans(blocks, 0, first, "structure.before_article", others)
    pending = [(i, blocks[i], "structure.menu_in_article", 0.7) for i in range(first, prose_end + 1)
               if blocks[i].kind == "bad" and _menu_like(blocks, i, first, last)]
    yield from _merge(pending)
    yield from _outside_spans(blocks, last + 1, len(blocks), "structure.after_article",
                              others)


#: Far from the article, menus are certain; prose there is only likely junk.
_OUTSIDE_CONFIDENCE = {"bad": 0.92, "code": 0.92, "short": 0.85, "table": 0.75, "near": 0.75,
                       "good": REMOVE_AT}


def _outside_spans(blocks: list[Block], lo: int, hi: int, rule: str,
                   others: list[int]) -> Iterator[Span]:
    """One span per run of blocks[lo:hi] with the same confidence.

    Only blocks with another confidence than a "bad" one end a run of bad
    ones, so the runs are found from the blocks that are not bad alone
    (``others``, in order: those numbers and maybe some of bad blocks).
    """
    bad = _OUTSIDE_CONFIDENCE["bad"]
    window = others[bisect.bisect_left(others, lo):bisect.bisect_left(others, hi)]
    runs: list[list[Any]] = []  # [first block, last block, confidence]
    after = lo  # the first block not yet in a run
    for i in window:
        confidence = _OUTSIDE_CONFIDENCE[blocks[i].kind]
        if confidence != bad:
            if i > after:
                _add_run(runs, after, i - 1, bad)
            _add_run(runs, i, i, confidence)
            after = i + 1
    if hi > after:
        _add_run(runs, after, hi - 1, bad)
    for first, last, confidence in runs:
        yield _span(blocks[first].start, blocks[last].end, rule, confidence)


def _add_run(runs: list[list[Any]], first: int, last: int, confidence: float) -> None:
    """Add blocks first..last (right after the last run) to the runs."""
    if runs and runs[-1][2] == confidence:
        runs[-1][1] = last
    else:
        runs.append([first, last, confidence])


def _menu_like(blocks: list[Block], i: int, first: int, last: int) -> bool:
    """A link-heavy block, or one of two or more non-prose lines in a row.

    A lone short line inside an article is usually a subheading and stays;
    a run of them is a box of links, a share bar or a menu.
    """
    block = blocks[i]
    if block.link > 0.5:
        return True
    before = i > first and blocks[i - 1].kind == "bad"
    after = i < last and blocks[i + 1].kind == "bad"
    return before or after


_REASONS = {
    "structure.before_article": (
        Category.NAVIGATION,
        "Page header, menus and links before the article's first paragraphs.",
    ),
    "structure.after_article": (
        Category.NAVIGATION,
        "Footer, teasers and links after the article's last paragraphs.",
    ),
    "structure.menu_in_article": (
        Category.NAVIGATION,
        "A run of short lines without sentences inside the article, shaped like a box of links.",
    ),
}


def _merge(pending: list[tuple[int, Block, str, float]]) -> Iterator[Span]:
    """One span per run of neighbouring blocks with the same rule and confidence.

    Neighbours by block number, not by line: the pieces of one flattened
    line are blocks of the same line, and only consecutive ones may merge.
    """
    run: list[tuple[int, Block, str, float]] = []
    for item in pending:
        if run and (item[2] != run[-1][2] or item[3] != run[-1][3] or item[0] != run[-1][0] + 1):
            yield _span(run[0][1].start, run[-1][1].end, run[0][2], run[0][3])
            run = []
        run.append(item)
    if run:
        yield _span(run[0][1].start, run[-1][1].end, run[0][2], run[0][3])


def _span(start: int, end: int, rule: str, confidence: float) -> Span:
    category, reason = _REASONS[rule]
    return Span(
        start=start,
        end=end,
        category=category,
        rule=rule,
        reason=reason,
        detector="structure",
        confidence=confidence,
        auto_decision="remove" if confidence >= REMOVE_AT else "keep",
    )
