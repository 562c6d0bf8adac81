"""Every article link followed: the links a page holds to articles in any URL form of its
site, whatever the markup (a pure function, table-tested), and, end to end on the first CMS,
articles that only previous/next links in undeclared markup, a related box or a most-read box
reach are exported once, and an unchanged site costs no article page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from parsel import Selector

from newscrawl.cms.dadami.sites import PROFILES as DADAMI
from newscrawl.cms.ndsoft.sites import PROFILES as NDSOFT
from newscrawl.extract import links
from newscrawl.extract.links import article_ids_linked
from tests.conftest import CrawlResult, run_crawl, shared_path
from tests.replica import render
from tests.replica.articles import ARTICLES, BOX_ONLY
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items

NEWS21 = DADAMI["news21"]
ND = NDSOFT["ndsoft"]
NEWS21_PAGE = "https://news21tongsin.co.kr/news/view.php?idx=100"
ND_PAGE = "https://www.nd.example.kr/news/articleView.html?idxno=700"

LINKS = [
    # (profile, page URL, html, ids in page order)
    (NEWS21, NEWS21_PAGE, '<nav class="art-move"><a rel="prev" href="/news/view.php?idx=99">이전</a><a rel="next" href="/news/101">다음</a></nav>', ["99", "101"]),
    (NEWS21, NEWS21_PAGE, '<div class="pn_box"><dl><dd><a href="../news/view.php?idx=98&amp;mcode=m1#reply">앞 글</a></dd></dl></div>', ["98"]),
    (NEWS21, NEWS21_PAGE, "<DIV><A HREF=/article/97?mcode=m2>대문자</A><a href='/m/view.php?idx=96'>모바일</a></DIV>", ["97", "96"]),
    (NEWS21, NEWS21_PAGE, '<a href="https://www.news21tongsin.co.kr/news/view.php?idx=95&amp;fbclid=IwAR0&amp;utm_source=fb">공유</a>', ["95"]),
    (NEWS21, NEWS21_PAGE, '<a href="view.php?idx=94&amp;utm_medium=rank">상대</a><a href="view.php?idx=94">같은 기사</a>', ["94"]),
    (NEWS21, NEWS21_PAGE, ('<a href="https://other.example.com/news/view.php?idx=93">다른 사이트</a><a href="javascript:go(92)">스크립트</a>'
                          '<a href="/news/list.php?mcode=m1">목록</a><a href="mailto:a@b.kr">메일</a><a href="#top">위로</a>'), []),
    (NEWS21, NEWS21_PAGE, '<!-- <a href="/news/view.php?idx=91">지운 링크</a> --><a href="/news/view.php?idx=90">남은 링크</a>', ["90"]),
    (NEWS21, NEWS21_PAGE, '<head><base href="https://news21tongsin.co.kr/archive/"></head><a href="../news/view.php?idx=89">기준 주소</a>', ["89"]),
    (NEWS21, NEWS21_PAGE, '<area shape="rect" href="/news/88"><link rel="canonical" href="/news/view.php?idx=100">', ["88", "100"]),
    (ND, ND_PAGE, '<article class="article-relation"><a class="list-title" href="/news/articleViewAmp.html?idxno=699&amp;utm_source=rel">관련</a></article>', ["699"]),
    (ND, ND_PAGE, '<div id="skin-23"><div class="auto-article"><a href="/news/ampArticleView.html?idxno=698&amp;fbclid=x">1 인기</a></div></div>', ["698"]),
    (ND, ND_PAGE, '<a href="https://www.nd.example.kr/news/articleView.html?idxno=90000015817" target="_top">긴 번호</a>', ["90000015817"]),
    (ND, ND_PAGE, '<button class="aht-btn prev" onclick="articleHeader.move(\'prev\', \'embargo_date\', \'1700000000_697\', \'S1N7\')">이전</button>', []),
]


@pytest.mark.parametrize(("profile", "page_url", "html", "ids"), LINKS)
def test_article_ids_linked(profile, page_url: str, html: str, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert article_ids_linked(profile, page_url, html) == ids
    for encoding in ("utf-8", "cp949", "utf-16", "iso-2022-kr"):
        assert article_ids_linked(profile, page_url, html.encode(encoding), encoding) == ids, encoding


def test_a_link_written_in_the_pages_encoding_is_read_in_it() -> None:
    # Unescaped Hangul in an href, on pages in two encodings: the same article.
    html = '<a href="/news/view.php?idx=77&amp;q=지역">기사</a><a href="/news/view.php?idx=78&amp;q=지역">다음</a>'
    for encoding in ("cp949", "utf-8", "cp949"):
        assert article_ids_linked(NEWS21, NEWS21_PAGE, html.encode(encoding), encoding) == ["77", "78"]


def test_a_relative_link_is_read_against_each_page() -> None:
    # One link as written, on two pages of different folders: two different URLs.
    html = '<a href="view.php?idx=5">기사</a>'
    assert article_ids_linked(NEWS21, "https://news21tongsin.co.kr/news/view.php?idx=1", html) == ["5"]
    assert article_ids_linked(NEWS21, "https://news21tongsin.co.kr/bbs/board.php", html) == []


def test_links_are_read_right_once_their_cache_is_full_and_it_stays_bounded() -> None:
    site = DADAMI["news21"]
    menu = '<a href="/news/view.php?idx=1">메뉴</a><a href="view.php?idx=2">옆 기사</a>'
    for page in range(3 * links._CACHE_SIZE // 10):
        box = "".join(f'<a href="/news/view.php?idx={1000 + page * 10 + n}">박스</a>' for n in range(10))
        url = f"https://cache.example.kr/news/view.php?idx={page}"
        assert article_ids_linked(site, url, menu + box) == ["1", "2", *(str(1000 + page * 10 + n) for n in range(10))]
    sizes = {len(cache) for (name, _), cache in links._LINKED.items() if name == site.name}
    assert max(sizes) <= links._CACHE_SIZE + 12


def test_the_boxes_page_links_its_neighbours_and_both_boxes() -> None:
    articles = [*ARTICLES, *BOX_ONLY]
    article = next(a for a in ARTICLES if a.idx == 5011)
    html = render.article_page(articles, article, "boxes")
    linked = article_ids_linked(NEWS21, f"http://127.0.0.1:8021/news/view.php?idx={article.idx}", html)
    assert {"5010", "5012", *(str(a.idx) for a in BOX_ONLY)} <= set(linked)


@pytest.fixture(scope="module")
def boxes(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The replica in the ``boxes`` skin, crawled once, then again unchanged."""
    tmp_path = tmp_path_factory.mktemp("boxes")
    with ReplicaServer(skin="boxes", articles=[*ARTICLES, *BOX_ONLY]) as site:
        first = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="first.jsonl")
        before = len(site.requests)
        second = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="second.jsonl")
        yield site, first, second, site.requests[:before], site.requests[before:]


def _ids(result: CrawlResult) -> list[str]:
    return [item["article_id"] for item in result.items()]


def test_articles_only_undeclared_links_reach_are_exported_once(boxes) -> None:  # type: ignore[no-untyped-def]
    site, first, _, requests, _ = boxes
    assert first.returncode == 0, first.log[-3000:]
    exported = _ids(first)
    assert len(exported) == len(set(exported))
    expected = expected_items(site.base_url, articles=[*ARTICLES, *BOX_ONLY], skin="boxes")
    by_id = {item["article_id"]: {k: v for k, v in item.items() if k != "crawled_at"} for item in first.items()}
    assert by_id == expected
    # In no list: only the undeclared previous/next links reach 5010, only the boxes the others.
    only_linked = [str(a.idx) for a in [*ARTICLES, *BOX_ONLY] if not a.listed and a.exported]
    assert "5010" in only_linked and {str(a.idx) for a in BOX_ONLY} <= set(only_linked)
    assert first.stat("newscrawl/links/followed") >= len(only_linked)
    articles = [r.split("?idx=")[1] for r in requests if r.startswith("/news/view.php?idx=")]
    assert len(articles) == len(set(articles)), "an article requested twice"
    assert all("fbclid" not in r and "utm_" not in r for r in requests)


def test_an_unchanged_site_costs_no_article_page(boxes) -> None:  # type: ignore[no-untyped-def]
    _, _, second, _, requests = boxes
    assert second.returncode == 0, second.log[-3000:]
    assert second.items() == []
    assert not [r for r in requests if r.startswith(("/news/view.php", "/news/5", "/article/", "/m/view.php"))], requests


def test_single_url_mode_fetches_only_that_article(tmp_path: Path) -> None:
    with ReplicaServer(skin="boxes", articles=[*ARTICLES, *BOX_ONLY]) as site:
        result = run_crawl(tmp_path, "-a", f"url={site.base_url}/news/view.php?idx=5011")
        requests = [r for r in site.requests if r != "/robots.txt"]
    assert result.returncode == 0, result.log[-3000:]
    assert _ids(result) == ["5011"] and requests == ["/news/view.php?idx=5011"]


def test_a_linked_article_outside_the_window_is_a_dead_end(tmp_path: Path) -> None:
    # The boxes link articles of every date; with a window, those outside it are fetched (their
    # date is on their page) but lead nowhere, so the crawl stays near the window.
    since = ARTICLES[40].published.date()
    with ReplicaServer(skin="boxes", articles=[*ARTICLES, *BOX_ONLY]) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", f"since={since}")
        fetched = {r.split("?idx=")[1] for r in site.requests if r.startswith("/news/view.php?idx=")}
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(_ids(result)) == sorted(expected_items(site.base_url, since=since, articles=[*ARTICLES, *BOX_ONLY], skin="boxes"))
    old = {str(a.idx) for a in ARTICLES if a.published.date() < since}
    # At most: the neighbour just before the window (its previous link), the most-read box's
    # two articles, and the box-only ones.
    assert len(fetched & old) <= 3, sorted(fetched & old)


REAL_PAGES = [
    # (page, its true encoding); the ND소프트 page's own address, as saved.
    ("ndsoft_sporbiz_article_177073.html", "utf-8"),
    ("chosun_article_eucKR.html", "cp949"),
    ("khan_list_eucKR.html", "cp949"),
    ("hani_article_utf8.html", "utf-8"),
    ("mt_moneytoday_article_eucKRdecl.html", "utf-8"),
]
SPORBIZ_PAGE = "https://www.sporbiz.co.kr/news/articleView.html?idxno=177073"


@pytest.mark.parametrize(("name", "encoding"), REAL_PAGES)
def test_a_real_page_gives_the_same_links_from_its_bytes_as_from_its_text(name: str, encoding: str) -> None:
    raw = shared_path("realpages", name).read_bytes()
    site = NDSOFT["sporbiz"]
    assert article_ids_linked(site, SPORBIZ_PAGE, raw, encoding) == article_ids_linked(site, SPORBIZ_PAGE, raw.decode(encoding))


def test_the_real_nd_pages_related_box_is_followed() -> None:
    raw = shared_path("realpages", "ndsoft_sporbiz_article_177073.html").read_bytes()
    hrefs = Selector(text=raw.decode("utf-8")).css("article.article-relation a.list-title::attr(href)").getall()
    related = {re.search(r"idxno=(\d+)", href)[1] for href in hrefs}  # type: ignore[index]
    assert len(related) >= 5
    assert related <= set(article_ids_linked(NDSOFT["sporbiz"], SPORBIZ_PAGE, raw, "utf-8"))
