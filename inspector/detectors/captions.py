"""Photo captions and credits, moved aside into ``metadata.captions``.

A credit is a label ("Photo", "Bild", "Foto"… from the rule files) followed
by a name or agency, or an agency on its own ("Getty Images", "AFP via Getty
Images").  The caption is the sentence that ends in the credit, even in the
middle of a paragraph, or the short line just above a credit line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..model import Caption, Category, Span
from ..rules import RuleSet
from ..triggers import WordFinder
from . import Context, detector

_NAME = r"[^\W\d_][\w.'’&-]*"
#: Sentence ends we may start a caption after.
_SENTENCE_END = re.compile(r"""[.!?…»”"]\s+(?=\S)|\n""")
_MAX_CAPTION = 400


@cache
def _patterns(labels: tuple[str, ...], agencies: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    label = "|".join(sorted((re.escape(x).replace(r"\ ", r"\s+") for x in labels),
                            key=len, reverse=True)) or "photo"
    agency = "|".join(sorted((re.escape(x).replace(r"\ ", r"\s+") for x in agencies),
                             key=len, reverse=True)) or "Getty Images"
    credit_body = rf"(?:{_NAME}(?:[ \t/|,]+(?:via[ \t]+)?{_NAME}){{0,6}})"
    agency_credit = rf"(?:{agency})(?:[ \t]*[/|][ \t]*{_NAME}(?:[ \t]+{_NAME}){{0,3}})?"
    # (Photo : AP) / (Foto: EFE/Juan Pérez) / (Photo by Kirk Irwin/Getty Images)
    labelled_paren = re.compile(
        rf"\(\s*(?:{label})\s*(?::|by|de|par|von|di|door|por)?\s*[:：]?\s*{credit_body}\s*\)",
        re.IGNORECASE)
    # "Photo: Reuters" / "Bild: dpa / Max Muster" closing its line, or an agency
    # credit closing a sentence in mid-line ("… im Einsatz Foto: EFE Der Brand…").
    labelled = re.compile(
        rf"(?:{label})[ \t]*[:：][ \t]*"
        rf"(?:{credit_body}(?=[ \t]*(?:\n|$))|{agency_credit}(?=[ \t]+[A-ZÀ-Ý«\"“]))",
        re.IGNORECASE)
    # (AFP via Getty Images) / Natalie Naccache | Bloomberg | Getty Images
    bare_paren = re.compile(rf"\(\s*(?:{credit_body}\s*(?:/|\||via)\s*)?(?:{agency})\s*\)")
    credit_line = re.compile(
        rf"[ \t]*(?:{credit_body}[ \t]*(?:/|\||via|for)[ \t]*){{0,3}}(?:{agency})"
        rf"(?:[ \t]*(?:/|\||via)[ \t]*{credit_body})?[ \t]*$")
    return labelled_paren, labelled, bare_paren, credit_line


@cache
def _label_head(labels: tuple[str, ...]) -> tuple[re.Pattern[str], int] | None:
    """How ``labelled`` opens (a label, spaces, a colon), and the most
    non-space characters a label can match.

    None if a label holds a colon itself: :func:`_labelled_matches` relies
    on a label ending at the first colon after its start.
    """
    if any(":" in x or "：" in x for x in labels):
        return None
    label = "|".join(sorted((re.escape(x).replace(r"\ ", r"\s+") for x in labels),
                            key=len, reverse=True)) or "photo"
    reach = max((len(x) for x in labels), default=len("photo"))
    return re.compile(rf"(?:{label})[ \t]*[:：]", re.IGNORECASE), reach


_WORDS = re.compile(r"\w+")
_COLON = re.compile(r"[:：]")


@cache
def _finders(labels: tuple[str, ...],
             agencies: tuple[str, ...]) -> tuple[frozenset[str], WordFinder]:
    """Labels as lower-case phrases, and a finder for labels and agency words.

    One pass over the text tells which lines hold a label or an agency's
    word; only those are worth the full patterns, which Python's engine
    would otherwise try at every position of every line.
    """
    label_set = frozenset(" ".join(_WORDS.findall(x.lower())) for x in labels)
    agency_words = {w for a in agencies for w in _WORDS.findall(a.lower())}
    return label_set, WordFinder({"label": label_set, "agency": agency_words})


def _lines_with(ctx: Context, finder: WordFinder) -> dict[str, list[int]]:
    """Per tag, the indices of the lines where one of its words starts, in order."""
    line_at = ctx.line_at
    found: dict[str, set[int]] = {"label": set(), "agency": set()}
    for pos, tag in finder.starts(ctx.blanked):
        found[tag].add(line_at(pos))
    return {tag: sorted(numbers) for tag, numbers in found.items()}


def _has_label_before_colon(text: str, label_set: frozenset[str]) -> bool:
    for colon in _COLON.finditer(text):
        words = _WORDS.findall(text[max(0, colon.start() - 40):colon.start()].lower())
        for k in (1, 2, 3):
            if len(words) >= k and " ".join(words[-k:]) in label_set:
                return True
    return False


def _labels_and_agencies(rules: RuleSet) -> tuple[tuple[str, ...], tuple[str, ...]]:
    labels = rules.all_caption_labels or ("Photo", "Foto", "Bild", "Image", "Picture")
    agencies = rules.agencies or ("Getty Images", "Reuters", "AFP", "AP", "EPA", "dpa")
    return labels, agencies


@detector("captions")
def detect_captions(ctx: Context) -> Iterator[Span]:
    labels, agencies = _labels_and_agencies(ctx.rules)
    labelled_paren, labelled, bare_paren, credit_line = _patterns(labels, agencies)
    raw = ctx.raw
    seen: set[tuple[int, int]] = set()
    yield from _gallery_captions(ctx, seen)
    # Patterns that open with "(" are found fast by the regex engine itself;
    # the others are only tried on lines that can hold them.
    matches = [*labelled_paren.finditer(raw), *bare_paren.finditer(raw)]
    label_set, finder = _finders(labels, agencies)
    lines = ctx.lines
    holding = _lines_with(ctx, finder)
    head = _label_head(labels)
    for number in holding["label"]:
        line = lines[number]
        text = line.text
        if (":" in text or "：" in text) and _has_label_before_colon(text, label_set):
            found = (labelled.finditer(text) if head is None
                     else _labelled_matches(labelled, *head, text))
            matches.extend(_shifted(found, text, line.start))
    for match_start, match_end in sorted(
            (m if isinstance(m, tuple) else (m.start(), m.end())) for m in matches):
        if not _ends_caption(raw, match_end):
            continue
        start = _caption_start(raw, match_start)
        yield from _emit(ctx, seen, start, match_start, match_end, inline=True)
    for number in holding["agency"]:
        line = lines[number]
        text = line.text
        if len(text) > 200:
            continue
        match = credit_line.match(text)
        if match:
            credit_start = line.start + len(text) - len(text.lstrip())
            start = _previous_short_line(raw, line.start)
            yield from _emit(ctx, seen, start, credit_start, line.start + match.end(),
                             inline=False)


def _labelled_matches(labelled: re.Pattern[str], head: re.Pattern[str], reach: int,
                      text: str) -> Iterator[re.Match[str]]:
    """What ``labelled.finditer(text)`` finds, trying the pattern only just before colons.

    A labelled credit opens with a label, spaces and a colon, so it starts
    at most ``reach`` non-space characters before a colon.  Python's engine
    would try the long list of labels at every position of the line, and
    xpath dumps have lines of many thousand characters.
    """
    pos = 0  # where finditer would go on looking: past the last match, or the last colon
    for colon in _COLON.finditer(text):
        end = colon.start()
        start = max(pos, _reach_back(text, end, reach))
        while start <= end:
            opening = head.search(text, start, end + 1)
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


#: "1 of 4", "2of4", "3/12" opening a photo-gallery caption.
_GALLERY = re.compile(
    r"^[ \t]*\d{1,3} ?(?:of|/|de|von|di|van|sur|su) ?\d{1,3}(?=[ \t]?[A-ZÀ-Ý\"“«])",
    re.MULTILINE)


def _gallery_captions(ctx: Context, seen: set[tuple[int, int]]) -> Iterator[Span]:
    raw = ctx.raw
    for match in _GALLERY.finditer(raw):
        end = raw.find("\n\n", match.end())
        end = len(raw) if end < 0 else end
        if end - match.start() > _MAX_CAPTION * 2:
            continue
        text = raw[match.end():end].strip()
        ctx.metadata.captions.append(Caption(text=text, credit="", start=match.start(), end=end))
        seen.add((match.start(), end))
        yield Span(start=match.start(), end=end, category=Category.CAPTION,
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
