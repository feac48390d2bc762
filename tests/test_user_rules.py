"""User rules: proposals, the rule file, keep-exceptions and the preview count."""

from __future__ import annotations

import re
from pathlib import Path

from inspector import inspect
from inspector.model import Category
from inspector.rules import flexible_spaces, load_rules, parse_rule_file
from inspector.user_rules import (
    UserRule,
    count_matches,
    import_rules,
    load_user_rules,
    new_rule,
    propose_pattern,
    save_rules,
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
