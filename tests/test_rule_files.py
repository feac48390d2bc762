"""Every rule file loads, every rule finds its examples and spares its counter-examples."""

from __future__ import annotations

import re

import pytest

from inspector.detectors import Context
from inspector.detectors.phrases import detect_phrases
from inspector.rules import RULES_DIR, RuleSet, load_rules

RULES = load_rules()
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")


def test_ids_are_unique_and_named_after_category_and_file():
    ids = [r.id for r in RULES.rules]
    assert len(ids) == len(set(ids))
    for rule in RULES.rules:
        category, lang, number = rule.id.split(".")
        assert category == rule.category.value, rule.id
        assert number.isdigit(), rule.id
        stem = re.sub(r"\.toml$", "", rule.source.rsplit("/", 1)[-1])
        assert lang in (stem, "common", "sections") or stem == lang, rule.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_stopwords_captions_and_rules(lang):
    assert len(RULES.stopwords[lang]) >= 100
    assert RULES.caption_labels[lang]
    categories = {r.category.value for r in RULES.rules if r.language == lang}
    assert {"video_fallback", "promo", "social", "legal", "related", "navigation",
            "artifact"} <= categories


def _single(rule) -> RuleSet:
    return RuleSet(rules=[rule])


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_rule_examples(rule):
    assert rule.examples and rule.counter_examples, "every rule documents both"
    for example in rule.examples:
        spans = list(detect_phrases(Context(raw=example, rules=_single(rule))))
        assert spans, f"{rule.id} misses its example {example!r}"
    for counter in rule.counter_examples:
        spans = list(detect_phrases(Context(raw=counter, rules=_single(rule))))
        assert not spans, f"{rule.id} hits its counter-example {counter!r}"


def test_rule_files_directory_is_the_packaged_one():
    assert (RULES_DIR / "README.md").exists()
    assert {p.stem for p in RULES_DIR.glob("*.toml")} >= {"common", *LANGUAGES}
