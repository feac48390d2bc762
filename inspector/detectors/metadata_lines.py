"""Date and byline header lines, moved into ``metadata`` instead of the text.

Scrapes often start with "date 2023-09", "By Jane Doe", "Publié le 12 mars
2023 à 14h05" or "Aktualisiert: 20.11.2019".  They are facts about the
article, not article text: the date and author go to the metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, compress, count, repeat
from operator import add

from ..model import Category, Span
from . import Context, detector


def _by_first_letter(spellings: tuple[str, ...]) -> str:
    """An alternation of ``spellings``, those opening with the same letter grouped.

    ``mar(?:ch|s)?|m[äa]rz|may`` becomes ``m(?:ar(?:ch|s)?|[äa]rz|ay)``.  The
    branches are tried in the same order and none of another group could
    match where this one's letter does not, so it matches exactly the same;
    but Python's engine, ignoring case, no longer tries every branch at
    every line: most are ruled out by their first letter at once.
    """
    groups: dict[str, list[str]] = {}
    for spelling in spellings:
        first, rest = spelling[0], spelling[1:]
        # A plain lower-case letter, not a class or a quantified one ("a?…"):
        # two such letters never match the same character, case ignored or not.
        assert first.isascii() and first.islower() and rest[:1] not in ("?", "*", "+", "{")
        groups.setdefault(first, []).append(rest)
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


_MONTH_SPELLINGS = (
    "jan(?:uary|vier|uar|eiro)?", "feb(?:ruary|ruar|braio)?", "f[ée]v(?:rier)?",
    "mar(?:ch|s|zo|ço)?", "m[äa]rz", "apr(?:il|ile)?", "avr(?:il)?", "abr(?:il)?", "may", "mai",
    "mayo", "maggio", "maio", "mei", "jun(?:e|i|io)?", "juin", "giugno", "junho",
    "jul(?:y|i|io)?", "juil(?:let)?", "luglio", "julho", "aug(?:ust|ustus)?", "ao[uû]t",
    "agosto", "sep(?:t|tember|tembre|tiembre)?", "set(?:tembre|embro)?",
    "oct(?:ober|obre|ubre)?", "okt(?:ober)?", "ott(?:obre)?", "out(?:ubro)?",
    "nov(?:ember|embre|iembre)?", "dec(?:ember)?", "d[ée]c(?:embre)?", "dez(?:ember|embro)?",
    "dic(?:iembre|embre)?",
)
def _first_letters(spellings: tuple[str, ...]) -> str:
    """A lookahead for the letters ``spellings`` open with, either case.

    Asked before the alternation, one class rules out most places at once;
    Python's engine, ignoring case, would try every group of the alternation
    (a test makes sure the class lets through all the letters would match).
    """
    return "(?=[" + "".join(sorted({x[0] + x[0].upper() for x in spellings})) + "])"


_MONTHS = _by_first_letter(_MONTH_SPELLINGS)
_MONTH_AHEAD = _first_letters(_MONTH_SPELLINGS)
_DATE = (
    r"(?:\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    rf"|{_MONTH_AHEAD}(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?"
    rf"|\d{{1,2}}(?:er|º|\.)?[ \t]+(?:de[ \t]+)?{_MONTH_AHEAD}(?:{_MONTHS})\.?,?[ \t]+"
    r"(?:de[ \t]+)?\d{4})"
)
_TIME = (r"(?:\d{1,2}[:h.]\d{2}(?:[ \t]*[ap]\.?m\.?)?"
         r"(?:[ \t]*(?:GMT|UTC|CET|CEST|EST|EDT|PST|BST))?)")
_LABEL_SPELLINGS = (
    "date", "dated", "published", "posted", "updated", r"last[ \t]+updated", "modified",
    r"publié(?:[ \t]+le)?", r"mis[ \t]+à[ \t]+jour(?:[ \t]+le)?", r"modifié(?:[ \t]+le)?",
    r"veröffentlicht(?:[ \t]+am)?", r"aktualisiert(?:[ \t]+am)?", "stand",
    r"publicado(?:[ \t]+el)?", r"actualizado(?:[ \t]+el)?", r"pubblicato(?:[ \t]+il)?",
    r"aggiornato(?:[ \t]+il)?", r"atualizado(?:[ \t]+em)?", r"gepubliceerd(?:[ \t]+op)?",
    r"bijgewerkt(?:[ \t]+op)?", r"geplaatst(?:[ \t]+op)?",
)
_LABEL = "(?:" + _by_first_letter(_LABEL_SPELLINGS) + ")"
_LABEL_AHEAD = _first_letters(_LABEL_SPELLINGS)
# The spaces opening a line are taken possessively (``*+``): what follows
# them opens with a letter or digit, so giving some back could never help,
# and Python's engine would retry the labels once per space.  So are the
# letters of the word before the date and the spaces after it (``++``): a
# letter given back is followed by a letter, where a comma or space must
# come, and a space given back by a space, where the date must start.
_DATE_LINE = re.compile(
    rf"^[ \t]*+(?P<label>{_LABEL_AHEAD}{_LABEL}[ \t]*:?[ \t]*)?(?:[A-Za-zÀ-ÿ]++,?[ \t]++)?"
    rf"(?P<date>{_DATE})"
    rf"(?:[ \t]*(?:,|at|à|um|a[ \t]+las|alle|om|-|—|\|)?[ \t]*{_TIME})?[ \t]*(?:\||·|-|—)?[ \t]*",
    re.IGNORECASE,
)
_BY_SPELLINGS = ("by", "par", "von", "por", "di", "door", "de", "av", "af")
_BY = "(?i:" + _by_first_letter(_BY_SPELLINGS) + ")"
_NAME = r"[A-ZÀ-Ý][\w'’.-]+"
_BYLINE = re.compile(
    rf"^[ \t]*+{_BY}[ \t]+(?P<author>{_NAME}(?:[ \t]+{_NAME}){{0,3}}"
    rf"(?:(?:,[ \t]*|[ \t]+(?:and|et|und|y|e|en)[ \t]+){_NAME}(?:[ \t]+{_NAME}){{0,3}})*)"
    r"[ \t]*(?:[,|·–—-][^\n]{0,60})?[ \t]*$",
)
#: Header lines near the top are confidently metadata; further down a date
#: line may be part of the article (a timeline), so it is only flagged.
_HEADER_SHARE = 0.2


def _in_header(ctx: Context, pos: int) -> bool:
    return pos < max(600, int(len(ctx.raw) * _HEADER_SHARE))


_DIGIT = re.compile(r"\d")
#: Header lines are short; longer lines are article text whatever they start with.
_MAX_LINE = 160
#: What a byline opens with (spaces, "By", spaces, a capital): lines without
#: it cannot match ``_BYLINE``.  After a newline, so the engine jumps from
#: newline to newline (a pattern opening with a literal is found fast); the
#: first letters, in either case, rule out most lines with one check (no other
#: character matches them, case ignored, as a test makes sure).
_BYLINE_OPENING = rf"[ \t]*+{_first_letters(_BY_SPELLINGS)}{_BY}[ \t]+[A-ZÀ-Ý]"
_FIRST_BYLINE_OPENING = re.compile(_BYLINE_OPENING)
_NEXT_BYLINE_OPENINGS = re.compile(r"\n" + _BYLINE_OPENING)
_ASCII = bytes(range(128))
#: The first bytes, in UTF-8, of the digits outside ASCII (Arabic, Devanagari…,
#: every character ``\d`` matches; a test derives them from Unicode): a text
#: holding none of these bytes holds no such digit.
_OTHER_DIGIT_LEADS = (b"\xd9", b"\xdb", b"\xdf", b"\xe0", b"\xe1", b"\xea", b"\xef", b"\xf0")
#: What a date line may hold before its date: letters (any byte outside ASCII
#: is taken for part of one), spaces, tabs, and the ":" "," "." after a label,
#: a weekday or a month.  Deleted from the UTF-8 text, they leave a date
#: line starting with its first digit.
_BEFORE_DATE = (b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \t:,."
                + bytes(range(128, 256)))
#: Every ASCII digit made a "0", so that a line starting with one is a newline and a "0".
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


@detector("metadata_lines")
def detect_metadata_lines(ctx: Context) -> Iterator[Span]:
    # Matching line by line is what keeps this cheap: a regular expression
    # anchored at line starts is tried at every position of the text by
    # Python's engine.  Only the lines that can match are tried, the date
    # pattern by C loops (``map``): Python sees only the lines it matched.
    # Lines too long to be header lines are left out after matching (the
    # pattern, anchored at the start, does not read them to their end).
    texts, starts = ctx.line_texts, ctx.line_starts
    numbers = date_line_candidates(ctx)
    matches = list(map(_DATE_LINE.match, map(texts.__getitem__, numbers)))
    dated = dict(zip(compress(numbers, matches), filter(None, matches), strict=True))
    bylines = {}
    for number in _byline_openings(ctx):
        text = texts[number]
        if number not in dated and len(text) <= _MAX_LINE:  # a date line is no byline
            match = _BYLINE.match(text)
            if match:
                bylines[number] = match
    for number in sorted({*dated, *bylines}):
        if number in bylines:
            yield from _byline_span(ctx, starts[number], bylines[number])
        elif len(texts[number]) <= _MAX_LINE * 4:
            yield from _date_span(ctx, starts[number], texts[number], dated[number])


def _byline_openings(ctx: Context) -> set[int]:
    """Indices of the lines opening like a byline: the only ones ``_BYLINE`` can match."""
    raw = ctx.raw
    starts = [match.start() + 1 for match in _NEXT_BYLINE_OPENINGS.finditer(raw)]
    if _FIRST_BYLINE_OPENING.match(raw):
        starts.append(0)
    return set(map(ctx.line_at, starts))


def date_line_candidates(ctx: Context) -> list[int]:
    """:func:`_date_line_candidates`, found once per text: the captions
    detector looks for its numbered gallery captions ("1 of 4") among them."""
    found = ctx.cache.get("date_line_candidates")
    if found is None:
        found = ctx.cache["date_line_candidates"] = _date_line_candidates(ctx)
    return found  # type: ignore[return-value]


def _date_line_candidates(ctx: Context) -> list[int]:
    """Indices, in order, of the lines ``_DATE_LINE`` can match: those whose
    first digit comes after nothing but what a date line may hold before its
    date (see ``_BEFORE_DATE``).

    Byte-level ``translate`` in C deletes all that from the UTF-8 text (and
    makes every digit a "0"), several times faster than any search, character
    by character, of Python's engine; the lines wanted then start with a
    "0", and splitting at each newline followed by one leaves pieces whose
    newlines, counted, tell the lines.  A newline is one byte in UTF-8 and no
    other character holds that byte, so the lines are the same.  Digits
    outside ASCII (Arabic, Devanagari…) are rare: a text holding one is
    searched line by line for lines holding a digit.
    """
    encoded = ctx.utf8
    if _has_other_digit(encoded):
        return [i for i, text in enumerate(ctx.line_texts) if _DIGIT.search(text)]
    # A newline first: the first line starts after one like the others.
    pieces = (b"\n" + encoded.translate(_DIGITS_AS_ZERO, _BEFORE_DATE)).split(b"\n0")
    # Before piece k's end: its newlines and those of the pieces before, and
    # the k splitting ones after the first newline.
    newlines = accumulate(map(bytes.count, pieces[:-1], repeat(b"\n")))
    return list(map(add, newlines, count()))


def _has_other_digit(encoded: bytes) -> bool:
    """Whether the UTF-8 ``encoded`` text holds a digit outside ASCII.

    Most texts hold none of the bytes such a digit opens with, which
    ``bytes.__contains__`` (``memchr``) rules out at once; the others are
    decoded without their ASCII and searched.
    """
    if not any(map(encoded.__contains__, _OTHER_DIGIT_LEADS)):
        return False
    others = encoded.translate(None, _ASCII)
    return _DIGIT.search(others.decode("utf-8", "surrogatepass")) is not None


def _date_span(ctx: Context, offset: int, text: str, match: re.Match[str]) -> Iterator[Span]:
    whole_line = not text[match.end():].strip()
    if not (whole_line or match.group("label")) or (whole_line and len(text) > _MAX_LINE):
        return
    start = offset + match.start()
    header = _in_header(ctx, start)
    end = offset + (len(text) if whole_line else match.end())
    if ctx.metadata.date is None and header:
        ctx.metadata.date = match.group("date")
    yield Span(
        start=start, end=end, category=Category.METADATA_LINE,
        rule="metadata.date_line",
        reason="Date header of the scrape; the date is kept in the metadata.",
        detector="metadata_lines", confidence=0.9 if header else 0.55,
        auto_decision="remove" if header else "keep",
    )


def _byline_span(ctx: Context, offset: int, match: re.Match[str]) -> Iterator[Span]:
    start = offset + match.start()
    header = _in_header(ctx, start)
    if ctx.metadata.author is None and header:
        ctx.metadata.author = match.group("author").strip()
    yield Span(
        start=start, end=offset + match.end(), category=Category.METADATA_LINE,
        rule="metadata.byline",
        reason="Byline naming the author; the name is kept in the metadata.",
        detector="metadata_lines", confidence=0.85 if header else 0.62,
    )
