"""Phrase rules as data: loading ``resources/rules/*.toml`` and user rule files.

Rules live in TOML so that a journalist or a contributor can read and extend
them without touching code (see ``resources/rules/README.md``).  Each rule
gets trigger literals (see :mod:`inspector.triggers`), so that the phrase
detector only tries a rule near places where it can match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .errors import RuleError
from .model import Category

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES_DIR = Path(__file__).resolve().parent.parent / "resources" / "rules"
WHERE = ("anywhere", "line", "line_start", "line_end")
EXTEND = ("none", "sentence", "line")


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    pattern: str
    reason: str
    language: str
    where: str = "anywhere"
    extend: str = "none"
    confidence: float = 0.9
    max_chars: int | None = None
    #: A heading that closes the article (comments, "Related articles"): the
    #: structure detector does not let the article run past it.
    ends_article: bool = False
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    source: str = ""
    #: A keep-exception (user rules): text it matches is kept, whatever
    #: other detectors say about it.
    keep: bool = False
    #: Only for documents in this language: set when a rule names its own
    #: ``language``, different from its file's (a person's rule for French
    #: pages).  A file's language does not restrict its rules, since scrapes
    #: mix languages (an English cookie notice on a French page).
    only_language: str | None = None

    def applies_to(self, language: str | None) -> bool:
        """Whether the rule runs on a document in ``language`` (None: unknown)."""
        return self.only_language is None or same_language(self.only_language, language)

    def compiled(self) -> re.Pattern[str]:
        return re.compile(flexible_spaces(self.pattern), re.IGNORECASE)


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    stopwords: dict[str, frozenset[str]] = field(default_factory=dict)
    caption_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    agencies: tuple[str, ...] = ()
    version: str = ""

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    # Cached: asked for every page.  Rule sets are filled once, when loaded
    # (see merge), and not changed afterwards.
    @cached_property
    def all_stopwords(self) -> frozenset[str]:
        words: set[str] = set()
        for ws in self.stopwords.values():
            words |= ws
        return frozenset(words)

    @cached_property
    def stopword_languages(self) -> dict[str, tuple[str, ...]]:
        """Each stop word and the languages whose list has it (for guessing)."""
        owners: dict[str, list[str]] = {}
        for lang, words in self.stopwords.items():
            for word in words:
                owners.setdefault(word, []).append(lang)
        return {word: tuple(langs) for word, langs in owners.items()}

    @cached_property
    def all_caption_labels(self) -> tuple[str, ...]:
        labels: list[str] = []
        for ls in self.caption_labels.values():
            labels.extend(x for x in ls if x not in labels)
        return tuple(labels)

    @cached_property
    def barrier_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules if r.ends_article)

    @cached_property
    def _limited_to_a_language(self) -> bool:
        return any(r.only_language is not None for r in self.rules)

    def for_language(self, language: str | None) -> RuleSet:
        """The rules for a document in ``language``: those limited to another one left out.

        The same set (not a copy) when no rule is limited, so nothing changes
        for rule sets without such rules; otherwise one set per language, kept
        (like the cached word lists, which it then computes once).
        """
        if not self._limited_to_a_language:
            return self
        key = _PRIMARY.split(language, maxsplit=1)[0].lower() if language else None
        subsets: dict[str | None, RuleSet] = self.__dict__.setdefault("_for_language", {})
        if key not in subsets:
            subsets[key] = replace(self, rules=[r for r in self.rules if r.applies_to(key)])
        return subsets[key]


def same_language(a: str | None, b: str | None) -> bool:
    """``fr``, ``FR`` and ``fr-CA`` are one language here: documents are told apart
    by their primary language only."""
    if not a or not b:
        return False
    return _PRIMARY.split(a, maxsplit=1)[0].lower() == _PRIMARY.split(b, maxsplit=1)[0].lower()


_PRIMARY = re.compile(r"[-_]")



_ESCAPE = re.compile(r"\\.")


def needs_case_folding(pattern: str) -> bool:
    """Whether a pattern has upper-case letters of its own (not escapes like ``\\S``)."""
    return any(ch.isupper() for ch in _ESCAPE.sub("", pattern))


def lowered_form(pattern: str) -> str:
    """The pattern for matching against lower-cased text.

    Scanning lower-cased text without ``re.IGNORECASE`` is several times
    faster in Python's engine; the rare pattern with capitals of its own
    keeps a local ``(?i:…)``.
    """
    pattern = flexible_spaces(pattern)
    return f"(?i:{pattern})" if needs_case_folding(pattern) else pattern




@cache
def flexible_spaces(pattern: str) -> str:
    r"""Let every literal space match any white space, line breaks included.

    Scrapes split notices over lines ("navigateur qui\n\nprend en charge"), and
    writing ``\s+`` between every word of a phrase makes rule files unreadable.
    Spaces inside character classes are left alone.
    """
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == " ":
            j = i
            while j < len(pattern) and pattern[j] == " ":
                j += 1
            if j < len(pattern) and pattern[j] in "?*":
                out.append(r"\s*")  # "plus ?:" means an optional space
                j += 1
            else:
                out.append(r"\s+")
            i = j
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _require(data: dict[str, Any], key: str, path: Path, where: str) -> object:
    if key not in data:
        raise RuleError(f"{path}: {where}: missing field '{key}'")
    return data[key]


def parse_rule_file(path: Path, text: str | None = None) -> RuleSet:
    """Read one rule file; errors name the file and the rule."""
    try:
        raw_text = path.read_text(encoding="utf-8") if text is None else text
        data = tomllib.loads(raw_text)
    except OSError as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: rule file is not UTF-8 ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: not valid TOML: {exc}") from exc
    language = str(data.get("language", path.stem))
    ruleset = RuleSet()
    words = data.get("stopwords", [])
    if words:
        ruleset.stopwords[language] = frozenset(str(w).lower() for w in words)
    captions = data.get("captions", {})
    if captions.get("labels"):
        ruleset.caption_labels[language] = tuple(str(x) for x in captions["labels"])
    ruleset.agencies = tuple(str(x) for x in captions.get("agencies", ()))
    for n, entry in enumerate(data.get("rule", []), start=1):
        rule = _parse_rule(entry, path, n, language)
        if entry.get("enabled", True) is not False:  # user rules can be switched off
            ruleset.rules.append(rule)
    return ruleset


def _parse_rule(entry: dict[str, Any], path: Path, n: int, language: str) -> Rule:
    label = f"rule #{n}" + (f" ({entry['id']})" if "id" in entry else "")
    rule_id = str(_require(entry, "id", path, label))
    try:
        category = Category(str(_require(entry, "category", path, label)))
    except ValueError as exc:
        raise RuleError(f"{path}: {label}: unknown category {entry['category']!r}") from exc
    pattern = str(_require(entry, "pattern", path, label))
    try:
        re.compile(flexible_spaces(pattern), re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{path}: {label}: bad pattern: {exc}") from exc
    where = str(entry.get("where", "anywhere"))
    extend = str(entry.get("extend", "none"))
    if where not in WHERE:
        raise RuleError(f"{path}: {label}: 'where' must be one of {', '.join(WHERE)}")
    if extend not in EXTEND:
        raise RuleError(f"{path}: {label}: 'extend' must be one of {', '.join(EXTEND)}")
    confidence = float(entry.get("confidence", 0.9))
    if not 0.0 <= confidence <= 1.0:
        raise RuleError(f"{path}: {label}: confidence must be between 0 and 1")
    max_chars = entry.get("max_chars")
    own_language = entry.get("language")
    return Rule(
        id=rule_id,
        category=category,
        pattern=pattern,
        reason=str(_require(entry, "reason", path, label)),
        language=str(entry.get("language", language)),
        where=where,
        extend=extend,
        confidence=confidence,
        max_chars=int(max_chars) if max_chars is not None else None,
        ends_article=bool(entry.get("ends_article", False)),
        examples=tuple(entry.get("examples", ())),
        counter_examples=tuple(entry.get("counter_examples", ())),
        source=str(path),
        keep=bool(entry.get("keep", False)),
        only_language=(str(own_language) if own_language not in (None, "", "*", language)
                       else None),
    )


def merge(rulesets: Iterable[RuleSet]) -> RuleSet:
    merged = RuleSet()
    seen: dict[str, str] = {}
    agencies: list[str] = []
    for rs in rulesets:
        for rule in rs.rules:
            if rule.id in seen:
                raise RuleError(
                    f"{rule.source}: rule id {rule.id!r} already defined in {seen[rule.id]}"
                )
            seen[rule.id] = rule.source
            merged.rules.append(rule)
        for lang, words in rs.stopwords.items():
            merged.stopwords[lang] = merged.stopwords.get(lang, frozenset()) | words
        for lang, labels in rs.caption_labels.items():
            merged.caption_labels[lang] = merged.caption_labels.get(lang, ()) + labels
        agencies.extend(a for a in rs.agencies if a not in agencies)
    merged.agencies = tuple(agencies)
    return merged


def load_rules(extra: Sequence[Path | str] = (), builtin: bool = True) -> RuleSet:
    """The built-in rule files plus any user files, in that order."""
    key = (tuple(str(p) for p in extra), builtin)
    return _load_cached(key)


def forget_loaded() -> None:
    """Drop cached rule sets, so that edited (user) rule files are read again."""
    _load_cached.cache_clear()


@cache
def _load_cached(key: tuple[tuple[str, ...], bool]) -> RuleSet:
    extra, builtin = key
    paths: list[Path] = sorted(RULES_DIR.glob("*.toml")) if builtin else []
    paths += [Path(p) for p in extra]
    ruleset = merge(parse_rule_file(p) for p in paths)
    ruleset.version = _version_of(paths)
    return ruleset


def _version_of(paths: Sequence[Path]) -> str:
    """A short hash of the rule files, stored in saves to explain differences."""
    import hashlib

    digest = hashlib.sha256()
    for p in paths:
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()[:12]
