"""The text layer of an HTML page, with every element's place in it.

The page is parsed with lxml's HTML parser (libxml2: fast, forgiving, never
runs scripts, never fetches anything).  Walking the tree once gives ``raw``,
the page's full text layer in document order (script and style text
included, HTML comments left out), with block-level boundaries as ``"\\n"``
and paragraph breaks as ``"\\n\\n"``, and, for every element, the range of
``raw`` its text covers.  Everything the structural detectors need is then
read from flat lists, never by recursion, so a page nested 10,000 levels
deep is as safe as a flat one.

libxml2 stops building the tree past a fixed depth (and drops the text
below it); for such pages the same walk is fed by the parser's event
interface instead, which has no depth limit (source lines are then unknown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

#: Elements whose boundaries start a new paragraph.
PARAGRAPH = frozenset(
    "p h1 h2 h3 h4 h5 h6 blockquote pre ul ol dl table figure hr article section header "
    "footer nav aside main form address details script style noscript template iframe svg "
    "fieldset center menu dialog textarea select object video audio canvas".split()
)
#: Elements whose boundaries start a new line.
LINE = frozenset(
    "div li tr dt dd br figcaption caption summary legend option body html head title hgroup "
    "tbody thead tfoot frameset frame picture button label input".split()
)
#: Table cells are separated by a space within their row.
CELL = frozenset(("td", "th"))
BLOCK = PARAGRAPH | LINE
#: Elements whose text is kept verbatim (no white-space collapsing).
VERBATIM = frozenset(("pre", "textarea", "script", "style", "listing", "plaintext", "xmp"))
#: Void elements: they never hold text.
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

_CSS_NAME = re.compile(r"-?[A-Za-z_][\w-]*")
_SPACES = re.compile(r"[ \t\n\r\f]+")
_DEPTH_ERRORS = ("Excessive depth", "depth")


@dataclass(slots=True)
class Node:
    """One element of the page."""

    tag: str
    parent: int
    depth: int
    line: int | None
    names: str  # lower-cased class and id, space separated
    attrs: dict[str, str]
    first: int = 0  # index of its first text piece
    last: int = 0  # index after its last text piece
    leaves: bool = False  # a link that leaves this place of the page
    children: list[int] = field(default_factory=list)


@dataclass
class Page:
    """The parsed page: ``raw`` and flat tables describing it."""

    raw: str
    nodes: list[Node]
    #: Text pieces, parallel lists: raw range, owning element, block number, inside a link.
    piece_start: list[int]
    piece_end: list[int]
    piece_node: list[int]
    piece_block: list[int]
    piece_link: list[bool]
    #: html ``lang`` and similar, gathered while walking.
    lang: str | None = None
    truncated_depth: bool = False
    meta: list[dict[str, str]] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    jsonld: list[str] = field(default_factory=list)
    title: str | None = None
    _places: dict[int, tuple[dict[int, int], dict[str, int]]] = field(default_factory=dict,
                                                                     repr=False)

    def span_of(self, index: int) -> tuple[int, int] | None:
        """The raw range covered by element ``index``'s text, or None if it has none."""
        node = self.nodes[index]
        if node.last <= node.first:
            return None
        return self.piece_start[node.first], self.piece_end[node.last - 1]

    def text_of(self, index: int) -> str:
        rng = self.span_of(index)
        return "" if rng is None else self.raw[rng[0]:rng[1]]

    def ancestors(self, index: int) -> list[int]:
        out = []
        parent = self.nodes[index].parent
        while parent >= 0:
            out.append(parent)
            parent = self.nodes[parent].parent
        return out

    def css_path(self, index: int) -> str:
        """``html > body > div.content > p:nth-of-type(3)`` for element ``index``."""
        parts = []
        i = index
        while i >= 0:
            node = self.nodes[i]
            part = node.tag
            ident = node.attrs.get("id")
            classes = node.attrs.get("class", "").split()
            if ident and re.fullmatch(r"[A-Za-z][\w-]*", ident):
                part += f"#{ident}"
            elif classes:
                part += "".join(f".{c}" for c in classes[:2] if _CSS_NAME.fullmatch(c))
            if node.parent >= 0:
                nth, of = self._nth_of_type(node.parent, i)
                if of > 1:
                    part += f":nth-of-type({nth})"
            parts.append(part)
            i = node.parent
            if len(parts) > 40:
                parts.append("…")
                break
        return " > ".join(reversed(parts))

    def _nth_of_type(self, parent: int, index: int) -> tuple[int, int]:
        """Element ``index``'s place among its parent's children of its tag, and their number.

        Computed once per parent (a page can hold a parent with 100,000
        children, each of them named by a span).
        """
        places = self._places.get(parent)
        if places is None:
            count: dict[str, int] = {}
            order: dict[int, int] = {}
            for c in self.nodes[parent].children:
                tag = self.nodes[c].tag
                count[tag] = order[c] = count.get(tag, 0) + 1
            places = self._places[parent] = (order, count)
        order, count = places
        return order[index], count[self.nodes[index].tag]


_KEPT_ATTRS = ("id", "class", "role", "style", "hidden", "aria-hidden", "itemprop", "itemtype",
               "type", "rel", "href", "name", "property", "content", "datetime", "lang",
               "aria-label", "data-component", "itemscope")
_KEPT = frozenset(_KEPT_ATTRS)


class _Builder:
    """Turns start/data/end events into ``raw`` and the flat tables."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.pending = 0  # 0 nothing, 1 space, 2 newline, 3 blank line
        self.last_char = "\n"
        self.nodes: list[Node] = []
        self.stack: list[int] = []
        self.piece_start: list[int] = []
        self.piece_end: list[int] = []
        self.piece_node: list[int] = []
        self.piece_block: list[int] = []
        self.piece_link: list[bool] = []
        self.piece_text: list[str] = []
        self.block = 0
        self.links = 0
        self.verbatim = 0
        self.skip = 0  # inside an HTML comment's children (never, kept for safety)
        self.meta: list[dict[str, str]] = []
        self.link_tags: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self.lang: str | None = None
        self.title: str | None = None

    # -- events ---------------------------------------------------------------
    def start(self, tag: str, attrib: object, line: int | None) -> None:
        tag = tag.lower() if isinstance(tag, str) else "?"
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        attrs: dict[str, str] = {}
        if attrib:
            for key, value in attrib.items():  # type: ignore[attr-defined]
                if key in _KEPT:
                    attrs[key] = value
        names = ""
        if "class" in attrs or "id" in attrs:
            names = f"{attrs.get('class', '')} {attrs.get('id', '')}".lower()
        parent = self.stack[-1] if self.stack else -1
        index = len(self.nodes)
        node = Node(tag, parent, len(self.stack), line, names, attrs, len(self.piece_start))
        self.nodes.append(node)
        if parent >= 0:
            self.nodes[parent].children.append(index)
        self.stack.append(index)
        self._break_for(tag)
        if tag == "a" and not _in_page(attrs.get("href", "")):
            node.leaves = True
            self.links += 1
        if tag in VERBATIM:
            self.verbatim += 1
        if tag == "meta" and attrs:
            self.meta.append(attrs)
        elif tag == "link" and attrs:
            self.link_tags.append(attrs)
        elif tag == "html" and self.lang is None and attrs.get("lang"):
            self.lang = attrs["lang"]

    def _break_for(self, tag: str) -> None:
        """Paragraphs, lines and cells end (and start) with breaks of their strength."""
        if tag in PARAGRAPH:
            self._break(3)
        elif tag in LINE:
            self._break(2)
        elif tag in CELL:
            self._break(1)

    def end(self) -> None:
        if not self.stack:
            return
        index = self.stack.pop()
        node = self.nodes[index]
        node.last = len(self.piece_start)
        tag = node.tag
        if node.leaves:
            self.links -= 1
        if tag in VERBATIM:
            self.verbatim -= 1
        if tag == "script" and "ld+json" in node.attrs.get("type", "") and node.last > node.first:
            self.jsonld.append("".join(self.piece_text[node.first:node.last]))
        if tag == "title" and self.title is None and node.last > node.first:
            self.title = " ".join("".join(self.piece_text[node.first:node.last]).split())
        self._break_for(tag)

    def data(self, text: str) -> None:
        if not text or not self.stack:
            return
        if self.verbatim:
            # In <pre> (syntax-highlighted code is a run of <span>s) a text
            # node of white space alone still separates two words, and a
            # newline at either end of a node still ends a line.
            core = text.strip("\n")
            if not core.strip():
                if self.parts:
                    self._break(2 if "\n" in text else 1)
                return
            if text[0] == "\n" and self.parts:
                self._break(2)
            self._emit(core)
            if text[-1] == "\n":
                self._break(2)
            return
        text = _SPACES.sub(" ", text)
        if text == " ":
            if self.last_char != " " and self.last_char != "\n" and self.pending == 0:
                self.pending = 1
            return
        if text[0] == " " and self.pending == 0 and self.last_char in " \n":
            text = text[1:]
        self._emit(text)

    def _emit(self, text: str) -> None:
        """Add a piece of text to raw, after the break pending before it."""
        if self.pending:
            if self.parts:
                if self.pending == 1:
                    if self.last_char not in " \n":
                        self._emit_sep(" ")
                else:
                    self._trim_space()
                    self._emit_sep("\n\n" if self.pending == 3 else "\n")
                    self.block += 1
            if self.pending > 1 and text[0] == " " and not self.verbatim:
                text = text[1:]
            self.pending = 0
            if not text:
                return
        node = self.stack[-1]
        self.piece_start.append(self.pos)
        self.pos += len(text)
        self.piece_end.append(self.pos)
        self.piece_node.append(node)
        self.piece_block.append(self.block)
        self.piece_link.append(self.links > 0)
        self.parts.append(text)
        self.piece_text.append(text)
        self.last_char = text[-1]

    # -- helpers --------------------------------------------------------------
    def _break(self, level: int) -> None:
        if level > self.pending:
            self.pending = level

    def _emit_sep(self, sep: str) -> None:
        # Separators are parts of raw but not pieces of any element.
        self.parts.append(sep)
        self.pos += len(sep)
        self.last_char = sep[-1]

    def _trim_space(self) -> None:
        """A line never ends in a space: take it off the last piece."""
        if self.last_char == " " and self.piece_end and self.piece_end[-1] == self.pos:
            text = self.parts[-1]
            stripped = text.rstrip(" ")
            if stripped:
                cut = len(text) - len(stripped)
                self.parts[-1] = stripped
                self.piece_text[-1] = stripped
                self.pos -= cut
                self.piece_end[-1] -= cut
                self.last_char = stripped[-1]

    def page(self, truncated: bool) -> Page:
        while self.stack:
            self.end()
        raw = "".join(self.parts)
        page = Page(raw, self.nodes, self.piece_start, self.piece_end, self.piece_node,
                    self.piece_block, self.piece_link, lang=self.lang,
                    truncated_depth=truncated, meta=self.meta, links=self.link_tags,
                    jsonld=self.jsonld, title=self.title)
        return page


class _Target:
    """lxml parser target: the same events without a tree (no depth limit)."""

    def __init__(self, builder: _Builder) -> None:
        self.b = builder

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.b.start(tag, attrib, None)

    def end(self, tag: str) -> None:
        self.b.end()

    def data(self, data: str) -> None:
        self.b.data(data)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        return None


def _in_page(href: str) -> bool:
    """A link to a place further on this page (``#section``, a footnote): part of the text.

    A bare ``#`` (or ``#!…``) is a script's button, not a place.
    """
    return len(href) > 1 and href[0] == "#" and href[1] != "!"


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def parse(html: str) -> Page:
    """Parse ``html`` into a :class:`Page`.  Never raises on malformed markup."""
    html = _XML_DECL.sub("", html, count=1)
    if "\x00" in html:
        html = html.replace("\x00", "\ufffd")
    parser = etree.HTMLParser(huge_tree=True, remove_comments=False, remove_pis=True,
                              recover=True, no_network=True)
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    deep = any(any(m in entry.message for m in _DEPTH_ERRORS) for entry in parser.error_log)
    if root is None or deep:
        return _parse_events(html, truncated=deep)
    builder = _Builder()
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = el.tag
        if not isinstance(tag, str):  # comment or processing instruction: only its tail
            if el.tail:
                builder.data(el.tail)
            continue
        if event == "start":
            builder.start(tag, el.attrib, el.sourceline)
            if el.text:
                builder.data(el.text)
        else:
            builder.end()
            if el.tail:
                builder.data(el.tail)
    return builder.page(False)


def _parse_events(html: str, truncated: bool) -> Page:
    builder = _Builder()
    parser = etree.HTMLParser(target=_Target(builder), huge_tree=True, recover=True,
                              no_network=True)
    try:
        parser.feed(html)
        parser.close()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        pass
    return builder.page(truncated)
