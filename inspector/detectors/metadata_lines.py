"""Date and byline header lines, moved into ``metadata`` instead of the text.

Scrapes often start with "date 2023-09", "By Jane Doe", "Publié le 12 mars
2023 à 14h05" or "Aktualisiert: 20.11.2019".  They are facts about the
article, not article text: the date and author go to the metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Category, Span
from . import Context, detector

_MONTHS = (
    "jan(?:uary|vier|uar|eiro)?|feb(?:ruary|ruar|braio)?|f[ée]v(?:rier)?|mar(?:ch|s|zo|ço)?|"
    "m[äa]rz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maggio|maio|mei|jun(?:e|i|io)?|"
    "juin|giugno|junho|jul(?:y|i|io)?|juil(?:let)?|luglio|julho|aug(?:ust|ustus)?|ao[uû]t|"
    "agosto|sep(?:t|tember|tembre|tiembre)?|set(?:tembre|embro)?|oct(?:ober|obre|ubre)?|"
    "okt(?:ober)?|ott(?:obre)?|out(?:ubro)?|nov(?:ember|embre|iembre)?|dec(?:ember)?|"
    "d[ée]c(?:embre)?|dez(?:ember|embro)?|dic(?:iembre|embre)?"
)
_DATE = (
    r"(?:\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:er|º|\.)?\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}})"
)
_TIME = r"(?:\d{1,2}[:h.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|CET|CEST|EST|EDT|PST|BST))?)"
_LABEL = (
    r"(?:date|dated|published|posted|updated|last\s+updated|modified|publié(?:\s+le)?|"
    r"mis\s+à\s+jour(?:\s+le)?|modifié(?:\s+le)?|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|"
    r"stand|publicado(?:\s+el)?|actualizado(?:\s+el)?|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|"
    r"atualizado(?:\s+em)?|gepubliceerd(?:\s+op)?|bijgewerkt(?:\s+op)?|geplaatst(?:\s+op)?)"
)
_DATE_LINE = re.compile(
    rf"^[ \t]*(?P<label>{_LABEL}\s*:?\s*)?(?:[A-Za-zÀ-ÿ]+,?\s+)?(?P<date>{_DATE})"
    rf"(?:\s*(?:,|at|à|um|a\s+las|alle|om|-|—|\|)?\s*{_TIME})?[ \t]*(?:\||·|-|—)?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
_BY = r"(?i:by|par|von|por|di|door|de|av|af)"
_NAME = r"[A-ZÀ-Ý][\w'’.-]+"
_BYLINE = re.compile(
    rf"^[ \t]*{_BY}[ \t]+(?P<author>{_NAME}(?:[ \t]+{_NAME}){{0,3}}"
    rf"(?:(?:,[ \t]*|[ \t]+(?:and|et|und|y|e|en)[ \t]+){_NAME}(?:[ \t]+{_NAME}){{0,3}})*)"
    r"[ \t]*(?:[,|·–—-][^\n]{0,60})?[ \t]*$",
    re.MULTILINE,
)
#: Header lines near the top are confidently metadata; further down a date
#: line may be part of the article (a timeline), so it is only flagged.
_HEADER_SHARE = 0.2


def _in_header(ctx: Context, pos: int) -> bool:
    return pos < max(600, int(len(ctx.raw) * _HEADER_SHARE))


@detector("metadata_lines")
def detect_metadata_lines(ctx: Context) -> Iterator[Span]:
    raw = ctx.raw
    for match in _DATE_LINE.finditer(raw):
        line_end = raw.find("\n", match.end())
        line_end = len(raw) if line_end < 0 else line_end
        whole_line = not raw[match.end():line_end].strip()
        if not (whole_line or match.group("label")):
            continue
        header = _in_header(ctx, match.start())
        end = line_end if whole_line else match.end()
        if ctx.metadata.date is None and header:
            ctx.metadata.date = match.group("date")
        yield Span(
            start=match.start(), end=end, category=Category.METADATA_LINE,
            rule="metadata.date_line",
            reason="Date header of the scrape; the date is kept in the metadata.",
            detector="metadata_lines", confidence=0.9 if header else 0.55,
            auto_decision="remove" if header else "keep",
        )
    for match in _BYLINE.finditer(raw):
        if len(match.group().strip()) > 100:
            continue
        header = _in_header(ctx, match.start())
        if ctx.metadata.author is None and header:
            ctx.metadata.author = match.group("author").strip()
        yield Span(
            start=match.start(), end=match.end(), category=Category.METADATA_LINE,
            rule="metadata.byline",
            reason="Byline naming the author; the name is kept in the metadata.",
            detector="metadata_lines", confidence=0.85 if header else 0.62,
        )
