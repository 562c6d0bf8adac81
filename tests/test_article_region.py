"""The article region of a page's bytes: what the parser reads of an article page."""

from __future__ import annotations

import pytest

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.article_page import parse_article_page
from newscrawl.extract.article_region import article_region
from tests.replica import render
from tests.replica.articles import ARTICLES

START, END = '<div id="contents"', '<div id="aside"'
HEAD = b"<html><head><title>t</title></head>"
SCOPE = b'<div id="contents"><p>article</p></div><div id="aside" class="x">'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (HEAD + b"<body><ul>menu</ul>" + SCOPE + b"<p>box</p>", HEAD + SCOPE),
        # No head end before the scope: only what follows the article is left out.
        (b"<html><body><ul>menu</ul>" + SCOPE + b"<p>box</p>", b"<html><body><ul>menu</ul>" + SCOPE),
        # The scope's tag written in a comment or a script before the real one: not a start.
        (HEAD + b'<!-- <div id="contents"> -->' + SCOPE, HEAD + b'<!-- <div id="contents"> -->' + SCOPE),
        (HEAD + b'<script>var s = \'<div id="contents">\';' + SCOPE, HEAD + b'<script>var s = \'<div id="contents">\';' + SCOPE),
        # A closed comment and script before the scope do not stop the cut.
        (HEAD + b"<!-- x --><script>1</script>" + SCOPE, HEAD + SCOPE),
        # No aside: the page is parsed whole.
        (HEAD + b'<div id="contents"><p>article</p></div>', None),
    ],
)
def test_the_region_is_the_head_and_the_scope_up_to_the_aside(body: bytes, expected: bytes | None) -> None:
    assert article_region(body, START, END) == expected


def test_without_an_article_end_no_page_is_cut() -> None:
    assert article_region(HEAD + SCOPE, START, "") is None


def test_an_article_read_in_its_region_equals_the_article_read_whole() -> None:
    profile = PROFILES["news21"]
    url = "http://127.0.0.1/news/view.php?idx=1"
    pages = [render.article_page(ARTICLES, article) for article in ARTICLES if article.kind == "article"]
    assert pages
    for page in pages:
        data = page.encode()
        region = article_region(data, START, END)
        assert region is not None and b'id="header"' in data and b'id="header"' not in region
        assert parse_article_page(profile, data, url) == parse_article_page(profile, data, url, whole_page=True)
