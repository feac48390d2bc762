"""Guessing a text's language from the rule files' stop-word lists."""

from __future__ import annotations

import re
from collections import Counter
from itertools import filterfalse, repeat
from typing import NamedTuple

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


_ASCII = bytes(range(128))


#: A character that is no part of a run of letters (``_WORD``).
_NON_LETTER = re.compile(r"[\W\d_]")
#: Up to this many different non-letters, each is replaced by one quick
#: ``str.replace``; more (a page of symbols) are replaced in one pass.
_MAX_REPLACED = 32


def _letter_runs(prose: str) -> list[bytes]:
    """The runs of letters of ``prose`` (``_WORD.findall(prose)``), in UTF-8.

    Every character that is no letter becomes a space, then the text is split
    at white space, all in C: ASCII ones by a byte table, the few others
    (quotes, dashes, "«", digits beyond ASCII) each by ``str.replace``, found
    among the text's characters beyond ASCII.  What is left between the
    spaces is letters only, so the pieces are the runs.
    """
    encoded = prose.encode("utf-8", "surrogatepass")
    if not prose.isascii():
        others = encoded.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        non_letters = _NON_LETTER.findall("".join(set(others)))
        if len(non_letters) > _MAX_REPLACED:
            prose = _NON_LETTER.sub(" ", prose)  # one pass, however many there are
        else:
            for char in non_letters:
                prose = prose.replace(char, " ")
        if non_letters:
            encoded = prose.encode("utf-8", "surrogatepass")
    return encoded.translate(_ASCII_NON_LETTERS).split()


class _StopCodes(NamedTuple):
    """Stop words as one-byte codes, for counting them per language in C."""

    #: Each stop word, in UTF-8, and the code (1 to 255) of the languages whose list has it.
    codes: dict[bytes, int]
    #: Per language, in rule-file order: the codes of the words not on its
    #: list, and 0 (no stop word), deleted to count its hits.
    not_on_list: dict[str, bytes]


#: The codes of the last rule sets asked about, by the identity of their
#: ``stopword_languages`` (kept here, so that identity is not reused).
_CODES: dict[int, tuple[object, _StopCodes | None]] = {}


def _stop_codes(rules: RuleSet) -> _StopCodes | None:
    """The rule set's stop words as codes, or None where more than 255 sets
    of languages share words (then they are counted by :class:`Counter`)."""
    owners = rules.stopword_languages
    cached = _CODES.get(id(owners))
    if cached is not None and cached[0] is owners:
        return cached[1]
    groups: dict[tuple[str, ...], int] = {}
    codes = {word.encode("utf-8", "surrogatepass"): groups.setdefault(langs, len(groups) + 1)
             for word, langs in owners.items()}
    made = None
    if len(groups) < 256:
        made = _StopCodes(codes, {
            lang: bytes([0, *(code for langs, code in groups.items() if lang not in langs)])
            for lang in rules.stopwords})
    if len(_CODES) >= 8:
        _CODES.clear()
    _CODES[id(owners)] = (owners, made)
    return made


def _stop_word_hits(prose: str, rules: RuleSet) -> tuple[int, dict[str, int]]:
    """How many runs of letters ``prose`` holds, and per language (in rule-file
    order) how many of them are its stop words.

    Each run becomes one byte, its stop word code (0 for none), by a C-level
    map; a language's hits are the bytes left when the codes of words not
    in its list are deleted.  Neither a count per distinct word nor a Python
    loop over words: most runs are words met once or twice.
    """
    stop_codes = _stop_codes(rules)
    if stop_codes is None:
        return _stop_word_hits_by_counter(prose, rules)
    runs = _letter_runs(prose)
    coded = bytes(map(stop_codes.codes.get, runs, repeat(0)))
    return len(runs), {lang: len(coded.translate(None, not_on_list))
                       for lang, not_on_list in stop_codes.not_on_list.items()}


def _stop_word_hits_by_counter(prose: str, rules: RuleSet) -> tuple[int, dict[str, int]]:
    """What :func:`_stop_word_hits` gives, from a count of every word."""
    counts = _letter_word_counts(prose)
    hits: dict[str, int] = dict.fromkeys(rules.stopwords, 0)
    owners = rules.stopword_languages
    for word in owners.keys() & counts.keys():
        count = counts[word]
        for lang in owners[word]:
            hits[lang] += count
    return sum(counts.values()), hits


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
    longest = max(parts, key=len, default="")
    if len(longest) * 2 >= len(text) > _FLAT and "\n" not in longest:
        parts = _sentences_of_flat_page(parts, size)
    return "\n".join(parts)


#: A line over this long that holds half the text or more is a whole page
#: flattened into one line (``get_text()`` dumps, a JSON blob of the page).
_FLAT = 2000
#: A sentence in such a line: 20 to 400 characters after the end of another
#: one, closed by a full stop.  (Starting only after a sentence end, the
#: engine passes over the menus in C instead of trying a sentence at each
#: of their characters.)
_FLAT_SENTENCE = re.compile(r"(?<=[.!?…]\s)[^.!?…\n]{20,400}+[.!?…](?=\s|$)")


def _sentences_of_flat_page(parts: list[str], size: int) -> list[str]:
    """The sample of a flattened page: its sentences, not the whole line.

    Such a line opens with every menu of the page, which hold no full stop,
    and in most languages few function words: counted whole, a page whose
    article is short reads as no language at all (and the structure detector
    then cannot weigh prose).  Its sentences are the article's, the captions'
    and the teasers', all written in the page's language.  If they come to
    too little, the line is kept as it was.
    """
    out: list[str] = []
    for part in parts:
        if len(part) <= _FLAT or "\n" in part:
            out.append(part)
            continue
        sentences: list[str] = []
        taken = 0
        for match in _FLAT_SENTENCE.finditer(part):
            sentences.append(match.group())
            taken += len(sentences[-1])
            if taken >= size:
                break
        out.extend(sentences if taken >= 200 else [part])
    return out


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
    total, hits = _stop_word_hits(prose, rules)
    if not total or not rules.stopwords:
        return None, rules.all_stopwords
    best, best_share = None, 0.0
    for lang, n in hits.items():  # in rule-file order, so ties go as before
        share = n / total
        if share > best_share:
            best, best_share = lang, share
    if best is None or best_share < 0.12:
        return None, rules.all_stopwords
    return best, rules.stopwords[best]
