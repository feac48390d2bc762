"""Saving results and re-opening the person's decisions.

Two files per document: the cleaned text, and a sidecar JSON that is the
journalist's record of what was cut and why (every span and edit with the
automatic and the human decision).  Writes are atomic and never touch the
input; re-opening an input restores the decisions and warns when the input
changed since they were saved.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import StoreError
from .model import Document, Edit, Span

FORMAT_VERSION = 1
TOOL = "article-inspector"
_UNSAFE = re.compile(r"[^\w.\-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


def safe_name(name: str) -> str:
    """A file-name stem made from any id: no separators, no traversal, not empty."""
    stem = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")
    if not stem or stem.lower() in _RESERVED:
        stem = f"document_{stem}" if stem else "document"
    return stem[:150]


def output_paths(name: str, out_dir: Path) -> tuple[Path, Path]:
    stem = safe_name(name)
    return out_dir / f"{stem}.txt", out_dir / f"{stem}.inspect.json"


def default_paths_for(input_path: Path) -> tuple[Path, Path]:
    """Where the GUI saves by default: beside the input, never onto it."""
    stem = safe_name(input_path.stem)
    return (input_path.with_name(f"{stem}.cleaned.txt"),
            input_path.with_name(f"{stem}.inspect.json"))


def find_sidecar(input_path: Path) -> Path | None:
    path = default_paths_for(input_path)[1]
    return path if path.exists() else None


def to_json(doc: Document) -> dict[str, Any]:
    from . import __version__
    from .rules import load_rules

    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": TOOL, "version": __version__},
        "rules_version": load_rules().version,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "kind": doc.kind,
        "input": {
            "path": doc.metadata.source_path,
            "sha256": doc.metadata.sha256,
            "encoding": doc.metadata.encoding,
            "chars": len(doc.raw),
        },
        "metadata": doc.metadata.to_dict(),
        "stats": doc.stats(),
        "spans": [s.to_dict() for s in doc.spans],
        "edits": [e.to_dict() for e in doc.edits],
    }


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save(doc: Document, txt_path: Path, json_path: Path, *, force: bool = False,
         input_path: Path | None = None) -> None:
    """Write the cleaned text and the sidecar, atomically, never over the input."""
    source = input_path or (Path(doc.metadata.source_path) if doc.metadata.source_path else None)
    for target in (txt_path, json_path):
        if source is not None and _same_file(target, source):
            raise StoreError(f"{target}: refusing to overwrite the input file")
        if target.exists() and not force:
            raise StoreError(f"{target}: already exists (use --force to replace it)")
    try:
        atomic_write(txt_path, doc.cleaned + "\n")
        atomic_write(json_path, json.dumps(to_json(doc), ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        raise StoreError(f"{exc.filename or txt_path}: cannot write "
                         f"({exc.strerror or exc})") from exc


def read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not a valid decisions file ({exc})") from exc
    if not isinstance(data, dict) or "format_version" not in data:
        raise StoreError(f"{path}: not a decisions file (no format_version)")
    if data["format_version"] != FORMAT_VERSION:
        raise StoreError(f"{path}: format version {data['format_version']} is not supported "
                         f"(this tool reads version {FORMAT_VERSION})")
    return data


def apply_decisions(doc: Document, sidecar: dict[str, Any]) -> list[str]:
    """Restore the person's decisions and spans on a freshly inspected document.

    Spans are matched on (start, end, rule); what no longer matches is
    reported, never guessed.
    """
    warnings = []
    saved_hash = (sidecar.get("input") or {}).get("sha256")
    if saved_hash and doc.metadata.sha256 and saved_hash != doc.metadata.sha256:
        warnings.append("the input changed since these decisions were saved; "
                        "decisions were restored where the text still matches")
    by_key = {(s.start, s.end, s.rule): s for s in doc.spans}
    for data in sidecar.get("spans", []):
        try:
            saved = Span.from_dict(data)
        except (KeyError, ValueError, TypeError) as exc:
            warnings.append(f"a saved span could not be read ({exc})")
            continue
        if saved.origin == "user":
            if 0 <= saved.start <= saved.end <= len(doc.raw):
                saved.id = -1
                doc.add_span(saved)
            else:
                warnings.append(f"your span at {saved.start}–{saved.end} is outside the text")
            continue
        if saved.user_decision is None:
            continue
        span = by_key.get((saved.start, saved.end, saved.rule))
        if span is None:
            warnings.append(f"decision on {saved.rule} at {saved.start}–{saved.end} no longer "
                            "matches a detected span")
            continue
        doc.set_decision(span.id, saved.user_decision, saved.decided_at)
    edits = {(e.start, e.end, e.replacement): e for e in doc.edits}
    for data in sidecar.get("edits", []):
        try:
            saved_edit = Edit.from_dict(data)
        except (KeyError, ValueError, TypeError):
            continue
        edit = edits.get((saved_edit.start, saved_edit.end, saved_edit.replacement))
        if edit is not None and edit.enabled != saved_edit.enabled:
            doc.set_edit_enabled(edit.id, saved_edit.enabled)
    return warnings
