"""The structure detector's fast helpers agree with the plain walks they replace."""

from __future__ import annotations

import itertools
import random
import re
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
                              kind=rng.choice(["good", "near", "short", "row", "bad", "code"]))
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


def _wrap_width_of_all_lines(ctx: Context) -> int | None:
    """The wrap width from the lengths of all lines, as first written."""
    lengths = [len(line.text.rstrip()) for line in ctx.lines if len(line.text.strip()) >= 40]
    if len(lengths) < 8:
        return None
    lengths.sort()
    width = lengths[int(len(lengths) * 0.9)]
    if not 60 <= width <= 120:
        return None
    near = sum(1 for n in lengths if width - 15 <= n <= width)
    return width if near >= 0.4 * len(lengths) else None


def _continues_as_first_written(prev: str, line: str, width: int | None) -> bool:
    if (structure._LIST_MARK.match(line) or structure._HEADING.match(line) or " | " in line
            or " | " in prev):
        return False
    if width is not None:
        return len(prev.rstrip()) >= width - 25
    prev_stripped = prev.rstrip()
    if not prev_stripped:
        return False
    indent = len(line) - len(line.lstrip(" "))
    first = line[indent:indent + 1]
    if indent >= 2 and indent == len(prev) - len(prev.lstrip(" ")) and not (
            first.isalpha() and not first.isupper() and not first.islower()):
        line = line[indent:]  # the same layout indentation: the first letter tells
    if prev_stripped.endswith(("(", "[")) or line[:1] in structure._CLOSERS:
        return True
    if prev.endswith((" ", "\t")) and not prev_stripped.endswith(structure._TERMINAL):
        return True
    return not prev_stripped.endswith(structure._TERMINAL) and bool(
        structure._CONTINUE_START.match(line)) and (len(prev_stripped) >= 25 or line[:1].isspace())


def _blocks_by_walk(ctx: Context) -> list[tuple[int, int]]:
    """The original line walk: each line weighed against the one above it."""
    lines = ctx.lines
    width = _wrap_width_of_all_lines(ctx)
    runs: list[list[int]] = []
    prev_text = ""
    for i, line in enumerate(lines):
        if line.blank:
            prev_text = ""
            continue
        if prev_text and _continues_as_first_written(prev_text, line.text, width):
            runs[-1][1] = i
        else:
            runs.append([i, i])
        prev_text = line.text
    return [(first, last) for first, last in runs]


_PIECES = ["Home", "news", "A sentence.", "(", "[", ")", "]", ", and", " ", "\t", "\r", "* ",
           "a | b",
           "\u00a0", " | ", "- ", "1. ", "# ", "…", "éa", "ß", "x" * 30, "Word ", "\n", "\n", "\n",
           "  ", "    Word", "    word", "  語"]


def test_blocks_join_the_same_lines_as_the_line_walk():
    rng = random.Random(11)
    rules = load_rules(())
    for n in range(1500):
        parts = rng.choices(_PIECES, k=rng.randint(1, 60))
        if n % 10 == 0:  # hard-wrapped paragraphs, and some lines too long for that
            parts = [" " * rng.choice([0, 0, 3]) + "y" * rng.choice([35, 55, 70, 80, 125])
                     + rng.choice([" ", ".", ""]) + "\n" for _ in range(rng.randint(6, 20))]
        ctx = Context(raw="".join(parts), rules=rules)
        blocks = [(b.first, b.last) for b in structure.build_blocks(ctx)]
        assert structure._wrap_width(ctx) == _wrap_width_of_all_lines(ctx), repr(ctx.raw)
        assert blocks == _blocks_by_walk(ctx), repr(ctx.raw)


def _score(block: structure.Block) -> float:
    """A block's score, as the walk over every block weighed it."""
    if block.kind in ("code", "short"):
        return 0.0
    if block.kind == "bad":
        return -(20 + 0.4 * min(block.chars, 200))
    return {"good": 1.0, "near": 0.5, "table": 0.3}[block.kind] * block.chars


def _main_region_by_walk(blocks: list[structure.Block]) -> tuple[int, int] | None:
    """Kadane's walk over every block, as first written."""
    best, best_range = 0.0, None
    total, start = 0.0, 0
    for i, block in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, i
        total += _score(block)
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def test_main_region_matches_the_walk_over_every_block():
    rng = random.Random(3)
    kinds = ["bad", "bad", "bad", "good", "near", "short", "code", "table"]
    for _ in range(3000):
        blocks = [structure.Block(first=i, last=i, start=i, end=i + 1, kind=rng.choice(kinds),
                                  chars=rng.choice([0, 3, 17, 40, 71, 150, 333]))
                  for i in range(rng.randint(0, 40))]
        assert structure.main_region(blocks) == _main_region_by_walk(blocks)


def test_every_line_opening_that_can_join_passes_the_two_character_test():
    for c in map(chr, range(0x3001)):  # beyond U+3000 nothing opens a joining line
        if structure._CONTINUE_START.match(c) or c in structure._CLOSERS:
            assert c in structure._JOIN_HEADS, repr(c)


def test_code_blocks_measure_on_demand_as_any_block():
    raw = ("Home\n\nvar x = function() { return document.getElementById(\"a_b\").value; };\n"
           "if (window.dataLayer) { dataLayer.push({event: \"page_view\", "
           "url: \"https://example.com/x\"}); }\n\n"
           "The article text is here, and it reads like prose for a while.\n")
    ctx = Context(raw=raw, rules=load_rules(()), language="en",
                  stopwords=frozenset({"the", "is", "and", "it", "for", "a"}))
    code_blocks = [b for b in structure.build_blocks(ctx) if isinstance(b, structure._CodeBlock)]
    assert len(code_blocks) == 2
    measure = structure._Measure(ctx)
    for block in code_blocks:
        eager = measure.prose(block.first, block.last, block.start, block.end,
                              raw[block.start:block.end])
        assert eager.kind == block.kind == "code"
        assert [getattr(block, f) for f in structure._MEASURES] == [
            getattr(eager, f) for f in structure._MEASURES]


def test_sentence_ends_counted_as_with_the_space_taken():
    taken = re.compile(r"[.!?…。！？](?:\s|$)")
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choices(["a", ".", "!", "…", "。", " ", "\t", "\u00a0", "\n", "?"],
                                   k=rng.randint(0, 30)))
        assert len(structure._SENTENCE_PUNCT.findall(text)) == len(taken.findall(text)), text


def _menu_runs_apart_by_walk(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """The walk over the words of a flattened sentence, as first written."""
    if end - start < 200 or not ctx.stopwords:
        return [(start, end)]
    tokens = [(m.start(), m.end(), m.group().strip(".,:;!?()\"'«»“”").lower())
              for m in structure._TOKEN.finditer(ctx.raw, start, end)]
    cuts: list[int] = []
    run_start = 0
    for n, (_, _, word) in enumerate([*tokens, (0, 0, "")]):
        if n < len(tokens) and word not in ctx.stopwords:
            continue
        if n - run_start >= structure._MENU_RUN:
            if run_start > 0:
                cuts.append(tokens[run_start][0])
            if n < len(tokens):
                cuts.append(tokens[n][0])
        run_start = n + 1
    if not cuts:
        return [(start, end)]
    bounds = [start, *sorted(set(cuts)), end]
    pieces = []
    for lo, hi in itertools.pairwise(bounds):
        text = ctx.raw[lo:hi]
        lo += len(text) - len(text.lstrip())
        hi -= len(text) - len(text.rstrip())
        if hi > lo:
            pieces.append((lo, hi))
    return pieces


def test_menu_runs_are_cut_where_the_word_walk_cut_them():
    rng = random.Random(9)
    words = ["Home", "World", "U.S.", "Politics", "the", "The", "(of)", "«and»", "video",
             "games", "are", "to", "cloud.", "\u00a0", "x", "Ünd"]
    for _ in range(1500):
        raw = "".join(rng.choice(words) + rng.choice([" ", " ", "  ", "\t", "\u3000"])
                      for _ in range(rng.randint(10, 80)))
        ctx = Context(raw=raw, rules=load_rules(()), language="en",
                      stopwords=frozenset({"the", "of", "and", "are", "to"}))
        start = rng.randint(0, 5)
        end = len(raw) - rng.randint(0, 5)
        assert structure._menu_runs_apart(ctx, start, end) == _menu_runs_apart_by_walk(
            ctx, start, end), raw


_PROSE_PIECES = ["The", " the", " of", " and", " cat", " sat", " 12", " 2019", " 3,5", ".", "!",
                 "?", "…", "...", "[…]", ":", ")", "**", "__", " ", "\t", "\u00a0", "。",
                 "日本語", "²",
                 " [a link](http://x.org/a)", " https://example.com/p?q=1", " www.example.com",
                 "a_b", "- ", "1. ", "# ", "x" * 40, " word" * 12, "\n"]


def test_judged_blocks_have_the_kind_and_measures_of_fully_measured_ones():
    """judge() decides from as few measures as it can; the kind, and every measure
    asked for afterwards, are those prose() finds by taking them all."""
    rng = random.Random(13)
    stopwords = frozenset({"the", "of", "and"})
    for n in range(3000):
        text = "".join(rng.choices(_PROSE_PIECES, k=rng.randint(1, 40))).strip("\n") or "x"
        raw = f"Home\n{text}\n"
        language = None if n % 4 == 0 else "en"
        ctx = Context(raw=raw, rules=load_rules(()), language=language,
                      stopwords=stopwords if language else frozenset())
        measure = structure._Measure(ctx)
        first, last = 1, raw.count("\n") - 1
        start, end = 5, len(raw) - 1
        eager = measure.prose(first, last, start, end, text)
        if eager.kind == "code":
            continue
        judged = measure.judge(first, last, start, end, text)
        assert judged.kind == eager.kind, text
        fields = list(structure._MEASURES)
        rng.shuffle(fields)  # any measure may be the first one asked for
        assert [getattr(judged, f) for f in fields] == [getattr(eager, f) for f in fields], text


def test_the_digit_class_holds_the_digits():
    """``_DIGITS`` holds every character that ``str.isdigit``, and no other."""
    digit = re.compile(f"[{structure._DIGITS}]")
    for c in map(chr, range(0x110000)):
        assert bool(digit.match(c)) == c.isdigit(), hex(ord(c))


def test_labels_read_as_the_blocks_they_replace():
    """A ``_Label`` reads as the Block that was once made for every short line."""
    for text in ["Home", " Contact us. ", "- Sports", "1. One", "*", "Next page:", "a" * 23]:
        stripped = text.strip()
        block = structure.Block(
            0, 0, 5, 5 + len(text), chars=len(stripped), words=1, terminal=stripped[-1:]
            in structure._TERMINAL_CHARS, list_item=structure._LIST_MARK.match(text) is not None)
        label = structure._Label((0, 0, 5, 5 + len(text), text))
        assert [getattr(label, f) for f in ("first", "last", "start", "end", "kind",
                                            *structure._MEASURES)] == [
            getattr(block, f) for f in ("first", "last", "start", "end", "kind",
                                        *structure._MEASURES)], text


def test_a_text_with_the_numbers_of_a_row_may_hold_numbers():
    """``_may_hold_numbers`` passes every text whose words make a table row."""
    rng = random.Random(17)
    for _ in range(5000):
        text = "".join(rng.choices(["1", "22", "x", "a1", " ", ".", ",", "_", "-", "²", "é", "٣",
                                    "①", "’", "[", "](http://x.org/1)", " https://a.b/2 "],
                                   k=rng.randint(1, 16)))
        words = structure._WORD.findall(text.lower())
        if structure._is_row_of(words):
            assert structure._may_hold_numbers(text), text
        stripped = structure._Measure._plain(None, text)[1]  # links and addresses left out
        if structure._is_row_of(structure._WORD.findall(stripped.lower())):
            assert structure._may_hold_numbers(text), text


def test_without_keeps_the_numbers_a_filter_keeps():
    """``_without`` copies slices between the numbers left out; a filter tests each."""
    rng = random.Random(5)
    for _ in range(500):
        numbers = sorted(rng.sample(range(200), rng.randint(0, 60)))
        left_out = set(rng.sample(numbers, rng.randint(0, len(numbers))))
        assert structure._without(numbers, left_out) == [n for n in numbers if n not in left_out]


def _outside_by_groupby(blocks: list[structure.Block], lo: int, hi: int) -> list[tuple]:
    """The runs of one confidence as a walk over every block finds them."""
    confidences = [structure._OUTSIDE_CONFIDENCE[block.kind] for block in blocks[lo:hi]]
    runs = []
    for confidence, run in itertools.groupby(confidences):
        size = len(list(run))
        runs.append((blocks[lo].start, blocks[lo + size - 1].end, confidence))
        lo += size
    return runs


def test_outside_spans_match_a_walk_over_every_block():
    """Runs found from the measured blocks alone are the runs of all blocks."""
    rng = random.Random(11)
    kinds = ["bad", "bad", "bad", "code", "short", "table", "near", "good"]
    for _ in range(300):
        blocks = [structure.Block(first=i, last=i, start=2 * i, end=2 * i + 1,
                                  kind=rng.choice(kinds)) for i in range(rng.randint(0, 30))]
        measured = [i for i, b in enumerate(blocks) if b.kind != "bad" or rng.random() < 0.3]
        lo = rng.randint(0, len(blocks))
        hi = rng.randint(lo, len(blocks))
        spans = structure._outside_spans(blocks, lo, hi, "structure.after_article", measured)
        assert [(s.start, s.end, s.confidence) for s in spans] == _outside_by_groupby(
            blocks, lo, hi)


def test_lines_standing_alone_are_those_the_pair_test_finds():
    """``_standing_alone`` (first characters, and " | " found from each "|") picks
    among the lines it is given those that ``_stands_alone`` picks."""
    rng = random.Random(19)
    rules = load_rules(())
    pieces = ["word ", "Word ", " ", "\t", "|", " | ", "a|b", "* ", "- ", "1. ", "12) ", "# ",
              "## ", "#x", "é", "\u00a0", "»", "x" * 20, "\n", "\n", "\n"]
    for _ in range(2000):
        raw = "".join(rng.choices(pieces, k=rng.randint(1, 50)))
        ctx = Context(raw=raw, rules=rules)
        texts = ctx.line_texts
        numbers = [i for i in range(1, len(texts)) if ctx.line_sizes[i]]
        expected = {i for i in numbers if structure._stands_alone(texts[i - 1], texts[i])}
        assert set(structure._standing_alone(ctx, numbers)) & set(numbers) == expected, raw


def test_every_wide_character_has_a_wide_lead_byte():
    """A text whose UTF-8 form keeps nothing after ``_NOT_WIDE_LEADS`` is deleted
    holds no character that ``_MAYBE_WIDE`` finds."""
    for c in map(chr, range(0x110000)):
        if structure._MAYBE_WIDE.match(c):
            assert c.encode("utf-8", "surrogatepass").translate(
                None, structure._NOT_WIDE_LEADS), hex(ord(c))


def _cut_at_listing_by_walk(ctx: Context, blocks: list[structure.Block],
                            region: tuple[int, int]) -> tuple[int, int]:
    """The walk over every block of the article, as first written."""
    first, last = region
    dated = sorted(s.start for s in ctx.found
                   if s.rule == "metadata.date_line" and not structure._quotes_a_post(ctx, s.start))
    if len(dated) < 2:
        return region
    inside = []
    j = 0
    for i in range(first + 1, last + 1):
        block = blocks[i]
        while j < len(dated) and dated[j] < block.start:
            j += 1
        if j < len(dated) and dated[j] < block.end and block.chars < 80 and any(
                blocks[k].kind in ("good", "near") for k in range(i + 1, min(i + 3, last + 1))):
            inside.append(i)
    if len(inside) < 2:
        return region
    end = inside[0] - 1
    while end > first and blocks[end].kind not in ("good", "near"):
        end -= 1
    return first, end


def test_listings_are_cut_where_the_walk_over_every_block_cut_them():
    """The blocks holding dates, found from the dates, are those the walk found."""
    rng = random.Random(23)
    rules = load_rules(())
    for _ in range(1500):
        lines = [rng.choice(["Text", "— Someone (@someone)", "", "May 1, 2019", "x" * 90])
                 for _ in range(rng.randint(1, 25))]
        ctx = Context(raw="\n".join(lines), rules=rules)
        starts = ctx.line_starts
        blocks = [structure.Block(first=i, last=i, start=starts[i], end=starts[i] + len(line),
                                  chars=len(line), kind=rng.choice(["good", "near", "bad"]))
                  for i, line in enumerate(lines) if line]
        if not blocks:
            continue
        for _ in range(rng.randint(0, 3 * len(blocks))):
            block = rng.choice(blocks)
            at = rng.randint(block.start, max(block.start, block.end - 1))
            ctx.found.append(SimpleNamespace(start=at, rule=rng.choice(
                ["metadata.date_line", "metadata.date_line", "other"])))
        first = rng.randint(0, len(blocks) - 1)
        region = (first, rng.randint(first, len(blocks) - 1))
        assert structure._cut_at_listing(ctx, blocks, region) == _cut_at_listing_by_walk(
            ctx, blocks, region), (lines, region)


def test_maybe_wide_from_the_folded_characters_agrees_with_the_text():
    """Read from the characters folding kept (or the UTF-8 form), the flag is
    set for every text that ``_MAYBE_WIDE`` finds something in, and only
    where a byte of a wide character's lead is there."""
    rng = random.Random(11)
    rules = load_rules()
    pieces = ["a", "B", " ", "\n", "é", "É", "—", "“", "\u3000", "\u3041", "日本", "\ufa00",
              "\ufeff", "\uff01", "한", "İ", "Σ", "\U0001f600"]
    for _ in range(2000):
        raw = "".join(rng.choices(pieces, k=rng.randint(1, 12)))
        ctx = Context(raw=raw, rules=rules)
        ctx.folded  # noqa: B018 (folding keeps the characters beyond ASCII, most often)
        flag = structure._maybe_wide(ctx)
        if structure._MAYBE_WIDE.search(raw):
            assert flag, raw
        if not ctx.utf8.translate(None, structure._NOT_WIDE_LEADS):
            assert not flag, raw


def test_lines_at_the_same_layout_indentation_join_by_their_first_letter():
    """inscriptis keeps a page's indentation on every line: a capital after it
    opens a new block (a teaser's author, then its date), a small letter goes
    on, and a script without capitals joins as before."""
    assert not structure._continues("          Tom Rogan", "          Tuesday November 19, 2019")
    assert structure._continues("          the first half of a sentence that goes",
                                "          on after the break")
    assert structure._continues("    もとの商品に改造を加えて販売した場合は、",
                                "    商標権侵害と判断される場合があります。")
    # Deeper indentation under a line still goes on it, as before.
    assert structure._continues("  A caption that runs over", "      Two Lines")
