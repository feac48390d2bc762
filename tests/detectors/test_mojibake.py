"""ftfy repairs are edits with exact offsets and a reason; clean text gets none."""

from __future__ import annotations

import inspector
from inspector.detectors.mojibake import find_edits


def test_utf8_read_as_latin1_is_repaired_with_offsets():
    raw = "Le prÃ©sident a dÃ©clarÃ© â€” sans dÃ©tour â€” que câ€™Ã©tait fini."
    edits = find_edits(raw)
    assert edits and all(e.rule == "mojibake.ftfy" and "ftfy" in e.reason for e in edits)
    for e in edits:
        assert raw[e.start:e.end] != e.replacement
    doc = inspector.Document(raw, edits=edits)
    assert doc.cleaned == "Le président a déclaré — sans détour — que c’était fini."


def test_disabling_an_edit_restores_the_original_characters():
    raw = "CafÃ© crÃ¨me"
    doc = inspector.inspect(raw, kind="text")
    assert doc.cleaned == "Café crème"
    for edit in doc.edits:
        doc.set_edit_enabled(edit.id, False)
    assert doc.cleaned == raw


def test_correct_text_in_many_scripts_is_left_alone():
    raw = ("Größe, café, naïve, Ελληνικά, Русский, 日本語, العربية, emoji 😀, "
           "« guillemets », ’apostrophe’, ﬁ ligature, ＦＵＬＬ width, &amp; entity")
    assert find_edits(raw) == []


def test_the_byte_precheck_agrees_with_the_per_line_pattern():
    from inspector.detectors.mojibake import _SUSPECT, _may_hold_mojibake

    for text in ["plain ascii", "café", "Ã©", "â€™", "Ã\u00a0", "Ã€", "\ufffd", "ô¢", "õ¢",
                 "Â\u2122", "Â\u2123", "ÃA", "\ud800Ã©", "café \ufffd", "\ud800\ufffd", "\uffef"]:
        assert _may_hold_mojibake(text) == bool(_SUSPECT.search(text)), text
