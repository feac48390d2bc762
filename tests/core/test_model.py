"""The Document model: cleaned text, offset maps, decisions and observers."""

from __future__ import annotations

import pytest

from inspector.model import Category, Change, Document, Edit, Span, derive_cleaned


def span(raw: str, piece: str, category: Category = Category.CAPTION, confidence: float = 0.9,
         **kw) -> Span:
    start = raw.index(piece)
    return Span(start, start + len(piece), category, "test.rule", "Because.", "test",
                confidence, **kw)


RAW = "Kim met Putin. Both men shake hands (Photo: AP) Talks began.\n\nMore: Trending\n\nEnd."


def test_removed_span_leaves_single_space_at_seam():
    doc = Document(RAW, spans=[span(RAW, "Both men shake hands (Photo: AP) ")])
    assert doc.cleaned == "Kim met Putin. Talks began.\n\nMore: Trending\n\nEnd."


def test_removed_paragraph_does_not_pile_up_blank_lines():
    doc = Document(RAW, spans=[span(RAW, "More: Trending", Category.RELATED)])
    assert "began.\n\nEnd." in doc.cleaned


def test_blank_lines_before_a_removed_paragraph_count_towards_the_seam():
    raw = "Kim met Putin.\n\n\n\nBoth men shake hands (Photo: AP)\n\nTalks began."
    doc = Document(raw, spans=[span(raw, "Both men shake hands (Photo: AP)")])
    assert doc.cleaned == "Kim met Putin.\n\nTalks began."
    doc.set_decision(doc.spans[0].id, "keep")
    assert doc.cleaned == raw


def test_keep_decision_restores_text_exactly():
    doc = Document(RAW, spans=[span(RAW, "Both men shake hands (Photo: AP) ")])
    sid = doc.spans[0].id
    doc.set_decision(sid, "keep")
    assert doc.cleaned == RAW
    doc.set_decision(sid, None)
    assert "Photo" not in doc.cleaned


def test_toggle_flips_and_records_time():
    doc = Document(RAW, spans=[span(RAW, "(Photo: AP)")])
    s = doc.spans[0]
    assert doc.toggle(s.id) == "keep"
    assert s.decision == "keep" and s.user_decision == "keep" and s.decided_at
    assert doc.toggle(s.id) == "remove"
    assert s.removed


def test_low_confidence_span_is_kept_and_flagged():
    s = Span(0, 3, Category.PROMO, "r", "why", "d", 0.4, auto_decision="keep")
    doc = Document("abc def", spans=[s])
    assert doc.cleaned == "abc def"
    assert s.needs_review


def test_observers_hear_every_change():
    doc = Document(RAW, spans=[span(RAW, "(Photo: AP)")])
    heard: list[Change] = []
    doc.subscribe(heard.append)
    doc.toggle(doc.spans[0].id)
    added = doc.add_user_span(RAW.index("More"), RAW.index("More") + 14, Category.RELATED)
    doc.delete_span(added.id)
    assert [c.kind for c in heard] == ["decision", "span_added", "span_deleted"]
    assert heard[1].span_ids == (added.id,)


def test_user_span_is_removed_and_marked_user():
    doc = Document(RAW)
    s = doc.add_user_span(RAW.index("More"), RAW.index("More") + 14)
    assert s.origin == "user" and s.rule == "user.selection"
    assert "Trending" not in doc.cleaned


def test_span_outside_text_is_refused():
    with pytest.raises(ValueError, match="outside text"):
        Document("abc", spans=[Span(2, 9, Category.USER, "r", "w", "d", 1.0)])


def test_edits_apply_and_can_be_disabled():
    raw = "CafÃ© au lait."
    edit = Edit(3, 5, "é", "mojibake.ftfy", "fix")
    doc = Document(raw, edits=[edit])
    assert doc.cleaned == "Café au lait."
    doc.set_edit_enabled(edit.id, False)
    assert doc.cleaned == raw


def test_edit_inside_removed_span_is_dropped():
    raw = "Good text. CafÃ© promo line. More good text."
    doc = Document(raw, spans=[span(raw, "CafÃ© promo line. ", Category.PROMO)],
                   edits=[Edit(raw.index("Ã"), raw.index("Ã") + 2, "é", "m", "fix")])
    assert doc.cleaned == "Good text. More good text."


def test_offset_maps_point_at_the_same_characters():
    doc = Document(RAW, spans=[span(RAW, "Both men shake hands (Photo: AP) ")])
    cleaned = doc.cleaned
    for j, ch in enumerate(cleaned):
        assert RAW[doc.clean_to_raw(j)] == ch
    talks = RAW.index("Talks")
    assert cleaned[doc.raw_to_clean(talks):].startswith("Talks")
    # removed text maps to the seam
    assert doc.raw_to_clean(RAW.index("Photo")) == cleaned.index("Talks")


def test_span_dict_round_trip():
    s = span(RAW, "(Photo: AP)", element="div > p", source_line=3)
    s.user_decision = "keep"
    again = Span.from_dict(s.to_dict())
    assert again.to_dict() == s.to_dict()


def test_overlapping_user_spans_union():
    raw = "one two three four five"
    cleaned, _ = derive_cleaned(raw, [(4, 13), (8, 19)], [])
    assert cleaned == "one five"


def test_stats_count_removed_chars_per_category():
    doc = Document(RAW, spans=[span(RAW, "(Photo: AP)"), span(RAW, "More: Trending",
                                                          Category.RELATED, 0.5,
                                                          auto_decision="keep")])
    stats = doc.stats()
    assert stats["removed_chars_per_category"] == {"caption": len("(Photo: AP)")}
    assert stats["spans_per_category"] == {"caption": 1, "related": 1}
    assert stats["to_review"] == 1


def test_review_flags():
    article = "The council approved the new budget on Tuesday after a long debate. " * 5
    doc = Document(article)
    assert doc.review_flags() == []
    code = "window.x = function () { return 1; };"
    raw = article + "\n" + code
    flagged = Document(raw, spans=[span(raw, code, Category.SCRIPT)])
    assert flagged.review_flags() == ["leaked script was found"]
    tiny = Document("Menu\nHome\nShort.", spans=[Span(0, 9, Category.NAVIGATION, "r", "w", "d",
                                                       0.5, auto_decision="keep")])
    assert tiny.review_flags()[0].startswith("very little text kept")


def test_replace_spans_is_one_change_and_keeps_given_ids():
    caption, promo = span(RAW, "(Photo: AP)"), span(RAW, "More: Trending", Category.RELATED)
    doc = Document(RAW, spans=[caption])
    heard: list[Change] = []
    doc.subscribe(heard.append)
    old_id = caption.id
    added = doc.replace_spans([old_id], [promo])
    assert [c.kind for c in heard] == ["spans_replaced"]
    assert heard[0].removed_ids == (old_id,) and heard[0].span_ids == (added[0].id,)
    assert "Photo" in doc.cleaned and "Trending" not in doc.cleaned
    # Putting the old span back (undo) gives it its id again.
    doc.replace_spans([added[0].id], [caption])
    assert [s.id for s in doc.spans] == [old_id] and "Photo" not in doc.cleaned


def test_copy_with_changes_only_the_given_fields():
    s = span(RAW, "(Photo: AP)", element="div > p", source_line=3, id=7)
    s.user_decision = "keep"
    copy = s.copy_with(start=1, confidence=0.5)
    assert copy is not s and (s.start, s.confidence) != (1, 0.5)
    assert copy.to_dict() == {**s.to_dict(), "start": 1, "confidence": 0.5}


def test_spans_are_kept_by_start_longest_first_then_by_id():
    def make(start: int, end: int) -> Span:
        return Span(start, end, Category.PROMO, "r", "why", "d", 0.9)

    doc = Document("abcdefghij", spans=[make(2, 4), make(0, 3), make(2, 6), make(2, 4), make(5, 9)])
    assert [(s.start, s.end, s.id) for s in doc.spans] == [
        (0, 3, 1), (2, 6, 2), (2, 4, 0), (2, 4, 3), (5, 9, 4)]
    in_order = Document("abcdefghij", spans=[make(0, 3), make(3, 5), make(7, 9)])
    assert [s.id for s in in_order.spans] == [0, 1, 2]
