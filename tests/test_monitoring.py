"""Monitoring: every run writes a report; a run that looks broken is FAILED and exits non-zero."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawl import settings
from tests.conftest import CrawlResult, run_crawl
from tests.replica.articles import ARTICLES
from tests.replica.server import Page, ReplicaServer


def _report(result: CrawlResult) -> dict:
    return json.loads(result.output.with_name(result.output.stem + ".report.json").read_text(encoding="utf-8"))


def test_a_good_run_reports_ok(full_crawl: CrawlResult) -> None:
    report = _report(full_crawl)
    assert report["status"] == "OK" and report["failures"] == []
    assert report["items_exported"] == len(full_crawl.items())
    assert report["pages_rejected"] == {"deleted": 2, "members_only": 1}
    assert report["http_errors"] == {"404": 1}
    assert report["field_coverage"]["title"] == 1.0 and report["field_coverage"]["body"] == 1.0
    assert report["pages_fetched"] > report["items_exported"] and report["duration_s"] >= 0
    assert "Run OK:" in full_crawl.log


def test_article_redesign_fails_the_run_and_names_the_broken_fields(tmp_path: Path) -> None:
    redesign = {b'<h2 class="title">': b'<h2 class="headline">', b'id="viewContent"': b'id="articleBody"'}
    with ReplicaServer(rewrite=redesign) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}")
    assert result.returncode == 1
    report = _report(result)
    assert report["status"] == "FAILED"
    coverage_failures = [f for f in report["failures"] if f.startswith("Too many of the")]
    assert len(coverage_failures) == 1, report["failures"]
    assert coverage_failures[0].endswith(" parsed articles lack a field: title in 0% (at least 90%); body in 0% (at least 90%).")
    assert report["field_coverage"].get("title", 0) == 0 and report["field_coverage"]["published_at"] == 1.0
    assert "Run FAILED" in result.log


def test_list_redesign_after_good_runs_fails_the_run(tmp_path: Path) -> None:
    with ReplicaServer() as site:
        assert run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="good.jsonl").returncode == 0
        site.rewrite = {b'class="basicList"': b'class="newsList"'}
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="broken.jsonl")
    assert result.returncode == 1
    failures = _report(result)["failures"]
    assert "No list page shows an article entry: 4 list pages fetched, no entry found on them." in failures
    assert "List pages show far fewer entries than in recent runs: 0.0 per page against 5.2." in failures
    assert _report(result)["previous_runs"][0]["items_exported"] > 0


def test_unchanged_site_incremental_run_is_ok(tmp_path: Path) -> None:
    with ReplicaServer() as site:
        run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="first.jsonl")
        second = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="second.jsonl")
    assert second.returncode == 0, second.log[-2000:]
    assert _report(second)["status"] == "OK" and _report(second)["items_exported"] == 0


def test_server_errors_fail_the_run(tmp_path: Path) -> None:
    broken = {f"/news/view.php?idx={a.idx}": Page(b"error", "text/plain", 500) for a in ARTICLES}
    with ReplicaServer(extra=broken) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=m96mass296,m81mass281")
    assert result.returncode == 1
    report = _report(result)
    assert any(f.startswith("Too many pages were rejected: 15 for ") for f in report["failures"]), report["failures"]
    assert report["http_errors"]["500"] >= 15


def test_an_error_in_a_signal_handler_fails_the_run_naming_it(replica: ReplicaServer, tmp_path: Path) -> None:
    # Scrapy logs an error raised on a signal and goes on: the run ends "finished" all the same.
    extensions = {**settings.EXTENSIONS, "tests.failing_handler.FailingOnIdle": 900}
    result = run_crawl(tmp_path, "-a", f"base_url={replica.base_url}", "-s", f"EXTENSIONS={json.dumps(extensions)}")
    assert result.returncode == 1
    report = _report(result)
    assert report["failures"][0].startswith("The crawl's code raised "), report["failures"]
    assert "FailingOnIdle.spider_idle: RuntimeError: the walk met an id it cannot handle" in report["failures"][0]
    assert len(result.items()) == len(ARTICLES) - 3  # what it did export is kept
