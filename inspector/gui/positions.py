"""Code points ↔ Qt text positions, in one place.

The model counts Python ``str`` indices (code points).  A ``QTextDocument``
counts UTF-16 code units, so every character outside the BMP (emoji, some CJK,
mathematical letters) takes two positions, and ``"\\r\\n"`` collapses into one
block separator.  Everything else — including U+2028, which Qt keeps inside the
block as a line separator, and U+2029 or a lone ``"\\r"``, which start a new
block — takes exactly one position.  :class:`PositionMap` is the only
converter the GUI uses; it is property-tested against a real QTextDocument.
"""

from __future__ import annotations

import bisect
import re

# Characters whose Qt width is not 1: astral characters (2 units) and a "\r"
# directly before "\n" (0 units: Qt keeps one separator for the pair).
_IRREGULAR = re.compile("[\U00010000-\U0010ffff]|\r(?=\n)")


def _needs_scan(text: str) -> bool:
    if text.isascii():
        return "\r\n" in text
    if "\r\n" in text:
        return True
    # Astral characters are exactly those that grow when encoded as UTF-16.
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


class PositionMap:
    """Converts positions in one text between code points and Qt positions."""

    __slots__ = ("_cp", "_cum", "_qt", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._cp: list[int] = []  # code-point index of each irregular character
        self._qt: list[int] = []  # its Qt position
        self._cum: list[int] = []  # extra Qt units after it (cumulative)
        if _needs_scan(text):
            self._cp = [m.start() for m in _IRREGULAR.finditer(text)]
            self._finish([text[i] for i in self._cp])
        self.qt_length = self.length + (self._cum[-1] if self._cum else 0)

    def _finish(self, chars: list[str]) -> None:
        extra = 0
        self._qt = []
        self._cum = []
        for cp, char in zip(self._cp, chars, strict=True):
            self._qt.append(cp + extra)
            extra += -1 if char == "\r" else 1
            self._cum.append(extra)

    def replaced(self, new_text: str, start: int, old_end: int, new_end: int) -> PositionMap:
        """The map of ``new_text``, which differs from this map's text only in
        ``[start, old_end)`` → ``[start, new_end)``.  Scans only the changed stretch
        (plus one character each side, where a "\\r\\n" pair may form or break)."""
        lo = max(0, start - 1)
        hi = min(len(new_text), new_end + 2)
        out = PositionMap("")
        out.length = len(new_text)
        if self.trivial and not _needs_scan(new_text[lo:hi]):
            out.qt_length = out.length
            return out
        # finditer(text, pos, endpos) keeps whole-string positions and lets the
        # look-ahead see the character at new_end + 1.
        middle = [m.start() for m in _IRREGULAR.finditer(new_text, lo, hi)
                  if m.start() <= new_end]
        i = bisect.bisect_left(self._cp, lo)
        j = bisect.bisect_right(self._cp, old_end)
        delta = new_end - old_end
        out._cp = [*self._cp[:i], *middle, *(p + delta for p in self._cp[j:])]
        out._finish([new_text[p] for p in out._cp])
        out.qt_length = out.length + (out._cum[-1] if out._cum else 0)
        return out

    @property
    def trivial(self) -> bool:
        """True when both counts agree everywhere (the common case)."""
        return not self._cp

    def to_qt(self, pos: int) -> int:
        """Qt position of code point ``pos`` (``0 <= pos <= len(text)``)."""
        i = bisect.bisect_left(self._cp, pos)
        return pos + (self._cum[i - 1] if i else 0)

    def to_cp(self, qt_pos: int) -> int:
        """Code point at Qt position ``qt_pos``; the middle of a surrogate pair rounds down."""
        i = bisect.bisect_left(self._qt, qt_pos)
        return qt_pos - (self._cum[i - 1] if i else 0)

    def qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by C-level comparisons (fast on megabyte texts)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.startswith(b[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most ``limit``."""
    la, lb = len(a), len(b)
    lo, hi = 0, min(limit, la, lb)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.endswith(b[lb - mid:lb - lo], 0, la - lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """``(start, old_end, new_end)`` such that only ``old[start:old_end]`` changed.

    Never splits a ``"\\r\\n"`` pair, so Qt positions of the region are exact.
    """
    start = common_prefix(old, new)
    if start > 0 and old[start - 1:start] == "\r":
        start -= 1
    limit = min(len(old), len(new)) - start
    suffix = common_suffix(old, new, limit)
    if suffix and old[len(old) - suffix] == "\n" and "\r" in (
        old[len(old) - suffix - 1:len(old) - suffix], new[len(new) - suffix - 1:len(new) - suffix]
    ):
        suffix -= 1
    return start, len(old) - suffix, len(new) - suffix
