"""Short lines repeated across a page are boilerplate; repeated prose is not touched."""

from __future__ import annotations

from inspector.detectors import Context
from inspector.detectors.duplicates import detect_duplicates


def found(raw, rules):
    return [raw[s.start:s.end] for s in detect_duplicates(Context(raw=raw, rules=rules))]


def test_share_bar_under_every_item(rules):
    items = ["Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida.",
             "O que une uma família é o amor, o carinho, o querer bem.",
             "Força para vencer e fé para acreditar."]
    raw = "\n".join(f"{item}\nWhatsapp Facebook Pint Baixar" for item in items)
    assert found(raw, rules) == ["Whatsapp Facebook Pint Baixar"] * 3


def test_a_line_said_twice_or_a_long_repeated_paragraph_stays(rules):
    para = ("The committee met again on Thursday and the chairman repeated that the "
            "report would be published before the end of the year.")
    raw = "\n".join(["Yes.", "No.", "Yes.", para, para, para, "Reply", "Reply"])
    assert found(raw, rules) == []
