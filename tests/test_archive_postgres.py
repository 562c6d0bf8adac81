"""The archive on a real PostgreSQL server (Debian's ``postgresql``, started by the tests): the
same tables and behaviour as on SQLite, a crawl writing into it, and the commands reading it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.korean_corpus import articles
from newscrawl.archive.store import Archive, Filters
from tests.archive_helpers import postgres_database, postgres_server, run_archive
from tests.conftest import run_crawl
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items
from tests.test_archive_search import QUERIES, check_against_oracle


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A PostgreSQL server for this module's tests."""
    with postgres_server() as url:
        yield url


def test_search_equals_a_substring_scan_on_postgresql(postgres: str) -> None:
    archive = Archive(postgres_database(postgres, "oracle"))
    items = list(articles(300, seed=7))
    archive.record_many(items, archive.start_run("mixed", "test", "2026-03-01T00:00:00+00:00"), "imported")
    check_against_oracle(archive, items, QUERIES)
    archive.close()


def test_versions_and_current_search_text_on_postgresql(postgres: str) -> None:
    archive = Archive(postgres_database(postgres, "versions"))
    run = archive.start_run("news21", "test", "2026-03-01T00:00:00+00:00")
    old = {"url": "http://example.kr/news/view.php?idx=1", "article_id": "1", "site": "news21", "title": "대구 화재",
           "body": "첫 보도.", "crawled_at": "2026-03-02T00:00:00+00:00"}
    new = {**old, "body": "고쳐 쓴 보도.", "crawled_at": "2026-03-09T00:00:00+00:00"}
    for item in (new, old, new):
        archive.record(item, run, "exported")
    assert [(item["body"], item["version"]) for item in archive.items(Filters(), all_versions=True)] == [("첫 보도.", 1), ("고쳐 쓴 보도.", 2)]
    assert [row.article_id for row in archive.search(Filters(query="고쳐"))] == ["1"]
    assert archive.search(Filters(query="첫 보도")) == []
    archive.close()


def test_a_crawl_writes_into_postgresql_and_the_commands_read_it(postgres: str, tmp_path: Path) -> None:
    url = postgres_database(postgres, "crawl")
    setting = f"NEWSCRAWL_ARCHIVE={url}"
    with ReplicaServer() as site:
        crawl = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-s", setting)
        expected = expected_items(site.base_url)
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert not (tmp_path / "state" / "archive.sqlite3").exists()
    exported = run_archive("export", "-O", str(tmp_path / "back.jsonl"), "-s", setting)
    assert exported.returncode == 0, exported.stderr
    back = [json.loads(line) for line in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(back, key=lambda item: item["article_id"]) == sorted(crawl.items(), key=lambda item: item["article_id"])
    found = run_archive("search", "난방비", "--limit", "100", "-s", setting)
    heating = [item["url"] for item in expected.values() if "난방비" in item["title"] + item["subtitle"] + item["body"]]
    assert sorted(line.split()[-1] for line in found.stdout.splitlines()[1:-1]) == sorted(heating)
    stats = run_archive("stats", "-s", setting)
    assert stats.returncode == 0 and f"{len(expected)} articles, 3 deletion or members-only events" in stats.stdout
    # The run's own file imported into it changes no article; imported twice, nothing at all.
    archive = Archive(url)
    before = list(archive.items(Filters(), all_versions=True))
    archive.close()
    for said in (f"{len(expected)} articles imported", "already imported (run 2), nothing changed"):
        imported = run_archive("import", str(crawl.output), "-s", setting)
        assert imported.returncode == 0 and said in imported.stdout, imported.stdout + imported.stderr
    archive = Archive(url)
    assert list(archive.items(Filters(), all_versions=True)) == before
    archive.close()


def test_an_unreachable_postgresql_archive_fails_the_run_with_one_line(tmp_path: Path) -> None:
    with ReplicaServer() as site:
        crawl = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-s", "NEWSCRAWL_ARCHIVE=postgresql://nobody@127.0.0.1:1/archive")
    assert crawl.returncode == 1
    errors = [line for line in crawl.log.splitlines() if "[newscrawl.extensions.archive] ERROR" in line]
    assert len(errors) == 1 and "The archive postgresql://nobody@127.0.0.1:1/archive cannot be opened" in errors[0], errors
    assert crawl.items() == []
