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


def test_an_interview_question_asked_of_every_guest_is_only_flagged(rules):
    guests = ["Андрей Рудьков", "Олеся Куприн", "Евгения Левицкая"]
    answers = ["Я всегда любил готовить для друзей и семьи.",
               "Мне хотелось делиться рецептами с подругами.",
               "Всё началось с фотографий завтраков для мужа."]
    question = "Что вас вдохновило на создание кулинарной страницы?"
    raw = "\n".join(f"{g}\nПоделиться в соцсетях\n{question}\n{a}"
                    for g, a in zip(guests, answers, strict=True))
    spans = list(detect_duplicates(Context(raw=raw, rules=rules)))
    by_text = {raw[s.start:s.end]: s for s in spans}
    assert by_text["Поделиться в соцсетях"].auto_decision == "remove"
    assert by_text[question].auto_decision == "keep"  # offered for review, not removed
    assert by_text[question].needs_review


def test_a_long_repeated_line_in_markdown_is_only_flagged(rules):
    bold = "**Какую кухню любите сами? Есть ли какие-то предпочтения, а может, наоборот,**"
    raw = "\n".join(f"{bold}\nОтвет номер {n}, совсем другой и длинный.\nПоделиться в соцсетях"
                    for n in range(3))
    spans = {raw[s.start:s.end]: s for s in detect_duplicates(Context(raw=raw, rules=rules))}
    assert spans[bold].auto_decision == "keep"
    assert spans["Поделиться в соцсетях"].auto_decision == "remove"


def test_case_variants_count_together_and_long_lines_never(rules):
    raw = "\n".join(["GROSSE STRASSE", "Intro.", "große straße", "More text.",
                     "  Grosse Strasse  ", "x y " * 21 + "a", "x y " * 21 + "b", "x y " * 21 + "c"])
    assert found(raw, rules) == ["GROSSE STRASSE", "große straße", "Grosse Strasse  "]


def test_each_span_field_holds_what_it_names(rules):
    # The spans are built with positional arguments, in Span's field order.
    from inspector.model import Category

    raw = "Intro.\n" + "".join(f"  Share on Facebook  \nParagraph number {n}.\n" for n in range(5))
    spans = list(detect_duplicates(Context(raw=raw, rules=rules)))
    assert len(spans) == 5
    for span in spans:
        assert raw[span.start:span.end] == "Share on Facebook  "
        assert (span.category, span.rule, span.detector) == (
            Category.DUPLICATE, "duplicate.line", "duplicates")
        assert span.confidence == 0.85 and span.auto_decision == "remove"
        assert span.reason.startswith("The same short line appears 5 times")
        assert span.origin == "auto" and span.user_decision is None
