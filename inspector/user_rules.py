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
from collections.abc import Iterable, Sequence
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
        return Rule(id=self.id, category=self.category, pattern=self.pattern,
                    reason=self.reason or default_reason(self.keep), language=LANGUAGE,
                    where=self.where, extend=self.extend, confidence=self.confidence,
                    max_chars=self.max_chars, keep=self.keep, source="user")


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
    check_pattern(pattern)
    return UserRule(id=next_id(rules, category), category=category, pattern=pattern,
                    reason=default_reason(keep), language=language, keep=keep,
                    where=where, max_chars=max_chars,
                    examples=(example,) if example else ())


def check_pattern(pattern: str) -> None:
    """Raise RuleError when the pattern is empty or not a valid expression."""
    if not pattern.strip():
        raise RuleError("the pattern is empty")
    try:
        re.compile(flexible_spaces(pattern))
    except re.error as exc:
        raise RuleError(f"bad pattern: {exc}") from exc


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


def rule_spans(rules: Sequence[UserRule], raw: str) -> list[Span]:
    """The spans the enabled ``rules`` produce on ``raw`` (the phrase detector's placement)."""
    from .detectors import Context
    from .detectors.phrases import detect_phrases

    active = [r.as_rule() for r in rules if r.enabled]
    if not active or not raw:
        return []
    return list(detect_phrases(Context(raw=raw, rules=RuleSet(rules=active))))


def _changes(span: Span, doc: Document) -> bool:
    covering = [s for s in doc.spans if s.start < span.end and span.start < s.end]
    if span.auto_decision == "keep":  # a keep-exception changes removed text only
        return any(s.removed for s in covering)
    removed = sorted((max(s.start, span.start), min(s.end, span.end))
                     for s in covering if s.removed)
    pos = span.start
    for start, end in removed:
        if start > pos and doc.raw[pos:start].strip():
            return True
        pos = max(pos, end)
    return bool(doc.raw[pos:span.end].strip())


def count_matches(rules: Sequence[UserRule], documents: Iterable[Document | str]) -> int:
    """How many spans the rules would change in ``documents`` (a preview).

    For a :class:`Document`, a removal counts only where it removes text that
    is still shown, and a keep-exception only where it keeps text that was
    removed; for plain text every match counts.
    """
    total = 0
    for doc in documents:
        if isinstance(doc, str):
            total += len(rule_spans(rules, doc))
            continue
        total += sum(1 for span in rule_spans(rules, doc.raw) if _changes(span, doc))
    return total


def hit_counts(rules: Sequence[UserRule], documents: Iterable[Document]) -> dict[str, int]:
    """Per rule id: how many spans of the documents that rule produced."""
    counts = {r.id: 0 for r in rules}
    for doc in documents:
        for span in doc.spans:
            if span.rule in counts:
                counts[span.rule] += 1
    return counts
