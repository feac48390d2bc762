"""User rules: proposals, the rule file, keep-exceptions and the preview count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector import inspect
from inspector.errors import RuleError
from inspector.model import Category
from inspector.rules import RuleSet, flexible_spaces, load_rules, parse_rule_file
from inspector.user_rules import (
    Baseline,
    Counts,
    PatternError,
    UserRule,
    check_pattern,
    count_changes,
    count_matches,
    default_reason,
    edit_rule,
    import_rules,
    load_user_rules,
    new_rule,
    propose_pattern,
    save_rules,
    span_changes,
)

_BODY = ("Les ministres des vingt-sept pays de l'Union se sont retrouvés pour discuter de la "
         "politique agricole commune et des aides versées aux exploitants les plus touchés.\n\n"
         "Selon plusieurs diplomates, les discussions ont porté sur le calendrier des réformes "
         "et sur la manière de financer les mesures promises au printemps dernier.\n\n")
DOC_A = (_BODY + "Le sommet s'est ouvert lundi à Bruxelles dans un climat tendu.\n\n"
         "Cliché maison 12 : Jean Dupont pour Le Quotidien\n\n"
         "Les négociations doivent durer trois jours, selon le porte-parole.\n\n" + _BODY)
DOC_B = (_BODY + "La ministre a présenté mardi son projet de loi devant les députés réunis.\n\n"
         "Cliché maison 7 : Marie Curie pour La Gazette\n\n"
         "Le texte sera examiné en commission la semaine prochaine, a-t-elle précisé.\n\n" + _BODY)


def _matches(pattern: str, text: str) -> bool:
    return re.search(flexible_spaces(pattern), text.lower(), re.IGNORECASE) is not None


def test_proposal_generalises_numbers_dates_and_names() -> None:
    pattern = propose_pattern("Cliché maison 12 : Jean Dupont pour Le Quotidien")
    assert "12" not in pattern and "jean" not in pattern.lower()
    assert pattern.startswith("cliché maison \\d+ : ")
    assert _matches(pattern, "Cliché maison 7 : Marie Curie pour La Gazette")
    dated = propose_pattern("Mis à jour le 12/03/2024")
    assert _matches(dated, "Mis à jour le 1.4.25")
    assert not _matches(dated, "Mis à jour hier")


def test_proposal_escapes_and_keeps_a_leading_label() -> None:
    pattern = propose_pattern("Photo (archives) : AFP")
    assert pattern.startswith("photo \\(archives\\) : ")
    assert _matches(pattern, "PHOTO (archives) : Reuters")


def test_saved_file_loads_with_the_rule_loader(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    rules = [new_rule([], propose_pattern("Cliché maison 12 : Jean Dupont"), Category.CAPTION)]
    rules.append(new_rule(rules, "texte « guillemets » \\d+", keep=True, language="fr"))
    rules.append(new_rule(rules, "désactivée"))
    rules[-1].enabled = False
    save_rules(path, rules)
    loaded = parse_rule_file(path)
    assert [r.id for r in loaded.rules] == ["caption.user.1", "user.user.2"]  # disabled left out
    assert loaded.rules[1].keep
    again = load_user_rules(path)
    assert again == rules


def test_remove_rule_applies_through_inspect(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    save_rules(path, [new_rule([], propose_pattern("Cliché maison 12 : Jean Dupont pour "
                                                   "Le Quotidien"), Category.CAPTION)])
    doc = inspect(DOC_B, kind="text", rule_files=[path])
    assert "Marie Curie" not in doc.cleaned
    span = next(s for s in doc.spans if s.rule == "caption.user.1")
    assert span.removed and "Marie Curie" in doc.raw[span.start:span.end]


def test_keep_rule_keeps_text_another_rule_removes(tmp_path: Path) -> None:
    remove = tmp_path / "remove.toml"
    save_rules(remove, [new_rule([], "cliché maison \\d+", Category.CAPTION,
                                 where="anywhere")])
    keep = tmp_path / "keep.toml"
    keep_rule = new_rule([], "cliché maison 7", keep=True)
    keep_rule.id = "user.user.9"
    save_rules(keep, [keep_rule])
    removed = inspect(DOC_B, kind="text", rule_files=[remove])
    assert "Cliché maison 7" not in removed.cleaned
    kept = inspect(DOC_B, kind="text", rule_files=[remove, keep])
    assert "Cliché maison 7" in kept.cleaned
    span = next(s for s in kept.spans if s.rule == "user.user.9")
    assert not span.removed and span.reason
    assert "Cliché maison 12" not in inspect(DOC_A, kind="text",
                                             rule_files=[remove, keep]).cleaned


def test_count_matches_counts_changes_only() -> None:
    rule = new_rule([], propose_pattern("Cliché maison 12 : Jean Dupont pour Le Quotidien"))
    docs = [inspect(DOC_A, kind="text"), inspect(DOC_B, kind="text")]
    assert count_matches([rule], docs) == 2
    assert count_matches([rule], [DOC_A]) == 1
    rules_file_free = inspect(DOC_A, kind="text", rules=load_rules())
    keep = UserRule("user.user.2", Category.USER, "cliché maison", keep=True)
    assert count_matches([keep], [rules_file_free]) == 0  # nothing removed there to keep


def test_import_renumbers_and_skips_duplicates() -> None:
    mine = [new_rule([], "abc def")]
    theirs = [UserRule("user.user.1", Category.USER, "abc def"),
              UserRule("user.user.1", Category.USER, "xyz")]
    merged = import_rules(mine, theirs)
    assert [r.id for r in merged] == ["user.user.1", "user.user.2"]
    assert merged[1].pattern == "xyz"


_BODY_EN = ("The ministers of the twenty-seven member states met to discuss the common "
            "agricultural policy and the aid paid to the farmers who were hit the hardest.\n\n"
            "According to several diplomats, the talks were about the timetable of the reforms "
            "and about the way to pay for the measures that were promised last spring.\n\n")
DOC_EN = (_BODY_EN + "The summit opened on Monday in Brussels in a tense mood.\n\n"
          "Cliché maison 3 : John Smith for The Daily\n\n"
          "The negotiations should last three days, the spokesman said.\n\n" + _BODY_EN)
CAPTION_RULE = "cliché maison \\d+"


def _rule_file(tmp_path: Path, language: str) -> Path:
    path = tmp_path / f"rules-{language or 'any'}.toml"
    save_rules(path, [new_rule([], CAPTION_RULE, Category.CAPTION, language=language,
                               where="anywhere")])
    return path


def test_documents_have_the_languages_the_tests_assume() -> None:
    assert inspect(DOC_A, kind="text").metadata.language == "fr"
    assert inspect(DOC_EN, kind="text").metadata.language == "en"


def test_a_rule_limited_to_a_language_applies_only_to_documents_in_it(tmp_path: Path) -> None:
    french_only = _rule_file(tmp_path, "fr")
    fr = inspect(DOC_A, kind="text", rule_files=[french_only])
    en = inspect(DOC_EN, kind="text", rule_files=[french_only])
    assert any(s.rule == "caption.user.1" and s.removed for s in fr.spans)
    assert not any(s.rule == "caption.user.1" for s in en.spans)
    assert "Cliché maison 3" in en.cleaned
    # The same rule without a language applies to both.
    anywhere = _rule_file(tmp_path, "")
    assert any(s.rule == "caption.user.1"
               for s in inspect(DOC_EN, kind="text", rule_files=[anywhere]).spans)
    # The rule file says so in the engine's terms; built-in rules are never limited.
    assert parse_rule_file(french_only).rules[0].only_language == "fr"
    builtin = load_rules()
    assert all(r.only_language is None for r in builtin.rules)
    assert builtin.for_language("en") is builtin


def test_rule_language_matches_the_primary_language_only(tmp_path: Path) -> None:
    rule = new_rule([], CAPTION_RULE, language="FR-ca")
    assert rule.language == "fr"
    limited = rule.as_rule()
    assert limited.applies_to("fr") and limited.applies_to("fr-FR")
    assert not limited.applies_to("en") and not limited.applies_to(None)
    rules = RuleSet(rules=[limited, new_rule([rule], "tout", Category.PROMO).as_rule()])
    assert [r.id for r in rules.for_language("fr").rules] == [limited.id, "promo.user.2"]
    assert [r.id for r in rules.for_language("en").rules] == ["promo.user.2"]
    assert rules.for_language("fr") is rules.for_language("FR-fr")  # one set per language


def test_a_bad_language_code_is_refused() -> None:
    with pytest.raises(RuleError, match="not a language code"):
        new_rule([], CAPTION_RULE, language="French")


def test_cli_clean_rules_applies_a_language_limited_rule(tmp_path: Path, capsys) -> None:
    from inspector.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fr.txt").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "in" / "en.txt").write_text(DOC_EN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "in"), "--rules", str(_rule_file(tmp_path, "fr")),
                 "--out", str(out), "--quiet"]) == 0
    assert "Cliché maison 12" not in (out / "fr.txt").read_text(encoding="utf-8")
    assert "Cliché maison 3" in (out / "en.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("pattern", "says"), [
    ("cliché (maison \\d+", "the “(” at character 8 is never closed"),
    ("cliché maison)", "the “)” at character 14 closes nothing"),
    ("photo [ap", "the “[” at character 7 is never closed"),
    ("*photo", "the “*” at character 1 has nothing before it to repeat"),
    ("photo \\q", "“\\q” at character 7 is not a known escape"),
])
def test_bad_patterns_say_which_part_is_wrong(pattern: str, says: str) -> None:
    with pytest.raises(PatternError) as caught:
        check_pattern(pattern)
    assert says in str(caught.value)
    assert caught.value.position is not None
    assert f"▶{pattern[caught.value.position:]}" in str(caught.value)


def test_edit_rule_validates_and_keeps_the_id() -> None:
    rule = new_rule([], CAPTION_RULE, Category.CAPTION)
    edited = edit_rule(rule, pattern="cliché \\d+", category=Category.PROMO, language="fr",
                       reason="", keep=True)
    assert (edited.id, edited.pattern, edited.category, edited.language, edited.keep) == (
        rule.id, "cliché \\d+", Category.PROMO, "fr", True)
    assert edited.reason == default_reason(True)
    custom = edit_rule(rule, pattern=rule.pattern, category=rule.category, language="",
                       reason="House captions.", keep=False)
    assert custom.reason == "House captions."
    with pytest.raises(PatternError):
        edit_rule(rule, pattern="cliché (", category=rule.category, language="", reason="",
                  keep=False)


def test_count_changes_counts_spans_documents_and_stops() -> None:
    rule = new_rule([], CAPTION_RULE, Category.CAPTION, where="anywhere")
    docs = [inspect(DOC_A, kind="text"), inspect(DOC_B, kind="text"),
            inspect(_BODY, kind="text")]
    counts = count_changes([rule], docs)
    assert (counts.spans, counts.documents, counts.checked, counts.complete) == (2, 2, 3, True)
    # Baselines (what the GUI keeps per queued document) count the same.
    assert count_changes([rule], [Baseline.of(d) for d in docs]) == counts
    stopped = count_changes([rule], docs, stop=lambda: True)
    assert not stopped.complete and stopped.checked == 0
    # A rule limited to French counts nothing in an English document.
    french = new_rule([], CAPTION_RULE, language="fr", where="anywhere")
    assert count_changes([french], [DOC_EN, DOC_A]) == Counts(1, 1, 2)


#: DOC_B with a span the built-in rules find ("Lien source").
DOC_C = DOC_B + "Lien source\n"


def test_span_changes_adds_the_rule_spans_and_keeps_the_rest(tmp_path: Path) -> None:
    old = inspect(DOC_C, kind="text")
    toggled = old.spans[0]
    old.toggle(toggled.id)
    new = inspect(DOC_C, kind="text", rule_files=[_rule_file(tmp_path, "")])
    removed, added = span_changes(old, new)
    assert [s.rule for s in added] == ["caption.user.1"] and added[0].id == -1
    assert removed == []  # "Lien source" stays, with the person's decision
    # Back to no user rules: the rule's span is what goes.
    old.replace_spans([], added)
    assert old.span(toggled.id).user_decision == "keep"
    removed, added = span_changes(old, inspect(DOC_C, kind="text"))
    assert [s.rule for s in removed] == ["caption.user.1"] and added == []
    with pytest.raises(ValueError, match="changed"):
        span_changes(old, inspect(DOC_A, kind="text"))
