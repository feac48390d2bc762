"""Detectors: one module each, one job each, registered under a stable name.

A detector is a function ``(Context) -> Iterable[Span]``.  The registry order
is the order they run in; overlaps are resolved afterwards by
:mod:`inspector.resolve`, so detectors never need to know about each other.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Metadata, Span
from ..rules import RuleSet
from ..segment import Line
from ..triggers import blanked

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
        """The lines as objects, built when first asked for.

        A convenience for new detectors: the built-in ones read
        :attr:`line_texts`, :attr:`line_starts` and :attr:`line_sizes`, which
        hold the same facts without an object per line (a page has tens of
        thousands of lines; ``tests/core/test_pipeline.py`` checks that
        inspecting builds none).
        """
        if self._lines is None:
            # Built from the shared split, sizes and starts (which every page
            # asks for anyway): C-level maps, and the lines share their strings.
            texts = self.line_texts
            self._lines = list(map(Line, self.line_starts,
                                   map(operator.add, self.line_starts, map(len, texts)),
                                   texts, map(operator.not_, self.line_sizes)))
        return self._lines

    @property
    def line_texts(self) -> list[str]:
        """``raw.split("\\n")``: each line's text, split once for every view below."""
        texts = self.cache.get("line_texts")
        if texts is None:
            texts = self.cache["line_texts"] = self.raw.split("\n")
        return texts  # type: ignore[return-value]

    @property
    def utf8(self) -> bytes:
        """``raw`` in UTF-8 (surrogates passed through), for byte-table scans."""
        data = self.cache.get("utf8")
        if data is None:
            data = self.cache["utf8"] = self.raw.encode("utf-8", "surrogatepass")
        return data  # type: ignore[return-value]

    @property
    def folded(self) -> str:
        """The text lower-cased with every offset kept.

        Matching lower-cased text without ``re.IGNORECASE`` is several times
        faster in Python's engine, so several detectors want this view.
        """
        low = self.cache.get("folded")
        if low is None:
            low, data, others = _lowered(self.raw, self.utf8)
            if data is not None:  # kept for :attr:`blanked`
                self.cache["folded_utf8"], self.cache["folded_others"] = data, others
            if len(low) != len(self.raw):
                # A few characters ("İ") grow when lower-cased; fold those one
                # by one only where that keeps their length.
                low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in self.raw)
                self.cache["folded_by_character"] = True
            self.cache["folded"] = low
        return low  # type: ignore[return-value]

    @property
    def lowered(self) -> str | None:
        """``raw.lower()`` when that is what :attr:`folded` holds (nearly always), else None."""
        low = self.folded
        return None if self.cache.get("folded_by_character") else low

    @property
    def blanked(self) -> str:
        """The folded text with all but letters and digits blanked, padded with a
        space at each end (so offset ``i`` of the text is ``i + 1`` here); where
        :mod:`inspector.triggers` looks for whole words."""
        text = self.cache.get("blanked")
        if text is None:
            folded = self.folded
            # Where folding left the folded text's UTF-8 and its non-ASCII
            # characters at hand, ``blanked`` need not read them again.
            text = blanked(folded, self.cache.get("folded_utf8"),  # type: ignore[arg-type]
                           self.cache.get("folded_others"))  # type: ignore[arg-type]
            text = self.cache["blanked"] = f" {text} "
        return text  # type: ignore[return-value]

    @property
    def line_sizes(self) -> list[int]:
        """Each line's length without surrounding white space (0 for blank lines)."""
        sizes = self.cache.get("line_sizes")
        if sizes is None:
            sizes = self.cache["line_sizes"] = list(map(len, map(str.strip, self.line_texts)))
        return sizes  # type: ignore[return-value]

    @property
    def line_starts(self) -> list[int]:
        """Offset of each line's first character (C-level sums, no line objects).

        The sums are of each line's length plus one (its newline): a line is
        rarely 256 characters or more, so that sum is mostly one of Python's
        shared small ints, and only the running total makes a new one.
        """
        starts = self.cache.get("line_starts")
        if starts is None:
            spans = map(operator.add, map(len, self.line_texts), itertools.repeat(1))
            starts = self.cache["line_starts"] = list(itertools.accumulate(spans, initial=0))
            starts.pop()  # the sum after the last line starts nothing
        return starts  # type: ignore[return-value]

    def line_at(self, pos: int) -> int:
        """Index of the line holding offset ``pos``."""
        return bisect.bisect_right(self.line_starts, pos) - 1


_ASCII_BYTES = bytes(range(128))
#: Lower-cased by ``str.lower`` according to what follows it (final sigma).
_CONTEXTUAL = "\u03a3"


def _lowered(raw: str, utf8: bytes) -> tuple[str, bytes | None, set[str] | None]:
    """``raw.lower()``, for ``raw`` in UTF-8 (``utf8``), faster on mostly ASCII text.

    ``str.lower`` reads a text with any non-ASCII character one character at
    a time.  Lower-casing the UTF-8 bytes changes only the ASCII letters (the
    bytes of other characters are all above 127) at memory speed; then each
    non-ASCII character that has a lower case of its own is replaced, once
    per such character.  Texts mostly in another script, and the rare ones
    whose lower case depends on the neighbours or changes the length, are
    left to ``str.lower``.

    Also returned, when no non-ASCII character needed lower-casing (most
    texts): the lowered text's UTF-8 and the set of its non-ASCII
    characters, which :attr:`Context.blanked` passes on to ``blanked``; else None
    and None.
    """
    if raw.isascii():
        return raw.lower(), None, None
    others = utf8.translate(None, _ASCII_BYTES)
    if len(others) * 8 > len(utf8):
        return raw.lower(), None, None
    data = utf8.lower()
    low = data.decode("utf-8", "surrogatepass")
    chars = set(others.decode("utf-8", "surrogatepass"))
    replaced = False
    for char in chars:
        lower = char.lower()
        if lower != char:
            if len(lower) != 1 or char in _CONTEXTUAL:
                return raw.lower(), None, None
            low = low.replace(char, lower)
            replaced = True
    if len(low) != len(raw):
        return raw.lower(), None, None
    return (low, None, None) if replaced else (low, data, chars)


def _load_all() -> None:
    # Import order is run order: specific detectors first, structure last.
    from . import (  # noqa: F401
        captions,
        duplicates,
        markup,
        metadata_lines,
        phrases,
        repeats,
        script,
        structure,
    )


_load_all()
