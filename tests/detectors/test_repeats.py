"""A second copy of the article further down the page is removed; the first stays."""

from __future__ import annotations

import textwrap

import inspector
from inspector.detectors import Context
from inspector.detectors.repeats import detect_repeats

PARAGRAPHS = [
    "Retiring early takes time and incredible discipline, and most people who manage it "
    "start planning decades before they leave their jobs.",
    "If you plan to retire early, you should aim to have at least 25 to 30 times your "
    "estimated annual expenses saved or invested before you stop working.",
    "You should also aim to pay off all high-interest debt before retiring, which may "
    "include paying off your mortgage early if its rate is high.",
]


def spans(raw, rules):
    return [(s.rule, raw[s.start:s.end]) for s in detect_repeats(Context(raw=raw, rules=rules))]


def test_the_flattened_second_copy_is_removed_and_the_first_kept(rules):
    copy = " ".join(PARAGRAPHS)
    raw = "\n\n".join([*PARAGRAPHS, "Related coverage", copy])
    assert spans(raw, rules) == [("duplicate.copy", copy)]
    doc = inspector.inspect(raw, kind="text")
    for paragraph in PARAGRAPHS:
        assert doc.cleaned.count(paragraph) == 1


def test_a_pull_quote_said_twice_stays(rules):
    quote = ("“Sacrifice is necessary to retire early, but it's not all we do,” he wrote on "
             "his blog, which he started in the year he left his job.")
    body = ("Steve Adcock retired at 35 after saving most of his salary for a decade. "
            f"{quote} He now lives in Arizona with his wife and spends his days writing.")
    raw = "\n\n".join([quote, body])
    assert spans(raw, rules) == []


def test_a_copy_inside_page_code_does_not_count(rules):
    article = " ".join(PARAGRAPHS + PARAGRAPHS[::-1])
    json_ld = f'{{"@type": "NewsArticle",\n "description": "{article}",\n "author": "x"}}'
    raw = "\n".join([json_ld, "", article])
    assert spans(raw, rules) == []


def test_a_clean_article_has_no_copies(rules):
    assert spans("\n\n".join(PARAGRAPHS), rules) == []


def test_a_copy_wrapped_at_another_width_is_still_a_copy(rules):
    marked = [f"  {n}. **{p.split(', ')[0]},** {', '.join(p.split(', ')[1:])}"
              for n, p in enumerate(PARAGRAPHS, 1)]
    flat = " ".join(PARAGRAPHS)
    wrapped = "\n".join(textwrap.wrap(flat, 78))
    raw = "\n".join(["Good morning!", "", *marked, "", "Charlie Wood", wrapped])
    found = spans(raw, rules)
    assert len(found) == 1 and found[0][1].startswith(flat[:40])


def test_the_word_stream_and_limits_match_splitting_each_prefix():
    from inspector.detectors.repeats import _word_stream

    prose = " one  two three   four five  six "
    starts = [0, 4, 4, 14, 26, 33]
    stream, limits = _word_stream(prose, starts)
    assert limits == [len(" ".join(prose[:s + 1].split())) for s in starts]
    assert " ".join(prose.split()).startswith(stream)


def test_a_sentence_is_found_before_a_limit_as_str_find_finds_it():
    from inspector.detectors.repeats import _Stream

    text = "a b c a b c d"
    stream = _Stream(text)
    for words, limit in [("a b c d", 5), ("a b c d", 13), ("b c", 2), ("b c", 5), ("b c", 1),
                         ("c d", 12), ("c d", 13), ("x", 13)]:
        assert stream.holds_before(words, limit) == (text.find(words, 0, limit) >= 0)


def _plain_stretches(raw: str, code: set[int]) -> list[tuple[int, int]]:
    """What ``_stretches`` finds, line by line: long lines, and each paragraph
    (of lines neither blank nor code; of two lines or more, or ending the
    text) from its first line and from each line after a short one."""
    lines = raw.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    found = set()

    def add(number: int, end: int) -> None:
        start = starts[number] + len(lines[number]) - len(lines[number].lstrip())
        if end - start >= 200 and start > 0:
            found.add((start, end))

    paragraphs, current = [], []
    for number, line in enumerate(lines):
        if line.strip() and number not in code:
            current.append(number)
            if len(line.strip()) >= 200:
                add(number, starts[number] + len(line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    for paragraph in paragraphs:
        if len(paragraph) < 2 and paragraph[-1] != len(lines) - 1:
            continue
        end = starts[paragraph[-1]] + len(lines[paragraph[-1]])
        for i, number in enumerate(paragraph):
            if i == 0 or len(lines[number - 1].strip()) < 50:
                add(number, end)
    return sorted(found)


def test_stretches_are_what_a_plain_walk_over_the_lines_finds():
    import random

    from inspector.detectors.repeats import _stretches

    pieces = ["", "  ", "x", "a short line", "  indented line of words " * 3, "w" * 120,
              "long " * 50, "\tcode();"]
    rng = random.Random(7)
    for _ in range(300):
        raw = "\n".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25)))
        count = raw.count("\n") + 1
        code = sorted(rng.sample(range(count), rng.randrange(0, min(3, count) + 1)))
        ctx = Context(raw=raw, rules=None, cache={"code_lines": [], "code_line_numbers": code})
        assert _stretches(ctx) == _plain_stretches(raw, set(code)), raw
