"""Check that a change to the detectors leaves every output exactly as it was.

Speed work must not change a single span.  Record a fingerprint of the
current code's output on a data set, change the code, and compare:

    python benchmarks/same_output.py record DATASET... --to before.json
    python benchmarks/same_output.py compare DATASET... --to before.json

A data set is a benchmark folder (``html/*.html`` and ``noisy_text/*/*.txt``)
or any folder of ``.txt``/``.html`` files.  The fingerprint of a document
covers each detector's own spans (before overlaps are resolved), the final
spans, the edits, the cleaned text and the metadata, so a difference is
reported with the detector that caused it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import inspector
from inspector.detectors import REGISTRY, Context
from inspector.model import Span

_current: dict[str, str] = {}


def _digest(items: Iterable[object]) -> str:
    return hashlib.sha256(repr(list(items)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _span_key(span: Span) -> tuple:
    return (span.start, span.end, span.rule, span.category.value, span.auto_decision,
            round(span.confidence, 6), span.reason, span.detector)


def _recording(name: str, func: Callable[[Context], Iterable[Span]]) -> Callable:
    def run(ctx: Context) -> list[Span]:
        spans = list(func(ctx))
        _current[name] = _digest(map(_span_key, spans))
        return spans

    return run


def _documents(roots: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix == ".txt" and path.parent.name != "truth":
                yield path, "text"
            elif path.suffix in (".html", ".htm"):
                yield path, "html"


def fingerprint(roots: Iterable[Path]) -> dict[str, dict[str, str]]:
    """Per document (keyed by its path relative to its data set): digests per part."""
    saved = dict(REGISTRY)
    for name, func in saved.items():
        REGISTRY[name] = _recording(name, func)
    try:
        return _fingerprint(list(roots))
    finally:
        REGISTRY.update(saved)


def _fingerprint(roots: list[Path]) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for root in roots:
        for path, kind in _documents([root]):
            _current.clear()
            key = f"{root.name}/{path.relative_to(root)}"
            try:
                doc = inspector.inspect(path, kind=kind)
            except Exception as exc:  # a failure is part of the output too
                result[key] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            metadata = dataclasses.asdict(doc.metadata)
            metadata.pop("source_path", None)
            result[key] = {
                **{f"detector {name}": digest for name, digest in _current.items()},
                "spans": _digest(map(_span_key, doc.spans)),
                "edits": _digest((e.start, e.end, e.replacement, e.rule) for e in doc.edits),
                "cleaned": _digest([doc.cleaned]),
                "metadata": _digest(sorted(metadata.items())),
            }
    return result


def compare(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> list[str]:
    """One line per document whose output differs, naming the parts that differ."""
    lines = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None or new is None:
            lines.append(f"{key}: only in {'after' if old is None else 'before'}")
            continue
        parts = sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))
        lines.append(f"{key}: {', '.join(parts)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--to", type=Path, required=True, help="the fingerprint file")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.datasets if not p.is_dir()]
    if missing:
        parser.error(f"not a folder: {', '.join(missing)}")
    current = fingerprint(args.datasets)
    if args.action == "record":
        args.to.write_text(json.dumps(current, indent=0, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(current)} documents in {args.to}")
        return 0
    roots = tuple(f"{p.name}/" for p in args.datasets)
    before = {key: value for key, value in json.loads(args.to.read_text(encoding="utf-8")).items()
              if key.startswith(roots)}  # a record of more data sets than compared now
    differences = compare(before, current)
    for line in differences:
        print(line)
    print(f"{len(differences)} of {len(current)} documents differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
