"""The document model shared by the core, the CLI, the store and the GUI.

A :class:`Document` keeps the text exactly as loaded (``raw``) and a list of
:class:`Span` decisions and :class:`Edit` repairs over it.  Everything the
person sees as "cleaned" is derived from those three things, so a decision can
be toggled thousands of times without running detection again, and every
character of the output can be traced back to the input through the offset
maps.

Offsets are Python ``str`` indices (code points) into ``raw``.  Converting to
Qt's UTF-16 positions is the GUI's job, in one place.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Literal, NamedTuple

Decision = Literal["remove", "keep"]
Origin = Literal["auto", "user"]

#: Spans at or above this confidence are removed automatically; below it the
#: text is kept and the span is only offered for review.  Removing article
#: text is the worst error this tool can make, so the bar is deliberately high.
REMOVE_AT = 0.6
#: Spans below this confidence (removed or not) are listed as "to review".
REVIEW_BELOW = 0.75


class Category(str, enum.Enum):
    """Why a span is not article text.  The value is what saves store."""

    SCRIPT = "script"
    STYLE = "style"
    VIDEO_FALLBACK = "video_fallback"
    CAPTION = "caption"
    NAVIGATION = "navigation"
    RELATED = "related"
    PROMO = "promo"
    SOCIAL = "social"
    LEGAL = "legal"
    SOURCE_LINK = "source_link"
    METADATA_LINE = "metadata_line"
    ARTIFACT = "artifact"
    DUPLICATE = "duplicate"
    USER = "user"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(eq=False, slots=True)
class Span:
    """A stretch of ``raw`` that a detector (or the person) says is not article text.

    ``auto_decision`` is what the tool decided; ``user_decision`` is the
    person's override, if any.  ``decision`` is the one in force.

    Slots, not a ``__dict__``: a page has thousands of spans, and every
    detector, the resolver and each re-derivation read their fields.
    """

    start: int
    end: int
    category: Category
    rule: str
    reason: str
    detector: str
    confidence: float
    auto_decision: Decision = "remove"
    origin: Origin = "auto"
    user_decision: Decision | None = None
    decided_at: str | None = None
    element: str | None = None
    source_line: int | None = None
    id: int = -1

    @property
    def decision(self) -> Decision:
        return self.user_decision or self.auto_decision

    def copy_with(self, **changes: Any) -> Span:
        """A copy with some fields changed.

        ``dataclasses.replace`` re-runs ``__init__`` through field
        introspection; the resolver cuts thousands of pieces per page.
        """
        new = Span(*_SPAN_FIELDS(self))
        for name, value in changes.items():
            setattr(new, name, value)
        return new

    @property
    def removed(self) -> bool:
        return self.decision == "remove"

    @property
    def needs_review(self) -> bool:
        """Unsure spans the person should look at first."""
        return self.user_decision is None and self.confidence < REVIEW_BELOW

    def __len__(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "category": self.category.value,
            "rule": self.rule,
            "reason": self.reason,
            "detector": self.detector,
            "confidence": round(self.confidence, 3),
            "origin": self.origin,
            "auto_decision": self.auto_decision,
            "user_decision": self.user_decision,
            "decided_at": self.decided_at,
            "decision": self.decision,
            "element": self.element,
            "source_line": self.source_line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            category=Category(data["category"]),
            rule=str(data["rule"]),
            reason=str(data["reason"]),
            detector=str(data.get("detector", "")),
            confidence=float(data.get("confidence", 1.0)),
            auto_decision=data.get("auto_decision", "remove"),
            origin=data.get("origin", "auto"),
            user_decision=data.get("user_decision"),
            decided_at=data.get("decided_at"),
            element=data.get("element"),
            source_line=data.get("source_line"),
            id=int(data.get("id", -1)),
        )


_START = operator.attrgetter("start")
#: Every field of a :class:`Span`, in ``__init__`` order.
_SPAN_FIELDS = operator.attrgetter(*(f.name for f in fields(Span)))


@dataclass(eq=False)
class Edit:
    """A repair that changes characters instead of removing them (e.g. mojibake)."""

    start: int
    end: int
    replacement: str
    rule: str
    reason: str
    detector: str = "mojibake"
    enabled: bool = True
    id: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "replacement": self.replacement,
            "rule": self.rule,
            "reason": self.reason,
            "detector": self.detector,
            "enabled": self.enabled,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            replacement=str(data["replacement"]),
            rule=str(data["rule"]),
            reason=str(data["reason"]),
            detector=str(data.get("detector", "mojibake")),
            enabled=bool(data.get("enabled", True)),
            id=int(data.get("id", -1)),
        )


@dataclass
class Caption:
    """A photo caption moved aside, with its credit kept for attribution."""

    text: str
    credit: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit, "start": self.start, "end": self.end}


@dataclass
class Metadata:
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    encoding: str | None = None
    source_path: str | None = None
    sha256: str | None = None
    captions: list[Caption] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "url": self.url,
            "site_name": self.site_name,
            "language": self.language,
            "encoding": self.encoding,
            "source_path": self.source_path,
            "sha256": self.sha256,
            "captions": [c.to_dict() for c in self.captions],
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        get = data.get
        return cls(title=get("title"), date=get("date"), author=get("author"), url=get("url"),
                   site_name=get("site_name"), language=get("language"),
                   encoding=get("encoding"), source_path=get("source_path"),
                   sha256=get("sha256"), captions=[Caption(**c) for c in get("captions", [])],
                   extra=dict(get("extra", {})))


@dataclass(frozen=True)
class Change:
    """What changed on a Document; observers re-read only what they need."""

    kind: Literal["decision", "span_added", "span_deleted", "spans_replaced", "edit", "reset"]
    span_ids: tuple[int, ...] = ()
    edit_ids: tuple[int, ...] = ()
    #: "spans_replaced": the spans taken out (``span_ids`` are the ones put in)
    removed_ids: tuple[int, ...] = ()


class Segment(NamedTuple):
    """One piece of the cleaned text and the raw range it came from.

    ``identity`` pieces are copied character for character; the others are
    edit replacements, mapped as a whole.  A named tuple, not a frozen
    dataclass: a page yields thousands and a tuple is several times cheaper
    to create.
    """

    raw_start: int
    raw_end: int
    clean_start: int
    clean_end: int
    identity: bool


_RAW_START = operator.itemgetter(0)
_CLEAN_START = operator.itemgetter(2)


class OffsetMap:
    """Monotone maps between raw and cleaned positions, both ways."""

    def __init__(self, segments: list[Segment], raw_len: int, clean_len: int) -> None:
        self.segments = segments
        self._raw_starts = list(map(_RAW_START, segments))
        self._clean_starts = list(map(_CLEAN_START, segments))
        self.raw_len = raw_len
        self.clean_len = clean_len

    def raw_to_clean(self, pos: int) -> int:
        """Clean position of raw ``pos``; removed text maps to where it was cut."""
        if not self.segments:
            return 0
        i = bisect.bisect_right(self._raw_starts, pos) - 1
        if i < 0:
            return 0
        seg = self.segments[i]
        if pos >= seg.raw_end:
            return seg.clean_end
        if seg.identity:
            return seg.clean_start + (pos - seg.raw_start)
        return seg.clean_start

    def clean_to_raw(self, pos: int) -> int:
        """Raw position that produced cleaned ``pos``."""
        if not self.segments:
            return 0
        i = bisect.bisect_right(self._clean_starts, pos) - 1
        if i < 0:
            return self.segments[0].raw_start
        # Empty replacement segments share a clean start with the next one.
        while i + 1 < len(self.segments) and self.segments[i + 1].clean_start == pos:
            i += 1
        seg = self.segments[i]
        if pos >= seg.clean_end:
            return seg.raw_end
        if seg.identity:
            return seg.raw_start + (pos - seg.clean_start)
        return seg.raw_start


Observer = Callable[[Change], None]


class Document:
    """A loaded scrape with its spans, edits and metadata.

    ``raw`` never changes.  ``cleaned`` and the offset maps are recomputed
    lazily after a decision changes; detection is never re-run here.
    """

    def __repr__(self) -> str:
        return (f"Document(kind={self.kind!r}, raw={self.raw[:40]!r}…, spans={len(self.spans)}, "
                f"edits={len(self.edits)})")

    def __init__(
        self,
        raw: str,
        kind: Literal["text", "html"] = "text",
        spans: Iterable[Span] = (),
        edits: Iterable[Edit] = (),
        metadata: Metadata | None = None,
    ) -> None:
        self.raw = raw
        self.kind = kind
        self.metadata = metadata or Metadata()
        self._ids = itertools.count()
        self._edit_ids = itertools.count()
        self.spans: list[Span] = []
        self.edits: list[Edit] = []
        self._by_id: dict[int, Span] = {}
        self._observers: list[Observer] = []
        self._derived: tuple[str, OffsetMap] | None = None
        self._adopt(spans)
        for edit in edits:
            edit.id = next(self._edit_ids) if edit.id < 0 else edit.id
            self.edits.append(edit)
        self._sort()
        self._sync_counters()

    # -- observers ---------------------------------------------------------
    def subscribe(self, observer: Observer) -> None:
        self._observers.append(observer)

    def unsubscribe(self, observer: Observer) -> None:
        if observer in self._observers:
            self._observers.remove(observer)

    def _changed(self, change: Change) -> None:
        self._derived = None
        for observer in list(self._observers):
            observer(change)

    # -- spans -------------------------------------------------------------
    def _adopt(self, spans: Iterable[Span]) -> None:
        """Take spans in, giving each an id no other span has (a fresh one if it has none).

        One loop with its lookups hoisted: a new document adopts thousands.
        """
        raw_len = len(self.raw)
        by_id = self._by_id
        ids = self._ids
        append = self.spans.append
        for span in spans:
            if not (0 <= span.start <= span.end <= raw_len):
                raise ValueError(
                    f"span {span.rule} [{span.start}, {span.end}) outside text of length "
                    f"{raw_len}"
                )
            if span.id < 0 or span.id in by_id:
                span.id = next(ids)
                while span.id in by_id:
                    span.id = next(ids)
            append(span)
            by_id[span.id] = span

    def _sync_counters(self) -> None:
        top = max(self._by_id, default=-1)
        self._ids = itertools.count(top + 1)
        top_edit = max((e.id for e in self.edits), default=-1)
        self._edit_ids = itertools.count(top_edit + 1)

    def _sort(self) -> None:
        """Spans by start, longest first, then by id; edits by start, end and id."""
        starts = list(map(_START, self.spans))
        # Resolved spans never overlap: when every start is past the one
        # before, the list is in order already, checked without a key per span.
        if not all(map(operator.lt, starts, itertools.islice(starts, 1, None))):
            self.spans.sort(key=lambda s: (s.start, -s.end, s.id))
        self.edits.sort(key=lambda e: (e.start, e.end, e.id))

    def span(self, span_id: int) -> Span:
        return self._by_id[span_id]

    def set_decision(self, span_id: int, decision: Decision | None,
                     decided_at: str | None = None) -> None:
        """Record the person's decision (``None`` returns to the automatic one).

        ``decided_at`` restores a decision's original time (undo, re-opening
        saved decisions); by default the decision is stamped now.
        """
        span = self._by_id[span_id]
        if span.user_decision == decision and (decided_at is None
                                               or span.decided_at == decided_at):
            return
        span.user_decision = decision
        if decision is None:
            span.decided_at = None
        else:
            span.decided_at = decided_at or _now()
        self._changed(Change("decision", span_ids=(span_id,)))

    def toggle(self, span_id: int) -> Decision:
        span = self._by_id[span_id]
        new: Decision = "keep" if span.removed else "remove"
        self.set_decision(span_id, new if new != span.auto_decision else None)
        if span.decision != new:  # the automatic decision equals the old one
            self.set_decision(span_id, new)
        return new

    def add_span(self, span: Span) -> Span:
        """Add a span (typically the person marking a selection as boilerplate)."""
        self._adopt((span,))
        self._sort()
        self._changed(Change("span_added", span_ids=(span.id,)))
        return span

    def add_user_span(
        self, start: int, end: int, category: Category = Category.USER, reason: str = ""
    ) -> Span:
        span = Span(
            start=start,
            end=end,
            category=category,
            rule="user.selection",
            reason=reason or "Marked as boilerplate by the person.",
            detector="user",
            confidence=1.0,
            auto_decision="remove",
            origin="user",
            decided_at=_now(),
        )
        return self.add_span(span)

    def delete_span(self, span_id: int) -> Span:
        span = self._by_id.pop(span_id)
        self.spans.remove(span)
        self._changed(Change("span_deleted", span_ids=(span_id,)))
        return span

    def replace_spans(self, remove: Iterable[int], add: Iterable[Span]) -> list[Span]:
        """Take some spans out and put others in, as one change.

        Applying a changed rule set to an open document is such a change (its
        new spans in, the ones it no longer finds out); observers hear of it
        once, so a view never shows the half-way state.  Spans that keep
        their ``id`` keep it (undo puts back the very spans it took out).
        """
        removed = tuple(remove)
        gone = {span_id for span_id in removed if self._by_id.pop(span_id, None) is not None}
        self.spans = [s for s in self.spans if s.id not in gone]
        added = list(add)
        self._adopt(added)
        self._sort()
        self._changed(Change("spans_replaced", span_ids=tuple(s.id for s in added),
                             removed_ids=tuple(i for i in removed if i in gone)))
        return added

    def set_edit_enabled(self, edit_id: int, enabled: bool) -> None:
        for edit in self.edits:
            if edit.id == edit_id:
                if edit.enabled != enabled:
                    edit.enabled = enabled
                    self._changed(Change("edit", edit_ids=(edit_id,)))
                return
        raise KeyError(edit_id)

    def spans_at(self, pos: int) -> list[Span]:
        return [s for s in self.spans if s.start <= pos < s.end]

    def removed_spans(self) -> Iterator[Span]:
        return (s for s in self.spans if s.removed)

    # -- derived text ------------------------------------------------------
    @property
    def cleaned(self) -> str:
        return self._derive()[0]

    @property
    def offsets(self) -> OffsetMap:
        return self._derive()[1]

    def raw_to_clean(self, pos: int) -> int:
        return self.offsets.raw_to_clean(pos)

    def clean_to_raw(self, pos: int) -> int:
        return self.offsets.clean_to_raw(pos)

    def removed_intervals(self) -> list[tuple[int, int]]:
        """Union of the ranges currently removed, sorted and disjoint."""
        merged: list[tuple[int, int]] = []
        for start, end in self._removed_ranges():
            if merged and start <= merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return merged

    def _removed_ranges(self) -> list[tuple[int, int]]:
        """The ranges currently removed, sorted, overlapping as their spans do."""
        # Plain attribute reads rather than the ``removed`` property: this runs
        # after every toggle, over thousands of spans.
        return sorted([(s.start, s.end) for s in self.spans
                       if (s.user_decision or s.auto_decision) == "remove" and s.end > s.start])

    def _derive(self) -> tuple[str, OffsetMap]:
        if self._derived is None:
            # derive_cleaned takes overlapping ranges as they are: no need to merge them first.
            self._derived = derive_cleaned(self.raw, self._removed_ranges(),
                                           [e for e in self.edits if e.enabled])
        return self._derived

    def review_flags(self) -> list[str]:
        """Why a person should look at this document before trusting it.

        Computed from the decisions in force, so a queue of documents can put
        the doubtful ones first.
        """
        flags = []
        kept = len(self.cleaned.strip())
        visible = len(self.raw.strip()) or 1
        if kept < 200:
            flags.append(f"very little text kept ({kept} characters)")
        elif kept / visible < 0.1:
            flags.append(f"most of the text removed ({100 - 100 * kept // visible}%)")
        unsure = sum(1 for s in self.spans if s.needs_review)
        if unsure >= 5:
            flags.append(f"{unsure} unsure spans to review")
        if any(s.category is Category.SCRIPT and s.removed for s in self.spans):
            flags.append("leaked script was found")
        return flags

    def stats(self) -> dict[str, Any]:
        # One plain loop over plain attributes: the GUI refreshes this after
        # every toggle, on documents with thousands of spans.
        removed_chars: dict[str, int] = {}
        counts: dict[str, int] = {}
        removed = review = 0
        for s in self.spans:
            category = s.category.value
            counts[category] = counts.get(category, 0) + 1
            decision = s.user_decision or s.auto_decision
            if decision == "remove":
                removed += 1
                removed_chars[category] = removed_chars.get(category, 0) + s.end - s.start
            if s.user_decision is None and s.confidence < REVIEW_BELOW:
                review += 1
        return {
            "raw_chars": len(self.raw),
            "clean_chars": len(self.cleaned),
            "spans": len(self.spans),
            "removed_spans": removed,
            "to_review": review,
            "edits": len(self.edits),
            "spans_per_category": counts,
            "removed_chars_per_category": removed_chars,
        }


def _kept_pieces(raw_len: int, removed: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    pos = 0
    for start, end in removed:
        if start > pos:
            yield pos, start
        pos = max(pos, end)
    if pos < raw_len:
        yield pos, raw_len


def _seam_start(tail: str, raw: str, start: int, end: int) -> int:
    """Where a kept piece should start so that a cut leaves no doubled white space.

    A removal in mid-line must not leave two spaces behind, and removing whole
    paragraphs must not pile up blank lines (at most one blank line remains);
    only white space at the seam is dropped, never a visible character.
    """
    visible = _VISIBLE_CHAR.search(raw, start, end)
    first_visible = visible.start() if visible else end
    if not tail:
        return first_visible  # nothing kept yet: the text starts at a visible character
    tail_ws = tail[len(tail.rstrip()):]
    if not tail_ws:
        return start  # the raw text's own white space, untouched
    last = raw.rfind("\n", start, first_visible)
    allowed = 2 - tail_ws.count("\n")
    if last < 0 or allowed <= 0:
        return first_visible
    if allowed == 1:
        return last
    before = raw.rfind("\n", start, last)  # the seam may keep one blank line
    return before if before >= 0 else last


def _seam_end(raw: str, start: int, end: int) -> int:
    """Where a kept piece followed by a cut should end: blank lines before a
    removed paragraph count towards the seam's one blank line too."""
    stop = start + len(raw[start:end].rstrip(" \t\n"))
    first = raw.find("\n", stop, end)
    second = raw.find("\n", first + 1, end) if first >= 0 else -1
    return second + 1 if second >= 0 else end


#: The first character that is not a space, tab or newline (the seams' white space).
_VISIBLE_CHAR = re.compile(r"[^ \t\n]")


def derive_cleaned(
    raw: str, removed: list[tuple[int, int]], edits: list[Edit]
) -> tuple[str, OffsetMap]:
    """Build the cleaned text and its offset map from removals and edits.

    A pure function of its arguments: the same decisions always give the same
    text, which is what makes undo and re-opening saved decisions exact.
    Edits that reach into removed text are skipped (the removal wins).
    """
    if edits:
        out, segments = _pieces_with_edits(raw, removed, edits)
    else:  # the usual case, after every toggle
        out, segments = _pieces(raw, removed)
    text = "".join(out)
    stripped = text.rstrip()
    if len(stripped) < len(text):
        segments = _truncate_segments(segments, len(stripped))
        text = stripped
    return text, OffsetMap(segments, len(raw), len(text))


#: ``Segment(...)`` runs a Python-level ``__new__``; the tuple's own is several times cheaper.
_new_tuple = tuple.__new__


def _pieces(raw: str, removed: list[tuple[int, int]]) -> tuple[list[str], list[Segment]]:
    """The kept text and its segments when there is no edit to apply.

    What :func:`_pieces_with_edits` does with ``edits=[]``, in one loop: its
    helpers (:func:`_kept_pieces`, :func:`_seam_end`, :func:`_seam_start`)
    written inline, since a page has thousands of kept pieces and this runs
    after every toggle.  ``tests/core/test_properties.py`` holds the two to
    the same output.
    """
    out: list[str] = []
    segments: list[Segment] = []
    clean_pos = 0
    tail = ""  # the last four characters written
    raw_len = len(raw)
    kept_from = 0
    search_visible = _VISIBLE_CHAR.search
    for cut_start, cut_end in itertools.chain(removed, ((raw_len, raw_len),)):
        start = kept_from
        if cut_end > kept_from:
            kept_from = cut_end
        if cut_start <= start:
            continue
        end = cut_start
        if not tail:  # nothing written yet: the text starts at a visible character
            visible = search_visible(raw, start, end)
            if visible is None:
                continue  # (the page often opens with cut menus and the lines between)
            pos = visible.start()
        # _seam_end can only move the end over a run of two or more
        # white-space characters (it holds two newlines).
        if end < raw_len and end - start >= 2 and raw[end - 1] in " \t\n" and (
                raw[end - 2] in " \t\n"):
            stop = start + len(raw[start:end].rstrip(" \t\n"))
            first = raw.find("\n", stop, end)
            if first >= 0:
                second = raw.find("\n", first + 1, end)
                if second >= 0:
                    end = second + 1
        if tail:
            if not tail[-1].isspace():
                pos = start  # after a visible character: the raw text's own white space
            else:
                visible = search_visible(raw, start, end)
                pos = visible.start() if visible else end
                if tail[-1] == "\n" and tail[-2:-1] == "\n":
                    allowed = 0  # a blank line written already (the usual seam)
                else:
                    allowed = 2 - tail[len(tail.rstrip()):].count("\n")
                last = raw.rfind("\n", start, pos) if allowed > 0 else -1
                if last >= 0:
                    before = raw.rfind("\n", start, last) if allowed == 2 else -1
                    pos = before if before >= 0 else last
        if pos < end:
            piece = raw[pos:end]
            size = len(piece)
            if size:
                out.append(piece)
                segments.append(_new_tuple(Segment, (pos, end, clean_pos, clean_pos + size, True)))
                clean_pos += size
                tail = piece[-4:] if size >= 4 else (tail + piece)[-4:]
    return out, segments


def _pieces_with_edits(
    raw: str, removed: list[tuple[int, int]], edits: list[Edit]
) -> tuple[list[str], list[Segment]]:
    """The kept text and its segments, with the repairs that fall in kept text."""
    out: list[str] = []
    segments: list[Segment] = []
    clean_pos = 0
    tail = ""
    edit_list = sorted(edits, key=lambda e: (e.start, e.end))
    edit_starts = [e.start for e in edit_list]

    def emit(raw_start: int, raw_end: int, text: str, identity: bool) -> None:
        nonlocal clean_pos, tail
        if not text and identity:
            return
        out.append(text)
        segments.append(Segment(raw_start, raw_end, clean_pos, clean_pos + len(text), identity))
        clean_pos += len(text)
        tail = text[-4:] if len(text) >= 4 else (tail + text)[-4:]

    raw_len = len(raw)
    for piece_start, piece_end in _kept_pieces(raw_len, removed):
        if piece_end < raw_len:
            piece_end = _seam_end(raw, piece_start, piece_end)
        pos = _seam_start(tail, raw, piece_start, piece_end)
        ei = bisect.bisect_left(edit_starts, piece_start)
        if ei < len(edit_list) and edit_list[ei].start < pos:
            pos = edit_list[ei].start  # a repair in the seam's white space still applies
        while ei < len(edit_list) and edit_list[ei].start < piece_end:
            edit = edit_list[ei]
            ei += 1
            if edit.end > piece_end or edit.start < pos:
                continue  # overlaps a cut or an earlier edit: skip it
            emit(pos, edit.start, raw[pos:edit.start], True)
            emit(edit.start, edit.end, edit.replacement, False)
            pos = edit.end
        emit(pos, piece_end, raw[pos:piece_end], True)
    return out, segments


def _truncate_segments(segments: list[Segment], cut: int) -> list[Segment]:
    """Drop the trailing white space a final cut leaves, keeping the map exact.

    Clean positions only grow along the segments, so the ones the cut reaches
    are the last few: they are found from the end, not by walking the page.
    """
    keep = len(segments)
    while keep > 1 and segments[keep - 1].clean_start >= cut:
        keep -= 1  # wholly past the cut (the first segment always stays)
    kept = segments[:keep]
    i = keep - 1
    while i >= 0 and kept[i].clean_end > cut:
        seg = kept[i]
        if seg.identity:
            kept[i] = Segment(seg.raw_start, seg.raw_start + (cut - seg.clean_start),
                              seg.clean_start, cut, True)
        i -= 1
    return kept
