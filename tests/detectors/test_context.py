"""The shared views of a text (``Context``) mean what their plain definitions say."""

from __future__ import annotations

import random
import sys

from inspector.detectors import Context, _lowered


def _check_lowered(text: str) -> None:
    assert _lowered(text, text.encode("utf-8", "surrogatepass"))[0] == text.lower()


def test_lowered_is_str_lower_for_every_character():
    # Each character among mostly ASCII text (the byte path), and alone.
    padding = "Mostly ASCII Text, As Most Pages Are. " * 4
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.lower() != char or code in (0xD800, 0xDFFF, 0x80, 0xFFFD):
            _check_lowered(padding + char + " X" + char + "Y")
            _check_lowered(char)


def test_lowered_is_str_lower_on_mixed_texts():
    chooser = random.Random(3)
    alphabet = ("AbcXYZ \n.,;0189" + "ÀÉÎÕÜßàéñ" + "ΣΑσςΩ" + "İIıi" + "ДЖЯдж" + "ǅǄǆ"
                + "ẞﬀ\u2019\u00a0\ud800")
    for _ in range(2000):
        body = "".join(chooser.choice(alphabet) for _ in range(chooser.randrange(0, 30)))
        _check_lowered("Plain ASCII words around it. " * chooser.randrange(0, 5) + body)


def test_folded_keeps_offsets_and_lowers(rules):
    for raw in ["Hello WORLD", "Straße ÉTÉ", "İstanbul Şehir", "ΟΔΟΣ Σ", "plain"]:
        ctx = Context(raw=raw, rules=rules)
        assert len(ctx.folded) == len(raw)
        if len(raw.lower()) == len(raw):
            assert ctx.folded == raw.lower() and ctx.lowered == raw.lower()
        else:
            assert ctx.lowered is None


def test_blanked_is_triggers_blanked_for_many_characters(rules):
    from inspector.triggers import blanked

    # Every character of the first scripts, and a sample of the rest; without
    # capitals, which the lowered test covers, so that the bytes are used.
    codes = [code for code in [*range(0x3000), *range(0x3000, sys.maxunicode + 1, 37)]
             if chr(code).lower() == chr(code)]
    padding = "Plain ASCII words, numbers 1 2 3 and signs (like these_ones). " * 140
    fast = 0
    for block in range(0, len(codes), 256):
        chars = "".join(map(chr, codes[block:block + 256]))
        ctx = Context(raw=padding + chars + " End.", rules=rules)
        assert ctx.blanked == f" {blanked(ctx.folded)} ", hex(codes[block])
        fast += ctx.cache.get("folded_utf8") is not None
    assert fast == len(range(0, len(codes), 256))  # all blanked from the folded bytes


def test_blanked_is_triggers_blanked_on_mixed_texts(rules):
    from inspector.triggers import blanked

    chooser = random.Random(5)
    alphabet = ("AbcXYZ \n.,;0189_" + "àéñß" + "ÀÉ" + "σςΣ" + "дж" + "\u2019\u00a0«»—"
                + "\ud800" + "中文" + "١٢")
    for _ in range(2000):
        body = "".join(chooser.choice(alphabet) for _ in range(chooser.randrange(0, 30)))
        ctx = Context(raw="Plain ASCII words around it. " * chooser.randrange(0, 5) + body,
                      rules=rules)
        assert ctx.blanked == f" {blanked(ctx.folded)} "
        assert ctx.folded == ctx.raw.lower()


def test_line_starts_are_where_each_line_begins(rules):
    chooser = random.Random(5)
    for _ in range(300):
        lines = ["x" * chooser.choice((0, 1, 2, 80, 255, 256, 300, 1000))
                 for _ in range(chooser.randrange(1, 12))]
        raw = "\n".join(lines)
        starts = Context(raw=raw, rules=rules).line_starts
        assert starts == [sum(len(line) + 1 for line in lines[:k]) for k in range(len(lines))]
        assert all(raw[start:].startswith(line) for start, line in zip(starts, lines, strict=True))
