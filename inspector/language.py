"""Guessing a text's language from the rule files' stop-word lists."""

from __future__ import annotations

import re
from collections import Counter

from .rules import RuleSet

_WORD = re.compile(r"[^\W\d_]+")


def guess(text: str, rules: RuleSet, sample: int = 6_000) -> tuple[str | None, frozenset[str]]:
    """The most likely language and the stop words to use for it.

    When no list fits well (a language without a rule file), every list is
    merged: structure-based evidence then still sees function words of
    related languages, and nothing language-specific is assumed.
    """
    # Sample the middle of the page: menus at the top are often in English
    # whatever the article's language.
    start = max(0, len(text) // 3 - sample // 2) if len(text) > sample else 0
    counts = Counter(_WORD.findall(text[start:start + sample].lower()))
    total = sum(counts.values())
    if not total or not rules.stopwords:
        return None, rules.all_stopwords
    best, best_share = None, 0.0
    for lang, words in rules.stopwords.items():
        share = sum(counts[w] for w in words) / total
        if share > best_share:
            best, best_share = lang, share
    if best is None or best_share < 0.12:
        return None, rules.all_stopwords
    return best, rules.stopwords[best]
