"""``python -m inspector bench DATASET``: quality and speed against peers, same run.

Scoring follows the ScrapingHub article-extraction benchmark: tokens are
``\\w+`` matches, each text becomes the multiset of its 4-token shingles, and
per page TP/FP/FN are multiset overlaps with the gold text.  Precision and
recall are means over pages, F1 is computed from those means.  Peers are run
on the very same inputs in the same process, so speed is reported as ratios,
which survive a noisy machine better than absolute numbers.

The data set is an argument; nothing here depends on where it lives.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html as html_lib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InspectorError

_WORD = re.compile(r"\w+")
PEERS = ("trafilatura", "readability-lxml", "justext", "boilerpy3", "resiliparse", "identity")
EXIT_OK, EXIT_GATE, EXIT_USAGE = 0, 1, 2


# -- scoring ------------------------------------------------------------------
def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def page_counts(predicted: str, gold: str) -> tuple[int, int, int]:
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    return tp, sum((p - g).values()), sum((g - p).values())


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def score(pairs: Sequence[tuple[str, str]]) -> Score:
    """Scores over (predicted, gold) pairs, exactly as METRICS.md defines them."""
    precisions, recalls, exact = [], [], 0
    for predicted, gold in pairs:
        tp, fp, fn = page_counts(predicted, gold)
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
        else:
            if tp + fp:
                precisions.append(tp / (tp + fp))
            if tp + fn:
                recalls.append(tp / (tp + fn))
        exact += _WORD.findall(predicted) == _WORD.findall(gold)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, exact / len(pairs) if pairs else 0.0, len(pairs))


# -- data -----------------------------------------------------------------------
@dataclass
class Page:
    id: str
    gold: str
    input: str | bytes


def xpath_text(data: bytes) -> str:
    """Every text node of ``<body>`` joined by newlines, as ``//body//text()`` gives it."""
    from lxml import html as lxml_html

    from .sources.text import decode_bytes

    text, _ = decode_bytes(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    tree = lxml_html.fromstring(text)
    return "\n".join(str(t) for t in tree.xpath("//body//text()")) or tree.text_content()


def load_pages(dataset: Path, input_kind: str, limit: int | None = None,
               ids: set[str] | None = None) -> list[Page]:
    truth = dataset / "truth"
    if not truth.is_dir():
        raise InspectorError(f"{dataset}: no truth/ folder (is this a benchmark data set?)")
    pages = []
    for gold_path in sorted(truth.glob("*.txt")):
        pid = gold_path.stem
        if ids is not None and pid not in ids:
            continue
        if input_kind == "html" or input_kind == "xpath":
            source = dataset / "html" / f"{pid}.html"
            if not source.exists():
                continue
            data = source.read_bytes()
            content: str | bytes = data if input_kind == "html" else xpath_text(data)
        else:
            tool = input_kind.split(":", 1)[1]
            source = dataset / "noisy_text" / tool / f"{pid}.txt"
            if not source.exists():
                continue
            content = source.read_text(encoding="utf-8")
        pages.append(Page(pid, gold_path.read_text(encoding="utf-8"), content))
        if limit and len(pages) >= limit:
            break
    return pages


def corpus_hash(dataset: Path, input_kind: str, pages: Sequence[Page]) -> str:
    digest = hashlib.sha256(input_kind.encode())
    for page in pages:
        digest.update(page.id.encode())
        data = page.input if isinstance(page.input, bytes) else page.input.encode()
        digest.update(hashlib.sha256(data).digest())
        digest.update(hashlib.sha256(page.gold.encode()).digest())
    return digest.hexdigest()[:16]


# -- tools ------------------------------------------------------------------------
def _as_html(content: str | bytes) -> str | bytes:
    """Text inputs reach HTML extractors one ``<p>`` per line, as METRICS.md says."""
    if isinstance(content, bytes):
        return content
    body = "\n".join(f"<p>{html_lib.escape(line)}</p>" for line in content.split("\n"))
    return f"<html><body>{body}</body></html>"


def _decoded(content: str | bytes) -> str:
    if isinstance(content, str):
        return content
    from .sources.text import decode_bytes

    return decode_bytes(content)[0]


def _ours(kind: str) -> Callable[[str | bytes], str]:
    from .pipeline import inspect
    from .rules import load_rules

    rules = load_rules()
    return lambda content: inspect(content, kind=kind, rules=rules).cleaned


def _trafilatura() -> Callable[[str | bytes], str]:
    import trafilatura

    return lambda c: trafilatura.extract(_decoded(_as_html(c))) or ""


def _readability() -> Callable[[str | bytes], str]:
    from lxml import html as lxml_html
    from readability import Document as ReadabilityDocument

    def run(c: str | bytes) -> str:
        summary = ReadabilityDocument(_decoded(_as_html(c))).summary()
        return lxml_html.fromstring(summary).text_content()

    return run


def _justext() -> Callable[[str | bytes], str]:
    import justext

    stoplists = {"en": "English", "fr": "French", "de": "German", "es": "Spanish",
                 "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "ru": "Russian"}

    def run(c: str | bytes) -> str:
        # The page's declared language picks the stop list, English otherwise.
        text = _decoded(_as_html(c))
        lang = re.search(r"<html[^>]*\blang=[\"']?([a-z]{2})", text[:3000], re.IGNORECASE)
        stoplist = stoplists.get(lang.group(1).lower() if lang else "en", "English")
        paragraphs = justext.justext(text.encode("utf-8"), justext.get_stoplist(stoplist))
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _boilerpy3() -> Callable[[str | bytes], str]:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor(raise_on_failure=False)
    return lambda c: extractor.get_content(_decoded(_as_html(c))) or ""


def _resiliparse() -> Callable[[str | bytes], str]:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda c: extract_plain_text(_decoded(_as_html(c)), main_content=True)


def _identity(input_kind: str) -> Callable[[str | bytes], str]:
    """The input unchanged; for HTML its whole text layer (lxml ``text_content``)."""
    if input_kind != "html":
        return lambda c: c if isinstance(c, str) else c.decode("utf-8", "replace")

    from lxml import html as lxml_html

    def run(c: str | bytes) -> str:
        tree = lxml_html.fromstring(_decoded(c))
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        return tree.text_content()

    return run


def make_tool(name: str, input_kind: str) -> Callable[[str | bytes], str]:
    factories: dict[str, Callable[[], Callable[[str | bytes], str]]] = {
        "ours": lambda: _ours("html" if input_kind == "html" else "text"),
        "trafilatura": _trafilatura,
        "readability-lxml": _readability,
        "justext": _justext,
        "boilerpy3": _boilerpy3,
        "resiliparse": _resiliparse,
        "identity": lambda: _identity(input_kind),
    }
    return factories[name]()


# -- running --------------------------------------------------------------------
@dataclass
class Result:
    tool: str
    score: Score
    seconds: float
    megabytes: float
    failures: int = 0
    first_error: str = ""
    by_group: dict[str, Score] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)

    @property
    def speed(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def _megabytes(pages: Sequence[Page]) -> float:
    return sum(len(p.input) if isinstance(p.input, bytes) else len(p.input.encode())
               for p in pages) / 1e6


def _group(gold: str) -> str:
    from .language import guess
    from .rules import load_rules

    lang, _ = guess(gold, load_rules())
    return "en" if lang == "en" else "non-en"


def run_tool(name: str, func: Callable[[str | bytes], str], pages: Sequence[Page],
             progress: bool = False) -> Result:
    if pages:
        with contextlib.suppress(Exception):  # a peer's failure is recorded below
            func(pages[0].input)  # warm-up: imports, caches, compiled patterns
    outputs, failures, first_error = [], 0, ""
    start = time.perf_counter()
    for n, page in enumerate(pages, 1):
        try:
            outputs.append(func(page.input) or "")
        except Exception as exc:
            outputs.append("")
            failures += 1
            first_error = first_error or f"{page.id}: {type(exc).__name__}: {exc}"
        if progress:
            print(f"\r{name}: {n}/{len(pages)}", end="", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    if progress:
        print(file=sys.stderr)
    pairs = [(o, p.gold) for o, p in zip(outputs, pages, strict=True)]
    groups: dict[str, list[tuple[str, str]]] = {}
    for pair, page in zip(pairs, pages, strict=True):
        groups.setdefault(_group(page.gold), []).append(pair)
    return Result(name, score(pairs), seconds, _megabytes(pages), failures, first_error,
                  {g: score(v) for g, v in sorted(groups.items())}, outputs)


def available_peers() -> list[str]:
    import importlib.util

    modules = {"trafilatura": "trafilatura", "readability-lxml": "readability",
               "justext": "justext", "boilerpy3": "boilerpy3", "resiliparse": "resiliparse",
               "identity": "lxml"}
    return [p for p in PEERS if importlib.util.find_spec(modules[p]) is not None]


# -- command line -----------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", type=Path, help="folder with html/, truth/, noisy_text/")
    parser.add_argument("--input", default="html",
                        help="html | text:<tool> (noisy_text/<tool>/) | xpath (default html)")
    parser.add_argument("--peers", default="all",
                        help="comma-separated peers, 'all' (installed ones) or 'none'")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--ids", type=Path, help="file with one page id per line")
    parser.add_argument("--json", type=Path, dest="json_out", help="write all numbers here")
    parser.add_argument("--worst", type=int, default=0, help="list our K worst pages")
    parser.add_argument("--dump", type=Path, help="write our cleaned output per page here")
    parser.add_argument("--gate", type=Path, help="JSON baseline of F1 floors to enforce")
    parser.add_argument("--update-gate", action="store_true",
                        help="raise the floors in --gate to what was measured (minus 0.005)")
    parser.add_argument("--allow-lower", action="store_true",
                        help="with --update-gate, allow lowering a floor")


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    dataset: Path = args.dataset
    if not dataset.is_dir():
        return _usage(f"{dataset}: no such data set folder")
    kind = args.input
    if not (kind in ("html", "xpath") or (kind.startswith("text:") and len(kind) > 5)):
        return _usage(f"--input must be html, xpath or text:<tool>, not {kind!r}")
    if kind.startswith("text:") and not (dataset / "noisy_text" / kind[5:]).is_dir():
        return _usage(f"{dataset}: no noisy_text/{kind[5:]}/ folder")
    if args.peers == "all":
        peers = available_peers()
    elif args.peers == "none":
        peers = []
    else:
        peers = [p.strip() for p in args.peers.split(",") if p.strip()]
        unknown = [p for p in peers if p not in PEERS]
        if unknown:
            return _usage(f"unknown peer {unknown[0]!r} (known: {', '.join(PEERS)})")
    ids = None
    if args.ids:
        ids = {line.strip() for line in args.ids.read_text().splitlines() if line.strip()}
    try:
        pages = load_pages(dataset, kind, args.limit, ids)
    except InspectorError as exc:
        return _usage(str(exc))
    if not pages:
        return _usage(f"{dataset}: no pages for input {kind!r}")
    progress = sys.stderr.isatty()
    results = [run_tool("ours", make_tool("ours", kind), pages, progress)]
    for peer in peers:
        try:
            func = make_tool(peer, kind)
        except ImportError as exc:
            print(f"warning: peer {peer} not installed ({exc})", file=sys.stderr)
            continue
        results.append(run_tool(peer, func, pages, progress))
    corpus = corpus_hash(dataset, kind, pages)
    _print_table(dataset, kind, pages, corpus, results)
    ours = results[0]
    if args.worst:
        _print_worst(pages, ours, args.worst)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for page, text in zip(pages, ours.outputs, strict=True):
            (args.dump / f"{page.id}.txt").write_text(text + "\n", encoding="utf-8")
    if args.json_out:
        args.json_out.write_text(json.dumps(_as_json(dataset, kind, corpus, results),
                                            indent=1) + "\n", encoding="utf-8")
    if args.gate:
        return _gate(args, dataset.name, kind, corpus, ours.score.f1)
    return EXIT_OK


def _print_table(dataset: Path, kind: str, pages: Sequence[Page], corpus: str,
                 results: Sequence[Result]) -> None:
    ours = results[0]
    print(f"data set {dataset.name}, input {kind}, {len(pages)} pages, "
          f"{ours.megabytes:.2f} MB, corpus {corpus}")
    print(f"{'tool':<18}{'F1':>7}{'P':>7}{'R':>7}{'acc':>7}{'MB/s':>8}"
          f"{'speed vs ours':>15}{'fail':>6}  F1 by group")
    for r in results:
        ratio = r.speed / ours.speed if ours.speed else float("nan")
        groups = "  ".join(f"{g} {s.f1:.3f} ({s.pages})" for g, s in r.by_group.items())
        print(f"{r.tool:<18}{r.score.f1:>7.3f}{r.score.precision:>7.3f}{r.score.recall:>7.3f}"
              f"{r.score.accuracy:>7.3f}{r.speed:>8.1f}{ratio:>14.2f}x{r.failures:>6}  {groups}")
    for r in results:
        if r.first_error:
            print(f"  {r.tool}: {r.failures} failures, first: {r.first_error[:160]}")


def _print_worst(pages: Sequence[Page], ours: Result, k: int) -> None:
    rows = []
    for page, out in zip(pages, ours.outputs, strict=True):
        s = score([(out, page.gold)])
        rows.append((s.f1, page.id, s.precision, s.recall))
    print(f"our {k} worst pages:")
    for f1, pid, p, r in sorted(rows)[:k]:
        print(f"  {pid[:20]:<20} F1 {f1:.3f}  P {p:.3f}  R {r:.3f}")


def _as_json(dataset: Path, kind: str, corpus: str, results: Sequence[Result]) -> dict[str, Any]:
    ours = results[0]
    return {
        "dataset": dataset.name,
        "input": kind,
        "corpus_hash": corpus,
        "tools": {
            r.tool: {
                "f1": r.score.f1, "precision": r.score.precision, "recall": r.score.recall,
                "accuracy": r.score.accuracy, "pages": r.score.pages,
                "mb_per_s": r.speed, "speed_ratio_to_ours": r.speed / ours.speed,
                "failures": r.failures,
                "f1_by_group": {g: s.f1 for g, s in r.by_group.items()},
            }
            for r in results
        },
    }


def _gate(args: argparse.Namespace, name: str, kind: str, corpus: str, f1: float) -> int:
    path: Path = args.gate
    baseline = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    key = f"{name}/{kind}"
    entry = baseline.get(key)
    if args.update_gate:
        floor = round(f1 - 0.005, 3)
        if entry and entry.get("corpus_hash") == corpus and floor < entry["f1_floor"] \
                and not args.allow_lower:
            print(f"gate {key}: refusing to lower the floor {entry['f1_floor']:.3f} to "
                  f"{floor:.3f} (pass --allow-lower to do it on purpose)", file=sys.stderr)
            return EXIT_GATE
        baseline[key] = {"f1_floor": floor, "corpus_hash": corpus}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"gate {key}: floor set to {floor:.3f}")
        return EXIT_OK
    if entry is None:
        print(f"gate {key}: no floor recorded in {path}", file=sys.stderr)
        return EXIT_OK
    if entry.get("corpus_hash") != corpus:
        print(f"gate {key}: the corpus differs from the one the floor was set on "
              f"({entry.get('corpus_hash')} vs {corpus}); not compared", file=sys.stderr)
        return EXIT_OK
    if f1 < entry["f1_floor"]:
        print(f"gate {key}: F1 {f1:.3f} is below the floor {entry['f1_floor']:.3f}",
              file=sys.stderr)
        return EXIT_GATE
    print(f"gate {key}: F1 {f1:.3f} ≥ floor {entry['f1_floor']:.3f}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inspector.bench")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
