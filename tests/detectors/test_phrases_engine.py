"""The phrase-rule engine: where a match may stand and how far a removal reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.detectors import Context
from inspector.detectors.phrases import detect_phrases
from inspector.errors import RuleError
from inspector.rules import flexible_spaces, merge, parse_rule_file

RULES = '''
language = "xx"
[[rule]]
id = "promo.xx.1"
category = "promo"
pattern = "sign up for our newsletter"
reason = "Newsletter promotion."
extend = "sentence"
[[rule]]
id = "related.xx.1"
category = "related"
pattern = "more: trending"
reason = "Teaser link."
where = "line_end"
[[rule]]
id = "navigation.xx.1"
category = "navigation"
pattern = "home"
reason = "Menu word."
where = "line"
[[rule]]
id = "legal.xx.1"
category = "legal"
pattern = "protected by recaptcha"
reason = "reCAPTCHA notice."
confidence = 0.5
'''


@pytest.fixture
def ruleset(tmp_path: Path):
    path = tmp_path / "xx.toml"
    path.write_text(RULES, encoding="utf-8")
    return merge([parse_rule_file(path)])


def found(raw, ruleset):
    return [(raw[s.start:s.end], s.rule) for s in detect_phrases(Context(raw=raw, rules=ruleset))]


def test_sentence_extension_spans_wrapped_lines(ruleset):
    raw = "Real text here. Sign up for our\nnewsletter to get the best stories daily! Real again."
    assert found(raw, ruleset) == [
        ("Sign up for our\nnewsletter to get the best stories daily!", "promo.xx.1")]


def test_line_end_rule_after_a_sentence(ruleset):
    raw = "The summit ended on Wednesday. More: Trending\nNext paragraph."
    assert found(raw, ruleset) == [("More: Trending", "related.xx.1")]


def test_line_end_rule_refuses_mid_sentence(ruleset):
    assert found("Click more: trending stories are below", ruleset) == []


def test_line_rule_needs_the_whole_line(ruleset):
    assert found("Home\nThe home secretary said.", ruleset) == [("Home", "navigation.xx.1")]


def test_line_rule_skips_the_tail_of_a_wrapped_sentence(ruleset):
    raw = ("The minister said the new rules would apply from the first of the month at\n"
           "home.\n\nMenu\nHome\n")
    assert found(raw, ruleset) == [("Home", "navigation.xx.1")]


def test_no_match_inside_words(ruleset):
    assert found("Homeland\nHomes", ruleset) == []


def test_low_confidence_rule_only_flags(ruleset):
    (span,) = detect_phrases(Context(raw="This site is protected by reCAPTCHA.", rules=ruleset))
    assert span.auto_decision == "keep"


def test_spaces_match_line_breaks():
    assert flexible_spaces("a b  c [ ]") == r"a\s+b\s+c\s+[ ]"  # not inside [ ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nid = "x"\n', "missing field 'category'"),
        ('[[rule]]\nid="a"\ncategory="nope"\npattern="x"\nreason="r"\n', "unknown category"),
        ('[[rule]]\nid="a"\ncategory="promo"\npattern="(x"\nreason="r"\n', "bad pattern"),
        ('[[rule]\n', "not valid TOML"),
    ],
)
def test_bad_rule_files_name_file_and_rule(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=message) as info:
        parse_rule_file(path)
    assert str(path) in str(info.value)


def test_duplicate_ids_across_files_are_refused(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    for p in (a, b):
        p.write_text(RULES, encoding="utf-8")
    with pytest.raises(RuleError, match="already defined"):
        merge([parse_rule_file(a), parse_rule_file(b)])
