"""Language guessing: the fast word count gives what the letter regex gives."""

from __future__ import annotations

import re
from collections import Counter

from inspector import language

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
