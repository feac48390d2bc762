"""A review report an editor can open offline: one self-contained HTML file.

For every document: the raw text with each span marked by category (removed
spans struck through, kept ones underlined, the person's own decisions
marked as such), the cleaned text, a legend, metadata and counts.  No
external resources and no scripts: it opens in any browser and prints well.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime, timezone

from . import __version__
from .model import Category, Document, Span

#: Okabe–Ito colours, the same safe palette the GUI uses.
COLOURS = {
    Category.SCRIPT: "#0072B2", Category.STYLE: "#56B4E9", Category.VIDEO_FALLBACK: "#E69F00",
    Category.CAPTION: "#009E73", Category.NAVIGATION: "#999999", Category.RELATED: "#56B4E9",
    Category.PROMO: "#CC79A7", Category.SOCIAL: "#D55E00", Category.LEGAL: "#F0E442",
    Category.SOURCE_LINK: "#999999", Category.METADATA_LINE: "#999999",
    Category.ARTIFACT: "#999999", Category.DUPLICATE: "#999999", Category.USER: "#D55E00",
}

_CSS = """
body { font: 15px/1.5 Georgia, serif; margin: 2em auto; max-width: 70em; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-top: 2px solid #333; padding-top: .6em; }
.meta td { padding: 0 1em 0 0; vertical-align: top; }
.legend span { display: inline-block; margin: 0 .8em .3em 0; padding: 0 .4em; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; }
pre { white-space: pre-wrap; word-wrap: break-word; font: inherit; margin: 0; }
.span { border-radius: 2px; }
.span.removed { text-decoration: line-through; text-decoration-color: #0006; }
.span.kept { background: none !important; border-bottom: 2px dashed; }
.span .tag { font: 10px/1 sans-serif; vertical-align: super; color: #333; }
.span.user::after { content: " ✎"; font: 10px sans-serif; }
@media print { .cols { grid-template-columns: 1fr; } h2 { break-before: page; } }
"""


def _style(span: Span) -> str:
    colour = COLOURS.get(span.category, "#999999")
    if span.removed:
        return f"background:{colour}55"
    return f"border-color:{colour}"


def _marked_raw(doc: Document) -> str:
    """The raw text with every span wrapped; overlapping spans nest outermost first."""
    out: list[str] = []
    pos = 0
    for span in sorted(doc.spans, key=lambda s: (s.start, -s.end)):
        if span.start < pos:
            continue  # overlaps an earlier span (a person's selection): shown once
        out.append(html.escape(doc.raw[pos:span.start]))
        classes = ["span", "removed" if span.removed else "kept"]
        if span.user_decision is not None or span.origin == "user":
            classes.append("user")
        title = (f"{span.category.value} · {span.rule} · {span.reason} · confidence "
                 f"{span.confidence:.2f} · {span.decision}"
                 + (" (by the person)" if span.user_decision or span.origin == "user" else ""))
        out.append(f'<span class="{" ".join(classes)}" style="{_style(span)}" '
                   f'title="{html.escape(title)}" data-category="{span.category.value}">'
                   f'<span class="tag">{html.escape(span.category.value)}</span>'
                   f"{html.escape(doc.raw[span.start:span.end])}</span>")
        pos = span.end
    out.append(html.escape(doc.raw[pos:]))
    return "".join(out)


def _document_section(n: int, name: str, doc: Document) -> str:
    meta = doc.metadata
    stats = doc.stats()
    rows = [("Source", name), ("Title", meta.title), ("Date", meta.date), ("Author", meta.author),
            ("URL", meta.url), ("Language", meta.language), ("Encoding", meta.encoding),
            ("SHA-256", meta.sha256),
            ("Characters", f"{stats['raw_chars']} raw → {stats['clean_chars']} cleaned"),
            ("Spans", f"{stats['spans']} ({stats['removed_spans']} removed, "
                      f"{stats['to_review']} to review)"),
            ("Your decisions", str(sum(1 for s in doc.spans
                                       if s.user_decision or s.origin == "user")))]
    table = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
                    for k, v in rows if v)
    captions = "".join(f"<li>{html.escape(c.text)} <em>({html.escape(c.credit)})</em></li>"
                       for c in meta.captions)
    return (f'<section id="doc{n}"><h2>{html.escape(meta.title or name)}</h2>'
            f'<table class="meta">{table}</table>'
            + (f"<h3>Captions kept aside</h3><ul>{captions}</ul>" if captions else "")
            + '<div class="cols"><div><h3>Raw, with every span</h3>'
            f'<pre class="raw">{_marked_raw(doc)}</pre></div>'
            f'<div><h3>Cleaned</h3><pre class="cleaned">{html.escape(doc.cleaned)}</pre></div>'
            "</div></section>")


def render(documents: Iterable[tuple[str, Document]], title: str = "Review report") -> str:
    sections = [_document_section(n, name, doc) for n, (name, doc) in enumerate(documents, 1)]
    legend = "".join(
        f'<span style="background:{colour}55">{html.escape(cat.value.replace("_", " "))}</span>'
        for cat, colour in COLOURS.items())
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{len(sections)} document(s), made {stamp} by Article Inspector {__version__}. "
        "Struck-through spans were removed, underlined ones kept; ✎ marks a person's "
        "decision. Hover a span for its rule and reason.</p>"
        f'<p class="legend">{legend}</p>' + "".join(sections) + "</body></html>\n")
