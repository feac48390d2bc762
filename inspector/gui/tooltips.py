"""What hovering a span or a repair says (also used by the span list)."""

from __future__ import annotations

from html import escape

from inspector.model import REMOVE_AT, REVIEW_BELOW, Edit, Span

from .palette import CATEGORY_COLOURS, LABELS


def decision_text(span: Span) -> str:
    word = "Removed" if span.removed else "Kept"
    if span.user_decision is not None:
        return f"{word} (by you)"
    return word


def span_tooltip(span: Span) -> str:
    colour = CATEGORY_COLOURS[span.category]
    lines = [
        f"<b><span style='color:{colour}'>■</span> {escape(LABELS[span.category])}</b>"
        f" — {decision_text(span)}",
        escape(span.reason),
        f"Rule <code>{escape(span.rule)}</code> · confidence {span.confidence:.2f}",
    ]
    if span.needs_review:
        if span.confidence < REMOVE_AT:
            lines.append("<i>To review: not sure enough to remove, so the text was kept.</i>")
        else:
            lines.append(f"<i>To review: confidence below {REVIEW_BELOW:.2f}.</i>")
    if span.element:
        where = escape(span.element)
        if span.source_line is not None:
            where += f" (line {span.source_line})"
        lines.append(f"Element <code>{where}</code>")
    lines.append("<small>Click or press Space to toggle.</small>")
    return "<br>".join(lines)


def edit_tooltip(edit: Edit, raw: str) -> str:
    before = escape(raw[edit.start:edit.end])
    after = escape(edit.replacement)
    state = "applied" if edit.enabled else "not applied"
    return (f"<b>Repair</b> ({state}) — {escape(edit.reason)}<br>"
            f"<code>{before}</code> → <code>{after}</code><br>"
            f"Rule <code>{escape(edit.rule)}</code>")
