"""Interrupted crawls lose and duplicate nothing: killed runs, and JOBDIR resumes."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import exported_ids, run_crawl, start_crawl, wait_for_lines
from tests.replica import render
from tests.replica.articles import ARTICLES
from tests.replica.server import Page, ReplicaServer
from tests.replica.truth import expected_items


@pytest.fixture
def slow_site() -> Iterator[ReplicaServer]:
    """A replica that takes a while over each article, so a crawl can be stopped midway."""
    with ReplicaServer(delay=0.15) as server:
        yield server


def _start(site: ReplicaServer, tmp_path: Path, output: Path, *extra: str) -> subprocess.Popen[str]:
    return start_crawl(tmp_path, "-a", f"base_url={site.base_url}", *extra, output=output.name)


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_run_then_new_run_exports_everything_once(
    slow_site: ReplicaServer, tmp_path: Path, stop: signal.Signals
) -> None:
    first_output = tmp_path / "first.jsonl"
    process = _start(slow_site, tmp_path, first_output)
    wait_for_lines(first_output, 8, process)
    process.send_signal(stop)
    process.communicate(timeout=60)
    first = exported_ids(first_output)
    assert 8 <= len(first) < len(expected_items(slow_site.base_url))

    slow_site.delay = 0
    second = run_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", output="second.jsonl")
    assert second.returncode == 0, second.log[-2000:]
    exported = Counter(first + [item["article_id"] for item in second.items()])
    assert sorted(exported) == sorted(expected_items(slow_site.base_url))
    assert set(exported.values()) == {1}


def test_article_found_through_its_neighbours_survives_a_killed_run(tmp_path: Path) -> None:
    """5010 is in no list: a run finds it through the links of 5009 and 5011. A run killed
    (SIGKILL: no close, nothing written at the end) while 5010's page hangs, with both
    neighbours exported, has left it pending in the state; the next run fetches it, although
    it never reads those neighbours again."""
    unlisted = next(article for article in ARTICLES if article.idx == 5010)
    assert not unlisted.listed
    hanging = Page(render.article_page(ARTICLES, unlisted).encode(), fault="hang")
    with ReplicaServer(extra={"/news/view.php?idx=5010": hanging}) as site:
        first_output = tmp_path / "first.jsonl"
        process = _start(site, tmp_path, first_output)
        deadline = time.monotonic() + 60
        while not {"5009", "5011"} <= set(exported_ids(first_output) if first_output.exists() else []):
            assert time.monotonic() < deadline and process.poll() is None, "the neighbours were not exported in time"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        first = exported_ids(first_output)
        assert "5010" not in first

        site.extra.clear()
        first_requests = len(site.requests)
        second = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", output="second.jsonl")
        assert second.returncode == 0, second.log[-2000:]
        second_requests = site.requests[first_requests:]
        assert "/news/view.php?idx=5010" in second_requests
        assert not {"/news/view.php?idx=5009", "/news/view.php?idx=5011"} & set(second_requests)
        exported = Counter(first + [item["article_id"] for item in second.items()])
        assert sorted(exported) == sorted(expected_items(site.base_url))
        assert set(exported.values()) == {1}


def test_jobdir_backfill_resumes_after_an_interruption(slow_site: ReplicaServer, tmp_path: Path) -> None:
    jobdir = ["-s", f"JOBDIR={tmp_path / 'job'}", "-a", "full=1"]
    first_output = tmp_path / "first.jsonl"
    process = _start(slow_site, tmp_path, first_output, *jobdir)
    wait_for_lines(first_output, 8, process)
    process.send_signal(signal.SIGINT)
    log, _ = process.communicate(timeout=60)
    first = exported_ids(first_output)
    assert len(first) < len(expected_items(slow_site.base_url)), log[-2000:]

    slow_site.requests.clear()
    slow_site.delay = 0
    second = run_crawl(tmp_path, "-a", f"base_url={slow_site.base_url}", *jobdir, output="second.jsonl")
    assert second.returncode == 0, second.log[-2000:]
    assert "/" not in slow_site.requests  # resumed from the job's queue, not started over
    exported = Counter(first + [item["article_id"] for item in second.items()])
    assert sorted(exported) == sorted(expected_items(slow_site.base_url))
    assert set(exported.values()) == {1}
