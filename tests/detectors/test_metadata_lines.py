"""Date and byline header lines move to metadata."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.detectors import Context
from inspector.detectors.metadata_lines import detect_metadata_lines
from inspector.model import Metadata


def run(raw, rules):
    ctx = Context(raw=raw, rules=rules, metadata=Metadata())
    return [(raw[s.start:s.end], s) for s in detect_metadata_lines(ctx)], ctx.metadata


def test_date_prefix_glued_to_the_first_line(rules, fixtures):
    raw = (fixtures / "fr-summit-scrape.txt").read_text(encoding="utf-8")
    found, meta = run(raw, rules)
    assert [t.strip() for t, _ in found] == ["date 2023-09"]
    assert meta.date == "2023-09"


def test_bylines_and_dates_in_several_languages(rules):
    raw = ("Von Anna Schmidt und Max Müller\n"
           "Aktualisiert: 20.11.2019, 14:35\n"
           "Publié le 12 mars 2023 à 14h05\n"
           "Por María García\n"
           "Der Text des Artikels beginnt hier und ist lang genug, um ein Artikel zu sein.\n")
    found, meta = run(raw, rules)
    texts = [t for t, _ in found]
    assert "Von Anna Schmidt und Max Müller" in texts
    assert any(t.startswith("Aktualisiert: 20.11.2019") for t in texts)
    assert any(t.startswith("Publié le 12 mars 2023") for t in texts)
    assert "Por María García" in texts
    assert meta.author == "Anna Schmidt und Max Müller"
    assert meta.date == "20.11.2019"


def test_sentences_starting_with_by_or_a_date_are_kept(rules):
    raw = ("By the end of the year, the company had cut 2,000 jobs across Europe.\n"
           "12 March 2023 was the day the strike began, unions said.\n")
    found, _ = run(raw, rules)
    assert found == []


def test_date_line_deep_in_the_article_is_only_flagged(rules):
    body = "This sentence is part of a long article about the budget negotiations. " * 40
    raw = body + "\nNovember 20, 2019\n" + body
    found, _ = run(raw, rules)
    assert len(found) == 1
    assert found[0][1].auto_decision == "keep" and found[0][1].needs_review


def test_grouped_alternations_match_as_the_plain_ones():
    """Months and labels grouped by first letter find exactly what the plain
    alternation finds (same spans, same groups): only the engine's work changes."""
    import re

    from inspector.detectors import metadata_lines as ml

    plain = re.compile(
        ml._DATE_LINE.pattern.replace("*+", "*", 1)
        .replace(ml._MONTHS, "|".join(ml._MONTH_SPELLINGS))
        .replace(ml._LABEL, "(?:" + "|".join(ml._LABEL_SPELLINGS) + ")"),
        re.IGNORECASE)
    assert plain.pattern != ml._DATE_LINE.pattern
    lines = ["  Updated: March 5, 2023 at 14:05 GMT", "Publié le 12 mars 2023 à 14h05",
             "mis à jour le 3 déc. 2021", "Aktualisiert am 20.11.2019", "Mar 3", "mars 12",
             "Marzo 4, 2020 |", "\t\t 2023-09-01T10:00Z", "Lundi, 4 juin 2022",
             "Stand: 1. Oktober 2020", "12 comments", "Comments 12", "DÉC 1", "ſep 3",
             "OKT 9", "date2023-09", "Published by Jane Doe", "30 de setembro de 2021"]

    def sig(match):
        return match and (match.span(), match.groupdict())

    for line in lines:
        assert sig(ml._DATE_LINE.match(line)) == sig(plain.match(line)), line
    byline = re.compile(ml._BYLINE.pattern.replace("*+", "*", 1).replace(
        ml._BY, "(?i:by|par|von|por|di|door|de|av|af)"))
    for line in ["By Jane Doe", "  par Marie Curie et Pierre Curie", "VON Max Muster, dpa",
                 "door Jan de Vries", "Av Ola Nordmann", "by the way"]:
        assert sig(ml._BYLINE.match(line)) == sig(byline.match(line)), line


def test_digits_outside_ascii_open_with_the_listed_bytes():
    """Every character ``\\d`` matches outside ASCII opens, in UTF-8, with one
    of the bytes the digit-line shortcut looks for first."""
    import re
    import sys

    from inspector.detectors import metadata_lines as ml

    digit = re.compile(r"\d")
    leads = {bytes([chr(code).encode("utf-8")[0]]) for code in range(0x80, sys.maxunicode + 1)
             if not 0xD800 <= code < 0xE000 and digit.match(chr(code))}
    assert leads <= set(ml._OTHER_DIGIT_LEADS)


def test_lines_with_digits_outside_ascii_are_found(rules):
    raw = "Intro line\nPublished: ٢٠٢٣-٠٩-١٢\nDate 2023-09-12\nBy Jane Doe\n"
    found, meta = run(raw, rules)
    texts = [t for t, _ in found]
    assert texts[0].startswith("Published: ٢٠٢٣") and meta.date == "٢٠٢٣-٠٩-١٢"
    assert texts[1:] == ["Date 2023-09-12", "By Jane Doe"]


def test_byline_first_letters_match_only_themselves_case_ignored():
    import re
    import sys

    from inspector.detectors import metadata_lines as ml

    first = re.compile(ml._first_letters(ml._BY_SPELLINGS))  # case kept, as bylines are
    letters = re.compile("[" + "".join({word[0] for word in ml._BY_SPELLINGS}) + "]",
                         re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        if letters.match(chr(code)):
            assert first.match(chr(code)), hex(code)


def test_date_line_candidates_hold_every_date_line(rules):
    """Lines whose first digit follows only letters, spaces and ":" "," "."
    are the candidates; every line the date pattern matches is one."""
    from inspector.detectors import metadata_lines as ml

    lines = ["2023-09-12", "  Updated: March 5, 2023", "Publié le 12 mars 2023 à 14h05",
             "(12 March 2023)", "No digit here", "", "Lundi, 4 juin 2022", "x-1 y",
             "12 comments", "Stand: 1. Oktober 2020", "“2023” said", "ſep 3"]
    raw = "\n".join(lines)
    ctx = Context(raw=raw, rules=rules, metadata=Metadata())
    found = ml._date_line_candidates(ctx)
    assert found == [0, 1, 2, 6, 8, 9, 10, 11]
    assert {i for i, line in enumerate(lines) if ml._DATE_LINE.match(line)} <= set(found)


def test_month_and_label_first_letters_match_all_the_spellings_would():
    import re
    import sys

    from inspector.detectors import metadata_lines as ml

    for spellings in (ml._MONTH_SPELLINGS, ml._LABEL_SPELLINGS):
        ahead = re.compile(ml._first_letters(spellings), re.IGNORECASE)
        firsts = re.compile("|".join(x[0] for x in spellings), re.IGNORECASE)
        for code in range(sys.maxunicode + 1):
            if firsts.match(chr(code)):
                assert ahead.match(chr(code)), hex(code)


_DATE_PIECES = st.sampled_from(["Updated", "date", "Publié le", "Lundi", "mars", "March", "sep",
                                "ſep", "12", "2023", "2023-09-12", "5th", "1.", "de", "à",
                                "14h05", "10:30 pm", " ", "  ", "\t", ":", ",", ".", "x", "×",
                                "-", "|", "Äpfel"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=9).map("".join))
def test_possessive_date_line_matches_as_the_plain_pattern(line):
    """The word before a date and the spaces after it, taken possessively,
    leave every match (its span and groups) as the plain pattern has it."""
    import re

    from inspector.detectors import metadata_lines as ml

    plain = re.compile(ml._DATE_LINE.pattern.replace("++", "+"), re.IGNORECASE)
    assert plain.pattern != ml._DATE_LINE.pattern
    fast, slow = ml._DATE_LINE.match(line), plain.match(line)
    assert (fast and (fast.span(), fast.groupdict())) == (slow and (slow.span(), slow.groupdict()))
