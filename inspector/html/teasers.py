"""``html.teasers``: lists of story teasers (a headline link, perhaps a summary), repeated.

"More stories", "Latest news" and similar boxes are rarely named in a way a
word list can catch, but their shape is unmistakable: three or more sibling
elements of the same kind, each opening with a link (the headline) and each
short.  The summaries under the headlines read like prose, which is why a
prose score alone keeps them.
"""

from __future__ import annotations

from ..model import Category
from .blocks import WIDE
from .findings import Finding
from .parse import Page

MIN_ITEMS = 3
MAX_ITEM_CHARS = 700
#: A headline is a link of at least this many characters (two short words;
#: a Chinese or Japanese character counts as two).
MIN_HEADLINE = 10
#: Teasers are boxes; paragraphs that open with a link are article text.
ITEM_TAGS = frozenset(("li", "article", "div", "section", "aside", "dl"))


def detect(page: Page) -> list[Finding]:
    nodes = page.nodes
    out: list[Finding] = []
    for i, node in enumerate(nodes):
        children = node.children
        if len(children) < MIN_ITEMS:
            continue
        groups: dict[tuple[str, str], list[int]] = {}
        for c in children:
            child = nodes[c]
            if child.last > child.first and child.tag in ITEM_TAGS:
                cls = child.attrs.get("class", "").split()
                groups.setdefault((child.tag, cls[0] if cls else ""), []).append(c)
        for items in groups.values():
            if len(items) < MIN_ITEMS:
                continue
            teasers = sum(1 for c in items if _is_teaser(page, c))
            if teasers >= MIN_ITEMS and teasers >= 0.6 * len(items):
                out.append(Finding(i, "html.teasers", Category.RELATED,
                                   f"A list of {teasers} story teasers (a headline link and a "
                                   "short summary each), not the article.", "html.teasers",
                                   0.8, strong=True))
                break
    return out


def _is_teaser(page: Page, index: int) -> bool:
    node = page.nodes[index]
    rng = page.span_of(index)
    if rng is None or rng[1] - rng[0] > MAX_ITEM_CHARS:
        return False
    # One of the item's first blocks is a link of a few words (the
    # headline), and more follows it (a summary, a date): a bare link is a
    # link list's job, a paragraph that opens with a link is article text.
    k = node.first
    for _ in range(3):
        if k >= node.last:
            return False
        block = page.piece_block[k]
        link = total = 0
        first = page.piece_start[k]
        while k < node.last and page.piece_block[k] == block:
            n = page.piece_end[k] - page.piece_start[k]
            total += n
            if page.piece_link[k]:
                link += n
            k += 1
        if link >= 0.9 * total and (total >= MIN_HEADLINE or total + len(
                WIDE.findall(page.raw, first, page.piece_end[k - 1])) >= MIN_HEADLINE):
            return k < node.last
    return False
