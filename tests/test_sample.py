"""Acceptance on the user's French scrape: every boilerplate span goes, every sentence stays."""

from __future__ import annotations

import re

import pytest

import inspector
from inspector.model import Category


@pytest.fixture(scope="module")
def doc(fixtures):
    return inspector.inspect(fixtures / "fr-summit-scrape.txt")


BOILERPLATE = [
    "Pour visionner cette vidéo",
    "navigateur qui",
    "prend en charge HTML5",
    "(Photo : AP)",
    "Les deux hommes se serrent la main avant le sommet",
    "Le président russe a indiqué sa volonté d’aider son collègue dictateur",
    "(Photo : AFP via Getty Images)",
    "(Photo : Reuters)",
    "symbole des ambitions de la Russie en tant que puissance spatiale – était remarquable",
    "(Photo : AFP via Getty)",
    "Plus: Tendance",
    "Contactez notre équipe de presse",
    "[email protected]",
    "Pour plus d’histoires comme celle-ci",
    "Obtenez ce dont vous avez besoin",
    "dernières nouvelles, histoires de bien-être",
    "reCAPTCHA",
    "window.fbApi",
    "fbApiInit = vrai",
    "pour (i = 0; i < l; i++)",
    "connect.facebook.net",
    "Lien source",
    "date 2023-09",
]


@pytest.mark.parametrize("piece", BOILERPLATE)
def test_boilerplate_is_removed(doc, piece):
    assert piece in doc.raw
    assert piece not in doc.cleaned


def _article_sentences(raw: str) -> list[str]:
    """The article's sentences, taken from the raw text minus the known boilerplate."""
    sentences = []
    for line in raw.split("\n"):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])", line):
            sentence = sentence.strip().removeprefix("vidéo ")
            if len(sentence) < 40 or any(b in sentence for b in BOILERPLATE):
                continue
            if re.search(r"[{};]|Contactez|Obtenez|dernières nouvelles", sentence):
                continue
            sentences.append(sentence)
    return sentences


def test_every_article_sentence_is_kept(doc):
    sentences = _article_sentences(doc.raw)
    assert len(sentences) >= 20
    missing = [s for s in sentences if s not in doc.cleaned]
    assert missing == []


def test_sentences_sharing_a_line_with_boilerplate_are_kept(doc):
    for sentence in ("Kim Jong-un a déclaré à Vladimir Poutine",
                     "Les responsables américains et sud-coréens ont exprimé leur inquiétude",
                     "Pour la Russie, le sommet a été l’occasion de harceler les États-Unis",
                     "Alors que Kim traversait les forêts russes en train",
                     "« Cette sagesse populaire est pleinement applicable"):
        assert sentence in doc.cleaned


def test_date_and_captions_go_to_metadata(doc):
    assert doc.metadata.date == "2023-09"
    credits = [c.credit for c in doc.metadata.captions]
    assert "Photo : AP" in credits and "Photo : Reuters" in credits
    assert doc.metadata.language == "fr"


def test_every_span_explains_itself(doc):
    cats = {s.category for s in doc.spans if s.removed}
    assert {Category.VIDEO_FALLBACK, Category.CAPTION, Category.SCRIPT, Category.LEGAL,
            Category.PROMO, Category.SOURCE_LINK, Category.METADATA_LINE} <= cats
    for span in doc.spans:
        assert span.reason.endswith((".", "»", "”")) and span.rule


def test_reinspecting_the_cleaned_text_removes_nothing_confidently(doc):
    again = inspector.inspect(doc.cleaned, kind="text")
    confident = [again.raw[s.start:s.end] for s in again.spans
                 if s.removed and s.confidence >= 0.75]
    assert confident == []


def test_captions_in_metadata_hold_only_the_caption(doc):
    first = next(c for c in doc.metadata.captions if c.credit == "Photo : AP")
    assert first.text == "Les deux hommes se serrent la main avant le sommet"
