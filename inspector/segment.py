"""Cutting raw text into lines, blocks and sentences, keeping raw offsets.

Every detector works on the same segmentation so that their spans line up,
and every piece carries its ``start``/``end`` into ``raw``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

_WORD = re.compile(r"\w+")
#: What follows the . ! ? … that ends a sentence: closing quotes or brackets,
#: then white space.  Whether the next character starts a sentence is checked
#: in Python because ``re`` has no Unicode upper-case class.
_AFTER_END_MARK = r"""(?:[ \u00a0\u202f]?["'»”’)\]])*\s+"""
#: The end of a sentence (from its mark on), or a blank line.  (Opening with
#: the mark, not a look-behind for it, lets the engine skip from mark to mark
#: instead of trying every position; the sentence ends just after the mark.)
_SENTENCE_END = re.compile(rf"[.!?…]{_AFTER_END_MARK}|\n\s*\n")
#: What follows a mark just before the range that is searched.
_AFTER_MARK = re.compile(_AFTER_END_MARK)


# Not frozen: a page has tens of thousands of lines, and a frozen dataclass
# costs twice as much to create.  Nothing changes a line once split.  The
# built-in detectors read the plain lists of the context instead (no object
# per line); ``Context.lines`` builds these for detectors that want them.
@dataclass(slots=True)
class Line:
    start: int
    end: int  # exclusive, before the newline
    text: str
    blank: bool = False  # only white space

    @property
    def stripped(self) -> str:
        return self.text.strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_bounds(raw: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``raw[start:end]`` as (start, end) pairs, white space trimmed."""
    pos = start
    for cut, nxt in _sentence_ends(raw, start, end):
        if nxt < end and not _starts_sentence(raw[nxt]):
            continue
        yield from _trimmed(raw, pos, cut)
        pos = nxt
    yield from _trimmed(raw, pos, end)


def _sentence_ends(raw: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where a sentence may end in ``raw[start:end]``, and where the next then starts.

    A mark just before ``start`` counts too (its sentence ends at ``start``).
    """
    if start and raw[start - 1] in ".!?…":
        after = _AFTER_MARK.match(raw, start, end)
        if after:
            yield start, after.end()
            start = after.end()
    for match in _SENTENCE_END.finditer(raw, start, end):
        at = match.start()
        yield (at if raw[at] == "\n" else at + 1), match.end()


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in "«\"“‘'(¿¡[-–—•*" or not ch.isalpha()


def _trimmed(raw: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = raw[start:end]
    kept = piece.strip()  # the same white space as str.isspace, stripped in C
    if kept:
        start += len(piece) - len(piece.lstrip())
        yield start, start + len(kept)


def line_bounds(raw: str, pos: int) -> tuple[int, int]:
    start = raw.rfind("\n", 0, pos) + 1
    end = raw.find("\n", pos)
    return start, len(raw) if end < 0 else end


def stopword_ratio(tokens: list[str], stopwords: frozenset[str]) -> float:
    if not tokens:
        return 0.0
    return sum(map(stopwords.__contains__, map(str.lower, tokens))) / len(tokens)


_CODE_CHARS = re.compile(r"[{};=<>()\[\]|&$]|=>|\+\+|&&|\|\|")


def prose_score(text: str, stopwords: frozenset[str]) -> float:
    """How much ``text`` reads like article prose, from 0 (not at all) to 1.

    Language-neutral evidence: enough words, function words at the rate of
    running text, a sentence ending, few code characters.  Used to lower the
    confidence of any removal that would cut real-looking sentences.
    """
    tokens = words(text)
    n = len(tokens)
    if n == 0:
        return 0.0
    score = 0.0
    score += min(n, 25) / 25 * 0.35
    score += min(stopword_ratio(tokens, stopwords) / 0.3, 1.0) * 0.35
    stripped = text.rstrip()
    if stripped.endswith((".", "!", "?", "…", "»", "”", '"', ".)", ":")):
        score += 0.15
    code = len(_CODE_CHARS.findall(text))
    if code / max(n, 1) > 0.2:
        score -= 0.4
    lowers = sum(map(str.islower, map(itemgetter(0), tokens)))  # tokens are never empty
    if n >= 4 and lowers / n > 0.4:
        score += 0.15
    return max(0.0, min(1.0, score))
