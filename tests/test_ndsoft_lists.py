"""ND소프트 list pages end to end: each list layout alone (no feed, no walk) finds what it shows,
links in the AMP form or with sharing parameters are one article, a 2025 list is read once,
a page 2 that answers page 1 again ends the section, and feed dates (KST without a zone) keep
the date window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_crawl
from tests.replica import ndsoft
from tests.replica.server import NOT_FOUND, ReplicaServer

NO_FEED_NO_WALK = ("-s", "NEWSCRAWL_WALK_BUDGET=0")
FEEDS = ("/rss/allArticle.xml", *(f"/rss/{code}.xml" for code in ndsoft.SECTIONS))
LAYOUTS = {"foundation": "foundation", "2020": "2020", "legacy": "legacy", "2025": "altlist"}


def _site(list_skin: str) -> ReplicaServer:
    return ReplicaServer(pages=ndsoft.page, articles=list(ndsoft.ARTICLES), skin=f"foundation/{list_skin}", extra=dict.fromkeys(FEEDS, NOT_FOUND))


def _shown(list_skin: str) -> set[str]:
    """The articles the lists show: all listed ones, or the newest few per section in 2025."""
    shown = set()
    for code in ndsoft.SECTIONS:
        listed = [a for a in reversed(ndsoft.ARTICLES) if a.section == code and a.listed]
        shown |= {str(a.idx) for a in (listed[: ndsoft.LIST_PAGE_SIZE] if list_skin == "2025" else listed)}
    return shown


@pytest.mark.parametrize("list_skin", list(LAYOUTS))
def test_each_list_layout_alone_finds_every_article_it_shows(tmp_path: Path, list_skin: str) -> None:
    with _site(list_skin) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", *NO_FEED_NO_WALK, spider="ndsoft")
        requests = list(site.requests)
    assert result.returncode == 0, result.log[-3000:]
    expected = {idx for idx in _shown(list_skin) if next(a for a in ndsoft.ARTICLES if str(a.idx) == idx).exported}
    exported = [item["article_id"] for item in result.items()]
    assert sorted(exported) == sorted(expected)
    article_requests = [r for r in requests if "articleView" in r or "ArticleView" in r]
    # AMP links and sharing parameters are the canonical article, requested once.
    assert all(r.startswith("/news/articleView.html?idxno=") for r in article_requests), article_requests
    assert len(article_requests) == len(set(article_requests))
    list_requests = [r for r in requests if r.startswith("/news/articleList.html")]
    assert result.stat(f"newscrawl/list_layout/{LAYOUTS[list_skin]}") == len(list_requests)
    if list_skin == "2025":  # no page links, and page 2 would answer page 1: one page a section
        assert sorted(list_requests) == sorted(f"/news/articleList.html?sc_section_code={code}&view_type=sm&page=1" for code in ndsoft.SECTIONS)


def test_a_page_2_that_answers_page_1_ends_the_section(tmp_path: Path) -> None:
    first = "/news/articleList.html?sc_section_code=S1N1&view_type=sm&page=1"
    page_1 = ndsoft.page(ndsoft.ARTICLES, "/news/articleList.html", {"sc_section_code": ["S1N1"], "page": ["1"]}, "foundation/2020")
    without_end = type(page_1)(re.sub(rb'<li class="pagination-end">.*?</li>', b"", page_1.body))
    repeated = {first.replace("page=1", f"page={n}"): without_end for n in range(1, 10)}
    with ReplicaServer(pages=ndsoft.page, articles=list(ndsoft.ARTICLES), skin="foundation/2020", extra=repeated) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=S1N1", *NO_FEED_NO_WALK, spider="ndsoft")
        list_requests = [r for r in site.requests if r.startswith("/news/articleList.html")]
    assert result.returncode == 0, result.log[-3000:]
    assert list_requests == [first, first.replace("page=1", "page=2")]


def test_feed_dates_without_a_zone_keep_the_date_window(tmp_path: Path) -> None:
    since = ndsoft.ARTICLES[16].published.date()
    with ReplicaServer(pages=ndsoft.page, articles=list(ndsoft.ARTICLES), skin="foundation/foundation") as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", f"since={since}", *NO_FEED_NO_WALK, spider="ndsoft")
    assert result.returncode == 0, result.log[-3000:]
    in_feed = [a for a in reversed(ndsoft.ARTICLES) if str(a.idx) not in ndsoft.WALK_ONLY][: ndsoft.FEED_SIZE]
    older = [a for a in in_feed if a.published.date() < since]
    assert older and result.stat("newscrawl/skipped/feed_out_of_window") == len(older)
    expected = {idx for idx, item in ndsoft.expected_items(site.base_url).items() if item["published_at"][:10] >= str(since)}
    assert {item["article_id"] for item in result.items()} == expected - ndsoft.WALK_ONLY
