"""``python -m inspector bench DATASET``: quality and speed against peers, in one run.

Scoring follows the ScrapingHub article-extraction benchmark (METRICS.md):
tokens are ``\\w+`` matches (Unicode), each text becomes the multiset of its
4-token shingles (a text of 1-3 tokens is one shingle, an empty text has
none), and per page TP/FP/FN are multiset overlaps with the gold text.
Precision is the mean over pages of TP/(TP+FP), skipping pages where
TP+FP = 0, except that a page with FP = FN = 0 counts 1.0; recall likewise
with FN; F1 = 2PR/(P+R) from those means.  Accuracy is the share of pages
whose token sequence equals the gold's.

Inputs (``--input``):

``html``            ``html/<id>.html``; our tool gets the raw bytes (its own
                    encoding detection), peers get the page decoded by this
                    module's :func:`decode_html` (the decoding is timed as
                    part of the peer's run).
``text:<tool>``     ``noisy_text/<tool>/<id>.txt``; our tool gets the text
                    (``kind="text"``), peers get it one ``<p>`` per line,
                    HTML-escaped (the wrapping is done before timing).
``xpath``           every text node of ``<body>`` joined by ``"\\n"``, as lxml's
                    ``//body//text()`` gives it (inline script text included),
                    built here from ``html/``; given like ``text:<tool>``.

Peers use their standard main-content call: ``trafilatura.extract`` with
default settings; ``readability.Document(html).summary()`` turned into text
block by block; jusText with the stop list that best fits the page (a
stop-word count over the page's text picks the language; without a clear
winner the ``<html lang>`` attribute; English otherwise); boilerpy3's
``ArticleExtractor`` (defaults); resiliparse's
``extract_plain_text(main_content=True)``.  ``identity`` returns a text input
unchanged and, for HTML, the whole text of ``<body>`` with lxml (script,
style, noscript and template dropped, one line per block element: what
html-text gives).  A peer's exception counts as empty output for that page
and is reported.

Speed is the input's size (raw bytes for HTML, UTF-8 size of the text
otherwise, the same figure for every tool) divided by the wall time of one
pass over the whole set in this process, after one warm-up call per tool.
Machines are noisy, so ratios to our speed are what to compare.  With
``--passes N`` every tool makes N timed passes, the tools taking turns in
each round (a slow spell of the machine then falls on all of them alike),
and the median pass is reported; outputs are scored from the first pass.

The quality gate (``--gate FILE``) pins F1 floors per ``<data set>/<input>``
together with a hash of the corpus (file names and bytes of the inputs and
gold texts used); a different corpus is reported and not compared.

The data set is an argument: nothing here depends on where it lives, and the
input side (decoding, xpath dump, language groups) does not depend on the
cleaner being measured.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import hashlib
import html as html_lib
import importlib.util
import json
import logging
import math
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")
PEERS = ("trafilatura", "readability-lxml", "justext", "boilerpy3", "resiliparse", "identity")
OURS = "ours"
EXIT_OK, EXIT_GATE, EXIT_USAGE = 0, 1, 2
GATE_MARGIN = 0.005
# Bumped whenever the way an input is built from the files changes (part of the corpus hash).
_INPUT_VERSION = {"html": "1", "xpath": "1", "text": "1"}
_PEER_MODULES = {"trafilatura": "trafilatura", "readability-lxml": "readability",
                 "justext": "justext", "boilerpy3": "boilerpy3", "resiliparse": "resiliparse",
                 "identity": "lxml"}
_PEER_DISTRIBUTIONS = {"trafilatura": "trafilatura", "readability-lxml": "readability-lxml",
                       "justext": "justext", "boilerpy3": "boilerpy3",
                       "resiliparse": "resiliparse", "identity": "lxml"}


class UsageError(Exception):
    """A problem with the command line or the data set: exit code 2."""


# -- scoring ---------------------------------------------------------------------------
def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token windows; 1-3 tokens make one shingle, none make none."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def page_counts(predicted: str, gold: str) -> tuple[int, int, int]:
    """TP, FP, FN: multiset overlaps of the predicted and gold shingles."""
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    return tp, sum((p - g).values()), sum((g - p).values())


@dataclass(frozen=True)
class PageScore:
    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        """None when the page is skipped (TP+FP = 0 and not a perfect page)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(predicted: str, gold: str) -> PageScore:
    tp, fp, fn = page_counts(predicted, gold)
    return PageScore(tp, fp, fn, tokens(predicted) == tokens(gold))


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int

    def as_dict(self) -> dict[str, float | int]:
        return {"f1": self.f1, "precision": self.precision, "recall": self.recall,
                "accuracy": self.accuracy, "pages": self.pages}


def aggregate(pages: Sequence[PageScore]) -> Score:
    """Means over pages as METRICS.md defines them (skipped pages left out of a mean)."""
    precisions = [s.precision for s in pages if s.precision is not None]
    recalls = [s.recall for s in pages if s.recall is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = sum(s.exact for s in pages) / len(pages) if pages else 0.0
    return Score(p, r, f1, accuracy, len(pages))


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Scores over (predicted, gold) pairs."""
    return aggregate([score_page(predicted, gold) for predicted, gold in pairs])


# -- language groups (from the gold text; independent of the cleaner) -------------------
_STOPWORDS = {
    "en": "the of and to is that for with was are this have from by be it on at as not but "
          "they he she we you his her has had were which will would their been said or who "
          "its there about more after when what can one all also than into",
    "fr": "le la les des du et est une pour que qui dans sur pas au avec ce il elle sont par "
          "mais ou plus nous vous cette été aux ses",
    "de": "der die das und ist nicht mit den dem ein eine sich auf für von zu im auch es "
          "wird sind wie bei oder aus nach noch",
    "es": "el la los las del y que en es por con para una un se no al lo como más pero sus "
          "su ha este fue",
    "it": "il di che e la le del della per non una un sono con si da nel alla anche come più "
          "gli ha",
    "pt": "de que e o da do em um uma para com não os as no na por se mais dos das ao foi "
          "como ser",
    "nl": "de het een van en is dat op te zijn met voor niet aan er ook als bij door maar "
          "wordt",
    "id": "yang dan di ini itu dengan untuk dari tidak dalam akan pada juga ke ada karena "
          "bisa kita",
    "la": "et in est ut sed non ad sit amet dolor quis enim ipsum lorem eu nisi aut",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")


def language_group(text: str, sample: int = 20_000) -> str:
    """``"en"`` or ``"non-en"``: English stop words must outnumber those of other languages.

    Text mostly outside the Latin script is non-English; a Latin-script text
    with no stop word of any list (tables, scores) counts as English.
    """
    head = text[:sample]
    letters = len(_LETTER.findall(head))
    if letters and len(_LATIN_LETTER.findall(head)) < letters / 2:
        return "non-en"
    counts = Counter(t.lower() for t in tokens(head))
    hits = {lang: sum(counts[w] for w in words) for lang, words in _STOPSETS.items()}
    best_other = max(v for lang, v in hits.items() if lang != "en")
    return "en" if hits["en"] >= best_other else "non-en"


# -- inputs ----------------------------------------------------------------------------
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([\w.:-]+)"""
    rb"""|^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG): these labels mean windows-1252.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii", "cp1252"}


def decode_html(data: bytes) -> str:
    """The benchmark's own decoding of a page (never fails).

    A byte-order mark; else strict UTF-8; else the charset the page declares
    (``<meta>`` or XML declaration, latin-1/ascii read as windows-1252); else
    charset-normalizer's guess; else windows-1252 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _DECLARED.search(data[:16_384])
    if match:
        label = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
        label = "cp1252" if label in _AS_CP1252 else label
        with contextlib.suppress(LookupError):
            if codecs.lookup(label).name not in ("utf-16-le", "utf-16-be", "utf-16"):
                return data.decode(label, "replace")
    with contextlib.suppress(ImportError):
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    return data.decode("cp1252", "replace")


def _parse_html(text: str) -> Any:
    """An lxml document (``None`` for an empty one); bytes in, so declarations are harmless."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        return lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def xpath_text(data: bytes | str) -> str:
    """Every text node of ``<body>`` joined by ``"\\n"``, as ``//body//text()`` gives it.

    Inline ``<script>``/``<style>`` text inside the body is kept (that is the
    point of this input).  A document without ``<body>`` gives all its text nodes.
    """
    root = _parse_html(data if isinstance(data, str) else decode_html(data))
    if root is None:
        return ""
    query = "//body//text()" if root.xpath("//body") else "//text()"
    return "\n".join(str(node) for node in root.xpath(query))


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr li "
    "legend main menu nav ol option p pre section summary table tbody td tfoot th thead title "
    "tr ul".split())
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


def block_text(root: Any) -> str:
    """Text of an lxml tree with a line break around every block element (iterative)."""
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if closing:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
            continue
        if tag is None or tag in _SKIP_TAGS:  # comments, processing instructions, scripts
            if el.tail and el is not root:
                parts.append(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_page_text(html: str) -> str:
    """The whole visible text of a page's ``<body>`` (of the document if it has none)."""
    root = _parse_html(html)
    if root is None:
        return ""
    body = root.find(".//body")
    return block_text(body if body is not None else root)


def as_paragraphs(text: str) -> str:
    """A text input as HTML for the peers: one ``<p>`` per line, HTML-escaped."""
    body = "\n".join(f"<p>{html_lib.escape(line)}</p>" for line in text.split("\n"))
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}\n" \
           "</body></html>"


@dataclass
class Page:
    id: str
    gold: str
    input: str | bytes
    files: tuple[Path, ...]  # input file, gold file (for the corpus hash)
    group: str = "en"

    @property
    def size(self) -> int:
        """Bytes of the input given to the tools (UTF-8 for text)."""
        return len(self.input) if isinstance(self.input, bytes) else len(
            self.input.encode("utf-8", "surrogatepass"))


def parse_input_kind(kind: str) -> tuple[str, str | None]:
    """``("html"|"xpath"|"text", tool)``; raises :class:`UsageError` otherwise."""
    if kind in ("html", "xpath"):
        return kind, None
    if kind.startswith("text:") and kind[5:] and "/" not in kind[5:] and kind[5:] != "..":
        return "text", kind[5:]
    raise UsageError(f"unknown input kind {kind!r}: use html, xpath or text:<tool> "
                     "(a folder of noisy_text/)")


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 (byte {exc.start})") from exc


def load_pages(dataset: Path, input_kind: str, limit: int | None = None,
               ids: Iterable[str] | None = None,
               warn: Callable[[str], None] | None = None) -> list[Page]:
    """The pages of a data set for one input kind, sorted by id.

    Pages whose input file is missing are left out (and ``warn`` is told);
    ``ids`` restricts the set, ``limit`` keeps the first N.
    """
    kind, tool = parse_input_kind(input_kind)
    truth = dataset / "truth"
    if not truth.is_dir():
        raise UsageError(f"{dataset}: no truth/ folder (is this a benchmark data set?)")
    source_dir = dataset / "noisy_text" / tool if tool else dataset / "html"
    if not source_dir.is_dir():
        rel = f"noisy_text/{tool}/" if tool else "html/"
        raise UsageError(f"{dataset}: no {rel} folder for input {input_kind!r}")
    wanted = set(ids) if ids is not None else None
    pages: list[Page] = []
    missing: list[str] = []
    found: set[str] = set()
    for gold_path in sorted(truth.glob("*.txt")):
        pid = gold_path.stem
        if wanted is not None and pid not in wanted:
            continue
        found.add(pid)
        source = source_dir / (f"{pid}.txt" if tool else f"{pid}.html")
        if not source.is_file():
            missing.append(pid)
            continue
        if kind == "text":
            content: str | bytes = _read_text(source)
        else:
            data = source.read_bytes()
            content = data if kind == "html" else xpath_text(data)
        gold = _read_text(gold_path)
        pages.append(Page(pid, gold, content, (source, gold_path), language_group(gold)))
        if limit and len(pages) >= limit:
            break
    if warn and missing:
        warn(f"{len(missing)} page(s) have no input in {source_dir} and are left out "
             f"(first: {missing[0]})")
    if warn and wanted is not None and wanted - found:
        unknown = sorted(wanted - found)
        warn(f"{len(unknown)} id(s) from --ids are not in {truth} (first: {unknown[0]})")
    return pages


def corpus_hash(dataset: Path, input_kind: str, pages: Sequence[Page]) -> str:
    """sha256 over the input kind and the sorted names and bytes of the files used."""
    kind, _ = parse_input_kind(input_kind)
    digest = hashlib.sha256(f"{input_kind}\0{_INPUT_VERSION[kind]}\0".encode())
    for path in sorted({p for page in pages for p in page.files}):
        name = path.relative_to(dataset).as_posix() if path.is_relative_to(dataset) else path.name
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


# -- tools -----------------------------------------------------------------------------
@dataclass
class Tool:
    """``prepare`` turns a page into the tool's argument (untimed); ``call`` is timed."""

    name: str
    call: Callable[[Any], str]
    prepare: Callable[[Page], Any]
    error: str = ""  # set when the tool could not be set up at all


def _ours(kind: str) -> Tool:
    mode = "html" if kind == "html" else "text"
    try:
        import inspector

        func = inspector.inspect
    except Exception as exc:  # the package is being edited: every page fails, with the reason
        message = f"cannot import inspector: {type(exc).__name__}: {exc}"

        def unavailable(_content: Any) -> str:
            raise RuntimeError(message)

        return Tool(OURS, unavailable, lambda page: page.input, error=message)

    return Tool(OURS, lambda content: func(content, kind=mode).cleaned, lambda page: page.input)


def _peer_input(kind: str) -> Callable[[Page], Any]:
    if kind == "html":
        return lambda page: page.input  # raw bytes: decoding is part of the timed call
    return lambda page: as_paragraphs(page.input)  # type: ignore[arg-type]


def _html(content: str | bytes) -> str:
    return decode_html(content) if isinstance(content, bytes) else content


def _trafilatura() -> Callable[[Any], str]:
    import trafilatura

    return lambda c: trafilatura.extract(_html(c)) or ""


def _readability() -> Callable[[Any], str]:
    from readability import Document as ReadabilityDocument

    return lambda c: html_page_text(ReadabilityDocument(_html(c)).summary())


# ISO 639-1 codes of <html lang> to jusText stop lists.
_JUSTEXT_LANGS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh",
    "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}
_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def _justext() -> Callable[[Any], str]:
    import justext

    # Stop lists of the languages jusText knows that have a code above (loaded once).
    stoplists = {name: frozenset(justext.get_stoplist(name))
                 for name in sorted(set(_JUSTEXT_LANGS.values()) & set(justext.get_stoplists()))}

    def pick(html: str) -> str:
        """The stop list with the most stop-word hits on the page's text.

        A clear winner (hits ≥ 10 and ≥ 1.5× any other list's) decides, since
        ``lang`` attributes are often wrong; else the ``lang`` attribute;
        else English.
        """
        counts = Counter(t.lower() for t in tokens(_TAGS.sub(" ", html[:400_000])))
        hits = sorted(((sum(counts[w] for w in words & counts.keys()), name)
                       for name, words in stoplists.items()), reverse=True)
        if hits and hits[0][0] >= 10 and (len(hits) < 2 or hits[0][0] >= 1.5 * hits[1][0]):
            return hits[0][1]
        declared = _LANG_ATTR.search(html[:5_000])
        code = declared.group(1).lower()[:2] if declared else ""
        return _JUSTEXT_LANGS.get(code, "English") if code else "English"

    cached: dict[str, frozenset[str]] = {}

    def run(c: Any) -> str:
        html = _html(c)
        name = pick(html)
        stoplist = cached.setdefault(name, stoplists.get(name) or justext.get_stoplist(name))
        paragraphs = justext.justext(html, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _boilerpy3() -> Callable[[Any], str]:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()
    return lambda c: extractor.get_content(_html(c)) or ""


def _resiliparse() -> Callable[[Any], str]:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda c: extract_plain_text(_html(c), main_content=True)


def _identity(kind: str) -> Callable[[Any], str]:
    if kind == "html":
        return lambda c: html_page_text(_html(c))
    return lambda c: c


def make_tool(name: str, input_kind: str) -> Tool:
    """A tool ready to run; a peer that cannot be set up fails every page, with the reason."""
    kind, _ = parse_input_kind(input_kind)
    if name == OURS:
        return _ours(kind)
    factories: dict[str, Callable[[], Callable[[Any], str]]] = {
        "trafilatura": _trafilatura,
        "readability-lxml": _readability,
        "justext": _justext,
        "boilerpy3": _boilerpy3,
        "resiliparse": _resiliparse,
    }
    if kind != "html" and name == "identity":
        return Tool(name, _identity(kind), lambda page: page.input)
    prepare = _peer_input(kind)
    try:
        call = _identity(kind) if name == "identity" else factories[name]()
    except Exception as exc:
        message = f"cannot set up {name}: {type(exc).__name__}: {exc}"

        def unavailable(_content: Any) -> str:
            raise RuntimeError(message)

        return Tool(name, unavailable, prepare, error=message)
    return Tool(name, call, prepare)


def available_peers() -> list[str]:
    return [p for p in PEERS if importlib.util.find_spec(_PEER_MODULES[p]) is not None]


def versions(tools: Iterable[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in tools:
        dist = "article-inspector" if name == OURS else _PEER_DISTRIBUTIONS.get(name, name)
        try:
            found[name] = version(dist)
        except PackageNotFoundError:
            found[name] = "?"
    return found


# -- running ---------------------------------------------------------------------------
@dataclass
class Result:
    tool: str
    score: Score
    seconds: float
    megabytes: float
    page_scores: list[PageScore]
    outputs: list[str]
    errors: dict[str, str] = field(default_factory=dict)  # page id -> message
    by_group: dict[str, Score] = field(default_factory=dict)
    #: The wall time of every timed pass, in the order run (``seconds`` is their median).
    pass_seconds: list[float] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return len(self.errors)

    @property
    def speed(self) -> float | None:
        """MB/s; None when no page succeeded (or no time was measured)."""
        if self.failures == len(self.outputs) or self.seconds <= 0:
            return None
        return self.megabytes / self.seconds

    def error_summary(self) -> Counter[str]:
        return Counter(self.errors.values())


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.last = 0.0

    def __call__(self, message: str, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if final or now - self.last > 0.2:
            self.last = now
            end = "\n" if final else ""
            print(f"\r\x1b[K{message}", end=end, file=sys.stderr, flush=True)


_PEER_LOGGERS = ("boilerpy3", "trafilatura", "readability", "htmldate", "courlan", "justext")


@contextlib.contextmanager
def _quiet_peers() -> Any:
    """Peers log parse errors with tracebacks; their failures are counted and reported here."""
    loggers = [logging.getLogger(name) for name in _PEER_LOGGERS]
    saved = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        yield
    finally:
        for logger, disabled in zip(loggers, saved, strict=True):
            logger.disabled = disabled


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def run_tool(tool: Tool, pages: Sequence[Page], progress: _Progress | None = None,
             passes: int = 1) -> Result:
    """One warm-up call, then ``passes`` timed passes over every page."""
    return run_tools([tool], pages, progress, passes)[0]


def run_tools(tools: Sequence[Tool], pages: Sequence[Page], progress: _Progress | None = None,
              passes: int = 1) -> list[Result]:
    """Warm every tool up with one call, then time ``passes`` rounds in which
    each tool makes one pass over every page, in turn.

    Taking turns rather than finishing one tool before the next puts every
    tool through the same spells of a busy machine, so the ratios between
    them hold even when the absolute speeds wander.  Each tool's time is the
    median of its passes; its outputs (and failures) are those of its first
    pass, and a later pass that gives other outputs is reported, as the
    tools are expected to be deterministic.
    """
    progress = progress or _Progress(False)
    prepared = [[tool.prepare(page) for page in pages] for tool in tools]
    for tool, contents in zip(tools, prepared, strict=True):
        if contents:
            with contextlib.suppress(Exception):  # failures are recorded in the timed passes
                tool.call(contents[0])
    firsts: list[tuple[list[str], dict[str, str]]] = []
    times: list[list[float]] = [[] for _ in tools]
    for round_number in range(1, passes + 1):
        for i, (tool, contents) in enumerate(zip(tools, prepared, strict=True)):
            label = tool.name if passes == 1 else f"{tool.name} (pass {round_number}/{passes})"
            outputs, errors, seconds = _timed_pass(tool, pages, contents, progress, label)
            times[i].append(seconds)
            if round_number == 1:
                firsts.append((outputs, errors))
            elif outputs != firsts[i][0]:
                changed = sum(a != b for a, b in zip(outputs, firsts[i][0], strict=True))
                print(f"warning: {tool.name} gave other output on pass {round_number} "
                      f"for {changed} page(s) (the first pass is scored)", file=sys.stderr)
    return [_result(tool, pages, outputs, errors, pass_times)
            for tool, (outputs, errors), pass_times in zip(tools, firsts, times, strict=True)]


def _timed_pass(tool: Tool, pages: Sequence[Page], contents: Sequence[Any],
                progress: _Progress, label: str) -> tuple[list[str], dict[str, str], float]:
    outputs: list[str] = []
    errors: dict[str, str] = {}
    start = time.perf_counter()
    for n, (page, content) in enumerate(zip(pages, contents, strict=True), 1):
        try:
            out = tool.call(content)
            outputs.append(out if isinstance(out, str) else "")
        except Exception as exc:
            outputs.append("")
            errors[page.id] = _describe(exc)
        progress(f"{label}: {n}/{len(pages)}")
    seconds = time.perf_counter() - start
    progress(f"{label}: {len(pages)} pages in {seconds:.1f} s", final=True)
    return outputs, errors, seconds


def _result(tool: Tool, pages: Sequence[Page], outputs: list[str], errors: dict[str, str],
            pass_times: list[float]) -> Result:
    page_scores = [score_page(out, page.gold) for out, page in zip(outputs, pages, strict=True)]
    groups: dict[str, list[PageScore]] = {}
    for s, page in zip(page_scores, pages, strict=True):
        groups.setdefault(page.group, []).append(s)
    return Result(tool.name, aggregate(page_scores), statistics.median(pass_times),
                  sum(p.size for p in pages) / 1e6, page_scores, outputs, errors,
                  {g: aggregate(v) for g, v in sorted(groups.items())}, list(pass_times))


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


# -- command line ----------------------------------------------------------------------
def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", type=Path, metavar="DATASET_DIR",
                        help="folder with html/<id>.html, truth/<id>.txt and optionally "
                             "noisy_text/<tool>/<id>.txt")
    parser.add_argument("--input", default="html", metavar="KIND",
                        help="html (default) | text:<tool> (noisy_text/<tool>/) | xpath "
                             "(every text node of <body>, scripts included)")
    parser.add_argument("--peers", default="all", metavar="LIST",
                        help="comma-separated peers among " + ", ".join(PEERS)
                             + "; 'all' (default: the installed ones) or 'none'")
    parser.add_argument("--limit", type=_positive, metavar="N", help="only the first N pages")
    parser.add_argument("--passes", type=_positive, default=1, metavar="N",
                        help="timed passes per tool, the tools taking turns; speed is the "
                             "median pass (default 1)")
    parser.add_argument("--ids", type=Path, metavar="FILE",
                        help="only the page ids listed in FILE (one per line, # comments)")
    parser.add_argument("--json", type=Path, dest="json_out", metavar="OUT",
                        help="write every number (and per-page scores) to OUT")
    parser.add_argument("--worst", type=_positive, metavar="K",
                        help="list our K worst pages (id, P, R)")
    parser.add_argument("--dump", type=Path, metavar="DIR",
                        help="write our cleaned output per page to DIR/<id>.txt")
    parser.add_argument("--gate", type=Path, metavar="BASELINE",
                        help="JSON file of F1 floors per data set and input; exit 1 below one")
    parser.add_argument("--update-gate", action="store_true",
                        help=f"with --gate: set or raise the floor to the measured F1 minus "
                             f"{GATE_MARGIN}")
    parser.add_argument("--allow-lower", action="store_true",
                        help="with --update-gate: allow lowering an existing floor")


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _select_peers(spec: str) -> list[str]:
    spec = spec.strip()
    if spec == "all":
        return available_peers()
    if spec in ("none", ""):
        return []
    peers: list[str] = []
    for name in (p.strip() for p in spec.split(",")):
        if not name or name in peers:
            continue
        if name == OURS:
            continue  # always run
        if name not in PEERS:
            raise UsageError(f"unknown peer {name!r} (known: {', '.join(PEERS)}, all, none)")
        if importlib.util.find_spec(_PEER_MODULES[name]) is None:
            raise UsageError(f"peer {name!r} is not installed (pip install -e '.[bench]')")
        peers.append(name)
    return peers


def _read_ids(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"--ids {path}: {exc.strerror or exc}") from exc
    ids = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            ids.append(Path(line).stem if line.endswith((".html", ".txt")) else line)
    if not ids:
        raise UsageError(f"--ids {path}: no page ids in the file")
    return ids


def _check_usage(args: argparse.Namespace) -> None:
    if not args.dataset.is_dir():
        raise UsageError(f"{args.dataset}: no such data set folder")
    parse_input_kind(args.input)
    if args.update_gate and not args.gate:
        raise UsageError("--update-gate needs --gate BASELINE")
    if args.allow_lower and not args.update_gate:
        raise UsageError("--allow-lower only makes sense with --update-gate")
    if args.update_gate and (args.limit or args.ids):
        raise UsageError("--update-gate needs the whole data set (no --limit or --ids)")
    if args.gate and not args.update_gate and not args.gate.is_file():
        raise UsageError(f"--gate {args.gate}: no such file (create it with --update-gate)")


def run(args: argparse.Namespace) -> int:
    """Run the benchmark described by ``args`` (from :func:`add_arguments`); the exit code."""
    try:
        _check_usage(args)
        peers = _select_peers(args.peers)
        ids = _read_ids(args.ids) if args.ids else None
        dataset: Path = args.dataset
        pages = load_pages(dataset, args.input, args.limit, ids, warn=_warn)
        if not pages:
            raise UsageError(f"{dataset}: no pages for input {args.input!r}")
        baseline = _read_baseline(args.gate) if args.gate else None
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    progress = _Progress(sys.stderr.isatty())
    tools = []
    for name in [OURS, *peers]:
        tool = make_tool(name, args.input)
        if tool.error:
            _warn(tool.error)
        tools.append(tool)
    with _quiet_peers():
        results = run_tools(tools, pages, progress, args.passes)
    name = dataset.resolve().name
    corpus = corpus_hash(dataset, args.input, pages)
    _print_table(name, args.input, pages, corpus, results)
    ours = results[0]
    if args.worst:
        _print_worst(pages, ours, args.worst)
    if args.dump:
        _dump(args.dump, pages, ours)
    code, gate_report = EXIT_OK, None
    if args.gate:
        code, gate_report = _gate(args, baseline or {}, f"{name}/{args.input}", corpus, ours)
    if args.json_out:
        report = _as_json(name, dataset, args.input, corpus, pages, results)
        report["gate"] = gate_report
        _write_json(args.json_out, report)
    return code


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None or math.isnan(value) else format(value, spec)


def _fmt_speed(value: float | None) -> str:
    """Three significant digits, never scientific notation."""
    if value is None or math.isnan(value):
        return "n/a"
    digits = max(0, 2 - math.floor(math.log10(value))) if value > 0 else 2
    return f"{value:.{min(digits, 4)}f}"


def _print_table(name: str, kind: str, pages: Sequence[Page], corpus: str,
                 results: Sequence[Result]) -> None:
    ours = results[0]
    groups = Counter(page.group for page in pages)
    tools = versions(r.tool for r in results)
    print(f"data set {name}, input {kind}: {len(pages)} pages ({groups['en']} en, "
          f"{groups['non-en']} non-en), {ours.megabytes:.2f} MB, corpus {corpus}")
    print("versions: " + ", ".join(f"{t} {v}" for t, v in tools.items()))
    # Speeds depend on the interpreter's build as much as on the code (a
    # CPython built without PGO/LTO runs this project ~12% slower here).
    print(f"python {sys.version.split()[0]} ({sys.executable})")
    header = (f"{'tool':<17}{'F1':>6}{'P':>7}{'R':>7}{'acc':>7}{'MB/s':>9}{'peer/ours':>11}"
              f"{'ours/peer':>11}{'fail':>6}{'F1 en':>8}{'F1 non-en':>10}")
    print(header)
    print("-" * len(header))
    for r in results:
        en, non_en = r.by_group.get("en"), r.by_group.get("non-en")
        print(f"{r.tool:<17}{r.score.f1:>6.3f}{r.score.precision:>7.3f}{r.score.recall:>7.3f}"
              f"{r.score.accuracy:>7.3f}{_fmt_speed(r.speed):>9}"
              f"{_fmt_speed(_ratio(r.speed, ours.speed)):>11}"
              f"{_fmt_speed(_ratio(ours.speed, r.speed)):>11}{r.failures:>6}"
              f"{_fmt(en.f1 if en else None, '.3f'):>8}"
              f"{_fmt(non_en.f1 if non_en else None, '.3f'):>10}")
    passes = len(ours.pass_seconds)
    if passes > 1:
        spread = sorted(ours.megabytes / t for t in ours.pass_seconds if t > 0)
        print(f"MB/s: median of {passes} timed passes per tool, the tools taking turns; "
              f"ours ranged {_fmt_speed(spread[0] if spread else None)}–"
              f"{_fmt_speed(spread[-1] if spread else None)}")
    for r in results:
        for message, count in r.error_summary().most_common(3):
            first = next(pid for pid, m in r.errors.items() if m == message)
            print(f"  {r.tool} failed on {count} page(s) (first {first[:16]}): {message}")


def _print_worst(pages: Sequence[Page], ours: Result, k: int) -> None:
    rows = sorted(zip(ours.page_scores, pages, strict=True), key=lambda row: row[0].f1)
    print(f"our {min(k, len(rows))} worst pages:")
    print(f"  {'id':<24}{'F1':>6}{'P':>7}{'R':>7}  group")
    for s, page in rows[:k]:
        note = f"  failed: {ours.errors[page.id]}" if page.id in ours.errors else ""
        print(f"  {page.id[:24]:<24}{s.f1:>6.3f}{_fmt(s.precision, '.3f'):>7}"
              f"{_fmt(s.recall, '.3f'):>7}  {page.group}{note}")


def _dump(folder: Path, pages: Sequence[Page], ours: Result) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for page, text in zip(pages, ours.outputs, strict=True):
        (folder / f"{page.id}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        error = folder / f"{page.id}.error"
        if page.id in ours.errors:
            error.write_text(ours.errors[page.id] + "\n", encoding="utf-8")
        elif error.exists():
            error.unlink()


def _page_json(s: PageScore) -> dict[str, Any]:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision,
            "recall": s.recall, "exact": s.exact}


def _as_json(name: str, dataset: Path, kind: str, corpus: str, pages: Sequence[Page],
             results: Sequence[Result]) -> dict[str, Any]:
    ours = results[0]
    groups = Counter(page.group for page in pages)
    return {
        "dataset": name,
        "dataset_path": str(dataset),
        "input": kind,
        "pages": len(pages),
        "megabytes": ours.megabytes,
        "corpus_hash": corpus,
        "language_groups": dict(sorted(groups.items())),
        "versions": versions(r.tool for r in results),
        "python": sys.version.split()[0],
        "python_executable": sys.executable,
        "passes": len(ours.pass_seconds),
        "tools": {
            r.tool: {
                **r.score.as_dict(),
                "seconds": r.seconds,
                "pass_seconds": r.pass_seconds,
                "mb_per_s": r.speed,
                "speed_ratio_to_ours": _ratio(r.speed, ours.speed),
                "ours_speed_ratio": _ratio(ours.speed, r.speed),
                "failures": r.failures,
                "failure_messages": dict(r.error_summary()),
                "failed_pages": r.errors,
                "by_group": {g: s.as_dict() for g, s in r.by_group.items()},
                "f1_by_group": {g: s.f1 for g, s in r.by_group.items()},
            }
            for r in results
        },
        "per_page": [
            {"id": page.id, "group": page.group,
             "tools": {r.tool: _page_json(r.page_scores[i]) for r in results}}
            for i, page in enumerate(pages)
        ],
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=False, allow_nan=False)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- quality gate ----------------------------------------------------------------------
def _read_baseline(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"--gate {path}: not readable JSON ({exc})") from exc
    if not isinstance(data, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("f1_floor"), int | float)
            for v in data.values()):
        raise UsageError(f"--gate {path}: expected {{\"<data set>/<input>\": "
                         "{\"f1_floor\": …, \"corpus_hash\": …}}")
    return data


def floor_for(f1: float) -> float:
    """The floor pinned for a measured F1: F1 minus the margin, rounded down to 0.001."""
    return math.floor(round((f1 - GATE_MARGIN) * 1000, 6)) / 1000


def _gate(args: argparse.Namespace, baseline: dict[str, Any], key: str, corpus: str,
          ours: Result) -> tuple[int, dict[str, Any]]:
    path: Path = args.gate
    f1 = ours.score.f1
    sys.stdout.flush()  # the table first, then what the gate says (some of it on stderr)
    entry: dict[str, Any] | None = baseline.get(key)
    floor: float | None = None if entry is None else entry["f1_floor"]
    report: dict[str, Any] = {"key": key, "file": str(path), "f1": f1, "floor": floor,
                              "floor_corpus_hash": entry and entry.get("corpus_hash")}
    same_corpus = entry is not None and entry.get("corpus_hash") == corpus
    if args.update_gate:
        new = floor_for(f1)
        if same_corpus and floor is not None and new < floor and not args.allow_lower:
            print(f"gate {key}: refusing to lower the floor from {floor:.3f} to "
                  f"{new:.3f} (F1 {f1:.3f}); pass --allow-lower to do it on purpose",
                  file=sys.stderr)
            return EXIT_GATE, {**report, "status": "refused-lowering"}
        if same_corpus and new == floor:
            print(f"gate {key}: floor stays {new:.3f} (F1 {f1:.3f})")
            return EXIT_OK, {**report, "status": "unchanged"}
        if entry is not None and not same_corpus:
            print(f"gate {key}: the corpus changed ({entry.get('corpus_hash')} -> {corpus}); "
                  f"the old floor {floor:.3f} is replaced")
        old = f" (was {floor:.3f})" if floor is not None else ""
        baseline[key] = {"corpus_hash": corpus, "f1_floor": new}
        _write_json(path, dict(sorted(baseline.items())))
        print(f"gate {key}: floor set to {new:.3f}{old}, F1 {f1:.3f}, in {path}")
        return EXIT_OK, {**report, "status": "updated", "new_floor": new}
    if entry is None or floor is None:
        print(f"gate {key}: no floor recorded in {path}; not compared "
              "(add one with --update-gate)", file=sys.stderr)
        return EXIT_OK, {**report, "status": "no-floor"}
    if not same_corpus:
        print(f"gate {key}: the corpus differs from the one the floor was pinned on "
              f"({entry.get('corpus_hash')} there, {corpus} here); not compared",
              file=sys.stderr)
        return EXIT_OK, {**report, "status": "corpus-differs"}
    if f1 < floor:
        print(f"gate {key}: FAILED: our F1 {f1:.3f} is below the floor "
              f"{floor:.3f} pinned in {path}", file=sys.stderr)
        return EXIT_GATE, {**report, "status": "failed"}
    print(f"gate {key}: F1 {f1:.3f} ≥ floor {floor:.3f}")
    return EXIT_OK, {**report, "status": "passed"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m inspector.bench",
        description="Score the cleaner and its peers on a benchmark data set (same run).")
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse's own usage errors (exit 2) and --help (exit 0)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
