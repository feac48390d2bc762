"""Blocks of the text layer and how much each reads like article prose.

A block is the text between two block-level boundaries (a paragraph, a list
item, a heading, a menu entry…).  Each gets a label from language-neutral
evidence — its length, how much of it is link text, its share of function
words (the stop words of the page's language, from the rule files) and its
sentence punctuation — and a score: positive for prose, negative for link
lists and fragments.  The article is where the scores add up best.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parse import BLOCK, Page

#: Blocks owned by these elements are never prose, however they read.
NOT_TEXT = frozenset("script style noscript template head title svg iframe textarea select "
                     "option object canvas math".split())
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?:\s|$)")
WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(slots=True)
class Block:
    first: int  # first piece
    last: int  # after the last piece
    start: int
    end: int
    owner: int  # innermost block-level element holding it
    chars: int = 0
    link_chars: int = 0
    words: int = 0
    stop: float = 0.0
    sentences: int = 0
    label: str = "bad"  # good | near | short | bad | code
    score: float = 0.0

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


def split_blocks(page: Page) -> list[Block]:
    out: list[Block] = []
    nodes = page.nodes
    owner_of: dict[int, int] = {}
    pb, ps, pe, pn, pl = (page.piece_block, page.piece_start, page.piece_end, page.piece_node,
                          page.piece_link)
    n = len(pb)
    i = 0
    while i < n:
        j = i
        block_id = pb[i]
        link = 0
        while j < n and pb[j] == block_id:
            if pl[j]:
                link += pe[j] - ps[j]
            j += 1
        node = pn[i]
        owner = owner_of.get(node)
        if owner is None:
            k = node
            while k >= 0 and nodes[k].tag not in BLOCK:
                k = nodes[k].parent
            owner = owner_of[node] = max(k, 0)
        block = Block(i, j, ps[i], pe[j - 1], owner)
        block.chars = block.end - block.start
        block.link_chars = min(link, block.chars)
        out.append(block)
        i = j
    return out


#: Elements whose lines (cut by <br>) are read together, as one paragraph.
ONE_PARAGRAPH = frozenset(("p",))


def label_blocks(page: Page, blocks: list[Block], stopwords: frozenset[str]) -> None:
    raw = page.raw
    known = bool(stopwords)
    nodes = page.nodes
    wides = [0] * len(blocks)
    for k, b in enumerate(blocks):
        if nodes[b.owner].tag in NOT_TEXT:
            b.label, b.score = "code", 0.0
            continue
        text = raw[b.start:b.end]
        tokens = _WORD.findall(text)
        wide = len(WIDE.findall(text)) if b.chars > 0 and not text.isascii() else 0
        wides[k] = wide
        b.words = len(tokens) + wide // 2
        if known and tokens:
            b.stop = sum(1 for t in tokens if t.lower() in stopwords) / len(tokens)
        b.sentences = len(_SENTENCE.findall(text))
        b.label = _label(b.chars + wide, b.words, b.link_density, b.stop, b.sentences, known,
                         wide > 0)
        b.score = _SCORE[b.label](b.link_density, b.chars + wide)
    _label_paragraphs(page, blocks, wides, known)
    _label_text_lists(page, blocks, wides)


def _label(length: int, words: int, ld: float, stop: float, sentences: int, known: bool,
           wide: bool) -> str:
    """good | near | short | bad, from language-neutral evidence."""
    prose_words = stop >= 0.22 or ((not known or wide) and sentences > 0)
    if ld > 0.5:
        return "bad"
    if length >= 80 and words >= 10 and ld <= 0.35 and (prose_words or sentences >= 2):
        return "good"
    if length >= 40 and words >= 6 and ld <= 0.5 and (prose_words or sentences):
        return "near"
    if ld > 0.35 and words < 20:
        return "bad"
    return "short"


#: Lists and tables: their items are judged together.
LISTS = frozenset(("ul", "ol", "dl", "table", "menu"))
#: A list whose text is less than this share links is a list of notes,
#: references or data, whatever its single items look like.
TEXT_LIST_LINKS = 0.5


def _label_text_lists(page: Page, blocks: list[Block], wides: list[int]) -> None:
    """Items of a list that is mostly text are never link lists, however linked.

    A note or a reference is often mostly its linked title; the list of them
    is text all the same.  Such items are fragments ("short"), not "bad".
    """
    nodes = page.nodes
    memo: dict[int, int] = {}
    list_of: list[int] = []
    chars: dict[int, int] = {}
    links: dict[int, int] = {}
    for b in blocks:
        k = b.owner
        path = []
        found = -1
        while k >= 0:
            if k in memo:
                found = memo[k]
                break
            if nodes[k].tag in LISTS:
                found = k
                break
            path.append(k)
            k = nodes[k].parent
        for q in path:
            memo[q] = found
        list_of.append(found)
        if found >= 0:
            chars[found] = chars.get(found, 0) + b.chars
            links[found] = links.get(found, 0) + b.link_chars
    for b, lst, wide in zip(blocks, list_of, wides, strict=True):
        if b.label == "bad" and lst >= 0 and links[lst] < TEXT_LIST_LINKS * chars[lst]:
            b.label = "short"
            b.score = _SCORE["short"](b.link_density, b.chars + wide)


def _label_paragraphs(page: Page, blocks: list[Block], wides: list[int], known: bool) -> None:
    """A paragraph cut into lines by <br> (a list of dates, products, verses) is one text.

    Its lines are labelled together, and share its score by their length:
    a line of a paragraph is no more a menu entry than the paragraph is.
    """
    nodes = page.nodes
    k = 0
    n = len(blocks)
    while k < n:
        owner = blocks[k].owner
        j = k + 1
        while j < n and blocks[j].owner == owner:
            j += 1
        if j - k > 1 and nodes[owner].tag in ONE_PARAGRAPH:
            group = blocks[k:j]
            chars = sum(b.chars for b in group)
            length = chars + sum(wides[k:j])
            links = sum(b.link_chars for b in group)
            words = sum(b.words for b in group)
            stop = sum(b.stop * b.words for b in group) / words if words else 0.0
            sentences = sum(b.sentences for b in group)
            ld = links / chars if chars else 0.0
            label = _label(length, words, ld, stop, sentences, known, any(wides[k:j]))
            score = _SCORE[label](ld, length)
            for b, wide in zip(group, wides[k:j], strict=True):
                b.label = label
                b.score = score * (b.chars + wide) / length if length else 0.0
        k = j


#: Fragments (headings, dates, list items) barely count against an element:
#: articles are full of them, and link lists are scored "bad" anyway.
SHORT_WEIGHT = -0.05
_SCORE = {
    "good": lambda ld, n: n * (1.0 - ld),
    "near": lambda ld, n: 0.5 * n * (1.0 - ld),
    "short": lambda ld, n: SHORT_WEIGHT * n,
    "bad": lambda ld, n: -1.0 * n,
}
