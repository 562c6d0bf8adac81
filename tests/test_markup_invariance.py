"""Markup that does not change an article never changes what is read from it: over the
evidence replica's article pages (every ND소프트 era and variant), wrapping elements in
extra ``div``s, renaming a container found by its id or class (``div``/``article``/
``section``), upper-casing tag names in the source, reordering attributes, and adding
whitespace or comments between blocks leave the parsed page as it was."""

from __future__ import annotations

import random
import re
from dataclasses import asdict
from typing import Any

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newscrawl.cms.ndsoft.sites import PROFILES
from newscrawl.extract.article_page import parse_article_page
from tests.replica import ndsoft_variants as replica

PROFILE = PROFILES["ndsoft"]
ARTICLES = {a.idx: a for a in replica.ARTICLES if a.exported}
PAGES = {idx: replica.article_page(replica.ARTICLES, a, replica.NOW) for idx, a in ARTICLES.items()}
"""Each exported article's page, by id."""
URL = "http://127.0.0.1:8022/news/articleView.html?idxno={idx}"
CONTAINERS = (
    "article-view-content-div", "article-veiw-body", "atlview-grid-body", "article-body",
    "article-sytool-container", "info-group", "info-text", "article-view", "user-content", "news_content",
)
"""Ids and classes of containers a reader finds by name, whatever their tag."""
_BLOCK = r"(?:p|div|li|ul|ol|figure|figcaption|article|section|header|nav|h[1-6]|table|tr|footer)"
_BETWEEN_BLOCKS = re.compile(rf"(</?{_BLOCK}\b[^>]*>)(\s*)(?=</?{_BLOCK}\b)", re.IGNORECASE)
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[\w:-]+(?:=\"[^\"]*\"|='[^']*')?)+)\s*(/?)>")
_ATTRIBUTE = re.compile(r"\s+([\w:-]+(?:=\"[^\"]*\"|='[^']*')?)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_NOT_WRAPPED = {"html", "head", "body", "title", "meta", "link", "base", "li", "tr", "td", "th", "br", "i", "span",
                "a", "strong", "em", "small", "button", "ins", "iframe", "script", "style", "font", "ol", "ul", "table"}


def _parsed(html: str, idx: int) -> dict[str, Any]:
    page = parse_article_page(PROFILE, html, URL.format(idx=idx))
    return {"status": page.status.value, **asdict(page.content)}


def _serialized(tree: lxml.html.HtmlElement) -> str:
    return "<!DOCTYPE html>\n" + lxml.html.tostring(tree, encoding="unicode")


def _changed(original: dict[str, Any], transformed: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {name: (value, transformed.get(name)) for name, value in original.items() if transformed.get(name) != value}


pages = st.sampled_from(sorted(PAGES))
seeds = st.integers(min_value=0, max_value=2**32 - 1)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pages, seeds, st.integers(min_value=1, max_value=3))
def test_wrapping_elements_in_divs_changes_nothing(idx: int, seed: int, depth: int) -> None:
    html = PAGES[idx]
    tree = lxml.html.document_fromstring(html)
    baseline = _serialized(tree)
    rng = random.Random(seed)
    candidates = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag not in _NOT_WRAPPED and e.getparent() is not None
                  and e.getparent().tag != "head" and e.tag != "head"]
    chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 6)))
    for element in chosen:
        parent = element.getparent()
        outer = inner = lxml.html.Element("div")
        for _ in range(depth - 1):
            inner = etree.SubElement(inner, "div")
        tail, element.tail = element.tail, None
        parent.replace(element, outer)
        outer.tail = tail
        inner.append(element)
    wrapped = [f"{e.tag}.{e.get('class') or e.get('id') or ''}" for e in chosen]
    changes = _changed(_parsed(baseline, idx), _parsed(_serialized(tree), idx))
    assert not changes, (ARTICLES[idx].label(), wrapped, changes)


@SETTINGS
@given(pages, seeds)
def test_renaming_a_container_found_by_id_or_class_changes_nothing(idx: int, seed: int) -> None:
    html = PAGES[idx]
    tree = lxml.html.document_fromstring(html)
    baseline = _serialized(tree)
    rng = random.Random(seed)
    containers = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag in ("div", "article", "section")
                  and (e.get("id") in CONTAINERS or set((e.get("class") or "").split()) & set(CONTAINERS))]
    renamed = []
    for element in containers:
        if rng.random() < 0.6:
            element.tag = rng.choice([tag for tag in ("div", "article", "section") if tag != element.tag])
            renamed.append(f"{element.tag}#{element.get('id') or element.get('class')}")
    changes = _changed(_parsed(baseline, idx), _parsed(_serialized(tree), idx))
    assert not changes, (ARTICLES[idx].label(), renamed, changes)


@SETTINGS
@given(pages, seeds)
def test_upper_case_tag_names_in_the_source_change_nothing(idx: int, seed: int) -> None:
    html = PAGES[idx]
    rng = random.Random(seed)
    names = sorted({m[2].lower() for m in _TAG_NAME.finditer(html) if not m[2].isupper()} - {"html", "head", "body", "meta"})
    upper = set(rng.sample(names, rng.randint(1, len(names))))
    transformed = _TAG_NAME.sub(lambda m: f"<{m[1]}{m[2].upper()}" if m[2].lower() in upper else m[0], html)
    assert transformed != html
    changes = _changed(_parsed(html, idx), _parsed(transformed, idx))
    assert not changes, (ARTICLES[idx].label(), sorted(upper), changes)


@SETTINGS
@given(pages, seeds)
def test_reordering_attributes_changes_nothing(idx: int, seed: int) -> None:
    html = PAGES[idx]
    rng = random.Random(seed)

    def shuffled(match: re.Match[str]) -> str:
        attributes = _ATTRIBUTE.findall(match[2])
        rng.shuffle(attributes)
        return f"<{match[1]} {' '.join(attributes)}{match[3]}>"

    transformed = _START_TAG.sub(shuffled, html)
    changes = _changed(_parsed(html, idx), _parsed(transformed, idx))
    assert not changes, (ARTICLES[idx].label(), changes)


@SETTINGS
@given(pages, seeds)
def test_whitespace_between_blocks_changes_nothing(idx: int, seed: int) -> None:
    html = PAGES[idx]
    rng = random.Random(seed)
    transformed = _BETWEEN_BLOCKS.sub(lambda m: m[1] + m[2] + rng.choice(["", " ", "\n", "\n\t\t", "\r\n  "]), html)
    changes = _changed(_parsed(html, idx), _parsed(transformed, idx))
    assert not changes, (ARTICLES[idx].label(), changes)


@SETTINGS
@given(pages, seeds)
def test_comments_between_blocks_change_nothing(idx: int, seed: int) -> None:
    html = PAGES[idx]
    rng = random.Random(seed)
    notes = ["<!-- 기사본문 //-->", "<!--// 기사본문 -->", "<!-- ADOP SEO Tag S -->", "<!-- sticky -->"]
    transformed = _BETWEEN_BLOCKS.sub(lambda m: m[1] + m[2] + (rng.choice(notes) if rng.random() < 0.5 else ""), html)
    changes = _changed(_parsed(html, idx), _parsed(transformed, idx))
    assert not changes, (ARTICLES[idx].label(), changes)
