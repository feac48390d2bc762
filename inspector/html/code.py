"""``html.script``, ``html.style``, ``html.embedded``, ``html.head``: text no reader sees."""

from __future__ import annotations

from ..model import Category
from .findings import Finding
from .parse import Page

_EMBEDDED = {
    "noscript": "Fallback shown only when JavaScript is off (<noscript>).",
    "template": "Template markup for scripts, never shown (<template>).",
    "iframe": "Text of an embedded frame (<iframe>).",
    "svg": "Text inside a vector graphic (<svg>).",
    "object": "Fallback text of an embedded object (<object>).",
    "embed": "Fallback text of an embedded object (<embed>).",
    "canvas": "Fallback text of a drawing canvas (<canvas>).",
    "video": "Fallback text of a video player (<video>).",
    "audio": "Fallback text of an audio player (<audio>).",
    "math": "Formula markup (<math>).",
}


def detect(page: Page) -> list[Finding]:
    out: list[Finding] = []
    for i, node in enumerate(page.nodes):
        tag = node.tag
        if tag == "script":
            kind = node.attrs.get("type", "").lower()
            reason = ("Structured data for search engines (JSON-LD); kept in the metadata."
                      if "json" in kind else "Script code (<script>), never shown to readers.")
            out.append(Finding(i, "html.script", Category.SCRIPT, reason, "html.script", 1.0,
                               hard=True))
        elif tag == "style":
            out.append(Finding(i, "html.style", Category.STYLE,
                               "Style sheet (<style>), never shown to readers.", "html.style",
                               1.0, hard=True))
        elif tag in _EMBEDDED:
            out.append(Finding(i, "html.embedded", Category.ARTIFACT, _EMBEDDED[tag],
                               "html.embedded", 0.95, hard=True))
        elif tag == "head":
            out.append(Finding(i, "html.head", Category.METADATA_LINE,
                               "The page's <head> (its title is kept in the metadata).",
                               "html.head", 1.0, hard=True))
    return out
