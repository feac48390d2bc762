"""The person's own rules: corrections made in the GUI that apply to every later document.

A user rule file has the format of ``resources/rules/*.toml`` (``language =
"user"``), so the CLI reads it with ``--rules FILE`` and colleagues can share
it.  Two extra fields are understood by :mod:`inspector.rules`:
``keep = true`` (a keep-exception: text it matches is never removed) and
``enabled = false`` (the rule is kept in the file but not applied).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import tomllib

from .errors import RuleError
from .model import Category, Document, Span
from .rules import Rule, RuleSet, flexible_spaces, forget_loaded, parse_rule_file

LANGUAGE = "user"

#: A run of capitalised words: a name ("Jean Dupont", "AFP").
NAME_PATTERN = r"[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*)*"
#: Numeric dates (12/03/2024, 2024-03-12, 12.3.24).
DATE_PATTERN = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_NUMBER = re.compile(r"\d+")
_NAME = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*)*")
_SPACE = re.compile(r"\s+")


def propose_pattern(text: str) -> str:
    """A rule pattern for a selected phrase, with numbers, dates and names generalised.

    Literal parts are escaped and lower-cased (rules match lower-cased text);
    white space becomes one plain space, which the engine lets match any run
    of white space.  A single capitalised word opening the phrase ("Photo")
    is taken as a label and kept literally.
    """
    text = _SPACE.sub(" ", text.strip())
    out: list[str] = []
    i = 0
    while i < len(text):
        m = _DATE.match(text, i)
        if m:
            out.append(DATE_PATTERN)
            i = m.end()
            continue
        m = _NUMBER.match(text, i)
        if m:
            out.append(r"\d+")
            i = m.end()
            continue
        starts_word = i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
        m = _NAME.match(text, i) if starts_word else None
        if m and not (i == 0 and " " not in m.group()):
            out.append(NAME_PATTERN)
            i = m.end()
            continue
        j = i + 1
        while j < len(text) and not text[j].isdigit() and not (
                text[j].isupper() and not (text[j - 1].isalnum() or text[j - 1] == "_")):
            j += 1
        out.append(_literal(text[i:j]))
        i = j
    return "".join(out)


def _literal(text: str) -> str:
    return " ".join(re.escape(part) for part in text.lower().split(" "))


@dataclass
class UserRule:
    """One rule of the person's file; ``keep`` makes it a keep-exception."""

    id: str
    category: Category
    pattern: str
    reason: str = ""
    language: str = ""
    keep: bool = False
    enabled: bool = True
    where: str = "anywhere"
    extend: str = "none"
    confidence: float = 0.95
    max_chars: int | None = None
    examples: tuple[str, ...] = ()

    def as_rule(self) -> Rule:
        """The rule as the engine runs it (limited to ``language`` when one is set)."""
        return Rule(id=self.id, category=self.category, pattern=self.pattern,
                    reason=self.reason or default_reason(self.keep), language=LANGUAGE,
                    where=self.where, extend=self.extend, confidence=self.confidence,
                    max_chars=self.max_chars, keep=self.keep, source="user",
                    only_language=self.language or None)


def default_reason(keep: bool) -> str:
    return ("You chose to always keep text like this." if keep
            else "You chose to remove everything like this.")


def next_id(rules: Sequence[UserRule], category: Category) -> str:
    """``<category>.user.<n>`` with ``n`` one more than any used so far."""
    used = [int(r.id.rsplit(".", 1)[1]) for r in rules
            if r.id.rsplit(".", 1)[-1].isdigit()]
    return f"{category.value}.{LANGUAGE}.{max(used, default=0) + 1}"


def new_rule(rules: Sequence[UserRule], pattern: str, category: Category = Category.USER, *,
             keep: bool = False, language: str = "", where: str = "anywhere",
             max_chars: int | None = None, example: str = "") -> UserRule:
    """A validated rule with the next free id (raises PatternError / RuleError)."""
    check_pattern(pattern)
    return UserRule(id=next_id(rules, category), category=category, pattern=pattern,
                    reason=default_reason(keep), language=check_language(language), keep=keep,
                    where=where, max_chars=max_chars,
                    examples=(example,) if example else ())


def edit_rule(rule: UserRule, *, pattern: str, category: Category, language: str,
              reason: str, keep: bool) -> UserRule:
    """``rule`` with what the person changed, validated first (raises PatternError / RuleError).

    The id stays: decisions saved on the rule's spans are matched by it.  An
    empty reason, or the default one of the other kind, becomes the default
    reason of the rule's kind, so that it never says "remove" for a keep rule.
    """
    check_pattern(pattern)
    reason = reason.strip()
    if not reason or reason == default_reason(not keep):
        reason = default_reason(keep)
    return replace(rule, pattern=pattern, category=category, language=check_language(language),
                   reason=reason, keep=keep)


class PatternError(RuleError):
    """A pattern that is not a valid expression; ``position`` is where it goes wrong."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


#: What Python's messages mean for someone writing a phrase, and the usual fix.
_PATTERN_HINTS = {
    "missing ), unterminated subpattern":
        "the “(” at character {n} is never closed (write “\\(” for a literal parenthesis)",
    "unbalanced parenthesis":
        "the “)” at character {n} closes nothing (write “\\)” for a literal parenthesis)",
    "unterminated character set":
        "the “[” at character {n} is never closed (write “\\[” for a literal bracket)",
    "nothing to repeat":
        "the “{c}” at character {n} has nothing before it to repeat "
        "(write “\\{c}” for a literal “{c}”)",
    "multiple repeat":
        "the “{c}” at character {n} repeats a repetition (write “\\{c}” for a literal “{c}”)",
}


def check_pattern(pattern: str) -> None:
    """Raise PatternError when the pattern is empty or not a valid expression.

    The message says which part is wrong (the character, its position and
    the text from there), since the person wrote the pattern by hand and
    Python's own message ("unterminated subpattern at position 7") does not
    show it.
    """
    if not pattern.strip():
        raise PatternError("the pattern is empty")
    for candidate in (pattern, flexible_spaces(pattern)):
        try:
            re.compile(candidate)
        except re.error as exc:
            if candidate is not pattern or exc.pos is None:
                raise PatternError(f"bad pattern: {exc.msg}") from exc
            raise PatternError(_explain(pattern, exc.msg, exc.pos), exc.pos) from exc


def _explain(pattern: str, msg: str, pos: int) -> str:
    char = pattern[pos] if pos < len(pattern) else ""
    hint = _PATTERN_HINTS.get(msg)
    if hint is not None and char:
        what = hint.format(n=pos + 1, c=char)
    elif msg.startswith("bad escape"):
        what = (f"“{pattern[pos:pos + 2]}” at character {pos + 1} is not a known escape "
                "(write “\\\\” for a literal backslash)")
    else:
        what = f"{msg} at character {pos + 1}"
    shown = pattern[pos:pos + 30] + ("…" if len(pattern) > pos + 30 else "")
    before = ("…" if pos > 20 else "") + pattern[max(0, pos - 20):pos]
    return f"bad pattern: {what}: {before}▶{shown}" if shown else f"bad pattern: {what}"


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def check_language(language: str) -> str:
    """The language code as stored ("" for any language); raises RuleError for a non-code.

    Documents are told apart by their primary language (``fr`` for
    ``fr-CA``), so a rule keeps only that part.
    """
    language = language.strip()
    if not language:
        return ""
    if not _LANGUAGE.fullmatch(language):
        raise RuleError(f"“{language}” is not a language code (two or three letters, "
                        "such as fr, en or de; leave it empty for any language)")
    return re.split(r"[-_]", language, maxsplit=1)[0].lower()


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def dumps(rules: Iterable[UserRule]) -> str:
    lines = ["# Article Inspector user rules (same format as resources/rules/*.toml).",
             f"language = {_toml_str(LANGUAGE)}", ""]
    for r in rules:
        lines += ["[[rule]]", f"id = {_toml_str(r.id)}",
                  f"category = {_toml_str(r.category.value)}",
                  f"pattern = {_toml_str(r.pattern)}",
                  f"reason = {_toml_str(r.reason or default_reason(r.keep))}",
                  f"where = {_toml_str(r.where)}", f"extend = {_toml_str(r.extend)}",
                  f"confidence = {r.confidence}"]
        if r.language:
            lines.append(f"language = {_toml_str(r.language)}")
        if r.max_chars is not None:
            lines.append(f"max_chars = {int(r.max_chars)}")
        if r.keep:
            lines.append("keep = true")
        if not r.enabled:
            lines.append("enabled = false")
        if r.examples:
            lines.append("examples = [" + ", ".join(_toml_str(e) for e in r.examples) + "]")
        lines.append("")
    return "\n".join(lines)


def save_rules(path: Path, rules: Sequence[UserRule]) -> None:
    """Write the rules atomically; the file is checked by the rule loader first."""
    from .store import atomic_write

    text = dumps(rules)
    parse_rule_file(Path(path), text)  # never write a file the loader would refuse
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(Path(path), text)
    forget_loaded()


def load_user_rules(path: Path) -> list[UserRule]:
    """Every rule of a user rule file, disabled ones included ([] when there is no file)."""
    path = Path(path)
    if not path.exists():
        return []
    parse_rule_file(path)  # same checks (and messages) as the CLI
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    language = str(data.get("language", LANGUAGE))
    out = []
    for entry in data.get("rule", []):
        max_chars = entry.get("max_chars")
        rule_language = str(entry.get("language", ""))
        out.append(UserRule(
            id=str(entry["id"]), category=Category(str(entry["category"])),
            pattern=str(entry["pattern"]), reason=str(entry.get("reason", "")),
            language="" if rule_language in ("", language) else rule_language,
            keep=bool(entry.get("keep", False)), enabled=entry.get("enabled", True) is not False,
            where=str(entry.get("where", "anywhere")), extend=str(entry.get("extend", "none")),
            confidence=float(entry.get("confidence", 0.95)),
            max_chars=int(max_chars) if max_chars is not None else None,
            examples=tuple(str(e) for e in entry.get("examples", ()))))
    return out


def import_rules(existing: Sequence[UserRule], incoming: Iterable[UserRule]) -> list[UserRule]:
    """``existing`` plus the incoming rules not already there (same pattern and kind),
    renumbered so that no id clashes."""
    merged = list(existing)
    seen = {(r.pattern, r.keep, r.category) for r in merged}
    for rule in incoming:
        if (rule.pattern, rule.keep, rule.category) in seen:
            continue
        seen.add((rule.pattern, rule.keep, rule.category))
        merged.append(replace(rule, id=next_id(merged, rule.category)))
    return merged


def rule_spans(rules: Sequence[UserRule], raw: str, language: str | None = None) -> list[Span]:
    """The spans the enabled ``rules`` produce on ``raw`` (the phrase detector's placement).

    ``language`` is the document's: a rule limited to another language, or to
    any language when the document's is unknown, produces nothing, exactly as
    in :func:`inspector.inspect`.
    """
    from .detectors import Context
    from .detectors.phrases import detect_phrases

    active = RuleSet(rules=[r.as_rule() for r in rules if r.enabled]).for_language(language)
    if not active.rules or not raw:
        return []
    return list(detect_phrases(Context(raw=raw, rules=active, language=language)))


@dataclass(frozen=True)
class Baseline:
    """What a preview needs to know of one document: its text, language and what is removed.

    Much lighter than a :class:`Document` (no span objects), so a preview can
    keep one per document of a queue while the person edits a pattern.
    ``removed`` is None for plain text, where every match counts.
    """

    raw: str
    language: str | None = None
    removed: tuple[tuple[int, int], ...] | None = None

    @classmethod
    def of(cls, doc: Document) -> Baseline:
        return cls(doc.raw, doc.metadata.language, tuple(doc.removed_intervals()))

    @classmethod
    def of_text(cls, text: str) -> Baseline:
        """Plain text: its language is guessed as :func:`inspector.inspect` would."""
        from . import language
        from .rules import load_rules

        return cls(text, language.guess(text, load_rules())[0])


@dataclass(frozen=True)
class Counts:
    """A preview's outcome: spans a rule would change, in how many of the documents checked."""

    spans: int = 0
    documents: int = 0
    checked: int = 0
    #: False when the count was stopped before the last document
    complete: bool = True


def _changes(start: int, end: int, keep: bool, base: Baseline) -> bool:
    if base.removed is None:
        return True
    overlapping = [(max(s, start), min(e, end)) for s, e in base.removed if s < end and start < e]
    if keep:  # a keep-exception changes removed text only
        return bool(overlapping)
    pos = start
    for s, e in overlapping:  # sorted and disjoint
        if s > pos and base.raw[pos:s].strip():
            return True
        pos = max(pos, e)
    return bool(base.raw[pos:end].strip())


def count_changes(rules: Sequence[UserRule], documents: Iterable[Document | Baseline | str],
                  stop: Callable[[], bool] | None = None) -> Counts:
    """How many spans ``rules`` would change in ``documents``, and in how many of them.

    This is the rule dialog's preview, for the open document and for the
    other documents of a queue, so it counts *changes*: a removal where it
    removes text that is still shown, a keep-exception where it keeps text
    that is removed; in plain text every match counts.  Rules limited to a
    language count only in documents in that language.  ``documents`` may be
    a generator that reads each one; ``stop`` is asked before each document
    and ends the count early (a newer pattern made it pointless).
    """
    spans = docs = checked = 0
    for item in documents:
        if stop is not None and stop():
            return Counts(spans, docs, checked, complete=False)
        if isinstance(item, Document):
            base = Baseline.of(item)
        elif isinstance(item, str):
            base = Baseline.of_text(item)
        else:
            base = item
        found = sum(1 for span in rule_spans(rules, base.raw, base.language)
                    if _changes(span.start, span.end, span.auto_decision == "keep", base))
        checked += 1
        spans += found
        docs += found > 0
    return Counts(spans, docs, checked)


def count_matches(rules: Sequence[UserRule], documents: Iterable[Document | str]) -> int:
    """How many spans the rules would change in ``documents`` (see :func:`count_changes`)."""
    return count_changes(rules, documents).spans


def hit_counts(rules: Sequence[UserRule], documents: Iterable[Document]) -> dict[str, int]:
    """Per rule id: how many spans of the documents that rule produced."""
    counts = {r.id: 0 for r in rules}
    for doc in documents:
        for span in doc.spans:
            if span.rule in counts:
                counts[span.rule] += 1
    return counts


def _detection_key(span: Span) -> tuple[object, ...]:
    return (span.start, span.end, span.rule, span.category, span.detector, span.auto_decision,
            span.confidence, span.reason, span.element, span.source_line)


def span_changes(old: Document, new: Document) -> tuple[list[Span], list[Span]]:
    """What changed rules change in an open document: (spans to take out, spans to put in).

    ``new`` is the same input inspected again with the changed rules.  A
    detected span found in both, unchanged, stays as it is in ``old`` (with
    the person's decision and its id, which the undo history refers to); the
    person's own spans are never touched.  The spans to put in are those of
    ``new`` with their ids cleared, so that ``old`` gives them fresh ones.
    """
    if old.raw != new.raw:
        raise ValueError("the input changed since it was opened")
    waiting: dict[tuple[object, ...], list[Span]] = {}
    for span in old.spans:
        if span.origin == "auto":
            waiting.setdefault(_detection_key(span), []).append(span)
    added = []
    for span in new.spans:
        if span.origin != "auto":
            continue
        same = waiting.get(_detection_key(span))
        if same:
            same.pop()
        else:
            added.append(replace(span, id=-1))
    removed = [s for spans in waiting.values() for s in spans]
    removed.sort(key=lambda s: (s.start, -s.end, s.id))
    return removed, added
