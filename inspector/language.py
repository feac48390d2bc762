"""Guessing a text's language from the rule files' stop-word lists."""

from __future__ import annotations

import re
from collections import Counter

from .rules import RuleSet

_WORD = re.compile(r"[^\W\d_]+")


def guess(text: str, rules: RuleSet, sample: int = 20_000) -> tuple[str | None, frozenset[str]]:
    """The most likely language and the stop words to use for it.

    When no list fits well (a language without a rule file), every list is
    merged: structure-based evidence then still sees function words of
    related languages, and nothing language-specific is assumed.
    """
    counts = Counter(_WORD.findall(text[:sample].lower()))
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
