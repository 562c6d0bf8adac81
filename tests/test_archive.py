"""The archive written by crawls: what it holds, versions, provenance, events, failures, kills,
two writers, and the commands that read and fill it."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscrawl.archive.store import Archive
from tests.archive_helpers import content, rows, run_archive
from tests.conftest import CrawlResult, exported_ids, run_crawl, run_sites, start_crawl, wait_for_lines
from tests.replica.articles import ARTICLES
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items


@pytest.fixture
def site() -> Iterator[ReplicaServer]:
    """A replica of its own: some tests change its articles."""
    with ReplicaServer() as server:
        yield server


def _crawl(site: ReplicaServer, tmp_path: Path, name: str, *arguments: str) -> CrawlResult:
    return run_crawl(tmp_path, "-a", f"base_url={site.base_url}", *arguments, output=f"{name}.jsonl")


def _state(tmp_path: Path) -> str:
    return f"NEWSCRAWL_STATE_DIR={tmp_path / 'state'}"


def test_a_crawl_archives_what_it_exports(site: ReplicaServer, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "first")
    assert result.returncode == 0, result.log[-3000:]
    archive = tmp_path / "state" / "archive.sqlite3"
    expected = expected_items(site.base_url)
    assert sorted(article_id for (article_id,) in rows(archive, "SELECT article_id FROM articles")) == sorted(expected)
    assert rows(archive, "SELECT count(*), sum(versions) FROM articles") == [(len(expected), len(expected))]
    # The run: site, verdict, counts, the skin; provenance for each article at its URL.
    [run] = rows(archive, "SELECT id, site, node, verdict, finish_reason, exported, finished_at IS NOT NULL, skins FROM runs")
    assert run[1:7] == ("news21", run[2], "OK", "finished", len(expected), 1) and run[2]
    assert json.loads(run[7]) == {"reference": len(expected)}
    provenance = rows(archive, "SELECT a.article_id, p.url, p.action, p.skin FROM provenance p JOIN articles a ON a.id = p.article WHERE p.run = ?", run[0])
    assert sorted(provenance) == sorted((idx, item["url"], "exported", "reference") for idx, item in expected.items())
    # Deleted and members-only articles are events, not gaps.
    gone = {str(article.idx): article.kind for article in ARTICLES if article.kind != "article"}
    events = rows(archive, "SELECT article_id, kind, run FROM events ORDER BY article_id")
    assert events == sorted((idx, "members_only" if kind == "members_only" else "deleted", run[0]) for idx, kind in gone.items())
    # The archive gives back the items the run exported, field for field.
    export = run_archive("export", "-O", str(tmp_path / "back.jsonl"), "-s", _state(tmp_path))
    assert export.returncode == 0, export.stderr
    back = [json.loads(line) for line in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(back, key=lambda item: item["article_id"]) == sorted(result.items(), key=lambda item: item["article_id"])


def test_a_changed_article_is_a_new_version_an_unchanged_one_is_not(site: ReplicaServer, tmp_path: Path) -> None:
    assert _crawl(site, tmp_path, "first").returncode == 0
    changed = next(article for article in site.articles if article.exported)
    changed.paragraphs = [*changed.paragraphs, "정정 보도문을 덧붙였다."]
    again = _crawl(site, tmp_path, "again", "-a", "full=1")
    assert again.returncode == 0, again.log[-3000:]
    archive = tmp_path / "state" / "archive.sqlite3"
    counted = dict(rows(archive, "SELECT article_id, versions FROM articles"))
    assert counted.pop(str(changed.idx)) == 2
    assert set(counted.values()) == {1}
    versions = rows(archive, "SELECT v.body, v.first_seen, v.last_seen FROM versions v JOIN articles a ON a.id = v.article "
                             "WHERE a.article_id = ? ORDER BY v.first_seen", str(changed.idx))
    assert [body.endswith("정정 보도문을 덧붙였다.") for body, _, _ in versions] == [False, True]
    assert rows(archive, "SELECT count(*) FROM runs WHERE verdict = 'OK'") == [(2,)]
    assert rows(archive, "SELECT count(*) FROM provenance") == [(2 * len(expected_items(site.base_url)),)]
    # The current version is searchable, the replaced one is not.
    assert run_archive("search", "정정 보도문", "-s", _state(tmp_path)).stdout.count(f"idx={changed.idx}") == 1
    export = run_archive("export", "-O", str(tmp_path / "versions.jsonl"), "--versions", "--site", "news21", "-s", _state(tmp_path))
    assert export.returncode == 0, export.stderr
    exported = [json.loads(line) for line in (tmp_path / "versions.jsonl").read_text(encoding="utf-8").splitlines()]
    mine = [item for item in exported if item["article_id"] == str(changed.idx)]
    assert [(item["version"], item["is_update"]) for item in mine] == [(1, False), (2, True)]
    assert len(exported) == len(expected_items(site.base_url)) + 1


def test_an_archive_that_cannot_be_written_fails_the_run_and_nothing_unarchived_counts_as_exported(tmp_path: Path) -> None:
    archive = tmp_path / "state" / "archive.sqlite3"
    # An archive that fills up after 12 articles: the write of the batch that passes them fails
    # as on a full disk (a slow site: the crawl writes a batch a second, of a few articles).
    Archive(f"sqlite:///{archive}").close()
    with sqlite3.connect(archive) as connection:
        connection.execute("CREATE TRIGGER full BEFORE INSERT ON versions WHEN (SELECT count(*) FROM versions) >= 12 "
                           "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    with ReplicaServer(delay=0.15) as site:
        failed = _crawl(site, tmp_path, "failed")
        assert failed.returncode == 1
        errors = [line for line in failed.log.splitlines() if "[newscrawl.extensions.archive] ERROR" in line]
        assert len(errors) == 1 and errors[0].endswith("could not be written: database or disk is full: stopping the crawl; the articles "
                                                       "it did not store are not recorded as exported, and the next run exports them."), errors
        report = json.loads(failed.output.with_name("failed.report.json").read_text(encoding="utf-8"))
        assert (report["status"], report["finish_reason"]) == ("FAILED", "archive_failed")
        assert f"The archive sqlite:///{archive} could not be written: database or disk is full." in report["failures"]
        archived = {idx for (idx,) in rows(archive, "SELECT article_id FROM articles")}
        assert 0 < len(archived) <= 12 and report["items_exported"] == len(archived)
        with sqlite3.connect(tmp_path / "state" / "state.sqlite3") as state:
            recorded = {idx for (idx,) in state.execute("SELECT article_id FROM articles WHERE site = 'news21'")}
        assert recorded == archived
        # With room again, the next run exports and archives the rest, nothing twice.
        with sqlite3.connect(archive) as connection:
            connection.execute("DROP TRIGGER full")
        site.delay = 0
        second = _crawl(site, tmp_path, "second")
        assert second.returncode == 0, second.log[-3000:]
        expected = expected_items(site.base_url)
    assert sorted(idx for (idx,) in rows(archive, "SELECT article_id FROM articles")) == sorted(expected)
    assert {item["article_id"] for item in second.items()} == set(expected) - archived
    assert rows(archive, "SELECT DISTINCT versions FROM articles") == [(1,)]


def test_a_read_only_archive_stops_the_run_with_one_line(site: ReplicaServer, tmp_path: Path) -> None:
    assert _crawl(site, tmp_path, "first").returncode == 0
    archive = tmp_path / "state" / "archive.sqlite3"
    read_only = f"NEWSCRAWL_ARCHIVE=sqlite:///file:{archive}?mode=ro&uri=true"
    result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "full=1", "-s", read_only, output="ro.jsonl")
    assert result.returncode == 1
    errors = [line for line in result.log.splitlines() if "[newscrawl.extensions.archive] ERROR" in line]
    assert len(errors) == 1 and "attempt to write a readonly database" in errors[0], errors
    assert result.items() == []


def test_an_archive_of_a_newer_schema_is_refused(site: ReplicaServer, tmp_path: Path) -> None:
    assert _crawl(site, tmp_path, "first").returncode == 0
    archive = tmp_path / "state" / "archive.sqlite3"
    with sqlite3.connect(archive) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    stats = run_archive("stats", "-s", _state(tmp_path))
    assert stats.returncode == 1
    assert stats.stderr.strip().splitlines() == [
        f"error: the archive sqlite:///{archive} has schema version 99, written by a newer newscrawl "
        "(this one reads version 1): upgrade newscrawl, or use another archive"
    ]
    crawl = _crawl(site, tmp_path, "second", "-a", "full=1")
    assert crawl.returncode == 1 and "has schema version 99" in crawl.log
    assert crawl.items() == []


def test_the_archive_can_be_switched_off(site: ReplicaServer, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "first", "-s", "NEWSCRAWL_ARCHIVE=")
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.items()) == len(expected_items(site.base_url))
    assert not (tmp_path / "state" / "archive.sqlite3").exists()


def test_a_killed_run_leaves_a_consistent_archive_the_next_run_completes(tmp_path: Path) -> None:
    with ReplicaServer(delay=0.15) as site:
        output = tmp_path / "killed.jsonl"
        process = start_crawl(tmp_path, "-a", f"base_url={site.base_url}", output=output.name)
        wait_for_lines(output, 8, process)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        archive = tmp_path / "state" / "archive.sqlite3"
        assert rows(archive, "PRAGMA integrity_check") == [("ok",)]
        killed = set(exported_ids(output))
        archived = {idx for (idx,) in rows(archive, "SELECT article_id FROM articles")}
        assert archived <= killed  # the last batch may have been waiting for its transaction
        site.delay = 0
        second = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="second.jsonl")
        assert second.returncode == 0, second.log[-3000:]
    assert f"Run 1 was killed; {len(killed)} articles it exported written into the archive" in second.log
    assert {idx for (idx,) in rows(archive, "SELECT a.article_id FROM provenance p JOIN articles a ON a.id = p.article WHERE p.run = 1")} == killed
    assert sorted(idx for (idx,) in rows(archive, "SELECT article_id FROM articles")) == sorted(expected_items(site.base_url))
    assert not killed & {item["article_id"] for item in second.items()}
    assert rows(archive, "SELECT DISTINCT versions FROM articles") == [(1,)]
    assert rows(archive, "SELECT verdict, exported FROM runs ORDER BY id") == [("killed", len(killed)), ("OK", len(second.items()))]
    assert rows(archive, "SELECT count(*) FROM article_search WHERE article_search MATCH '\"난방\"'")[0][0] == rows(
        archive, "SELECT count(*) FROM versions WHERE body LIKE '%난방%' OR title LIKE '%난방%' OR subtitle LIKE '%난방%'")[0][0]


def test_a_sites_run_and_a_single_site_run_write_one_archive_at_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared.sqlite3"
    setting = f"NEWSCRAWL_ARCHIVE=sqlite:///{shared}"
    (tmp_path / "sites").mkdir()
    with ReplicaServer(delay=0.02) as alpha, ReplicaServer(delay=0.02) as beta, ReplicaServer(delay=0.02) as gamma:
        single = start_crawl(tmp_path, "-a", f"base_url={gamma.base_url}", "-s", setting, output="single.jsonl")
        sites = run_sites(tmp_path / "sites", {"alpha": alpha, "beta": beta}, 0, "-s", setting)
        log, _ = single.communicate(timeout=300)
    assert sites.returncode == 0, sites.stderr[-3000:]
    assert single.returncode == 0, log[-3000:]
    counted = dict(rows(shared, "SELECT site, count(*) FROM articles GROUP BY site"))
    assert counted == {name: len(expected_items(gamma.base_url)) for name in ("alpha", "beta", "news21")}
    assert sorted(rows(shared, "SELECT site, verdict FROM runs")) == [("alpha", "OK"), ("beta", "OK"), ("news21", "OK")]


def test_import_is_idempotent_and_rebuilds_the_archive_the_runs_wrote(site: ReplicaServer, tmp_path: Path) -> None:
    first = _crawl(site, tmp_path, "first")
    changed = next(article for article in site.articles if article.exported)
    changed.title = changed.title + " (수정)"
    second = _crawl(site, tmp_path, "second", "-a", "full=1")
    assert first.returncode == second.returncode == 0
    written = tmp_path / "state" / "archive.sqlite3"
    rebuilt = tmp_path / "rebuilt.sqlite3"
    setting = f"NEWSCRAWL_ARCHIVE=sqlite:///{rebuilt}"
    # Newest file first: the order of the files does not matter.
    imported = run_archive("import", str(second.output), str(first.output), "-s", setting)
    assert imported.returncode == 0, imported.stderr
    total = len(expected_items(site.base_url))
    assert imported.stdout.splitlines() == [f"{second.output}: {total} articles imported (run 1)", f"{first.output}: {total} articles imported (run 2)"]
    assert content(rebuilt) == content(written)
    before = {table: rows(rebuilt, f"SELECT * FROM {table}") for table in ("articles", "versions", "runs", "provenance")}
    again = run_archive("import", str(first.output), str(second.output), "-s", setting)
    assert again.stdout.splitlines() == [f"{first.output}: already imported (run 2), nothing changed", f"{second.output}: already imported (run 1), nothing changed"]
    assert {table: rows(rebuilt, f"SELECT * FROM {table}") for table in before} == before
    # Importing the runs' own files into the archive they wrote changes no article or version.
    into_written = run_archive("import", str(first.output), str(second.output), "-s", _state(tmp_path))
    assert into_written.returncode == 0, into_written.stderr
    assert content(written) == content(rebuilt)


def test_import_refuses_a_bad_line_naming_it_and_skips_a_record_cut_by_a_kill(tmp_path: Path) -> None:
    good = {"url": "http://example.kr/news/view.php?idx=1", "article_id": "1", "site": "news21", "title": "대구 소식",
            "body": "본문", "crawled_at": "2026-01-01T00:00:00+00:00"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(good, ensure_ascii=False) + "\n{\"title\": \"no id\"}\n", encoding="utf-8")
    setting = f"NEWSCRAWL_ARCHIVE=sqlite:///{tmp_path / 'a.sqlite3'}"
    refused = run_archive("import", str(bad), "-s", setting)
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"error: {bad}:2: not an exported article (it needs site, article_id, url, crawled_at)"
    cut = tmp_path / "cut.jsonl"
    cut.write_text(json.dumps(good, ensure_ascii=False) + '\n{"url": "http://exa', encoding="utf-8")
    done = run_archive("import", str(cut), "-s", setting)
    assert done.stdout.strip() == f"{cut}: 1 articles imported (run 1); line 2 is a record cut short (a killed run's) and was not imported"
    assert rows(tmp_path / "a.sqlite3", "SELECT article_id FROM articles") == [("1",)]


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ReplicaServer]]:
    """One crawl of the replica into an archive, for the commands that read it."""
    folder = tmp_path_factory.mktemp("archived")
    with ReplicaServer() as server:
        result = run_crawl(folder, "-a", f"base_url={server.base_url}")
        assert result.returncode == 0, result.log[-3000:]
        yield folder, server


def test_search_prints_newest_first_with_filters(archived: tuple[Path, ReplicaServer]) -> None:
    folder, server = archived
    items = expected_items(server.base_url).values()
    found = run_archive("search", "난방비", "-s", _state(folder), "--limit", "100")
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    matching = sorted((item for item in items if "난방비" in item["title"] + item["subtitle"] + item["body"]),
                      key=lambda item: item["published_at"], reverse=True)
    assert lines[0].split() == ["time", "site", "title", "url"]
    assert [line.split()[-1] for line in lines[1:-1]] == [item["url"] for item in matching]
    assert lines[1].startswith(matching[0]["published_at"][:16].replace("T", " ") + "  news21  ")
    assert lines[-1] == f"{len(matching)} articles"
    first_day = matching[-1]["published_at"][:10]
    windowed = run_archive("search", "난방비", "--until", first_day, "--section", matching[-1]["section"], "-s", _state(folder))
    assert [line.split()[-1] for line in windowed.stdout.splitlines()[1:-1]] == [
        item["url"] for item in matching if item["published_at"][:10] <= first_day and item["section"] == matching[-1]["section"]]
    assert run_archive("search", "난방비", "--site", "other", "-s", _state(folder)).stdout.splitlines()[-1] == "0 articles"
    bad = run_archive("search", "난방비", "--since", "yesterday", "-s", _state(folder))
    assert bad.returncode == 2 and "not a day YYYY-MM-DD: 'yesterday'" in bad.stderr


def test_export_writes_csv_json_and_parquet_alike(archived: tuple[Path, ReplicaServer], tmp_path: Path) -> None:
    folder, _ = archived
    outputs = {}
    for suffix in ("jsonl", "json", "csv", "parquet"):
        target = tmp_path / f"slice.{suffix}"
        done = run_archive("export", "-O", str(target), "--search", "미술관", "-s", _state(folder))
        assert done.returncode == 0, done.stderr
        outputs[suffix] = target
    lines = [json.loads(line) for line in outputs["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert lines and all("미술관" in item["title"] + item["body"] for item in lines)
    assert json.loads(outputs["json"].read_text(encoding="utf-8")) == lines
    assert pq.read_table(outputs["parquet"]).to_pylist() == lines
    raw = outputs["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["article_id"] for row in table] == [item["article_id"] for item in lines]
    assert list(table[0]) == list(lines[0])
    refused = run_archive("export", "-O", str(tmp_path / "slice.xlsx"), "-s", _state(folder))
    assert refused.returncode == 1 and "must end in .csv, .jsonl, .jl, .json, .parquet" in refused.stderr


def test_stats_counts_sites_days_versions_and_last_runs(archived: tuple[Path, ReplicaServer]) -> None:
    folder, server = archived
    items = expected_items(server.base_url)
    done = run_archive("stats", "-s", _state(folder), "--days", "3")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith(f"sqlite:///{folder / 'state' / 'archive.sqlite3'}: {len(items)} articles, 3 deletion or members-only events")
    assert f"news21  {len(items)}        {len(items)}" in text
    days = sorted({item["published_at"][:10] for item in items.values()}, reverse=True)[:3]
    for day in days:
        count = sum(item["published_at"].startswith(day) for item in items.values())
        assert f"{day}  news21  {count}" in text
    assert "OK       " + str(len(items)) in text


def test_every_action_has_its_help() -> None:
    for action in ("search", "export", "import", "serve", "stats"):
        done = run_archive(action, "--help")
        assert done.returncode == 0 and done.stdout.startswith(f"usage: scrapy archive {action}"), done.stdout[:200]
