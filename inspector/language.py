"""Guessing a text's language from the rule files' stop-word lists."""

from __future__ import annotations

import re
from collections import Counter
from itertools import filterfalse

from .rules import RuleSet

_WORD = re.compile(r"[^\W\d_]+")


#: ASCII letters stay, every other ASCII byte becomes a space (UTF-8 keeps the
#: bytes of other characters above 0x7F, so they pass untouched).
_ASCII_NON_LETTERS = bytes(b if b >= 0x80 or chr(b).isalpha() else 0x20 for b in range(256))


def _letter_word_counts(text: str) -> Counter[str]:
    """How often each run of letters occurs in ``text`` (``Counter(_WORD.findall(text))``), faster.

    ASCII characters that are not letters become spaces through a byte table
    and the text is split at white space, all in C.  A piece that is not all
    letters (digits beyond ASCII, "’", "«"...) is a distinct key of the count:
    only those few go through the regular expression, and their counts go to
    the runs of letters they hold.  Spaces and the other characters split
    away are never part of a run of letters, so the runs are the same.
    """
    ascii_blanked = text.encode("utf-8", "surrogatepass").translate(_ASCII_NON_LETTERS).decode(
        "utf-8", "surrogatepass")
    counts = Counter(ascii_blanked.split())
    # An ASCII piece is all letters here (str.isascii is a flag, not a scan).
    for word in list(filterfalse(str.isalpha, filterfalse(str.isascii, counts))):
        times = counts.pop(word)
        for letters in _WORD.findall(word):
            counts[letters] += times
    return counts


#: A line of 60 characters or more, after the newline that opens it (the text
#: is searched with a newline put in front): opening with a literal lets the
#: engine skip from newline to newline in C, where ``^`` in multi-line mode
#: is tried at every position.
_LONG = 60
_LONG_LINE = re.compile(rf"\n([^\n]{{{_LONG},}})")


def _prose_sample(text: str, size: int, raw: str | None = None) -> str:
    """Long lines first: menus (often English whatever the article's language)
    are short, prose lines are long.

    With ``raw``, ``text`` is ``raw.lower()`` and the sample comes lower-cased:
    whole lines are the same lower-cased alone or in the page (a newline
    bounds the context of a final sigma), but a piece cut in mid-text is
    not, so that piece is cut from ``raw`` and lower-cased alone, as the
    sample would be.
    """
    parts: list[str] = []
    total = 0
    # The first line has no newline before it; the others are found from
    # the first newline on (putting one in front would copy the whole text).
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if len(first) >= _LONG:
        parts.append(first)
        total = len(first)
    if total < size and first_end >= 0:
        for match in _LONG_LINE.finditer(text, first_end):
            parts.append(match.group(1))
            total += len(parts[-1])
            if total >= size:
                break
    if total < size // 4:
        start = max(0, len(text) // 3 - size // 2) if len(text) > size else 0
        parts.append(text[start:start + size] if raw is None else raw[start:start + size].lower())
    return "\n".join(parts)


def guess(text: str, rules: RuleSet, sample: int = 6_000,
          lowered: str | None = None) -> tuple[str | None, frozenset[str]]:
    """The most likely language and the stop words to use for it.

    When no list fits well (a language without a rule file), every list is
    merged: structure-based evidence then still sees function words of
    related languages, and nothing language-specific is assumed.

    ``lowered`` is ``text.lower()`` if the caller has it (the detectors'
    folded view): the sample is then read from it, not lower-cased again.
    """
    if lowered is None:
        prose = _prose_sample(text, sample).lower()
    else:
        prose = _prose_sample(lowered, sample, text)
    counts = _letter_word_counts(prose)
    total = sum(counts.values())
    if not total or not rules.stopwords:
        return None, rules.all_stopwords
    hits: dict[str, int] = dict.fromkeys(rules.stopwords, 0)
    owners = rules.stopword_languages
    for word in owners.keys() & counts.keys():
        count = counts[word]
        for lang in owners[word]:
            hits[lang] += count
    best, best_share = None, 0.0
    for lang, n in hits.items():  # in rule-file order, so ties go as before
        share = n / total
        if share > best_share:
            best, best_share = lang, share
    if best is None or best_share < 0.12:
        return None, rules.all_stopwords
    return best, rules.stopwords[best]
