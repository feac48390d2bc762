"""What a structural detector reports: an element that is not article text, and why."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Category


@dataclass(slots=True)
class Finding:
    """Element ``node`` (an index into ``Page.nodes``) is not article text.

    ``hard`` findings (scripts, styles, hidden elements) hold for any element;
    soft ones (landmarks, class names) are overruled when the element turns
    out to hold the article itself.
    """

    node: int
    rule: str
    category: Category
    reason: str
    detector: str
    confidence: float = 0.9
    hard: bool = False
    #: Strong findings are overruled only on an element that holds the
    #: article's own markup (<article>, <main>, itemprop=articleBody…).
    strong: bool = False
    #: Found by the shape of its children (a list of short <article> stories
    #: beside another story): its own or its items' article markup does not
    #: overrule it.
    by_shape: bool = False
