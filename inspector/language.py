"""Guessing a text's language from the rule files' stop-word lists."""

from __future__ import annotations

import re
from collections import Counter

from .rules import RuleSet
from .triggers import blanked

_WORD = re.compile(r"[^\W\d_]+")


def _letter_words(text: str) -> list[str]:
    """The runs of letters in ``text`` (what ``_WORD.findall`` gives), faster.

    Splitting the blanked text gives runs of letters and digits; only the
    rare run that is not all letters needs the regular expression.
    """
    words = blanked(text).split()
    if all(map(str.isalpha, words)):
        return words
    out: list[str] = []
    for word in words:
        if word.isalpha():
            out.append(word)
        else:
            out.extend(_WORD.findall(word))
    return out


_LONG_LINE = re.compile(r"^[^\n]{60,}", re.MULTILINE)


def _prose_sample(text: str, size: int) -> str:
    """Long lines first: menus (often English whatever the article's language)
    are short, prose lines are long."""
    parts: list[str] = []
    total = 0
    for match in _LONG_LINE.finditer(text):
        parts.append(match.group())
        total += len(parts[-1])
        if total >= size:
            break
    if total < size // 4:
        start = max(0, len(text) // 3 - size // 2) if len(text) > size else 0
        parts.append(text[start:start + size])
    return "\n".join(parts)


def guess(text: str, rules: RuleSet, sample: int = 6_000) -> tuple[str | None, frozenset[str]]:
    """The most likely language and the stop words to use for it.

    When no list fits well (a language without a rule file), every list is
    merged: structure-based evidence then still sees function words of
    related languages, and nothing language-specific is assumed.
    """
    counts = Counter(_letter_words(_prose_sample(text, sample).lower()))
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
