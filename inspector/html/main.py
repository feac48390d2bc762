"""``html.outside``, ``html.link_density``, ``html.headline``: where the article is.

The article is taken to be the element whose blocks' prose scores add up
best (prose counts for it, link lists and fragments against it), once the
elements named as furniture by the structural detectors are set aside.
Everything outside it is removed with one reason; inside it, link lists
and the headline (kept in the metadata) are removed too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Category
from .blocks import Block
from .findings import Finding
from .names import is_content
from .parse import HEADINGS, Node, Page

#: A furniture finding on an element holding at least this share of the
#: page's prose is overruled: that element is the article's container.
VETO_SHARE = 0.5
#: Related boxes are links and teasers, promotions are a pitch and a button:
#: prose with fewer links than this is neither.
PLAIN_LINKS = 0.1
PLAIN_PROSE_VETO = frozenset((Category.RELATED, Category.PROMO))
#: Sibling <article> elements this many or more are items of a list of stories.
LIST_OF_STORIES = 3
_WORD = re.compile(r"\w+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|par|von|por|di|door|de)\s+", re.IGNORECASE)

Extra = tuple[tuple[int, int], int, Category, str, str, float]


@dataclass
class Main:
    root: int
    findings: list[Finding]
    extra: list[Extra] = field(default_factory=list)
    byline: str | None = None


def find_main(page: Page, blocks: list[Block], findings: list[Finding]) -> Main:
    nodes = page.nodes
    n = len(nodes)
    parent = [node.parent for node in nodes]
    hard = [False] * n
    for f in findings:
        if f.hard:
            hard[f.node] = True
    for i in range(1, n):
        if parent[i] >= 0 and hard[parent[i]]:
            hard[i] = True
    # Prose mass per subtree (hidden and script text aside), and whether a
    # subtree holds the article's own markup.
    good = [0.0] * n
    chars = [0] * n
    links = [0] * n
    for b in blocks:
        if not hard[b.owner]:
            chars[b.owner] += b.chars
            links[b.owner] += b.link_chars
            if b.score > 0:
                good[b.owner] += b.score
    own_mark = _marked(nodes)
    marked = list(own_mark)
    last = list(range(n))
    for i in range(n - 1, 0, -1):
        p = parent[i]
        if p >= 0:
            good[p] += good[i]
            chars[p] += chars[i]
            links[p] += links[i]
            if marked[i]:
                marked[p] = True
            if last[i] > last[p]:
                last[p] = last[i]
    page_good = max((good[i] for i in range(n) if parent[i] < 0), default=0.0)
    # Prose inside comment boxes, cookie banners and the like does not count
    # when asking whether a weakly named element holds most of the page's prose.
    def wraps_article(f: Finding) -> bool:
        """A strong finding on an element that holds most of the page's prose and
        either the article's own markup or, for a box of related links or a
        promotion, plain prose with hardly a link (a "read more" box that
        unfolds the story, the part of a story behind a "paywall")."""
        i = f.node
        if f.by_shape:
            return False
        return good[i] >= VETO_SHARE * page_good > 0 and (marked[i] or (
            f.category in PLAIN_PROSE_VETO and links[i] < PLAIN_LINKS * chars[i]))

    strong_good = 0.0
    covered = -1
    for f in sorted((f for f in findings if f.strong), key=lambda f: f.node):
        if f.node > covered and not wraps_article(f):
            strong_good += good[f.node]
            covered = last[f.node]
    other_good = page_good - strong_good
    flagged: list[Finding | None] = [None] * n
    for f in findings:
        if flagged[f.node] is not None:
            continue
        if f.strong and wraps_article(f):
            continue  # named like a comment box, yet it wraps the article
        if not f.hard and not f.strong and (_marks_article(nodes[f.node]) or (
                other_good > 0 and good[f.node] >= VETO_SHARE * other_good)):
            continue  # it holds the article
        flagged[f.node] = f
    removed = [False] * n
    outermost: list[Finding] = []
    for i in range(n):
        p = parent[i]
        if p >= 0 and removed[p]:
            removed[i] = True
        elif flagged[i] is not None:
            removed[i] = True
            outermost.append(flagged[i])  # type: ignore[arg-type]
    # Scores of what is left, per subtree.
    score = [0.0] * n
    for b in blocks:
        if not removed[b.owner]:
            score[b.owner] += b.score
    for i in range(n - 1, 0, -1):
        p = parent[i]
        if p >= 0:
            score[p] += score[i]
    root, best = -1, 0.0
    for i in range(n):
        if removed[i]:
            continue
        value = score[i] * (1.1 if is_content(nodes[i].names) else 1.0)
        if value > best or (value == best and root >= 0 and value > 0):
            root, best = i, value
    if best < WEAK_PROSE:
        root = _by_markup(nodes, blocks, removed, own_mark, root)
    main = Main(root, outermost)
    if root < 0:
        return main
    _inside(page, blocks, removed, root, last[root], main)
    _outside(page, root, outermost, main)
    main.byline = _byline(page, outermost)
    return main


#: Below this prose score (less than one paragraph) the prose is no evidence of
#: where the article is (a calendar, a photo blog of one-line captions).
WEAK_PROSE = 150.0


def _by_markup(nodes: list[Node], blocks: list[Block], removed: list[bool],
               own_mark: list[bool], root: int) -> int:
    """The element the page marks as its article, when the prose cannot tell.

    Among the elements marked as the article (<article>, <main>,
    itemprop=articleBody, a content name) below <body>, the one holding the
    most text, if it holds more than the prose's best guess ``root``.
    """
    n = len(nodes)
    text = [0] * n
    for b in blocks:
        if not removed[b.owner] and b.label != "code":
            text[b.owner] += b.chars
    for i in range(n - 1, 0, -1):
        p = nodes[i].parent
        if p >= 0:
            text[p] += text[i]
    best, most = root, text[root] if root >= 0 else 0
    for i in range(n):
        if own_mark[i] and not removed[i] and nodes[i].tag not in ("html", "body") and \
                text[i] > most:
            best, most = i, text[i]
    return best


def _inside(page: Page, blocks: list[Block], removed: list[bool], root: int, root_last: int,
            main: Main) -> None:
    nodes = page.nodes
    inner = [b for b in blocks if root <= b.owner <= root_last and not removed[b.owner]]
    titles = _title_words(page)
    before_prose = True
    for b in inner:
        tag = nodes[b.owner].tag
        if tag == "h1" or (before_prose and titles and _is_title(page, b, titles)):
            main.extra.append(((b.start, b.end), b.owner, Category.METADATA_LINE,
                               "html.headline", "The headline; kept in the metadata as the title.",
                               0.9))
            titles = []  # one headline
            continue
        if b.label == "good":
            before_prose = False
        if b.label == "bad" and tag not in HEADINGS and (
                b.link_density > 0.85 or (b.link_density > 0.6 and b.words < 25)):
            # (an item of a list that is mostly text is never "bad": see blocks)
            main.extra.append(((b.start, b.end), b.owner, Category.NAVIGATION, "html.link_density",
                               f"Mostly link text ({b.link_density:.0%} of its characters): "
                               "a list of links, not article prose.", 0.8))


def _title_words(page: Page) -> list[set[str]]:
    """The words of the page's titles (<title>, og:title…), lower-cased."""
    out = []
    texts = [page.title or ""] + [m.get("content", "") for m in page.meta
                                  if m.get("property", m.get("name", "")).lower()
                                  in ("og:title", "twitter:title")]
    for text in texts:
        words = set(_WORD.findall(text.lower()))
        if len(words) >= 2:
            out.append(words)
    return out


def _is_title(page: Page, b: Block, titles: list[set[str]]) -> bool:
    """Whether block ``b`` repeats the page's title (which may add the site's name).

    Only a short block before the article's first paragraph of prose is
    asked: the headline of a page that sets it as a paragraph or an <h2>.
    """
    if b.chars > 300 or b.link_density > 0.5:
        return False
    words = _WORD.findall(page.raw[b.start:b.end].lower())
    if len(words) < 2:
        return False
    own = set(words)
    return any(own <= t and len(own) >= 0.5 * len(t) for t in titles)


def _outside(page: Page, root: int, outermost: list[Finding], main: Main) -> None:
    rng = page.span_of(root)
    if rng is None:
        return
    covered = sorted(r for r in (page.span_of(f.node) for f in outermost) if r)
    for gap_start, gap_end in ((0, rng[0]), (rng[1], len(page.raw))):
        pos = gap_start
        for start, end in covered:
            if end <= pos or start >= gap_end:
                continue
            if start > pos:
                _gap(page, pos, start, main)
            pos = max(pos, end)
        if pos < gap_end:
            _gap(page, pos, gap_end, main)


def _gap(page: Page, start: int, end: int, main: Main) -> None:
    raw = page.raw
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    k = bisect.bisect_right(page.piece_start, start) - 1
    node = page.piece_node[k] if k >= 0 else -1
    # The largest element that lies entirely in the gap names it best.
    while node >= 0:
        p = page.nodes[node].parent
        prng = page.span_of(p) if p >= 0 else None
        if prng is None or prng[0] < start or prng[1] > end:
            break
        node = p
    main.extra.append(((start, end), node, Category.NAVIGATION, "html.outside",
                       "Outside the article: the page's prose adds up best elsewhere.", 0.85))


def _byline(page: Page, outermost: list[Finding]) -> str | None:
    for f in outermost:
        if f.rule != "html.names.byline":
            continue
        text = " ".join(page.text_of(f.node).split())
        if 3 <= len(text) <= 80 and not any(ch.isdigit() for ch in text):
            return _BYLINE_PREFIX.sub("", text).strip() or None
    return None


def _marked(nodes: list[Node]) -> list[bool]:
    """Which elements are, or lie inside, the article's own markup.

    An <article> among several sibling ones is an item of a list of stories,
    not the article: neither it nor anything inside it counts.
    """
    n = len(nodes)
    items = [False] * n
    siblings: dict[int, list[int]] = {}
    for i, node in enumerate(nodes):
        if node.tag == "article":
            siblings.setdefault(node.parent, []).append(i)
    for kids in siblings.values():
        if len(kids) >= LIST_OF_STORIES:
            for c in kids:
                items[c] = True
    marked = [False] * n
    for i, node in enumerate(nodes):
        p = node.parent
        if p >= 0 and items[p]:
            items[i] = True  # inside an item
        if not items[i] and (node.attrs or node.tag in ("article", "main")):
            marked[i] = _marks_article(node)
    return marked


def _marks_article(node: Node) -> bool:
    if node.tag in ("article", "main"):
        return True
    attrs = node.attrs
    if attrs.get("itemprop", "").lower() in ("articlebody", "text", "reviewbody"):
        return True
    return bool(node.names) and is_content(node.names)
