"""inspect(): load → detect → resolve → Document."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from . import language
from .detectors import REGISTRY, Context
from .model import Document, Metadata, Span
from .resolve import resolve
from .rules import RuleSet, load_rules
from .sources import load
from .sources.text import DEFAULT_MAX_BYTES


def inspect(
    source: str | bytes | os.PathLike[str],
    kind: str = "auto",
    *,
    rules: RuleSet | None = None,
    rule_files: Sequence[str | Path] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Document:
    """Inspect a scrape and return a :class:`Document` with every decision explained.

    ``source`` is a path, bytes, or the text itself; ``kind`` is ``"text"``,
    ``"html"`` or ``"auto"`` (sniffed from the content).
    """
    loaded = load(source, kind=kind, max_bytes=max_bytes, name=name)
    ruleset = rules if rules is not None else load_rules(tuple(rule_files))
    metadata = Metadata(source_path=loaded.path, sha256=loaded.sha256,
                        encoding=loaded.encoding)
    if loaded.kind == "html":
        try:
            from .html import inspect_html
        except ImportError:
            # No structural HTML mode installed: clean the page's text layer
            # (every text node of <body>, scripts included) with the text
            # detectors, which find leaked script and menus on their own.
            return inspect_text(html_text_layer(loaded.text), ruleset, metadata, kind="html")
        return inspect_html(loaded.text, ruleset, metadata)
    return inspect_text(loaded.text, ruleset, metadata, utf8=loaded.utf8)


def html_text_layer(html: str) -> str:
    """Every text node of the page's ``<body>``, in document order, one per line."""
    import re

    from lxml import etree
    from lxml import html as lxml_html

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    body = tree.find(".//body")
    root = body if body is not None else tree
    nodes = [str(t) for t in root.itertext()]
    return "\n".join(nodes) if nodes else html


def inspect_text(
    raw: str,
    rules: RuleSet,
    metadata: Metadata | None = None,
    *,
    kind: str = "text",
    excluded: Sequence[tuple[int, int]] = (),
    upstream: Sequence[Span] = (),
    utf8: bytes | None = None,
) -> Document:
    """Run the text detectors over ``raw`` (minus ``excluded`` ranges).

    HTML mode calls this with the page's text layer, the ranges its structural
    detectors already removed, and their spans as ``upstream``.  ``utf8`` is
    ``raw.encode("utf-8")`` if the caller has it (the bytes it was read from).
    """
    metadata = metadata or Metadata()
    ctx = Context(raw=raw, rules=rules, kind=kind, metadata=metadata,
                  excluded=sorted(excluded))
    if utf8 is not None:
        ctx.cache["utf8"] = utf8
    ctx.language, ctx.stopwords = language.guess(raw, rules, lowered=ctx.lowered)
    if metadata.language is None:
        metadata.language = ctx.language
    # Rules a person limited to one language run only on documents in it.
    ctx.rules = rules.for_language(metadata.language)
    for func in REGISTRY.values():
        ctx.found.extend(func(ctx))
    spans: list[Span] = [*upstream, *ctx.found]
    from .detectors.mojibake import find_edits

    edits = find_edits(raw, ctx.excluded, ctx.utf8)
    resolved = resolve(spans, ctx)
    _align_captions(raw, metadata, resolved)
    return Document(raw, kind="html" if kind == "html" else "text",
                    spans=resolved, edits=edits, metadata=metadata)


def _align_captions(raw: str, metadata: Metadata, spans: Sequence[Span]) -> None:
    """Captions kept in metadata hold exactly what their final span covers.

    A caption may lose its first words to an overlapping notice when spans
    are resolved ("vidéo Les deux hommes… (Photo : AP)"); the metadata
    should not keep the notice's words as part of the caption.
    """
    if not metadata.captions:
        return  # most pages: no need to look through their spans
    ends = {s.end: s for s in spans if s.detector == "captions"}
    for caption in metadata.captions:
        span = ends.get(caption.end)
        if span is None or span.start == caption.start:
            continue
        text = raw[span.start:span.end]
        cut = text.rfind(caption.credit) if caption.credit else -1
        caption.text = (text[:cut] if cut >= 0 else text).rstrip(" (\n\t").strip()
        caption.start = span.start
