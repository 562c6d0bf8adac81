"""Fault injection: the replica misbehaves over real HTTP, and every crawl still finishes,
exports each good article exactly once, and counts and lists each bad page with its reason."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from scrapy import Request, signals
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings
from scrapy.utils.reactor import install_reactor
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newscrawl.rejects import page_rejected
from newscrawl.spiders.families import SPIDERS

News21Spider = SPIDERS["news21"]
from tests.conftest import CrawlResult, run_crawl
from tests.replica import render
from tests.replica.articles import ARTICLES
from tests.replica.server import Page, ReplicaServer
from tests.replica.truth import expected_items

# Quick retries for tests: 0.1 s, 0.2 s backoff; stalled downloads cut after 1 s.
QUICK = ["-s", "NEWSCRAWL_BACKOFF_BASE=0.1", "-s", "DOWNLOAD_TIMEOUT=1"]
# The replica's own rejects: two deleted articles and a members-only one.
OWN_REJECTS = {"5020": "deleted", "5021": "deleted", "5022": "members_only"}


def _article(idx: int) -> tuple[str, bytes]:
    """The request target of article ``idx`` and its page as the replica serves it (UTF-8)."""
    article = next(a for a in ARTICLES if a.idx == idx)
    return f"/news/view.php?idx={idx}", render.article_page(ARTICLES, article).encode()


def _crawl(tmp_path: Path, server: ReplicaServer, *arguments: str) -> CrawlResult:
    return run_crawl(tmp_path, "-a", f"base_url={server.base_url}", *QUICK, *arguments)


def _exported_once(result: CrawlResult) -> set[str]:
    ids = [item["article_id"] for item in result.items()]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    return set(ids)


def _rejected(result: CrawlResult) -> dict[str, str]:
    """Rejected article ids → reason, from the rejects file (one row per article)."""
    rows = [row for row in result.rejects() if "idx=" in row["url"]]
    ids = [re.search(r"idx=(\d+)", row["url"])[1] for row in rows]  # type: ignore[index]
    assert len(ids) == len(set(ids)), rows
    return dict(zip(ids, (row["reason"] for row in rows)))


def _assert_outcome(result: CrawlResult, server: ReplicaServer, faulty: dict[int, str]) -> None:
    """Every good article exported once; each faulty one rejected for its reason, counted in
    the stats and listed in the rejects file; nothing else rejected."""
    expected = set(expected_items(server.base_url)) - {str(idx) for idx in faulty}
    assert _exported_once(result) == expected
    assert _rejected(result) == {**OWN_REJECTS, **{str(idx): reason for idx, reason in faulty.items()}}
    for reason, count in Counter(faulty.values()).items():
        assert result.stat(f"newscrawl/dropped/{reason}") == count, reason


# --- Transport faults -------------------------------------------------------------------

TRANSIENT = {5031: "reset", 5032: "hang", 5033: "close", 5034: 500, 5035: 502, 5036: 503}


@pytest.fixture(scope="module")
def transient(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, ReplicaServer]:
    """Each fault happens once (twice for 503), then the page is served normally."""
    faults: dict[str, Page | list[Page]] = {}
    for idx, fault in TRANSIENT.items():
        target, body = _article(idx)
        if isinstance(fault, int):
            faults[target] = [Page(b"<html><body>error</body></html>", status=fault)] * (2 if fault == 503 else 1)
        else:
            faults[target] = [Page(body, fault=fault)]
    with ReplicaServer(extra=faults) as server:
        return _crawl(tmp_path_factory.mktemp("transient"), server), server


def test_transient_faults_are_retried_and_nothing_is_lost(transient: tuple[CrawlResult, ReplicaServer]) -> None:
    result, server = transient
    assert result.returncode == 0, result.log[-3000:]
    _assert_outcome(result, server, {})
    assert result.stat("retry/count") == len(TRANSIENT) + 1


def test_retries_wait_with_backoff(transient: tuple[CrawlResult, ReplicaServer]) -> None:
    result, server = transient
    target = "/news/view.php?idx=5036"  # 503, 503, then the page: waits of 0.1 s and 0.2 s
    times = [t for request, t in zip(server.requests, server.request_times) if request == target]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.1 and times[2] - times[1] >= 0.2
    assert result.stat("newscrawl/backoff/waits") >= len(TRANSIENT) + 1


PERSISTENT = {5031: "truncated", 5032: "timeout", 5033: "truncated", 5034: "http_500", 5035: "too_large"}


@pytest.fixture(scope="module")
def persistent(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, ReplicaServer]:
    """Each faulty page fails on every request."""
    faults = {
        _article(5031)[0]: Page(_article(5031)[1], fault="reset"),
        _article(5032)[0]: Page(_article(5032)[1], fault="hang"),
        _article(5033)[0]: Page(_article(5033)[1], fault="close"),
        _article(5034)[0]: Page(b"<html><body>error</body></html>", status=500),
        _article(5035)[0]: Page(_article(5035)[1] + b"<!--" + b"x" * 300_000 + b"-->"),
    }
    with ReplicaServer(extra=faults) as server:
        result = _crawl(tmp_path_factory.mktemp("persistent"), server, "-s", "DOWNLOAD_MAXSIZE=200000")
        return result, server


def test_pages_that_keep_failing_are_rejected_with_their_reason(persistent: tuple[CrawlResult, ReplicaServer]) -> None:
    result, server = persistent
    assert result.returncode == 0, result.log[-3000:]
    _assert_outcome(result, server, PERSISTENT)


def test_failing_pages_are_tried_three_times_and_oversize_once(persistent: tuple[CrawlResult, ReplicaServer]) -> None:
    _, server = persistent
    tries = Counter(server.requests)
    assert [tries[_article(idx)[0]] for idx in PERSISTENT] == [3, 3, 3, 3, 1]


def test_rejects_file_and_report_name_the_pages(persistent: tuple[CrawlResult, ReplicaServer]) -> None:
    result, server = persistent
    rows = {row["url"]: row for row in result.rejects()}
    hung = rows[f"{server.base_url}/news/view.php?idx=5032"]
    assert hung["reason"] == "timeout" and hung["detail"] and hung["at"]
    report = json.loads(result.output.with_name("out.report.json").read_text(encoding="utf-8"))
    assert report["pages_rejected"] == {**Counter(OWN_REJECTS.values()), **Counter(PERSISTENT.values())}
    assert report["rejects_file"] == str(result.output.with_name("out.rejects.csv"))


# --- An outage: the error budget ---------------------------------------------------------


def test_outage_stops_the_crawl_and_the_next_run_catches_up(tmp_path: Path) -> None:
    with ReplicaServer() as server:
        server.outage_after = 25
        first = _crawl(tmp_path, server, "-s", "NEWSCRAWL_ERROR_BUDGET=3")
        during_outage = len(server.requests) - server.outage_after
        server.outage_after = None
        second = run_crawl(tmp_path, "-a", f"base_url={server.base_url}", *QUICK, output="second.jsonl")
    assert first.returncode == 1
    report = json.loads(first.output.with_name("out.report.json").read_text(encoding="utf-8"))
    assert report["status"] == "FAILED" and report["finish_reason"] == "error_budget_exhausted"
    assert any("error_budget_exhausted" in failure for failure in report["failures"])
    assert "Stopping the crawl: 3 requests in a row failed after retries" in first.log
    # Three tries for each of the three failures and the others in the downloader, no more.
    assert during_outage <= 3 * (3 + 4)
    assert second.returncode == 0, second.log[-3000:]
    both = [item["article_id"] for item in first.items() + second.items()]
    assert first.items() and sorted(both) == sorted(expected_items(server.base_url))


# --- Redirects ---------------------------------------------------------------------------


def test_offsite_and_looping_redirects_are_refused(tmp_path: Path) -> None:
    def moved(location: str) -> Page:
        return Page(b"", status=302, headers=(("Location", location),))

    redirects = {
        "/news/view.php?idx=5031": moved("http://elsewhere.example/news/view.php?idx=5031"),
        "/news/view.php?idx=5032": moved("/news/view.php?idx=5032&loop=1"),
        "/news/view.php?idx=5032&loop=1": moved("/news/view.php?idx=5032"),
        "/news/view.php?idx=5033": moved("/news/view.php?idx=5033&from=old"),
        "/news/view.php?idx=5033&from=old": Page(_article(5033)[1]),
    }
    with ReplicaServer(extra=redirects) as server:
        result = _crawl(tmp_path, server)
    assert result.returncode == 0, result.log[-3000:]
    _assert_outcome(result, server, {5031: "offsite_redirect", 5032: "redirect_loop"})
    moved_item = next(item for item in result.items() if item["article_id"] == "5033")
    assert moved_item["url"] == f"{server.base_url}/news/view.php?idx=5033"


# --- Links that go round in circles, lists that never end --------------------------------


def test_prev_next_cycles_and_backward_jumps_end(tmp_path: Path) -> None:
    def relinked(idx: int, prev: int, next_: int) -> Page:
        _target, body = _article(idx)
        html = re.sub(rb'href="[^"]*" class="prev"', f'href="/news/view.php?idx={prev}" class="prev"'.encode(), body)
        html = re.sub(rb'href="[^"]*" class="next"', f'href="/news/view.php?idx={next_}" class="next"'.encode(), html)
        return Page(html)

    # 5040 → next is 5039 (backwards); 5039 ↔ 5040 a cycle; 5041 points at itself both ways.
    pages = {
        "/news/view.php?idx=5039": relinked(5039, 5040, 5040),
        "/news/view.php?idx=5040": relinked(5040, 5039, 5039),
        "/news/view.php?idx=5041": relinked(5041, 5041, 5041),
    }
    with ReplicaServer(extra=pages) as server:
        result = _crawl(tmp_path, server)
        article_requests = Counter(r for r in server.requests if r.startswith("/news/view.php"))
    assert result.returncode == 0, result.log[-3000:]
    _assert_outcome(result, server, {})
    assert max(article_requests.values()) == 1


def test_pagination_without_a_last_page_ends_at_the_empty_list(tmp_path: Path) -> None:
    with ReplicaServer(rewrite={b'class="last"': b'class="end"'}) as server:
        result = _crawl(tmp_path, server, "-s", "NEWSCRAWL_STATE_ENABLED=False")
        list_requests = Counter(re.search(r"mcode=(\w+)", r)[1] for r in server.requests if "list.php" in r)  # type: ignore[index]
    assert result.returncode == 0, result.log[-3000:]
    _assert_outcome(result, server, {})
    listed = Counter(a.section for a in ARTICLES if a.listed)
    # Every page of the list, then the first page past the end (empty), and no further.
    assert list_requests == {code: -(-listed[code] // 5) + 1 for code in list_requests}
    assert list_requests["m96mass296"] == 1


# --- Pages that arrive whole but are wrong -----------------------------------------------


def _cp949(idx: int) -> bytes:
    article = next(a for a in ARTICLES if a.idx == idx)
    return render.article_page(ARTICLES, article).encode("cp949")


def _nested(body: bytes, depth: int) -> bytes:
    """The page with its body's first paragraph wrapped in ``depth`` nested ``<div>``."""
    start = body.index(b"<p>", body.index(b'id="viewContent"'))
    end = body.index(b"</p>", start) + len(b"</p>")
    return body[:start] + b"<div>" * depth + body[start:end] + b"</div>" * depth + body[end:]


CONTENT_FAULTS = {
    5031: ("not_an_article", Page(b"")),
    5032: ("undecodable", Page(bytes(range(256)) * 64)),
    5033: ("no_body", Page(_article(5033)[1].replace(b'id="viewContent"', b'id="story"'))),
    5034: ("truncated", Page(_article(5034)[1][: len(_article(5034)[1]) // 2])),
    5035: ("truncated", Page(_nested(_article(5035)[1], 5000))),
}
# Pages that look wrong but hold a good article: exported exactly as the ground truth says.
RECOVERABLE = {
    # Broken markup: no closing </p>, stray closing tags, an unclosed <b>.
    5036: Page(_article(5036)[1].replace(b"</p>", b"").replace(b"<p>", b"<p></span></td><b>", 1)),
    # Deep but within what the parser keeps.
    5037: Page(_nested(_article(5037)[1], 1000)),
    # EUC-KR bytes declared as UTF-8 (header and <meta>), and UTF-8 bytes declared as EUC-KR.
    5038: Page(_cp949(5038), "text/html; charset=utf-8"),
    5039: Page(_article(5039)[1].replace(b'<meta charset="utf-8">', b'<meta charset="euc-kr">'), "text/html; charset=euc-kr"),
}


@pytest.fixture(scope="module")
def bad_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, ReplicaServer]:
    pages = {_article(idx)[0]: page for idx, (_, page) in CONTENT_FAULTS.items()}
    pages.update({_article(idx)[0]: page for idx, page in RECOVERABLE.items()})
    with ReplicaServer(extra=pages) as server:
        return _crawl(tmp_path_factory.mktemp("bad_pages"), server), server


def test_bad_pages_are_rejected_with_their_reason(bad_pages: tuple[CrawlResult, ReplicaServer]) -> None:
    result, server = bad_pages
    assert result.returncode == 0, result.log[-3000:]
    _assert_outcome(result, server, {idx: reason for idx, (reason, _) in CONTENT_FAULTS.items()})


@pytest.mark.parametrize("idx", sorted(RECOVERABLE))
def test_odd_but_good_pages_give_the_true_item(bad_pages: tuple[CrawlResult, ReplicaServer], idx: int) -> None:
    result, server = bad_pages
    item = next(item for item in result.items() if item["article_id"] == str(idx))
    item.pop("crawled_at")
    assert item == expected_items(server.base_url)[str(idx)]


def test_slow_server_is_waited_for(tmp_path: Path) -> None:
    with ReplicaServer(delay=0.4) as server:
        result = run_crawl(
            tmp_path, "-a", f"base_url={server.base_url}", "-a", "sections=m81mass281", "-s", "DOWNLOAD_TIMEOUT=3"
        )
    assert result.returncode == 0, result.log[-3000:]
    assert _exported_once(result) == set(expected_items(server.base_url, sections=("m81mass281",)))
    assert result.stat("retry/count") == 0


def test_an_exception_while_parsing_is_recorded_as_a_reject() -> None:
    """A bug in a callback: Scrapy logs the traceback; the page is counted and listed too."""
    settings = get_project_settings()
    install_reactor(settings["TWISTED_REACTOR"])
    crawler = get_crawler(News21Spider, settings.copy_to_dict())
    spider = News21Spider.from_crawler(crawler)
    rejected: list[dict[str, object]] = []
    crawler.signals.connect(lambda **kwargs: rejected.append(kwargs), signal=page_rejected, weak=False)
    url = "https://news21tongsin.co.kr/news/view.php?idx=1"
    response = HtmlResponse(url, body=b"<html></html>", request=Request(url, meta={"article_id": "1"}))
    crawler.signals.send_catch_log(signals.spider_error, failure=Failure(KeyError("byline")), response=response, spider=spider)
    assert crawler.stats.get_value("newscrawl/dropped/parse_error") == 1  # type: ignore[union-attr]
    assert [(r["url"], r["reason"], r["detail"]) for r in rejected] == [(url, "parse_error", "KeyError: 'byline'")]
