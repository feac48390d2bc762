"""The one code-point ↔ Qt position converter, checked against a real QTextDocument."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.gui.positions import PositionMap, changed_region
from inspector.gui.qt import QtGui

# Letters, emoji and other astral characters, U+2028/U+2029, CR and LF.
CHARS = st.sampled_from([*list("ab é\n\r\t"), "😀", "👍🏽", "𝔄", "\u2028", "\u2029", "中"])
TEXTS = st.lists(CHARS, max_size=40).map("".join)
QUICK = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def qt_document(text: str) -> QtGui.QTextDocument:
    doc = QtGui.QTextDocument()
    doc.setPlainText(text)
    return doc


@QUICK
@given(TEXTS)
def test_every_character_lands_on_its_qt_position(qapp, text):
    pm = PositionMap(text)
    doc = qt_document(text)
    assert pm.qt_length == doc.characterCount() - 1
    for cp, char in enumerate(text):
        q = pm.to_qt(cp)
        if char == "\r" and text[cp + 1:cp + 2] == "\n":
            assert pm.to_qt(cp + 1) == q  # the pair is one separator in Qt
            continue
        got = doc.characterAt(q)
        if char in "\n\r\u2029":
            assert got == "\u2029"  # block separator
        elif ord(char) > 0xFFFF:
            high = 0xD800 + ((ord(char) - 0x10000) >> 10)
            assert ord(got) == high  # the first of the surrogate pair
        else:
            assert got == char


@QUICK
@given(TEXTS)
def test_round_trip_and_monotone(qapp, text):
    pm = PositionMap(text)
    previous = -1
    for cp in range(len(text) + 1):
        q = pm.to_qt(cp)
        assert q >= previous
        previous = q
        crlf_tail = cp > 0 and text[cp - 1:cp + 1] == "\r\n"
        assert pm.to_cp(q) == (cp - 1 if crlf_tail else cp)
    for q in range(pm.qt_length + 1):
        assert 0 <= pm.to_cp(q) <= len(text)
        assert pm.to_qt(pm.to_cp(q)) <= q  # the middle of a surrogate pair rounds down


def test_examples():
    pm = PositionMap("a😀b\u2028c")
    assert [pm.to_qt(i) for i in range(6)] == [0, 1, 3, 4, 5, 6]
    assert pm.to_cp(2) == 1  # inside the emoji
    assert PositionMap("plain ascii").trivial


@QUICK
@given(TEXTS, TEXTS)
def test_changed_region_replays_in_qt(qapp, old, new):
    """Replacing only the changed region in a QTextDocument yields the new text."""
    start, old_end, new_end = changed_region(old, new)
    assert old[:start] + new[start:new_end] + old[old_end:] == new
    doc = qt_document(old)
    pm = PositionMap(old)
    cursor = QtGui.QTextCursor(doc)
    cursor.setPosition(pm.to_qt(start))
    cursor.setPosition(pm.to_qt(old_end), QtGui.QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[start:new_end])
    assert doc.toPlainText() == qt_document(new).toPlainText()


@QUICK
@given(TEXTS, TEXTS)
def test_incremental_map_equals_a_fresh_one(old, new):
    start, old_end, new_end = changed_region(old, new)
    fresh = PositionMap(new)
    updated = PositionMap(old).replaced(new, start, old_end, new_end)
    assert updated.qt_length == fresh.qt_length
    assert [updated.to_qt(i) for i in range(len(new) + 1)] == \
        [fresh.to_qt(i) for i in range(len(new) + 1)]
