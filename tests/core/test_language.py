"""Language guessing: the fast word count gives what the letter regex gives."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector import language
from inspector.rules import RuleSet

_WORD = re.compile(r"[^\W\d_]+")


def test_letter_word_counts_are_the_runs_of_letters():
    for text in ["the cat’s 2nd hat", "covid19 x²y ½ l'été «mot» foo_bar", "Σας ΑΣ.Β", "",
                 "a\u00a0b\u2028c\u3000d", "١٢٣abc٣def", "i\u0307 ǅ"]:
        low = text.lower()
        assert language._letter_word_counts(low) == Counter(_WORD.findall(low)), text


def test_the_prose_sample_takes_long_lines_first():
    long_line = "word " * 20
    text = "menu\nhome\n" + long_line + "\nshort\n" + long_line
    assert language._prose_sample(text, 60) == long_line


def test_a_flattened_page_is_sampled_by_its_sentences(rules):
    """A whole page on one line opens with its menus: its language is read from
    its sentences (a short Portuguese article in 8 KB of menus)."""
    page = (Path(__file__).parent.parent / "cases" / "pt-prefeitura-flat" / "input.txt"
            ).read_text(encoding="utf-8")
    assert "\n" not in page.strip() and len(page) > 8000
    sample = language._prose_sample(page.lower(), 6000, page)
    assert "menu acessar cadastre-se" not in sample
    assert "os veículos estavam sem as respectivas baterias" in sample
    assert language.guess(page, rules)[0] == "pt"


def test_a_flattened_line_without_sentences_is_sampled_whole():
    menus = " ".join(["Home", "News", "Sport", "Weather", "Contact"] * 100)
    assert language._prose_sample(menus, 6000) == menus


_SAMPLES = ["the cat’s 2nd hat", "covid19 x²y ½ l'été «mot» foo_bar", "Σας ΑΣ.Β", "",
            "a\u00a0b\u2028c\u3000d", "١٢٣abc٣def", "i\u0307 ǅ", "d’un côté, de l’autre — et",
            "lone \ud800 surrogate", "x\u0301y ⅻ ①② 三 da\u200bs",
            "".join(f"a{chr(0x2190 + i)}b" for i in range(100))]  # many non-letters


def test_letter_runs_are_the_runs_of_letters():
    for text in _SAMPLES:
        low = text.lower()
        runs = [run.decode("utf-8", "surrogatepass") for run in language._letter_runs(low)]
        assert runs == _WORD.findall(low), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.text(alphabet="ab d’«»—2é\u00a0_.", max_size=40))
def test_letter_runs_are_the_runs_of_letters_on_any_text(text):
    low = text.lower()
    runs = [run.decode("utf-8", "surrogatepass") for run in language._letter_runs(low)]
    assert runs == _WORD.findall(low)


def _stop_word_hits_plainly(prose, rules):
    counts = Counter(_WORD.findall(prose))
    return sum(counts.values()), {lang: sum(counts[w] for w in words)
                                  for lang, words in rules.stopwords.items()}


def test_stop_word_hits_are_the_plain_counts(rules):
    texts = [*_SAMPLES, "the one and the other de la der die het of een",
             "aujourd’hui c’est l’été, et il fait beau dans la ville",
             "Der Hund und die Katze sind in dem Haus, aber nicht im Garten"]
    for text in texts:
        low = text.lower()
        expected = _stop_word_hits_plainly(low, rules)
        assert language._stop_word_hits(low, rules) == expected, text
        assert language._stop_word_hits_by_counter(low, rules) == expected, text


def test_stop_word_hits_with_many_language_sets_are_counted_plainly():
    # 300 languages, each word shared by a different set of them: too many sets for byte codes.
    stopwords = {f"l{i}": frozenset({f"w{i}", f"w{i + 1}", "zz"[: 1 + i % 2]}) for i in range(300)}
    rules = RuleSet(stopwords=stopwords)
    text = "w1 w2 w2 z zz w299 other"
    assert language._stop_codes(rules) is None
    assert language._stop_word_hits(text, rules) == _stop_word_hits_plainly(text, rules)
