"""``html.hidden``: elements the page never shows (hidden attribute, inline styles)."""

from __future__ import annotations

import re

from ..model import Category
from .findings import Finding
from .parse import Page

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def detect(page: Page) -> list[Finding]:
    out: list[Finding] = []
    for i, node in enumerate(page.nodes):
        attrs = node.attrs
        if not attrs:
            continue
        why = None
        if "hidden" in attrs:
            why = "Hidden element (the hidden attribute): readers never see it."
        elif attrs.get("aria-hidden", "").lower() == "true" and node.tag not in ("body", "html"):
            why = "Element hidden from readers and screen readers (aria-hidden)."
        elif "style" in attrs and _HIDDEN_STYLE.search(attrs["style"]):
            why = "Element hidden by its inline style (display:none or visibility:hidden)."
        elif node.tag == "input" and attrs.get("type", "").lower() == "hidden":
            why = "Hidden form field."
        if why:
            out.append(Finding(i, "html.hidden", Category.ARTIFACT, why, "html.hidden", 0.9,
                               hard=True))
    return out
