"""The structure detector's fast helpers agree with the plain walks they replace."""

from __future__ import annotations

import itertools
import random
from types import SimpleNamespace

from inspector.detectors import Context, structure
from inspector.rules import load_rules


def _covered_by_walk(found: list[SimpleNamespace], blocks: list[structure.Block]) -> list[bool]:
    """The original walk over the spans, overlaps below zero included."""
    spans = sorted((s for s in found if s.auto_decision == "remove"), key=lambda s: s.start)
    marked = []
    j = 0
    for block in blocks:
        while j < len(spans) and spans[j].end <= block.start:
            j += 1
        covered = 0
        k = j
        while k < len(spans) and spans[k].start < block.end:
            covered += min(spans[k].end, block.end) - max(spans[k].start, block.start)
            k += 1
        marked.append(bool(covered) and covered >= 0.5 * (block.end - block.start)
                      and block.kind != "code")
    return marked


def _random_case(rng: random.Random) -> tuple[list[SimpleNamespace], list[structure.Block]]:
    size = rng.randint(1, 200)
    cuts = sorted(rng.sample(range(size + 1), min(size + 1, rng.randint(2, 30))))
    blocks = [structure.Block(first=0, last=0, start=a, end=b,
                              kind=rng.choice(["good", "near", "code"]))
              for a, b in itertools.pairwise(cuts) if b > a]
    found = []
    for _ in range(rng.randint(0, 15)):
        start = rng.randint(0, size)
        end = rng.randint(start, min(size, start + rng.choice([1, 3, 10, 200])))
        found.append(SimpleNamespace(start=start, end=end,
                                     auto_decision=rng.choice(["remove", "remove", "keep"])))
    return found, blocks


def test_covered_matches_the_walk_over_spans():
    rng = random.Random(7)
    for _ in range(3000):
        found, blocks = _random_case(rng)
        kinds = [b.kind for b in blocks]
        expected = _covered_by_walk(found, blocks)
        structure._covered(SimpleNamespace(found=found), blocks)
        assert [b.kind == "bad" for b in blocks] == [
            marked or kind == "bad" for marked, kind in zip(expected, kinds, strict=True)]


def test_a_long_span_before_a_block_counts_against_it():
    """Spans that end before the block but sit behind a long one subtract from its cover."""
    found = [SimpleNamespace(start=0, end=100, auto_decision="remove"),
             SimpleNamespace(start=10, end=20, auto_decision="remove"),
             SimpleNamespace(start=30, end=40, auto_decision="remove")]
    blocks = [structure.Block(first=0, last=0, start=50, end=60, kind="good"),
              structure.Block(first=1, last=1, start=90, end=110, kind="good")]
    structure._covered(SimpleNamespace(found=found), blocks)
    # 10 + (20 - 50) + (40 - 50) < 0 and 10 + (20 - 90) + (40 - 90) < 0: neither is covered
    assert [b.kind for b in blocks] == ["good", "good"]


def _blocks_by_walk(ctx: Context) -> list[tuple[int, int]]:
    """The original line walk: each line weighed against the one above it."""
    lines = ctx.lines
    width = structure._wrap_width(ctx)
    runs: list[list[int]] = []
    prev_text = ""
    for i, line in enumerate(lines):
        if line.blank:
            prev_text = ""
            continue
        if prev_text and structure._continues(prev_text, line.text, width):
            runs[-1][1] = i
        else:
            runs.append([i, i])
        prev_text = line.text
    return [(first, last) for first, last in runs]


_PIECES = ["Home", "news", "A sentence.", "(", "[", ")", "]", ", and", " ", "\t", "\r",
           "\u00a0", " | ", "- ", "1. ", "# ", "…", "éa", "ß", "x" * 30, "Word ", "\n", "\n", "\n"]


def test_blocks_join_the_same_lines_as_the_line_walk():
    rng = random.Random(11)
    rules = load_rules(())
    for n in range(1500):
        parts = rng.choices(_PIECES, k=rng.randint(1, 60))
        if n % 50 == 0:  # hard-wrapped paragraphs
            parts = [("y" * rng.randint(55, 80)) + rng.choice([" ", ".", ""]) + "\n"
                     for _ in range(rng.randint(8, 20))]
        ctx = Context(raw="".join(parts), rules=rules)
        blocks = [(b.first, b.last) for b in structure.build_blocks(ctx)]
        assert blocks == _blocks_by_walk(ctx), repr(ctx.raw)
