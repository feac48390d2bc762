"""Trigger literals: every match of a rule contains one, so scanning less finds the same."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector import inspect
from inspector.detectors import Context
from inspector.detectors import phrases as phrases_module
from inspector.rules import load_rules, lowered_form
from inspector.triggers import TriggerIndex, max_width, trigger_literals


@pytest.mark.parametrize(("pattern", "expected"), [
    ("sign up for our newsletter", {"newsletter"}),
    ("(?:thanks|thank you) for it", {"thank"}),  # re factors "thank" out
    (r"\[email(?:\s|&#160;)*protected\]", {"[email"}),
    ("(?:share|tweet) this", {"share", "tweet"}),
    (r"\d+ comments?", {"comment"}),
    ("©", {"©"}),
])
def test_trigger_literals_are_required_pieces(pattern: str, expected: set[str]) -> None:
    assert trigger_literals(lowered_form(pattern), frozenset({"for", "our", "this"})) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+\s\d+",          # nothing literal at all
    "(?:home|a)",          # one alternative has no usable literal
    r"(?:\w+){2,}",
    "(unbalanced",
])
def test_no_trigger_when_none_is_required(pattern: str) -> None:
    assert trigger_literals(pattern) is None


def test_common_words_are_avoided_when_a_rarer_piece_exists() -> None:
    pattern = lowered_form("please enter your address")
    assert trigger_literals(pattern, frozenset({"please", "enter", "your"})) == {"address"}


def test_max_width_is_capped() -> None:
    assert max_width("abc") == 3
    assert max_width("a[^x]{0,40}b") == 42
    assert max_width("a+") == 600


def test_index_reports_each_trigger_position() -> None:
    patterns = ["newsletter", r"\d+", "(?:share|tweet) this"]
    index = TriggerIndex.build(patterns, frozenset({"this"}))
    assert index.untriggered == (1,)
    hits = index.hits("share it. our newsletter. tweet this")
    assert hits[0] == [(14, 24)]
    assert sorted(hits[2]) == [(0, 5), (26, 31)]


RULES = load_rules()


def test_every_rule_example_match_contains_a_trigger() -> None:
    """Soundness on real rules: a match without a trigger would be silently missed."""
    common = RULES.all_stopwords
    for rule in RULES.rules:
        pattern = lowered_form(rule.pattern)
        literals = trigger_literals(pattern, common)
        if literals is None:
            continue
        compiled = re.compile(pattern)
        for example in rule.examples:
            for match in compiled.finditer(example.lower()):
                assert any(t in match.group() for t in literals), (rule.id, example)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ©\n"), max_size=30),
       st.sampled_from(["ab", "(?:ab|bb) ab", "b ?©", "ab(?:b|©)+", "(?:ab)+ ?b"]))
def test_triggers_are_sound_on_any_text(text: str, pattern: str) -> None:
    literals = trigger_literals(lowered_form(pattern))
    assert literals is not None
    for match in re.finditer(lowered_form(pattern), text):
        assert any(t in match.group() for t in literals)


def _spans_without_triggers(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The phrase detector's spans when every rule is tried everywhere."""
    monkeypatch.setattr(phrases_module, "TriggerIndex",
                        _EverywhereIndex)
    phrases_module._PLANS.clear()
    phrases_module._LAST_PLAN.clear()
    try:
        return _phrase_spans(text)
    finally:
        phrases_module._PLANS.clear()
        phrases_module._LAST_PLAN.clear()
    phrases_module._LAST_PLAN.clear()


class _EverywhereIndex(TriggerIndex):
    @classmethod
    def build(cls, patterns, common=frozenset()):  # type: ignore[override]
        return cls(tuple(range(len(patterns))), None)


def _phrase_spans(text: str) -> list[tuple]:
    ctx = Context(raw=text, rules=RULES)
    return sorted((s.start, s.end, s.rule) for s in phrases_module.detect_phrases(ctx))


def test_trigger_scan_finds_what_a_full_scan_finds(monkeypatch: pytest.MonkeyPatch,
                                                   golden_texts: list[str]) -> None:
    for text in golden_texts:
        assert _phrase_spans(text) == _spans_without_triggers(text, monkeypatch)


@pytest.fixture
def golden_texts() -> list[str]:
    from pathlib import Path

    here = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((here / "cases").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((here / "fixtures").glob("*.txt"))]
    assert len(texts) >= 8
    return texts


def test_pipeline_still_finds_phrases_after_rule_sets_change() -> None:
    doc = inspect("Advertisement\n\nThe minister spoke on Tuesday.\n", kind="text")
    assert any(s.rule.startswith("artifact.") for s in doc.spans)
