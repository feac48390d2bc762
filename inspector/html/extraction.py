"""From a page to spans: run the structural detectors and find the article."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import language
from ..model import Category, Metadata, Span
from ..rules import RuleSet
from . import code, hidden, landmarks, names, teasers
from .blocks import Block, label_blocks, split_blocks
from .findings import Finding
from .main import find_main
from .metadata import read_metadata
from .parse import Page, parse

#: Structural detectors, in order; each returns findings on elements.
DETECTORS = (code.detect, hidden.detect, landmarks.detect, names.detect, teasers.detect)
_NOT_PROSE = frozenset(("script", "style", "head", "title", "noscript", "template", "svg"))


@dataclass
class Extraction:
    page: Page
    raw: str
    spans: list[Span] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)
    root: int = -1
    blocks: list[Block] = field(default_factory=list)


def _stopwords(page: Page, blocks: list[Block], rules: RuleSet) -> frozenset[str]:
    parts: list[str] = []
    total = 0
    nodes = page.nodes
    for b in blocks:
        if b.chars >= 60 and nodes[b.owner].tag not in _NOT_PROSE:
            parts.append(page.raw[b.start:b.end])
            total += b.chars
            if total > 6000:
                break
    _, stop = language.guess("\n".join(parts) or page.raw[:6000], rules)
    return stop


def extract(text: str, rules: RuleSet, metadata: Metadata | None = None) -> Extraction:
    page = parse(text)
    result = Extraction(page, page.raw)
    if metadata is not None:
        read_metadata(page, metadata)
    if not page.nodes or not page.raw:
        return result
    blocks = split_blocks(page)
    stop = _stopwords(page, blocks, rules)
    label_blocks(page, blocks, stop)
    findings: list[Finding] = []
    for det in DETECTORS:
        findings.extend(det(page))
    main = find_main(page, blocks, findings)
    result.root = main.root
    result.blocks = blocks
    spans = [_span(page, f.node, page.span_of(f.node), f.category, f.rule, f.reason,
                   f.detector, f.confidence) for f in main.findings]
    for rng, node, category, rule, reason, conf in main.extra:
        spans.append(_span(page, node, rng, category, rule, reason, "html.main", conf))
    result.spans = [s for s in spans if s.end > s.start]
    result.excluded = _union([(s.start, s.end) for s in result.spans
                              if s.auto_decision == "remove"])
    if metadata is not None and main.byline and not metadata.author:
        metadata.author = main.byline
    return result


def _span(page: Page, node: int, rng: tuple[int, int] | None, category: Category, rule: str,
          reason: str, detector: str, confidence: float) -> Span:
    start, end = rng or (0, 0)
    return Span(start, end, category, rule, reason, detector, confidence,
                auto_decision="remove" if confidence >= 0.6 else "keep",
                element=page.css_path(node) if node >= 0 else None,
                source_line=page.nodes[node].line if node >= 0 else None)


def _union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
