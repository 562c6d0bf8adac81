"""A page's own metadata (Open Graph, ``article:*`` and JSON-LD ``NewsArticle``): the safety
net for fields a skin's selectors do not find."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.text import clean_line

_META = etree.XPath("//meta[@property or @name]")
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")
_SECTION_CODE = re.compile(r"[A-Za-z]*\d+[A-Za-z0-9]*")
_ARTICLE_TYPES = frozenset(("NewsArticle", "Article", "ReportageNewsArticle"))


@dataclass(frozen=True)
class Metadata:
    """What a page says of its article in metadata; empty strings where it says nothing."""

    title: str = ""
    published: str = ""
    """The publication time as written (ISO 8601, usually with its offset)."""
    modified: str = ""
    section: str = ""
    image: str = ""
    author: str = ""
    body: str = ""
    """JSON-LD ``articleBody``, one paragraph per line."""


def page_metadata(tree: HtmlElement) -> Metadata:
    """The metadata of a parsed page: JSON-LD ``NewsArticle`` first, then ``<meta>`` tags."""
    meta: dict[str, str] = {}
    for element in _META(tree):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        value = clean_line(element.get("content") or "")
        if key and value:
            meta.setdefault(key, value)
    ld = _news_article(tree)
    return Metadata(
        title=_text(ld.get("headline")) or meta.get("og:title", ""),
        published=_text(ld.get("datePublished")) or meta.get("article:published_time", ""),
        modified=_text(ld.get("dateModified")) or meta.get("article:modified_time", ""),
        section=_section(_text(ld.get("articleSection")), meta),
        image=_image(ld.get("image")) or meta.get("og:image", ""),
        author=_author(ld.get("author")),
        body="\n".join(filter(None, map(clean_line, str(ld.get("articleBody") or "").splitlines()))),
    )


def _section(from_json_ld: str, meta: dict[str, str]) -> str:
    """The section's name: JSON-LD's, ``article:section`` unless it holds a code (ND소프트
    writes ``S1N1`` there), or the first part of ``Classification`` (``섹션 > 하위섹션``)."""
    candidates = (from_json_ld, meta.get("article:section", ""), meta.get("classification", "").split(">")[0].strip())
    return next((name for name in candidates if name and not _SECTION_CODE.fullmatch(name)), "")


def _news_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object of an article type (top level, in a list or in ``@graph``)."""
    for script in _JSON_LD(tree):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        if isinstance(data, dict):
            data = [data, *(data.get("@graph") or [])]
        for candidate in data if isinstance(data, list) else []:
            kinds = candidate.get("@type") if isinstance(candidate, dict) else None
            if set(kinds if isinstance(kinds, list) else [kinds]) & _ARTICLE_TYPES:
                return candidate
    return {}


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return clean_line(value) if isinstance(value, str) else ""


def _image(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("url", "")
    return _text(value)


def _author(value: Any) -> str:
    people = value if isinstance(value, list) else [value]
    names = (_text(person.get("name")) if isinstance(person, dict) else _text(person) for person in people)
    return ", ".join(name for name in names if name)
