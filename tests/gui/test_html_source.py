"""HTML inputs: the read-only page source around the selected span (Ctrl+U)."""

from __future__ import annotations

from pathlib import Path

from inspector.gui.qt import QtCore
from inspector.model import Category, Document, Metadata, Span

PAGE = """<!doctype html>
<html><head><title>Sommet</title>
<script>window.fbApi = function () { return vrai; };</script>
</head><body>
<article><p>Kim Jong-un a rencontré Vladimir Poutine.</p>
<figure><figcaption>Les deux hommes (Photo : AP)</figcaption></figure>
</article></body></html>
"""


def html_doc(path: Path) -> Document:
    raw = ("Sommet\nwindow.fbApi = function () { return vrai; };\n"
           "Kim Jong-un a rencontré Vladimir Poutine.\nLes deux hommes (Photo : AP)\n")
    script = raw.index("window")
    caption = raw.index("Les deux")
    spans = [
        Span(script, raw.index("\n", script), Category.SCRIPT, "html.script", "A script element.",
             "html", 1.0, element="html > head > script", source_line=3),
        Span(caption, raw.index("\n", caption), Category.CAPTION, "caption.credit",
             "Caption ending in a credit.", "captions", 0.9,
             element="html > body > article > figure > figcaption", source_line=6),
    ]
    return Document(raw, kind="html", spans=spans,
                    metadata=Metadata(title="Sommet", source_path=str(path), encoding="utf-8"))


def test_html_source_follows_the_selected_span(qtbot, window, tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    doc = html_doc(page)
    window.set_document(doc, page)
    assert window.raw_tabs.isTabEnabled(1)
    window.focus_span(doc.spans[1].id)
    window.raw.setFocus()
    qtbot.keyClick(window.raw, QtCore.Qt.Key.Key_U, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.raw_tabs.currentWidget() is window.html
    assert window.html.textCursor().blockNumber() == 5  # line 6
    selections = window.html.extraSelections()
    marked = selections[0].cursor.block().text()
    assert "figcaption" in marked
    qtbot.keyClick(window.html, QtCore.Qt.Key.Key_P)  # previous span: the script
    selections = window.html.extraSelections()
    assert "<script>" in selections[0].cursor.block().text()
    tip = window.raw.tooltip_at(doc.spans[0].start + 1)
    assert "html &gt; head &gt; script" in tip and "line 3" in tip
    qtbot.keyClick(window.html, QtCore.Qt.Key.Key_U, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.raw_tabs.currentWidget() is window.raw


def test_text_inputs_have_no_html_tab(loaded):
    assert not loaded.raw_tabs.isTabEnabled(1)
    assert not loaded.act_html.isEnabled()
