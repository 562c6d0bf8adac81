"""Selectors compiled with the class-attribute rewrite select exactly what cssselect's own
XPath selects, on replica pages and the real Korean pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import lxml.html
import pytest
from lxml import etree
from parsel.csstranslator import HTMLTranslator

from newscrawl.cms.families import FAMILIES
from newscrawl.cms.model import Rule
from newscrawl.extract.selection import compiled
from tests.conftest import shared_path
from tests.replica import render
from tests.replica.articles import ARTICLES

COMBINATORS = [".a .b", ".a > b", "div .title p", ".titleWrap ~ div", "a + .next", ".x.y", ".a, ul.b li", ".info:not(.ad) li"]


def _css_of(value: object) -> Iterator[str]:
    """Every CSS selector held in a skin's selectors (strings and rules)."""
    if isinstance(value, Rule):
        yield value.css
    elif isinstance(value, tuple):
        for part in value:
            yield from _css_of(part)
    elif isinstance(value, str) and value:
        yield value


def _skin_selectors() -> list[str]:
    found: dict[str, None] = {}
    for family in FAMILIES.values():
        for skin in family.cms.skins:
            found.update(dict.fromkeys(_css_of(skin.marker)))
            for field in dataclasses.fields(skin.selectors):
                found.update(dict.fromkeys(_css_of(getattr(skin.selectors, field.name))))
    return [*found, *COMBINATORS]


SELECTORS = _skin_selectors()


def _same_selection(html: bytes | str) -> None:
    tree = lxml.html.document_fromstring(html)
    for css in SELECTORS:
        plain = etree.XPath(HTMLTranslator().css_to_xpath(css))
        assert compiled(css)(tree) == plain(tree), css


def test_the_skins_hold_class_selectors_the_rewrite_applies_to() -> None:
    rewritten = [css for css in SELECTORS if "/@class[" in str(compiled(css))]
    assert len(rewritten) > 20


@pytest.mark.parametrize("skin", ["B", "A", "reference", "boxes"])
def test_replica_pages_select_the_same(skin: str) -> None:
    for article in ARTICLES[:6]:
        _same_selection(render.article_page(ARTICLES, article, skin))


def test_real_pages_select_the_same() -> None:
    pages = sorted(shared_path("realpages").glob("*.html"))
    assert pages
    for page in pages:
        _same_selection(page.read_bytes())
