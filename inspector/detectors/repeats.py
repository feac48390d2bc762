"""A second copy of the article: paragraphs said again further down the page.

Scrapes often hold the story twice: once in paragraphs and once flattened
into one long line or paragraph (a print view, a hidden AMP or feed copy, a
"read the full story" box), sometimes three times.  A stretch whose
sentences all appeared earlier on the page adds nothing, in any language;
the first copy is kept.

Copies are compared word by word (letters and digits only), so a copy
wrapped at another width, or with the Markdown emphasis of an html2text dump,
is still the same text.  A copy inside leaked code (a JSON ``articleBody``)
does not count: that code is removed, and the visible text is then the only
copy.  A single repeated sentence is left alone: that is how pull quotes and
recurring interview questions look (see the duplicates detector).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, count

from ..model import Category, Span
from ..segment import sentence_bounds
from . import Context, detector
from .script import code_line_numbers

#: Stretches shorter than this are the duplicates detector's business.
_MIN_STRETCH = 200
#: Sentences with fewer words than this are too common to count as a copy.
_MIN_WORDS = 5
#: A stretch is a copy when this share of its sentences (by length) came before...
_COPIED_SHARE = 0.8
#: ...and they make up this much text at least (a pull quote is shorter).
_MIN_COPIED = 200
#: How many characters open a stretch for the quick "said before?" test.
_KEY_CHARS = 40
#: A copy may start after a line shorter than this inside a paragraph.
_SHORT_LINE = 50
#: A string value in JSON or script: ``"description": "`` or ``title = '``.
#: (``(?:["']\s*:|=)\s*["']`` with one branch per opening character: branches
#: that all open with a literal let the engine skip ahead to them in C.)
_VALUE_OPENING = re.compile(r"""(?:"\s*:|'\s*:|=)\s*["']""")


@detector("repeats")
def detect_repeats(ctx: Context) -> Iterator[Span]:
    stretches = _stretches(ctx)
    if not stretches:
        return
    # Quick test first: a copy's opening words occur before it (in C, bounded).
    folded = ctx.folded
    suspects = [(s, e) for s, e in stretches
                if folded.find(folded[s:s + _KEY_CHARS], 0, s) >= 0]
    if not suspects:
        return
    starts = [start for start, _ in suspects]
    prose = _prose_text(ctx, starts[-1] + 1)
    text, limits = _word_stream(prose, starts)
    stream = _Stream(text)
    sentences: dict[tuple[int, int], str] = {}
    taken = -1
    for (start, end), limit in zip(suspects, limits, strict=True):
        if start < taken:
            continue
        copied, total = _copied_chars(ctx, start, end, stream, limit, sentences)
        if total and copied >= _MIN_COPIED and copied >= _COPIED_SHARE * total:
            taken = end
            yield Span(
                start=start, end=end, category=Category.DUPLICATE,
                rule="duplicate.copy",
                reason="A second copy of text that appears earlier on the page "
                       f"({copied} of its {total} characters of sentences).",
                detector="repeats", confidence=0.9,
            )


def _word_stream(prose: str, starts: list[int]) -> tuple[str, list[int]]:
    """The page's words, one space apart, and where the words before each start end in it.

    That is ``" ".join(prose.split())`` (as far as any search reaches: up to
    the last start) and ``len(" ".join(prose[:start + 1].split()))`` for each
    of the ``starts`` (in order), from one pass over the text rather than one
    per start.  The text is cut just after the space before each start, so
    no word is split between two pieces.
    """
    pieces: list[str] = []
    limits: list[int] = []
    length = done = 0
    for start in starts:
        cut = start + 1
        if cut > done:
            if prose[cut - 1] != " ":  # not expected: a stretch starts after white space
                return (" ".join(prose[:starts[-1] + 1].split()),
                        [len(" ".join(prose[:s + 1].split())) for s in starts])
            piece = " ".join(prose[done:cut].split())
            if piece:
                length += len(piece) + (1 if pieces else 0)
                pieces.append(piece)
            done = cut
        limits.append(length)
    return " ".join(pieces), limits


def _stretches(ctx: Context) -> list[tuple[int, int]]:
    """Where a copy may lie: long lines, and long paragraphs of several lines
    from their first line, or from a line after a short one (a wrapped copy
    often follows a byline or a label without a blank line between).

    Paragraphs are runs of lines that are neither blank nor code; only the
    non-blank lines are visited.
    """
    sizes = ctx.line_sizes
    code = code_line_numbers(ctx)
    if code:  # a code line ends a paragraph as a blank line does, and is no stretch
        sizes = sizes.copy()
        for number in code:
            sizes[number] = 0
    texts, starts = ctx.line_texts, ctx.line_starts
    out: set[tuple[int, int]] = set()
    first = last = -2  # the current paragraph's lines (-2: none open)
    for number in compress(count(), sizes):  # the numbers of the lines neither blank nor code
        if number != last + 1:  # a new paragraph
            if last > first:
                _add_paragraph(texts, starts, sizes, out, first, last)
            first = number
        last = number
        if sizes[number] >= _MIN_STRETCH:
            _add(out, _content_start(texts, starts, number), _line_end(texts, starts, number))
    if first >= 0 and (last > first or last == len(texts) - 1):
        # A paragraph that ends the text counts even as a single line.
        _add_paragraph(texts, starts, sizes, out, first, last)
    return sorted(out)


def _line_end(texts: list[str], starts: list[int], number: int) -> int:
    """Offset just after line ``number``'s text (before its newline)."""
    return starts[number] + len(texts[number])


def _content_start(texts: list[str], starts: list[int], number: int) -> int:
    """Offset of line ``number``'s first character that is not white space."""
    text = texts[number]
    return starts[number] + len(text) - len(text.lstrip())


def _add_paragraph(texts: list[str], starts: list[int], sizes: list[int],
                   out: set[tuple[int, int]], first: int, last: int) -> None:
    """The stretches of the paragraph of lines ``first`` to ``last``: from its
    first line, and from each line after a short one, while 200 characters remain."""
    end = starts[last] + len(texts[last])
    if end - starts[first] < _MIN_STRETCH:
        return  # most paragraphs: too short from their first line already
    _add(out, _content_start(texts, starts, first), end)
    for number in range(first + 1, last + 1):
        if end - starts[number] < _MIN_STRETCH:
            break  # later lines start later still: none is far enough from the end
        if sizes[number - 1] < _SHORT_LINE:
            _add(out, _content_start(texts, starts, number), end)


def _add(out: set[tuple[int, int]], start: int, end: int) -> None:
    if end - start >= _MIN_STRETCH and start > 0:
        out.add((start, end))


def _prose_text(ctx: Context, upto: int) -> str:
    """The blanked text with leaked code and quoted script values blanked too.

    What remains is where a first copy counts; lengths are kept, so offset
    ``i`` of the text is still ``i + 1`` here.  Only the text before ``upto``
    is read (the word stream ends at the last suspect), so lines that start
    later are left as they are.
    """
    texts, starts = ctx.line_texts, ctx.line_starts
    text = ctx.blanked
    cut = {number for number in code_line_numbers(ctx) if starts[number] + 1 < upto}
    cut.update(_lines_with_values(ctx, upto - 1))
    if not cut:
        return text
    parts: list[str] = []
    pos = 0
    for number in sorted(cut):
        start = starts[number]
        parts.append(text[pos:start + 1])
        parts.append(" " * len(texts[number]))
        pos = start + len(texts[number]) + 1
    parts.append(text[pos:])
    return "".join(parts)


def _lines_with_values(ctx: Context, until: int) -> Iterator[int]:
    """The numbers of the lines where a ``_VALUE_OPENING`` match starts before ``until``.

    (A match from ``until`` on is on the line that holds ``until`` or a later
    one; what that line has before ``until`` is white space, blanked anyway.)
    JSON holds many on one line: a match before the end of the line last
    found needs no look-up.
    """
    texts, starts = ctx.line_texts, ctx.line_starts
    line_end = -1
    for match in _VALUE_OPENING.finditer(ctx.raw):
        at = match.start()
        if at >= until:
            return
        if at > line_end:
            number = ctx.line_at(at)
            line_end = _line_end(texts, starts, number)
            yield number


class _Stream:
    """The page's words, one space apart, and where sentences were first found in it.

    Suspects overlap (a paragraph from each of its openings), so the same
    sentences are looked up again and again with growing limits; each
    sentence's first occurrence is searched for once, and a search that
    failed goes on from where it stopped.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        #: sentence -> (its first position, or -1 if not found yet; how far searched)
        self._first: dict[str, tuple[int, int]] = {}

    def holds_before(self, words: str, limit: int) -> bool:
        """``self.text.find(words, 0, limit) >= 0``."""
        first, searched = self._first.get(words, (-1, 0))
        if first >= 0:
            return first + len(words) <= limit
        if limit <= searched:
            return False
        # Nothing ends by ``searched``: only later starts remain to be tried.
        first = self.text.find(words, max(0, searched - len(words) + 1), limit)
        self._first[words] = (first, limit)
        return first >= 0


def _copied_chars(ctx: Context, start: int, end: int, stream: _Stream, limit: int,
                  sentences: dict[tuple[int, int], str]) -> tuple[int, int]:
    """How much of the stretch's sentence text occurs earlier on the page, and of how much.

    (0, 0) as soon as the stretch cannot be a copy whatever its remaining
    sentences hold: even if all of them (at most the rest of the stretch)
    were copied, too little would be.
    """
    copied = total = 0
    for s, e in sentence_bounds(ctx.raw, start, end):
        words = _sentence_words(ctx, s, e, sentences)
        if not words:
            continue
        total += e - s
        if stream.holds_before(words, limit):
            copied += e - s
        else:
            most = copied + end - e  # what could still be copied in the end
            if most < _MIN_COPIED or most < _COPIED_SHARE * total:
                return 0, 0
    return copied, total


def _sentence_words(ctx: Context, start: int, end: int, known: dict[tuple[int, int], str]) -> str:
    """The sentence's words, one space apart ("" if fewer than ``_MIN_WORDS``).

    Suspects overlap (a paragraph from each of its openings), so most
    sentences are met several times: each is joined once, into ``known``.
    """
    words = known.get((start, end))
    if words is None:
        words = " ".join(ctx.blanked[start + 1:end + 1].split())
        if words.count(" ") + 1 < _MIN_WORDS:
            words = ""
        known[start, end] = words
    return words
