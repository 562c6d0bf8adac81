"""Incremental crawls: a second run exports only what is new and fetches little else."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import CrawlResult, run_crawl
from tests.replica.articles import ARTICLES, Article, make_article
from tests.replica.server import Page, ReplicaServer
from tests.replica.truth import expected_items


@pytest.fixture
def site() -> Iterator[ReplicaServer]:
    """A replica of its own, so that publishing articles affects no other test."""
    with ReplicaServer() as server:
        yield server


def _crawl(site: ReplicaServer, tmp_path: Path, name: str, *arguments: str) -> CrawlResult:
    site.requests.clear()
    result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", *arguments, output=f"{name}.jsonl")
    assert result.returncode == 0, result.log[-3000:]
    return result


def _article_requests(site: ReplicaServer) -> list[str]:
    return [target for target in site.requests if target.startswith("/news/view.php")]


def test_second_run_on_an_unchanged_site_fetches_only_first_list_pages(site: ReplicaServer, tmp_path: Path) -> None:
    first = _crawl(site, tmp_path, "first")
    assert sorted(i["article_id"] for i in first.items()) == sorted(expected_items(site.base_url))
    second = _crawl(site, tmp_path, "second")
    assert second.items() == []
    assert _article_requests(site) == []
    assert sorted(site.requests) == sorted(
        ["/robots.txt", "/"] + [f"/news/list.php?mcode={code}&page=1" for code in
                                ("m72mass272", "m73mass273", "m81mass281", "m96mass296")]
    )


def test_five_new_articles_are_exported_and_little_else_fetched(site: ReplicaServer, tmp_path: Path) -> None:
    _crawl(site, tmp_path, "first")
    new = [make_article(number) for number in range(len(ARTICLES), len(ARTICLES) + 5)]
    site.articles.extend(new)
    second = _crawl(site, tmp_path, "second")
    expected = expected_items(site.base_url, articles=new)
    assert sorted(i["article_id"] for i in second.items()) == sorted(expected)
    assert all(item == {**expected[item["article_id"]], "crawled_at": item["crawled_at"]} for item in second.items())
    assert sorted(_article_requests(site)) == sorted(f"/news/view.php?idx={a.idx}" for a in new)
    list_pages = [t for t in site.requests if t.startswith("/news/list.php")]
    # Page 1 of each section, and page 2 of the three sections with new articles, where
    # every article is known.
    assert len(list_pages) == 4 + 3, list_pages
    third = _crawl(site, tmp_path, "third")
    assert third.items() == []


def test_full_crawl_ignores_the_state(site: ReplicaServer, tmp_path: Path) -> None:
    _crawl(site, tmp_path, "first")
    again = _crawl(site, tmp_path, "again", "-a", "full=1")
    assert sorted(i["article_id"] for i in again.items()) == sorted(expected_items(site.base_url))


def test_an_article_found_only_through_prev_next_of_a_new_one(site: ReplicaServer, tmp_path: Path) -> None:
    _crawl(site, tmp_path, "first")
    new = [make_article(number) for number in range(len(ARTICLES), len(ARTICLES) + 3)]
    new[1].listed = False
    site.articles.extend(new)
    second = _crawl(site, tmp_path, "second")
    assert sorted(i["article_id"] for i in second.items()) == sorted(str(a.idx) for a in new)


def _recent(number: int, days_ago: float) -> Article:
    return replace(make_article(number), published=datetime.now() - timedelta(days=days_ago))


def test_recheck_reexports_only_changed_recent_articles(site: ReplicaServer, tmp_path: Path) -> None:
    recent = [_recent(len(ARTICLES) + n, days_ago) for n, days_ago in enumerate((9, 2, 1.5, 1))]
    site.articles.extend(recent)
    first = _crawl(site, tmp_path, "first")
    assert {str(a.idx) for a in recent} <= {i["article_id"] for i in first.items()}
    assert not any(item["is_update"] for item in first.items())

    old, edited, revised, _untouched = recent
    edited.paragraphs = [*edited.paragraphs, "시는 이날 오후 지원 대상을 추가로 발표했다."]
    revised.modified = datetime.now().replace(microsecond=0)
    old.paragraphs = [*old.paragraphs, "이 문단은 재확인 기간 밖의 수정이다."]
    second = _crawl(site, tmp_path, "second", "-a", "recheck_days=3")

    items = {item["article_id"]: item for item in second.items()}
    assert sorted(items) == sorted(str(a.idx) for a in (edited, revised))
    assert all(item["is_update"] for item in items.values())
    assert items[str(edited.idx)]["body"].endswith("시는 이날 오후 지원 대상을 추가로 발표했다.")
    assert items[str(revised.idx)]["modified_at"] == revised.modified.isoformat() + "+09:00"
    assert sorted(_article_requests(site)) == sorted(f"/news/view.php?idx={a.idx}" for a in recent[1:])
    assert second.stat("newscrawl/recheck/unchanged") == 1 and second.stat("newscrawl/recheck/updated") == 2

    third = _crawl(site, tmp_path, "third", "-a", "recheck_days=3")
    assert third.items() == []  # the state now holds the updated content


def test_an_article_that_failed_is_fetched_by_the_next_run(site: ReplicaServer, tmp_path: Path) -> None:
    # 5010 is in no list: only its neighbours link to it. Its server errors outlast the retries.
    site.extra["/news/view.php?idx=5010"] = Page(b"<html><body>error</body></html>", status=500)
    first = _crawl(site, tmp_path, "first", "-s", "NEWSCRAWL_BACKOFF_BASE=0.05")
    assert "5010" not in {i["article_id"] for i in first.items()}
    assert {"5009", "5011"} <= {i["article_id"] for i in first.items()}
    del site.extra["/news/view.php?idx=5010"]
    second = _crawl(site, tmp_path, "second")
    assert [i["article_id"] for i in second.items()] == ["5010"]
    assert "1 pending from earlier runs" in second.log
    third = _crawl(site, tmp_path, "third")
    # Nothing pending any more: the state's line is then a debug line, not an operator's.
    assert third.items() == [] and "pending from earlier runs" not in third.log
