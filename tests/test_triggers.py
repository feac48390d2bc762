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
from inspector.triggers import (
    Trigger,
    TriggerIndex,
    blanked,
    companions,
    compile_tight,
    first_chars,
    lookahead,
    match_branches,
    max_width,
    prefixes,
    reach,
    trigger_literals,
    triggers_of,
)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("sign up for our newsletter", {"newsletter"}),
    ("(?:thanks|thank you) for it", {"thanks", "thank"}),  # re's factored "thank" put back
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
    patterns = ["newsletter", r"\d+", r"(?:share|tweet)\s+this"]
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
    def build(cls, patterns, common=frozenset(), extra=None):  # type: ignore[override]
        return cls(tuple(range(len(patterns))), None)


def _phrase_spans(text: str) -> list[tuple]:
    ctx = Context(raw=text, rules=RULES)
    return sorted((s.start, s.end, s.rule) for s in phrases_module.detect_phrases(ctx))


def test_trigger_scan_finds_what_a_full_scan_finds(monkeypatch: pytest.MonkeyPatch,
                                                   golden_texts: list[str]) -> None:
    for text in golden_texts:
        assert _phrase_spans(text) == _spans_without_triggers(text, monkeypatch)


def test_a_rule_indexed_in_two_parts_finds_what_a_full_scan_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # artifact.en.2: "a\s+a\s+a" has no trigger, and a match may start lines
    # before its trigger ("23\n\nShare").
    text = ("Intro line of prose that is long enough to matter here.\n\n420\n\n23\n\nShare\n"
            "A a a\n* a\n\ta \t a\nA  a\na\n\n5 min read\nShe gave a a apple.\n")
    found = _phrase_spans(text)
    assert any(rule == "artifact.en.2" for _, _, rule in found)
    assert found == _spans_without_triggers(text, monkeypatch)


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


def test_a_boundary_is_seen_past_optional_pieces() -> None:
    found = triggers_of(lowered_form("sign up for (?:free )?(?:\\w+ ){0,2}newsletters?"),
                        frozenset({"for", "sign", "up", "free"}))
    assert found is not None
    assert {(t.text, t.left, t.right) for t in found} == {("newsletter", True, False)}
    # "e-?mail": read as "e-mail" or "email", whole words.
    found = triggers_of(lowered_form("e-?mail this"), frozenset({"this"}))
    assert found is not None
    assert {(t.text, t.left) for t in found} == {("e-mail", True), ("email", True)}


def test_literals_factored_out_of_alternatives_are_put_back() -> None:
    found = triggers_of(lowered_form("thanks for (?:signing up|subscribing)"),
                        frozenset({"thanks", "for", "up"}))
    assert found is not None
    assert {(t.text, t.left) for t in found} == {("signing", True), ("subscribing", True)}
    found = triggers_of("(?:cookie|privacy)instellingen", frozenset())
    assert found == {Trigger("cookieinstellingen", True, True),
                     Trigger("privacyinstellingen", True, True)}
    assert reach("(?:cookie|privacy)instellingen", {"privacyinstellingen"}) == {
        "privacyinstellingen": (0, 19)}


def test_reach_measures_around_each_literal() -> None:
    pattern = lowered_form("(?:read|see) our (?:free )?guide(?: today)?")
    assert reach(pattern, {"guide"}) == {"guide": (600, 600)}  # white space runs unbounded
    # "read", "our", "free" and a run of spaces after each; "guide", a run, "today"
    assert reach(pattern, {"guide"}, short_spaces=True) == {"guide": (35, 18)}
    assert reach(lowered_form("ab+c"), {"c"}) == {"c": (600, 1)}


def test_lookahead_counts_what_assertions_see_past_a_match() -> None:
    assert lookahead(r"foo\b") == 1
    assert lookahead(r"foo(?=\.?\s*\n)") > 2


@pytest.mark.parametrize(("pattern", "admitted", "refused"), [
    ("(?:home|menu)", "hm", "xa "),
    (r"(?:\d+ )?likes?", "3l", "x "),
    (r"[^a-c]x", "dz ", "abc"),
])
def test_first_chars_says_how_a_match_can_start(pattern: str, admitted: str,
                                                refused: str) -> None:
    chars = first_chars(lowered_form(pattern))
    assert chars is not None
    assert all(re.fullmatch(chars, ch) for ch in admitted)
    assert not any(re.fullmatch(chars, ch) for ch in refused)


@pytest.mark.parametrize("pattern", ["x?", "(?s).", "(?i:home)", r"(a)?\1"])
def test_first_chars_gives_up_where_it_cannot_tell(pattern: str) -> None:
    assert first_chars(pattern) is None


@pytest.mark.parametrize(("pattern", "expected"), [
    ("(?:sign|log) up", {"sign", "log"}),
    ("(?:free )?newsletter", {"free", "newsletter"}),
    (r"\bcategori[sz]ed", {"categorised", "categorized"}),
    ("(?:a|b)?c", {"ac", "bc", "c"}),
    ("(?:ab?|c)d", {"ad", "abd", "cd"}),
])
def test_prefixes_say_what_every_match_starts_with(pattern: str, expected: set[str]) -> None:
    assert prefixes(lowered_form(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    "x?", r"\w+ news", "(?i:home)", "(?:a|b?)c?", r"(?:\d+ )?likes", r"(?:a|\w)b",
])
def test_prefixes_give_up_where_a_match_may_start_otherwise(pattern: str) -> None:
    assert prefixes(lowered_form(pattern)) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", "(?:a|b)", "(?:ab|b )", "b?", "(?:a )?", "[ab]",
                                  r"\s+", "(?=a)", "a*", "(?:a|bb)?", r"(?:\s*a)?", r"(?:a|\w)",
                                  r"(?:a\s|)", r"\w?", r"(?:b\s+a)?", "(?:ab)+", "(?:a|b ){2}"]),
                min_size=1, max_size=6),
       st.text(alphabet="ab ", max_size=20))
def test_prefixes_start_every_match(pieces: list[str], text: str) -> None:
    pattern = "".join(pieces)
    found = prefixes(pattern)
    if found is None:
        return
    compiled = re.compile(pattern)
    for at in range(len(text) + 1):
        if compiled.match(text, at):
            assert text.startswith(tuple(found), at), (pattern, text, at)


def test_companions_avoid_the_triggers() -> None:
    pattern = lowered_form("(?:join|subscribe) to our newsletter")
    triggers = triggers_of(pattern, frozenset({"to", "our"}))
    assert triggers is not None and {t.text for t in triggers} == {"newsletter"}
    assert companions(pattern, triggers, frozenset({"to", "our"})) == {"join", "subscribe"}


def test_rule_analyses_hold_on_rule_examples() -> None:
    """Boundaries, first characters and reach of every rule, checked on its examples."""
    common = RULES.all_stopwords
    for rule in RULES.rules:
        pattern = lowered_form(rule.pattern)
        compiled = re.compile(pattern)
        chars = first_chars(pattern)
        heads = prefixes(pattern)
        triggers = triggers_of(pattern, common)
        reaches = reach(pattern, {t.text for t in triggers}) if triggers else {}
        for example in rule.examples:
            text = example.lower()
            padded = f" {blanked(text)} "
            for match in compiled.finditer(text):
                if chars is not None and match.group():
                    assert re.fullmatch(chars, match.group()[0]), (rule.id, example)
                if heads is not None:
                    assert match.group().startswith(tuple(heads)), (rule.id, example)
                if triggers is None:
                    continue
                assert any(_holds(t, match, padded, reaches[t.text]) for t in triggers), (
                    rule.id, example)


def _holds(trigger: Trigger, match: re.Match[str], padded: str, around: tuple[int, int]) -> bool:
    """Whether ``match`` holds ``trigger`` where the index finds it, within its reach."""
    key = blanked(trigger.text)
    key = (" " if trigger.left else "") + key + (" " if trigger.right else "")
    at = padded.find(key)
    while at >= 0:
        start = at + (1 if trigger.left else 0) - 1  # less the padding's space
        if (match.start() <= start and start + len(trigger.text) <= match.end()
                and match.start() >= start - around[0] and match.end() <= start + around[1]):
            return True
        at = padded.find(key, at + 1)
    return False


_PIECES = st.sampled_from([
    "a", "b", "ab", r"\s*", r"\s+", r"\s{1,3}", "[|/]?", "(?:a|b)", "(?:a|ab|b )",
    r"(?:a\s+)?", r"(?:\s*a)*", "$", r"\b", "(?=a)", "(?!b)", " ", "b?", r"[^\n]{0,3}",
    r"(?=\s)", "-?", r"\s*[|/]?\s*", r"\s*[|/-]?-?\s*", "[a|]?",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=7), st.text(alphabet="ab |\n\t", max_size=25))
def test_tight_compile_finds_the_same_matches(pieces: list[str], text: str) -> None:
    pattern = "".join(pieces)
    plain, tight = re.compile(pattern, re.MULTILINE), compile_tight(pattern, re.MULTILINE)
    assert ([m.span() for m in plain.finditer(text)]
            == [m.span() for m in tight.finditer(text)]), pattern
    for at in range(len(text) + 1):
        one, other = plain.match(text, at), tight.match(text, at)
        assert (one and one.span()) == (other and other.span()), (pattern, at)


def test_tight_compile_makes_a_run_before_a_word_possessive() -> None:
    slow = "privacy policy" + " ?[|/]? ?(?:terms|privacy policy)" * 6 + "$"
    text = "privacy policy" + " " * 300 + "x"
    tight = compile_tight(lowered_form(slow), re.MULTILINE)
    assert tight.match(text) is None


@pytest.mark.parametrize(("pattern", "expected"), [
    ("(?:a|b)", ["a", "b"]),
    (r"(?:a|b)\.?", [r"(?:a)\.?", r"(?:b)\.?"]),
    (r"x(?:a|b c)y", ["x(?:a)y", "x(?:b c)y"]),
    (r"(?:a|b)+", None),        # a repeated group is not one alternative
    (r"(?=a|b)ab", None),       # nor an assertion
    (r"(a|b)", None),            # nor a group whose number a reference may use
    ("abc", None),
])
def test_match_branches_split_at_the_first_alternation(pattern: str,
                                                       expected: list[str] | None) -> None:
    assert match_branches(pattern) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "(?:a|b)", "(?:ab|b )", "b?", "(?:a|bb)?", r"\s+",
                                  "(?:a|b)+", "[ab]", r"\.?", "(?:b|a b)"]),
                min_size=1, max_size=5),
       st.text(alphabet="ab .", max_size=12))
def test_every_match_is_a_whole_match_of_a_branch(pieces: list[str], text: str) -> None:
    pattern = "".join(pieces)
    branches = match_branches(pattern)
    if branches is None:
        return
    compiled = [re.compile(b) for b in branches]
    for at in range(len(text) + 1):
        match = re.compile(pattern).match(text, at)
        if match:
            assert any(b.fullmatch(match.group()) for b in compiled), (pattern, match.group())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09 _.\n-àß«»\u2019\u00a0дж中١\ud800"), max_size=40))
def test_blanked_from_bytes_and_characters_at_hand_is_blanked(text):
    # What Context.blanked passes on from lower-casing: the UTF-8 and the
    # non-ASCII characters, each at least once.
    data = text.encode("utf-8", "surrogatepass")
    others = {ch for ch in text if not ch.isascii()}
    assert blanked(text, data, others) == blanked(text)
    assert blanked(text, data) == blanked(text)
