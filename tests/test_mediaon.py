"""The 미디어온 family: its replica (both skin generations, ``p`` and ``div`` paragraphs, extra URL
parameters, two anchors per list entry, a list page past the end, articles only the feed
shows) crawled end to end; a second run fetches no article page; sections; one article by any
of its URL forms; the home page recognised as the family."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cms.families import FAMILIES
from newscrawl.cms.mediaon.spider import without_lead
from newscrawl.cms.recognised import RECOGNISED
from newscrawl.extract.recognise import recognise
from tests.conftest import CrawlResult, run_crawl
from tests.replica import mediaon
from tests.replica.server import ReplicaServer

JUNK = ["인쇄", "스크랩", "다른기사 보기", "reporter@", "댓글", "지역 축제", "UPDATE", "최종편집 :", "powered", "공유", f"{mediaon.BRAND} "]


def _site() -> ReplicaServer:
    return ReplicaServer(pages=mediaon.page, articles=list(mediaon.ARTICLES))


def _items(result: CrawlResult) -> dict[str, dict]:
    items = result.items()
    ids = [item["article_id"] for item in items]
    assert len(ids) == len(set(ids)), f"duplicated: {sorted(i for i in ids if ids.count(i) > 1)}"
    return {item["article_id"]: {k: v for k, v in item.items() if k != "crawled_at"} for item in items}


def _article_requests(site: ReplicaServer) -> list[str]:
    return [r for r in site.requests if "article.html?no=" in r or "article_print.html" in r]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReplicaServer, CrawlResult, Path]:
    workdir = tmp_path_factory.mktemp("mediaon")
    with _site() as site:
        result = run_crawl(workdir, "-a", f"base_url={site.base_url}", spider="mediaon")
        return site, result, workdir


def test_every_article_once_with_every_field_right(crawled: tuple[ReplicaServer, CrawlResult, Path]) -> None:
    site, result, _ = crawled
    assert result.returncode == 0, result.log[-3000:]
    assert _items(result) == mediaon.expected_items(site.base_url)
    # Both generations, p and div paragraphs, the body with and without its id element.
    assert result.stat("newscrawl/skin/responsive") and result.stat("newscrawl/skin/xhtml")
    assert result.stat("newscrawl/rule/body/news-body-area") and result.stat("newscrawl/rule/body/cnt-view")
    assert not result.stat("newscrawl/fallback_pages")


def test_no_junk_and_dates_in_korean_time(crawled: tuple[ReplicaServer, CrawlResult, Path]) -> None:
    _, result, _ = crawled
    for item in result.items():
        text = json.dumps({key: item[key] for key in ("title", "subtitle", "body", "author", "section")}, ensure_ascii=False)
        assert not [marker for marker in JUNK if marker in text], (item["article_id"], [m for m in JUNK if m in text])
        assert item["published_at"].endswith("+09:00")
        assert item["published_at"][:4] == "2024"  # never the site-wide UPDATE or 최종편집 of 2026


def test_lists_and_feed_are_read_and_a_page_past_the_end_stops_the_list(crawled: tuple[ReplicaServer, CrawlResult, Path]) -> None:
    site, result, _ = crawled
    listed = [a for a in mediaon.ARTICLES if a.listed]
    last = -(-len(listed) // mediaon.LIST_PAGE_SIZE)
    pages = [r for r in site.requests if r.startswith("/news/article_list_all.html")]
    # Every page, then the one past the end (which repeats the last and adds nothing): no more.
    assert pages == [f"/news/article_list_all.html?page={n}" for n in range(1, last + 2)]
    assert "/data/rss/news.xml" in site.requests
    only_in_feed = {str(a.idx) for a in mediaon.ARTICLES if not a.listed}
    assert only_in_feed <= set(_items(result))
    # Two anchors per entry, links in three forms: each article requested once.
    requested = _article_requests(site)
    assert len(requested) == len(set(requested)) == len(mediaon.ARTICLES)
    deleted = [row for row in result.rejects() if row["reason"] == "deleted"]
    assert [row["url"].rsplit("=", 1)[-1] for row in deleted] == [str(mediaon.ARTICLES[12].idx)]


def test_the_old_skins_lists_are_read_too(tmp_path: Path) -> None:
    with ReplicaServer(pages=mediaon.page, articles=list(mediaon.ARTICLES), skin="old-lists") as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="mediaon")
    assert result.returncode == 0, result.log[-3000:]
    assert _items(result) == mediaon.expected_items(site.base_url)
    assert result.stat("newscrawl/list_layout/m01_ara") == result.stat("newscrawl/list_pages") > 0


def test_a_second_run_fetches_no_article_page(crawled: tuple[ReplicaServer, CrawlResult, Path]) -> None:
    _, _, workdir = crawled
    with _site() as site:
        again = run_crawl(workdir, "-a", f"base_url={site.base_url}", spider="mediaon", output="again.jsonl")
        assert again.returncode == 0, again.log[-3000:]
        assert again.items() == [] and _article_requests(site) == []


def test_a_section_is_crawled_through_its_own_list(tmp_path: Path) -> None:
    with _site() as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=3", spider="mediaon")
        assert result.returncode == 0, result.log[-3000:]
        listed = {str(a.idx) for a in mediaon.ARTICLES if a.listed}  # the feed is not read: it is the whole site's
        expected = {idx: item for idx, item in mediaon.expected_items(site.base_url).items() if item["section"] == "문화" and idx in listed}
        assert _items(result) == expected
        assert any(r.startswith("/news/section_list_all.html?sec_no=3&page=1") for r in site.requests)
        assert not any(r.startswith("/news/article_list_all.html") for r in site.requests)


@pytest.mark.parametrize("form", ["/mobile/article.html?no={}", "/news/article_print.html?no={}", "/news/article.html?no={}&mode=orig&rvw_no=7"])
def test_one_article_by_any_of_its_url_forms(tmp_path: Path, form: str) -> None:
    article = mediaon.ARTICLES[9]
    with _site() as site:
        result = run_crawl(tmp_path, "-a", f"url={site.base_url}{form.format(article.idx)}", spider="mediaon")
        assert result.returncode == 0, result.log[-3000:]
        assert _items(result) == {str(article.idx): mediaon.expected_items(site.base_url)[str(article.idx)]}


def test_the_lead_credit_is_dropped_and_prose_kept() -> None:
    assert without_lead("경기신문 홍길동 기자 | 도의회가 예산을 심사했다.\n둘째 문단") == "도의회가 예산을 심사했다.\n둘째 문단"
    assert without_lead("[충북일보] 김하나 기자 | 청주시는") == "청주시는"
    prose = "기자 간담회에서 시장은 예산 | 일정을 설명했다."
    assert without_lead(prose) == prose


def test_the_replica_home_is_recognised_as_mediaon() -> None:
    home = mediaon.page(mediaon.ARTICLES, "/", {}, "").body
    verdict = recognise(home, "http://127.0.0.1:8000/", RECOGNISED)
    assert verdict.family == "mediaon" and "mediaon" in FAMILIES
    assert verdict.confidence == 1.0
    # The six headline links count; the commented-out menu of an earlier design does not.
    counts = {item.signal: item.count for item in verdict.evidence}
    assert counts["article links /news/article.html?no="] == 6
