"""The phrase-rule files: they load, follow the naming scheme, find their
examples, spare their counter-examples, and clean the French sample scrape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector.detectors import Context
from inspector.detectors.phrases import detect_phrases
from inspector.rules import RULES_DIR, RuleSet, load_rules

RULES = load_rules()
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")
#: The files this test owns the checks of: one per language plus common.toml.
FILES = {"common", *LANGUAGES}
#: Categories every language file must cover (captions and metadata lines
#: have detectors of their own).
REQUIRED = {"video_fallback", "promo", "social", "legal", "related", "source_link",
            "navigation", "artifact"}
ID_RE = re.compile(r"^(?P<category>[a-z_]+)\.(?P<lang>[a-z]+)\.(?P<n>[1-9]\d*)$")
SAMPLE = Path(__file__).parent / "fixtures" / "fr-summit-scrape.txt"


def _stem(rule) -> str:
    return Path(rule.source).stem


OWN_RULES = [r for r in RULES.rules if _stem(r) in FILES]
#: The section headings of every language (sections.toml), checked like the others
#: for their documentation and examples.
SECTION_RULES = [r for r in RULES.rules if _stem(r) == "sections"]
CHECKED_RULES = OWN_RULES + SECTION_RULES


def _spans(text: str, rules: RuleSet):
    return list(detect_phrases(Context(raw=text, rules=rules)))


# --- loading and naming -------------------------------------------------------------

def test_all_rule_files_load_and_ids_are_unique():
    assert {p.stem for p in RULES_DIR.glob("*.toml")} >= FILES | {"sections"}
    assert SECTION_RULES
    ids = [r.id for r in RULES.rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes


@pytest.mark.parametrize("rule", OWN_RULES, ids=lambda r: r.id)
def test_id_follows_category_lang_number_and_matches_its_file(rule):
    m = ID_RE.match(rule.id)
    assert m, f"{rule.id}: ids are <category>.<lang>.<n>"
    assert m["category"] == rule.category.value, f"{rule.id}: category is {rule.category.value}"
    stem = _stem(rule)
    assert m["lang"] == stem, f"{rule.id} sits in {stem}.toml"
    expected_language = "*" if stem == "common" else stem
    assert rule.language == expected_language, f"{rule.id}: language {rule.language!r}"


@pytest.mark.parametrize("rule", CHECKED_RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule):
    assert rule.reason.strip().endswith((".", "»", "”")), f"{rule.id}: reason is one sentence"
    assert rule.examples, f"{rule.id} has no example"
    assert rule.counter_examples, f"{rule.id} has no counter-example"
    assert 0.0 < rule.confidence <= 0.97, rule.id
    # The categories handled by other detectors are not written as phrase rules.
    assert rule.category.value not in ("caption", "metadata_line", "script", "style"), rule.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_stopwords_caption_labels_and_all_categories(lang):
    words = RULES.stopwords[lang]
    assert 100 <= len(words) <= 220, f"{lang}: {len(words)} stopwords"
    assert all(w == w.lower() and " " not in w for w in words)
    assert RULES.caption_labels[lang], f"{lang}: no caption labels"
    rules = [r for r in OWN_RULES if r.language == lang]
    missing = REQUIRED - {r.category.value for r in rules}
    assert not missing, f"{lang}: no rule for {sorted(missing)}"
    for category in REQUIRED - {"source_link"}:
        n = sum(r.category.value == category for r in rules)
        assert n >= 2, f"{lang}: only {n} {category} rule(s)"


def test_common_file_lists_the_agencies():
    agencies = set(RULES.agencies)
    for name in ("AP", "AFP", "Reuters", "Getty Images", "EPA", "EFE", "dpa", "ANSA",
                 "Shutterstock", "Keystone", "Imago", "PA", "Xinhua", "Anadolu", "Bloomberg",
                 "Alamy", "SIPA", "Belga", "ANP", "Lusa", "Europa Press", "Agencia Brasil",
                 "KEYSTONE/SDA", "APA", "picture alliance", "NurPhoto", "WireImage", "iStock"):
        assert name in agencies, name
    assert len(agencies) >= 60


# --- every rule against its own examples, with the real engine ------------------------

@pytest.mark.parametrize("rule", CHECKED_RULES, ids=lambda r: r.id)
def test_rule_finds_examples_and_spares_counter_examples(rule):
    alone = RuleSet(rules=[rule])
    for example in rule.examples:
        assert any(s.rule == rule.id for s in _spans(example, alone)), (
            f"{rule.id} misses its example {example!r}")
    for counter in rule.counter_examples:
        hits = [counter[s.start:s.end] for s in _spans(counter, alone)]
        assert not hits, f"{rule.id} hits its counter-example: {hits!r}"


def test_counter_examples_survive_the_full_rule_set():
    """No rule of any file removes another rule's counter-example outright.

    (A counter-example may mention a notice on purpose, so only spans that
    would be removed automatically and cover most of the sentence count.)
    """
    bad = []
    for rule in CHECKED_RULES:
        for counter in rule.counter_examples:
            for span in _spans(counter, RULES):
                if span.confidence >= 0.6 and span.end - span.start > 0.6 * len(counter.strip()):
                    bad.append((rule.id, span.rule, counter))
    assert not bad


# --- the French sample ------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample() -> tuple[str, list]:
    raw = SAMPLE.read_text(encoding="utf-8")
    return raw, _spans(raw, RULES)


def _covered(spans, start: int, end: int) -> bool:
    """Every character of [start, end) lies inside some span."""
    marks = sorted((s.start, s.end) for s in spans if s.confidence >= 0.6)
    pos = start
    for s, e in marks:
        if s <= pos < e:
            pos = e
        if pos >= end:
            return True
    return pos >= end


def _all(raw: str, needle: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), raw)]
    assert found, f"sample lacks {needle!r}"
    return found


VIDEO = ("Pour visionner cette vidéo, veuillez activer JavaScript et envisager de passer à un "
         "site Web.\n\nnavigateur qui\n\nprend en charge HTML5\n\nvidéo")


def test_sample_video_fallback_is_covered_whole_and_stops_before_the_article(sample):
    raw, spans = sample
    places = _all(raw, VIDEO)
    assert len(places) == 2
    for start, end in places:
        assert _covered(spans, start, end)
        following = raw[end:end + 40].strip()
        first_word = re.search(r"\w[\w-]*", following)
        assert first_word is not None
        w0 = end + raw[end:].index(first_word.group())
        assert not any(s.start <= w0 < s.end for s in spans), following


@pytest.mark.parametrize("boilerplate", [
    "Ce site est protégé par reCAPTCHA et Google politique de confidentialité et Conditions "
    "d’utilisation appliquer.",
    "Plus: Tendance",
    "Lien source",
    "Contactez notre équipe de presse en nous envoyant un e-mail à [email protected].",
    "Pour plus d’histoires comme celle-ci, consultez notre page d’actualités.",
    "Obtenez ce dont vous avez besoin",
    "dernières nouvelles, histoires de bien-être, analyses et plus encore",
    "[email protected]",
])
def test_sample_boilerplate_is_covered(sample, boilerplate):
    raw, spans = sample
    for start, end in _all(raw, boilerplate):
        assert _covered(spans, start, end), boilerplate


def test_sample_email_artefact_has_its_own_span(sample):
    raw, spans = sample
    start, end = _all(raw, "[email protected]")[0]
    assert any(s.rule == "artifact.common.1" and (s.start, s.end) == (start, end) for s in spans)


@pytest.mark.parametrize("article", [
    "Kim Jong-un a déclaré à Vladimir Poutine",
    "Les responsables américains et sud-coréens ont exprimé leur inquiétude",
    "Le dirigeant nord-coréen a rencontré le président russe mercredi",
    "Pour la Russie, le sommet a été l’occasion de harceler les États-Unis",
    "Poutine a déclaré que Kim envisageait désormais de visiter des usines",
    "« Cette sagesse populaire est pleinement applicable aux relations modernes entre nos pays. »",
])
def test_sample_article_sentences_are_not_touched(sample, article):
    raw, spans = sample
    for start, end in _all(raw, article):
        assert not any(s.start < end and start < s.end for s in spans), article
