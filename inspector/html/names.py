"""``html.names.*``: page furniture recognised by its class and id words.

The vocabulary is data (``resources/html/boilerplate.toml``), so a person can
read every word and the reason it stands for, and add to it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import RuleError
from ..model import Category
from .findings import Finding
from .parse import Page

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

VOCABULARY = Path(__file__).resolve().parent.parent.parent / "resources" / "html" / \
    "boilerplate.toml"
_SEPARATOR = re.compile(r"[-_]+")


@dataclass(frozen=True)
class NameRule:
    id: str
    category: Category
    reason: str
    words: frozenset[str]
    contains: tuple[str, ...]
    values: frozenset[str] = frozenset()
    #: Strong names (comments, cookies, share bars…) hold even over much prose.
    strong: bool = False


@dataclass(frozen=True)
class Vocabulary:
    rules: tuple[NameRule, ...]
    content_words: frozenset[str]
    content_contains: tuple[str, ...]


@cache
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: cannot read the HTML name vocabulary ({exc})") from exc
    rules = []
    for n, entry in enumerate(data.get("names", []), 1):
        try:
            rules.append(NameRule(
                id=str(entry["id"]),
                category=Category(entry["category"]),
                reason=str(entry["reason"]),
                words=frozenset(w.lower() for w in entry.get("words", [])),
                contains=tuple(w.lower() for w in entry.get("contains", [])),
                strong=bool(entry.get("strong", False)),
                values=frozenset(w.lower() for w in entry.get("values", [])),
            ))
        except (KeyError, ValueError) as exc:
            raise RuleError(f"{path}: names entry {n}: {exc}") from exc
    content = data.get("content", {})
    return Vocabulary(tuple(rules), frozenset(w.lower() for w in content.get("words", [])),
                      tuple(w.lower() for w in content.get("contains", [])))


@cache
def match(names: str) -> NameRule | None:
    """The first rule whose words the class/id string ``names`` holds."""
    if not names:
        return None
    vocab = vocabulary()
    # A word counts as a whole value ("sidebar") or as the last word of a
    # compound one ("article-tags", "main_sidebar"): the first word of a
    # compound is often a kind whose value follows ("tag-books",
    # "category-news" on a WordPress article).
    values = names.split()
    whole = set(values)
    tokens = set(values)
    for value in values:
        last = _SEPARATOR.split(value)[-1]
        if last.isalpha():  # "player-2020-4351" is a row id, not a player
            tokens.add(last)
    for rule in vocab.rules:
        if not tokens.isdisjoint(rule.words) or not whole.isdisjoint(rule.values):
            return rule
        for fragment in rule.contains:
            if fragment in names:
                return rule
    return None


@cache
def is_content(names: str) -> bool:
    """Whether a class/id string names the article's own container."""
    if not names:
        return False
    vocab = vocabulary()
    return any(fragment in names for fragment in vocab.content_contains)


#: Elements a name never removes: the page itself, and inline phrasing inside
#: prose (a link styled "popup" or "more" in mid-sentence is still the sentence).
_NOT_FURNITURE = frozenset("html body a b i em strong sup sub abbr cite code q mark small "
                           "u s time".split())


def detect(page: Page) -> list[Finding]:
    out: list[Finding] = []
    for i, node in enumerate(page.nodes):
        names = node.names
        if not names or node.tag in _NOT_FURNITURE:
            continue
        rule = match(names)
        if rule is None or is_content(names):
            continue
        out.append(Finding(i, rule.id, rule.category, rule.reason, "html.names", 0.85,
                           strong=rule.strong))
    return out
