"""Detectors: one module each, one job each, registered under a stable name.

A detector is a function ``(Context) -> Iterable[Span]``.  The registry order
is the order they run in; overlaps are resolved afterwards by
:mod:`inspector.resolve`, so detectors never need to know about each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Metadata, Span
from ..rules import RuleSet
from ..segment import Line, split_lines

Detector = Callable[["Context"], Iterable[Span]]
REGISTRY: dict[str, Detector] = {}


def detector(name: str) -> Callable[[Detector], Detector]:
    """Register a detector under ``name`` (its id in saves and in the GUI)."""

    def register(func: Detector) -> Detector:
        if name in REGISTRY:
            raise ValueError(f"detector {name!r} registered twice")
        REGISTRY[name] = func
        return func

    return register


@dataclass
class Context:
    """What every detector may read.  Detectors never modify it, except
    ``metadata``, which is where metadata lines and captions are moved."""

    raw: str
    rules: RuleSet
    kind: str = "text"
    metadata: Metadata = field(default_factory=Metadata)
    #: Ranges already removed upstream (HTML structure); text detectors skip them.
    excluded: list[tuple[int, int]] = field(default_factory=list)
    language: str | None = None
    stopwords: frozenset[str] = frozenset()
    #: Spans found by the detectors that ran before; the structure detector,
    #: which runs last, weighs them as evidence (a block that is mostly a
    #: cookie notice is not article prose, however well it reads).
    found: list[Span] = field(default_factory=list)
    #: Per-text results several detectors need (e.g. which lines are code),
    #: computed once by whoever asks first.
    cache: dict[str, object] = field(default_factory=dict)
    _lines: list[Line] | None = None

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            self._lines = split_lines(self.raw)
        return self._lines


def _load_all() -> None:
    # Import order is run order: specific detectors first, structure last.
    from . import (  # noqa: F401
        captions,
        duplicates,
        markup,
        metadata_lines,
        phrases,
        script,
        structure,
    )


_load_all()
