"""The phrase detector's shortcuts find what the plain scans they replace find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.detectors import Context, phrases
from inspector.rules import load_rules
from inspector.triggers import TriggerIndex

RULES = load_rules()

#: Pieces of scraped text around white space: indentation, link syntax, odd spaces.
_AROUND_SPACE = st.sampled_from([
    " ", "  ", " " * 9, " " * 300, "\n", "\t", "\u00a0", "\u3000", "](/)", "*", "-", "a", "É",
    "x y", "\n\n   \n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_AROUND_SPACE, max_size=12))
def test_long_space_runs_are_the_long_white_space_runs(pieces: list[str]) -> None:
    ctx = Context(raw="".join(pieces), rules=RULES)
    plain = re.compile(rf"\s{{{phrases.SHORT_SPACE + 1},}}")
    starts, ends = phrases._long_space_runs(ctx)
    assert list(zip(starts, ends, strict=True)) == [m.span() for m in plain.finditer(ctx.folded)]


def _texts() -> list[str]:
    from pathlib import Path

    here = Path(__file__).parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((here / "cases").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((here / "fixtures").glob("*.txt"))]
    for rule in RULES.rules:
        texts += [*rule.examples, *rule.counter_examples]
        # A notice quoted in a sentence, and split over lines.
        texts += [f"He said: {x} and left." for x in rule.examples]
        texts += [x.replace(" ", "\n  ", 2) for x in rule.examples]
        # A long white space run, where a match takes its full reach.
        texts += [f"Intro.  {x.replace(' ', ' ' * 12, 1)}  more." for x in rule.examples]
    return texts


def test_every_match_lies_in_a_window_of_a_hit() -> None:
    """Each branch of a rule read on its own (reach and heads per key) still
    leaves every match in some hit's window, starting with its heads."""
    plan = phrases._plan_for(RULES)
    checked = 0
    for text in _texts():
        ctx = Context(raw=text, rules=RULES)
        near = phrases._hits_by_rule(plan, plan.index.spots(ctx.folded, ctx.blanked))
        runs = phrases._long_space_runs(ctx)
        for n in plan.elsewhere:
            if n in plan.everywhere:
                continue
            windows = phrases._match_starts(near.get(n, []), plan.facts[n], runs)
            for match in plan.compiled[n].finditer(ctx.folded):
                if phrases._inside_word(ctx.raw, match.start(), match.end()):
                    continue  # (a match must start and end at word edges)
                checked += 1
                assert any(first <= match.start() <= last and match.end() <= end
                           and (not heads or ctx.folded.startswith(heads, match.start()))
                           for first, last, end, heads in windows), (plan.rules[n].id, text)
    assert checked > 500


def test_keys_read_per_branch_narrow_the_windows() -> None:
    plan = phrases._plan_for(RULES)
    (n,) = [n for n, rule in enumerate(plan.rules) if rule.id == "promo.en.3"]
    facts = plan.facts[n]
    (key,) = [k for k in facts.reaches if plan.index.keys[k].owners[n][0].text == "subscribe"]
    # "subscribe (?:now|today) …" starts at its trigger; "to continue reading,
    # subscribe" is found by "continue".
    assert facts.heads[key] == ("subscribe",)
    assert facts.reaches[key][0] == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "*", "-", "•", "[", "»", ":", "a", "Ab", "\n"]),
                max_size=10))
def test_bullets_are_skipped_as_a_strip_of_the_line_skips_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    for start in [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        stripped = end - len(text[start:end].lstrip(phrases._BULLETS))
        assert phrases._LEAD.match(text, start).end() == stripped


class _EverywhereIndex(TriggerIndex):
    """An index that finds nothing, so that every rule is tried everywhere."""

    @classmethod
    def build(cls, patterns, common=frozenset(), extra=None):  # type: ignore[override]
        return cls(tuple(range(len(patterns))), None)


def test_rules_tried_elsewhere_find_what_a_scan_of_everything_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # (Whole-line rules are tried at the lines of their hits, which a match
    # split over lines may start before; these texts hold such splits.)
    elsewhere = {r.id for r in RULES.rules if r.where not in ("line", "line_start")}
    texts = ["\n\n".join(_texts()[i:i + 40]) for i in range(0, len(_texts()), 40)]

    def spans() -> list[list[tuple]]:
        phrases._PLANS.clear()
        phrases._LAST_PLAN.clear()
        return [sorted((s.start, s.end, s.rule) for s in
                       phrases.detect_phrases(Context(raw=text, rules=RULES))
                       if s.rule in elsewhere) for text in texts]

    found = spans()
    assert sum(map(len, found)) > 300
    monkeypatch.setattr(phrases, "TriggerIndex", _EverywhereIndex)
    try:
        assert spans() == found
    finally:
        phrases._PLANS.clear()
        phrases._LAST_PLAN.clear()


def test_windows_come_in_order() -> None:
    plan = phrases._plan_for(RULES)
    for text in _texts():
        ctx = Context(raw=text, rules=RULES)
        near = phrases._hits_by_rule(plan, plan.index.spots(ctx.folded, ctx.blanked))
        runs = phrases._long_space_runs(ctx)
        for n, hits in near.items():
            windows = phrases._match_starts(hits, plan.facts[n], runs)
            assert windows == sorted(windows), (plan.rules[n].id, text)

