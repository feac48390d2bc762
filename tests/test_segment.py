"""Sentence bounds: the mark-first scan finds what the look-behind scan found."""

from __future__ import annotations

import random
import re
from pathlib import Path

from inspector.segment import _starts_sentence, _trimmed, sentence_bounds

_LOOK_BEHIND_END = re.compile(r"""(?<=[.!?…])(?:[ \u00a0\u202f]?["'»”’)\]])*\s+|\n\s*\n""")


def _bounds_by_look_behind(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """The plain scan: every position tried, the mark looked for behind it."""
    found, pos = [], start
    for match in _LOOK_BEHIND_END.finditer(raw, start, end):
        nxt = match.end()
        if nxt < end and not _starts_sentence(raw[nxt]):
            continue
        found += _trimmed(raw, pos, match.start())
        pos = nxt
    return found + list(_trimmed(raw, pos, end))


def test_sentence_bounds_match_the_look_behind_scan_on_random_text():
    chooser = random.Random(11)
    pieces = ["Word", "word", " ", "  ", "\n", "\n\n", " \n \n", ".", "!", "?", "…", "?!", "...",
              '"', "'", "»", "”", "’", ")", "]", "\u00a0", "\u202f", "«", "(", "A", "é", "1",
              "\t", "-", "*"]
    for _ in range(3000):
        raw = "".join(chooser.choice(pieces) for _ in range(chooser.randrange(0, 25)))
        start = chooser.randrange(0, len(raw) + 1)
        end = chooser.randrange(start, len(raw) + 1)
        assert list(sentence_bounds(raw, start, end)) == _bounds_by_look_behind(raw, start, end)


def test_sentence_bounds_match_the_look_behind_scan_on_real_pages():
    chooser = random.Random(2)
    cases = Path(__file__).parent / "cases"
    for path in sorted(cases.rglob("input.txt")):
        raw = path.read_text(encoding="utf-8")
        assert list(sentence_bounds(raw, 0, len(raw))) == _bounds_by_look_behind(raw, 0, len(raw))
        for _ in range(50):
            start = chooser.randrange(0, len(raw) + 1)
            end = min(len(raw), start + chooser.randrange(0, 3000))
            assert list(sentence_bounds(raw, start, end)) == _bounds_by_look_behind(raw, start, end)
