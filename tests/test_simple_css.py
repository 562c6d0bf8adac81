"""The one-pass matcher of simple CSS selectors agrees with lxml's own CSS selection."""

from __future__ import annotations

import lxml.html
import pytest

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.simple_css import compile_simple_selectors, select_simple

PROFILE = PROFILES["news21"]
from tests.conftest import shared_path
from tests.replica import render
from tests.replica.articles import ARTICLES

SNIPPET = """<div id="root"><script>x</script><p class="ad big">a</p><p class="adx">b</p>
<div id="ad-top"><ins>c</ins></div><span class="ad_left">d</span><a href="/x" rel="nofollow sponsored">e</a>
<div class="related"><div class="relation">f</div></div><p data-slot="12">g</p></div>"""
SELECTORS = [
    "script, ins", ".ad", ".ad.big", "p.ad", "#ad-top", "div#ad-top", '[class^="ad_"]', '[id^="ad-"]',
    '[rel~="sponsored"]', '[href$="x"]', '[data-slot*="1"]', "[data-slot]", '[class="adx"]',
    ".related, .relation", PROFILE.skins[0].selectors.body_furniture,
]


def _by_css(root: lxml.html.HtmlElement, css: str) -> set[lxml.html.HtmlElement]:
    return {element for element in root.cssselect(css) if element is not root}


@pytest.mark.parametrize("css", SELECTORS)
def test_same_elements_as_cssselect_on_a_snippet(css: str) -> None:
    root = lxml.html.fromstring(SNIPPET)
    assert set(select_simple(root, css)) == _by_css(root, css)


@pytest.mark.parametrize("article", [a for a in ARTICLES if a.extras], ids=lambda a: str(a.idx))
def test_same_furniture_as_cssselect_on_replica_pages(article: object) -> None:
    root = lxml.html.fromstring(render.article_page(ARTICLES, article))  # type: ignore[arg-type]
    css = PROFILE.skins[0].selectors.body_furniture
    assert set(select_simple(root, css)) == _by_css(root, css)


def test_same_furniture_as_cssselect_on_the_reference_page() -> None:
    root = lxml.html.fromstring(shared_path("site", "pages", "article.html").read_text(encoding="utf-8"))
    css = PROFILE.skins[0].selectors.body_furniture
    found = set(select_simple(root, css))
    assert found == _by_css(root, css) and found


@pytest.mark.parametrize("css", ["div p", "ul > li", "a + b", "p:first-child", "a::text"])
def test_combinators_and_pseudo_classes_are_refused(css: str) -> None:
    with pytest.raises(ValueError, match="not a simple selector"):
        compile_simple_selectors(css)
