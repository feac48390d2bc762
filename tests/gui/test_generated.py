"""A larger generated document (the benchmark's generator, smaller): highlighting is complete
as soon as the document is set, and stays exact through toggles and undo."""

from __future__ import annotations

import random

from inspector.gui.bench import generate
from inspector.gui.highlight import highlighted_ranges


def test_generated_document(window):
    doc = generate(size=60_000, spans=300, seed=3)
    window.set_document(doc)
    painted = {sid for sid, _s, _e, removed in highlighted_ranges(window.raw.document())
               if removed}
    assert painted == {s.id for s in doc.spans if s.removed}
    rng = random.Random(5)
    for span in rng.sample(doc.spans, 20):
        window.session.toggle(span.id)
        assert window.clean.toPlainText() == doc.cleaned
    while window.session.undo_stack.canUndo():
        window.session.undo_stack.undo()
    assert window.clean.toPlainText() == doc.cleaned
    painted = {sid for sid, _s, _e, removed in highlighted_ranges(window.raw.document())
               if removed}
    assert painted == {s.id for s in doc.spans if s.removed}
    assert not window.isWindowModified()
