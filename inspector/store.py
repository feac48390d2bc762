"""Saving results and re-opening the person's decisions.

Two files per document: the cleaned text, and a sidecar JSON that is the
journalist's record of what was cut and why (every span and edit with the
automatic and the human decision, and the text each span covers).  Writes are
atomic and never touch the input; re-opening an input restores the decisions
and warns when the input changed since they were saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from .errors import StoreError
from .model import Document, Edit, Span

FORMAT_VERSION = 1
TOOL = "article-inspector"
_UNSAFE = re.compile(r"[^\w.\-]+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
_MAX_STEM = 150
_DECISIONS = (None, "remove", "keep")


def safe_name(name: str) -> str:
    """A file-name stem made from any id: no separators, no traversal, not empty.

    A URL loses its scheme; path separators become ``_`` and ``.``/``..``
    parts are dropped (``../../etc/passwd`` → ``etc_passwd``); Windows device
    names (``con``, ``nul.txt``…) get a prefix; very long ids are cut and end
    in a short hash of the whole id, so two long ids that share a beginning
    stay apart.
    """
    text = _SCHEME.sub("", name)
    parts = [p for p in re.split(r"[/\\]+", text) if p.strip(". ")]
    stem = _UNSAFE.sub("_", "_".join(parts)).strip("._ ")
    if not stem or stem.split(".", 1)[0].lower() in _RESERVED:
        stem = f"document_{stem}" if stem else "document"
    if len(stem) > _MAX_STEM:
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        stem = f"{stem[:_MAX_STEM - 11].rstrip('._')}-{digest}"
    return stem


def output_paths(name: str, out_dir: Path) -> tuple[Path, Path]:
    """``<out_dir>/<safe name>.txt`` and ``<out_dir>/<safe name>.inspect.json``."""
    stem = safe_name(name)
    return out_dir / f"{stem}.txt", out_dir / f"{stem}.inspect.json"


def default_paths_for(input_path: Path) -> tuple[Path, Path]:
    """Where the GUI saves by default: beside the input, never onto it."""
    stem = safe_name(input_path.stem)
    txt = input_path.with_name(f"{stem}.cleaned.txt")
    side = input_path.with_name(f"{stem}.inspect.json")
    if input_path.name in (txt.name, side.name):  # e.g. re-opening "x.inspect.json"
        txt = input_path.with_name(f"{stem}.1.cleaned.txt")
        side = input_path.with_name(f"{stem}.1.inspect.json")
    return txt, side


def find_sidecar(input_path: Path) -> Path | None:
    path = default_paths_for(input_path)[1]
    return path if path.is_file() else None


def to_json(doc: Document) -> dict[str, Any]:
    """The sidecar: everything needed to see, audit and replay the decisions."""
    from . import __version__
    from .rules import load_rules

    spans = []
    for span in doc.spans:
        data = span.to_dict()
        data["text"] = doc.raw[span.start:span.end]  # what was cut, readable without the input
        spans.append(data)
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
        "spans": spans,
        "edits": [e.to_dict() for e in doc.edits],
    }


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file (same path, symlink or hard link)."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and a.samefile(b)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on old Pythons
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_open(path: Path) -> Iterator[IO[str]]:
    """A text handle whose content replaces ``path`` only when the block ends cleanly.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and is renamed over ``path`` in one step; if anything fails (or the
    process is killed) the previous ``path`` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file for its owner only; give it the usual mode.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows it)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new, never half."""
    with atomic_open(path) as handle:
        handle.write(text)


def check_targets(targets: tuple[Path, ...], *, force: bool,
                  input_path: Path | None) -> None:
    """Refuse to write over the input (always) or over earlier results (without force)."""
    if len({str(t.resolve()) for t in targets}) < len(targets):
        raise StoreError(f"{targets[0]}: the text and the decisions file must be two files")
    for target in targets:
        if input_path is not None and same_file(target, input_path):
            raise StoreError(f"{target}: refusing to overwrite the input file")
        if target.is_dir():
            raise StoreError(f"{target}: is a folder")
        if target.exists() and not force:
            raise StoreError(f"{target}: already exists (use --force to replace it)")


def save(doc: Document, txt_path: Path, json_path: Path, *, force: bool = False,
         input_path: Path | None = None) -> None:
    """Write the cleaned text and the sidecar, atomically, never over the input.

    ``input_path`` defaults to ``doc.metadata.source_path``.  The sidecar is
    written last, so a sidecar on disk always has its text beside it.
    """
    source = input_path or (Path(doc.metadata.source_path) if doc.metadata.source_path else None)
    check_targets((txt_path, json_path), force=force, input_path=source)
    try:
        sidecar = json.dumps(to_json(doc), ensure_ascii=False, indent=1) + "\n"
        atomic_write(txt_path, doc.cleaned + "\n")
        atomic_write(json_path, sidecar)
    except OSError as exc:
        where = exc.filename or txt_path
        raise StoreError(f"{where}: cannot write ({exc.strerror or exc})") from exc


def read_sidecar(path: Path) -> dict[str, Any]:
    """A sidecar's content, checked enough that :func:`apply_decisions` cannot trip on it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not a valid decisions file ({exc})") from exc
    if not isinstance(data, dict) or "format_version" not in data:
        raise StoreError(f"{path}: not a decisions file (no format_version)")
    if data["format_version"] != FORMAT_VERSION:
        raise StoreError(f"{path}: format version {data['format_version']!r} is not supported "
                         f"(this tool reads version {FORMAT_VERSION})")
    for key, kind in (("spans", list), ("edits", list), ("input", dict)):
        if key in data and not isinstance(data[key], kind):
            raise StoreError(f"{path}: not a valid decisions file "
                             f"('{key}' is not a {'list' if kind is list else 'mapping'})")
    return data


def apply_decisions(doc: Document, sidecar: dict[str, Any]) -> list[str]:
    """Restore the person's decisions, spans and edit toggles on a freshly inspected document.

    Spans are matched on (start, end, rule) and, when the sidecar kept it, on
    the text they cover; what no longer matches is reported, never guessed.
    Returns warnings for the person (empty when everything was restored).
    """
    warnings: list[str] = []
    saved_input = sidecar.get("input")
    if not isinstance(saved_input, dict):
        saved_input = {}
    saved_hash = saved_input.get("sha256")
    changed = bool(saved_hash and doc.metadata.sha256 and saved_hash != doc.metadata.sha256)
    saved_path = saved_input.get("path")
    if changed and saved_path and doc.metadata.source_path \
            and Path(saved_path).name != Path(doc.metadata.source_path).name:
        return [f"these decisions were saved for another input ({saved_path}); "
                "nothing was restored"]
    if changed:
        warnings.append("the input changed since these decisions were saved; "
                        "decisions were restored only where the text still matches")
    by_key = {(s.start, s.end, s.rule): s for s in doc.spans}
    user_spans = {(s.start, s.end, s.category) for s in doc.spans if s.origin == "user"}
    for data in _list(sidecar.get("spans")):
        try:
            saved = Span.from_dict(data)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            warnings.append(f"a saved span could not be read ({exc})")
            continue
        if saved.user_decision not in _DECISIONS or saved.auto_decision not in _DECISIONS:
            warnings.append(f"a saved span at {saved.start}–{saved.end} has an unknown "
                            f"decision ({saved.user_decision!r})")
            continue
        where = f"{saved.rule} at {saved.start}–{saved.end}"
        text = data.get("text")
        fits = 0 <= saved.start <= saved.end <= len(doc.raw) and (
            not isinstance(text, str) or doc.raw[saved.start:saved.end] == text)
        if saved.origin == "user":
            if not fits:
                warnings.append(f"your span {where} no longer matches the text; not restored")
            elif (saved.start, saved.end, saved.category) not in user_spans:
                saved.id = -1
                doc.add_span(saved)
                user_spans.add((saved.start, saved.end, saved.category))
            continue
        if saved.user_decision is None:
            continue
        span = by_key.get((saved.start, saved.end, saved.rule))
        if span is None or not fits:
            warnings.append(f"your decision on {where} no longer matches a detected span; "
                            "not restored")
            continue
        doc.set_decision(span.id, saved.user_decision, saved.decided_at)
    edits = {(e.start, e.end, e.replacement): e for e in doc.edits}
    for data in _list(sidecar.get("edits")):
        try:
            saved_edit = Edit.from_dict(data)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            warnings.append(f"a saved repair could not be read ({exc})")
            continue
        edit = edits.get((saved_edit.start, saved_edit.end, saved_edit.replacement))
        if edit is None:
            if not saved_edit.enabled:
                warnings.append(f"the repair you turned off ({saved_edit.rule} at "
                                f"{saved_edit.start}–{saved_edit.end}) is no longer found")
            continue
        if edit.enabled != saved_edit.enabled:
            doc.set_edit_enabled(edit.id, saved_edit.enabled)
    return warnings


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
