"""Unattended runs never lose or double an article: overlapping runs, outputs that cannot be
written, kills in the middle of a write, and failures said plainly."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.runlock import ALREADY_RUNNING_EXIT
from tests.conftest import CrawlResult, exported_ids, run_crawl, start_crawl, wait_for_lines
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items


@pytest.fixture
def slow_site() -> Iterator[ReplicaServer]:
    """A replica that takes a while over each article, so that runs overlap."""
    with ReplicaServer(delay=0.1) as server:
        yield server


def _report(result: CrawlResult) -> dict:
    return json.loads(result.output.with_name(result.output.stem + ".report.json").read_text(encoding="utf-8"))


def _exactly_once(site: ReplicaServer, *batches: list[str]) -> None:
    exported = Counter(idx for batch in batches for idx in batch)
    assert sorted(exported) == sorted(expected_items(site.base_url))
    assert set(exported.values()) == {1}, [idx for idx, count in exported.items() if count > 1]


def test_a_second_run_of_the_site_exits_at_once_naming_the_running_one(slow_site: ReplicaServer, tmp_path: Path) -> None:
    first = start_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", output="first.jsonl")
    wait_for_lines(tmp_path / "first.jsonl", 2, first)
    started = time.monotonic()
    second = run_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", "-a", "full=1", output="second.jsonl")
    assert time.monotonic() - started < 30
    assert second.returncode == ALREADY_RUNNING_EXIT, second.log[-2000:]
    assert f"news21 is already being crawled by pid {first.pid}" in second.log
    assert not second.output.exists()
    log, _ = first.communicate(timeout=120)
    assert first.returncode == 0, log[-2000:]
    _exactly_once(slow_site, exported_ids(tmp_path / "first.jsonl"))


def test_a_run_told_to_wait_starts_when_the_running_one_ends(slow_site: ReplicaServer, tmp_path: Path) -> None:
    first = start_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", output="first.jsonl")
    wait_for_lines(tmp_path / "first.jsonl", 2, first)
    second = run_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", "-s", "NEWSCRAWL_LOCK_WAIT=120", output="second.jsonl")
    log, _ = first.communicate(timeout=120)
    assert first.returncode == 0, log[-2000:]
    assert second.returncode == 0, second.log[-2000:]
    _exactly_once(slow_site, exported_ids(tmp_path / "first.jsonl"), exported_ids(second.output))


def test_the_lock_of_a_killed_run_does_not_block_the_next(slow_site: ReplicaServer, tmp_path: Path) -> None:
    first = start_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", output="first.jsonl")
    wait_for_lines(tmp_path / "first.jsonl", 3, first)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=60)
    assert json.loads((tmp_path / "state" / "news21.lock").read_text())["pid"] == first.pid  # left behind
    slow_site.delay = 0
    second = run_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", output="second.jsonl")
    assert second.returncode == 0, second.log[-2000:]
    _exactly_once(slow_site, exported_ids(tmp_path / "first.jsonl"), exported_ids(second.output))


def test_runs_with_different_state_folders_crawl_side_by_side(slow_site: ReplicaServer, tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    one.mkdir()
    other.mkdir()
    first = start_crawl(one, "-a", f"base_url={slow_site.base_url}")
    wait_for_lines(one / "out.jsonl", 1, first)  # it is crawling: a blocked run would exit with 75
    second = run_crawl(other, "-a", f"base_url={slow_site.base_url}")
    log, _ = first.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, log[-2000:] + second.log[-2000:]
    _exactly_once(slow_site, exported_ids(one / "out.jsonl"))
    _exactly_once(slow_site, exported_ids(second.output))


def test_an_output_in_a_folder_that_is_a_file_fails_the_run_and_loses_nothing(tmp_path: Path) -> None:
    (tmp_path / "notadir").write_text("a file, not a folder")
    with ReplicaServer() as site:
        reports = ["-s", f"NEWSCRAWL_REPORT_DIR={tmp_path / 'reports'}"]
        failed = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", *reports, output="notadir/out.jsonl")
        assert failed.returncode == 1, failed.log[-2000:]
        report = json.loads((tmp_path / "reports" / "news21.report.json").read_text(encoding="utf-8"))
        assert report["status"] == "FAILED" and report["items_exported"] == 0
        assert f"The feed {tmp_path / 'notadir' / 'out.jsonl'} could not be written: NotADirectoryError" in "\n".join(report["failures"])
        good = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="good.jsonl")
        assert good.returncode == 0, good.log[-2000:]
        _exactly_once(site, exported_ids(good.output))


def test_a_full_disk_fails_the_run_and_the_next_run_exports_everything(tmp_path: Path) -> None:
    with ReplicaServer() as site:
        full = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="kept.jsonl", extra_feed="/dev/full:jsonlines")
        assert full.returncode == 1, full.log[-2000:]
        assert "The feed /dev/full could not be written: OSError: [Errno 28] No space left on device." in _report(full)["failures"]
        # The other feed of the run took items, but an article counts as exported only once
        # every feed holds it: the next run exports them all.
        assert exported_ids(full.output)
        good = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="good.jsonl")
        assert good.returncode == 0, good.log[-2000:]
        _exactly_once(site, exported_ids(good.output))


def test_a_storage_that_refuses_the_feed_at_the_end_fails_the_run_and_loses_nothing(tmp_path: Path) -> None:
    storages = json.dumps({"refusing": "tests.refusing_storage.RefusingFeedStorage"})
    with ReplicaServer() as site:
        refused = run_crawl(
            tmp_path, "-a", f"base_url={site.base_url}", "-s", f"FEED_STORAGES={storages}",
            output="kept.jsonl", extra_feed="refusing://archive/items.jsonl:jsonlines",
        )
        assert refused.returncode == 1, refused.log[-2000:]
        report = _report(refused)
        assert "A feed could not be stored at the end of the run (1 failed; see 'Error storing' in the log)." in report["failures"]
        assert report["items_exported"] == 0 and len(exported_ids(refused.output)) == 42
        good = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="good.jsonl")
        assert good.returncode == 0, good.log[-2000:]
        _exactly_once(site, exported_ids(good.output))


def _cut_record(path: Path, line_end: bytes, process: subprocess.Popen[str]) -> None:
    """Wait until ``path`` holds a few records and then ends in the middle of one."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        data = path.read_bytes() if path.exists() else b""
        if data.count(line_end) >= 4 and not data.endswith(line_end):
            return
        time.sleep(0.01)
    raise AssertionError(f"{path} never ended in a cut record")


def _csv_ids(path: Path) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert all(None not in row and None not in row.values() for row in rows)  # every row whole
    return [row["article_id"] for row in rows]


@pytest.mark.parametrize(
    ("output", "exporter", "line_end"),
    [("first.jsonl", "jsonl:SlowJsonLinesExporter", b"\n"), ("first.csv", "csv:SlowCsvExporter", b"\r\n")],
)
def test_a_kill_in_the_middle_of_a_record_leaves_valid_files(
    tmp_path: Path, output: str, exporter: str, line_end: bytes
) -> None:
    feed_format, class_name = exporter.split(":")
    slow = json.dumps({feed_format: f"tests.slow_exporters.{class_name}"})
    with ReplicaServer() as site:
        first = start_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-s", f"FEED_EXPORTERS={slow}", output=output)
        _cut_record(tmp_path / output, line_end, first)
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=60)
        second = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="second.jsonl")
        assert second.returncode == 0, second.log[-2000:]
        repaired = tmp_path / output
        assert "the record it was writing is cut; set aside in" in second.log
        assert (tmp_path / f"{output}.partial").read_bytes()  # the cut record, set aside
        first_ids = exported_ids(repaired) if output.endswith(".jsonl") else _csv_ids(repaired)
        assert repaired.read_bytes().endswith(line_end)
        _exactly_once(site, first_ids, exported_ids(second.output))


def test_an_unreachable_site_fails_fast_and_is_reported_in_sentences(tmp_path: Path) -> None:
    with ReplicaServer() as closed:
        base_url = closed.base_url  # a port nothing listens on once the server is gone
    started = time.monotonic()
    result = run_crawl(tmp_path, "-a", f"base_url={base_url}")  # with the default backoff
    assert time.monotonic() - started < 15
    assert result.returncode == 1
    assert f"The site is unreachable: {base_url}/ could not be fetched" in result.log
    report = _report(result)
    assert report["finish_reason"] == "site_unreachable"
    # One cause, one sentence: the rejected page and the site that answered nothing are that cause.
    [failure] = report["failures"]
    assert failure.startswith(f"The site is unreachable: {base_url}/ could not be fetched (") and failure.endswith(
        "; the crawl was stopped at once (site_unreachable)."
    ), failure
    assert "\n" not in failure and "assert" not in failure
    assert result.log.count("The site is unreachable") == 1
    # robots.txt and the home page failed: said once, by the verdict.
    assert [line for line in result.log.splitlines() if " WARNING: " in line or " ERROR: " in line] == [
        next(line for line in result.log.splitlines() if "ERROR: Run FAILED: The site is unreachable: " in line)
    ]
    assert "Traceback" not in result.log and "[Spidermon]" not in result.log
    assert [(row["url"], row["reason"]) for row in result.rejects()] == [(f"{base_url}/", "unreachable")]
    assert result.stat("newscrawl/dropped/unreachable") == 1


def test_a_crawl_prints_no_deprecation_warning(full_crawl: CrawlResult) -> None:
    assert "DeprecationWarning" not in full_crawl.log
