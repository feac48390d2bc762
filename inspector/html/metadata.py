"""Title, author, date, canonical URL, site name and language of a page.

Read from ``<meta>`` (including OpenGraph and article: properties), ``<link
rel=canonical>``, JSON-LD blocks and ``<html lang>``, in that order of
preference per field; the visible byline fills the author when nothing else
does (see :mod:`.main`).  Only fields still empty in the metadata are set.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Metadata
from .parse import Page

_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title"),
    "author": ("author", "article:author", "dc.creator", "byl", "sailthru.author",
               "parsely-author", "twitter:creator", "og:article:author"),
    "date": ("article:published_time", "og:article:published_time", "datepublished",
             "date", "dc.date", "dc.date.issued", "pubdate", "publish-date", "publishdate",
             "sailthru.date", "parsely-pub-date", "article.published", "dcterms.created"),
    "url": ("og:url", "twitter:url"),
    "site_name": ("og:site_name", "application-name", "twitter:site"),
    "language": ("og:locale", "content-language", "language", "dc.language"),
}


def _meta_values(page: Page) -> dict[str, str]:
    values: dict[str, str] = {}
    for attrs in page.meta:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content") or attrs.get("datetime")
        if key and content and content.strip() and key not in values:
            values[key] = " ".join(content.split())
    return values


def _jsonld(page: Page) -> dict[str, str]:
    found: dict[str, str] = {}
    for text in page.jsonld[:10]:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for item in _items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or k in (
                    "BlogPosting", "WebPage", "Report")) for k in kinds):
                continue
            for key, name in (("headline", "title"), ("datePublished", "date"), ("url", "url")):
                value = item.get(key)
                if isinstance(value, str) and value.strip() and name not in found:
                    found[name] = value.strip()
            author = _name(item.get("author"))
            if author and "author" not in found:
                found["author"] = author
            publisher = _name(item.get("publisher"))
            if publisher and "site_name" not in found:
                found["site_name"] = publisher
    return found


def _items(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [x for d in data[:50] for x in _items(d, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        if isinstance(data.get("@graph"), list):
            out.extend(_items(data["@graph"], depth + 1))
        return out
    return []


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:10]) if n]
        return ", ".join(names) or None
    return None


def read_metadata(page: Page, metadata: Metadata) -> None:
    meta = _meta_values(page)
    ld = _jsonld(page)
    for name, keys in _FIELDS.items():
        if getattr(metadata, name) is not None:
            continue
        value = next((meta[k] for k in keys if k in meta), None)
        if value is None:
            value = ld.get(name)
        if name == "title" and value is None:
            value = page.title
        if name == "url" and value is None:
            value = next((a["href"] for a in page.links
                          if a.get("rel", "").lower() == "canonical" and a.get("href")), None)
        if name == "language":
            value = page.lang or value
            if value:
                value = value.replace("_", "-").split("-")[0].lower() or None
        if value and name == "url" and not value.startswith(("http://", "https://", "/")):
            value = None
        if value:
            setattr(metadata, name, value[:500])
