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
#: The article a list of stories stands beside holds at least this much text.
MIN_STORY_CHARS = 200
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
    out.extend(_story_lists(page))
    return out


def _story_lists(page: Page) -> list[Finding]:
    """``html.story_list``: three or more short sibling <article>s beside an article.

    An <article> is a self-contained story; several short ones side by side
    are a list of stories ("you may also like", the latest posts), whatever
    they open with, when the page holds another <article> with prose of its
    own: that one is the story the page is about.  (A live blog made only
    of short <article>s has no such other story, and keeps all of them.)
    """
    nodes = page.nodes
    siblings: dict[int, list[int]] = {}
    for i, node in enumerate(nodes):
        if node.tag == "article" and node.last > node.first:
            siblings.setdefault(node.parent, []).append(i)
    lists: list[tuple[int, int]] = []  # (parent, number of items)
    in_item = [False] * len(nodes)
    for parent, items in siblings.items():
        if len(items) < MIN_ITEMS or parent < 0:
            continue
        short = sum(1 for c in items if _chars(page, c) <= MAX_ITEM_CHARS)
        if short >= MIN_ITEMS and short >= 0.6 * len(items):
            lists.append((parent, len(items)))
            for c in items:
                in_item[c] = True
    if not lists:
        return []
    for i, node in enumerate(nodes):
        if node.parent >= 0 and in_item[node.parent]:
            in_item[i] = True
    lists.sort()
    out = []
    articles = [i for i, node in enumerate(nodes) if node.tag == "article" and not in_item[i]]
    for parent, count in lists:
        if in_item[parent]:
            continue
        p_first, p_last = nodes[parent].first, nodes[parent].last
        if not any(_chars(page, a) - (_chars(page, parent) if nodes[a].first <= p_first
                                      and p_last <= nodes[a].last else 0) >= MIN_STORY_CHARS
                   for a in articles if a != parent):
            continue
        out.append(Finding(parent, "html.story_list", Category.RELATED,
                           f"A list of {count} short stories (<article> elements) beside the "
                           "article: related or latest posts.", "html.teasers", 0.8,
                           strong=True, by_shape=True))
    return out


def _chars(page: Page, index: int) -> int:
    rng = page.span_of(index)
    return 0 if rng is None else rng[1] - rng[0]


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
