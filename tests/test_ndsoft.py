"""The ND소프트 family: lists, feeds and walking article ids find every article of an install
in each article and list skin; the real page of its 2017 skin gives exactly its item."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import CrawlResult, run_crawl, shared_path
from tests.replica import ndsoft
from tests.replica.articles import make_article
from tests.replica.server import Page, ReplicaServer

PROMO = ["다른기사 보기", "핫이슈", "많이 본 뉴스", "저작권자", "무단전재", "AI학습", "발행일", "댓글", "#지역", "ADOP", "로그인"]


def _site(skin: str, articles: list | None = None) -> ReplicaServer:
    return ReplicaServer(pages=ndsoft.page, articles=list(articles or ndsoft.ARTICLES), skin=skin)


def _items(result: CrawlResult) -> dict[str, dict]:
    items = result.items()
    ids = [item["article_id"] for item in items]
    assert len(ids) == len(set(ids)), f"duplicated: {sorted(i for i in ids if ids.count(i) > 1)}"
    return {item["article_id"]: {k: v for k, v in item.items() if k != "crawled_at"} for item in items}


def _article_requests(site: ReplicaServer) -> list[str]:
    return [r for r in site.requests if r.startswith("/news/articleView.html")]


@pytest.mark.parametrize("skin", ndsoft.SKINS)
def test_every_article_is_found_once_with_every_field_right(tmp_path: Path, skin: str) -> None:
    with _site(skin) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="ndsoft")
        assert result.returncode == 0, result.log[-3000:]
        exported = _items(result)
        assert exported == ndsoft.expected_items(site.base_url, skin=skin.split("/")[0])
        assert set(exported) >= ndsoft.WALK_ONLY  # found only by walking ids
        assert any(r.startswith("/rss/allArticle.xml") for r in site.requests)
    for item in result.items():
        text = json.dumps(item, ensure_ascii=False)
        assert not [marker for marker in PROMO if marker in text], (item["article_id"], [m for m in PROMO if m in text])
    reasons = {row["url"].rsplit("=", 1)[-1]: row["reason"] for row in result.rejects()}
    assert reasons[str(ndsoft.ARTICLES[6].idx)] == "members_only"
    # A 2025 list shows only the newest entries: the deleted article is then found by the walk.
    assert reasons[str(ndsoft.ARTICLES[7].idx)] == ("missing" if skin.endswith("/2025") else "deleted")
    assert reasons[ndsoft.REDIRECTING_ID] == reasons[ndsoft.NOT_FOUND_ID] == "missing"
    gaps = {str(i) for i in range(ndsoft.FIRST_ID, ndsoft.ARTICLES[-1].idx)} - {str(a.idx) for a in ndsoft.ARTICLES}
    assert gaps <= {idx for idx, reason in reasons.items() if reason == "missing"}  # each unused id: missing


def test_a_second_run_reads_lists_and_feeds_only_and_walking_resumes(tmp_path: Path) -> None:
    with _site("foundation/foundation") as site:
        budget = ["-s", "NEWSCRAWL_WALK_BUDGET=6"]
        exported: set[str] = set()
        runs = 0
        while not exported >= ndsoft.WALK_ONLY and runs < 12:  # each run walks on where the last stopped
            runs += 1
            result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", *budget, spider="ndsoft", output=f"run{runs}.jsonl")
            assert result.returncode == 0, result.log[-3000:]
            assert 0 < result.stat("newscrawl/walk/requests") <= 6
            assert not set(_items(result)) & exported
            exported |= set(_items(result))
        assert runs > 1 and exported == set(ndsoft.expected_items(site.base_url))
        # Below the oldest article the walk goes on until it meets 20 missing ids in a row.
        floor = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="ndsoft", output="floor.jsonl")
        assert floor.returncode == 0 and not floor.items(), floor.log[-3000:]
        assert 20 <= floor.stat("newscrawl/walk/requests") <= 26

        before = len(site.requests)
        unchanged = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="ndsoft", output="unchanged.jsonl")
        assert unchanged.returncode == 0, unchanged.log[-3000:]
        requests = site.requests[before:]
        assert not [r for r in requests if r.startswith("/news/articleView.html")], requests
        assert sorted(r for r in requests if r.startswith("/news/articleList.html")) == sorted(
            f"/news/articleList.html?sc_section_code={code}&view_type=sm&page=1" for code in ndsoft.SECTIONS
        )
        assert "/rss/allArticle.xml" in requests

        newest = site.articles[-1]
        for number in (1, 2):
            site.articles.append(replace(make_article(100 + number), idx=newest.idx + number, section="S1N1", listed=True))
        before = len(site.requests)
        new = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="ndsoft", output="new.jsonl")
        assert new.returncode == 0, new.log[-3000:]
        assert set(_items(new)) == {str(newest.idx + 1), str(newest.idx + 2)}
        assert len([r for r in site.requests[before:] if r.startswith("/news/articleView.html")]) == 2


def _collapsed(value: object) -> object:
    return re.sub(r"[ \t]+", " ", value).strip() if isinstance(value, str) else value


def test_the_real_2017_page_gives_exactly_its_expected_item(tmp_path: Path) -> None:
    raw = shared_path("realpages", "ndsoft_sporbiz_article_177073.html").read_bytes()
    expected = json.loads(shared_path("realpages", "expected", "ndsoft_sporbiz_article_177073.json").read_text(encoding="utf-8"))
    target = "/news/articleView.html?idxno=177073"
    with ReplicaServer(extra={target: Page(raw)}) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", f"url={site.base_url}{target}", spider="ndsoft")
    assert result.returncode == 0, result.log[-3000:]
    [item] = result.items()
    expected["url"] = expected["url"].replace("http://www.sporbiz.co.kr", site.base_url)
    for name, value in expected.items():
        assert _collapsed(item[name]) == _collapsed(value), name


def test_ndsoft_needs_the_address_of_the_install(tmp_path: Path) -> None:
    result = run_crawl(tmp_path, spider="ndsoft")
    assert result.returncode == 2
    assert "error: ndsoft crawls any install of its CMS: give the site's address with -a base_url=https://host" in result.log
