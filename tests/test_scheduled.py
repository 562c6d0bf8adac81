"""Scheduled runs: a new timestamped file set per run, and progress on long crawls."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import FAST, PROJECT_DIR, run_crawl
from tests.replica.articles import ARTICLES, make_article
from tests.replica.server import ReplicaServer


def _scheduled_run(site: ReplicaServer, workdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl news21`` (with no -o/-O unless in ``options``), from a server's
    working directory."""
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(PROJECT_DIR)}
    command = [sys.executable, "-m", "scrapy", "crawl", "news21", "-a", f"base_url={site.base_url}", *FAST, *options]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)


def test_an_explicit_output_replaces_the_default_file_set(tmp_path: Path) -> None:
    with ReplicaServer() as site:
        run = _scheduled_run(site, tmp_path, "-a", "sections=m81mass281", "-O", "mine.csv")
    assert run.returncode == 0, run.stderr[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["mine.csv", "mine.rejects.csv", "mine.report.json"]
    assert not (tmp_path / "output").exists()


def test_each_run_writes_a_new_file_set(tmp_path: Path) -> None:
    with ReplicaServer() as site:
        first = _scheduled_run(site, tmp_path)
        assert first.returncode == 0, first.stderr[-2000:]
        time.sleep(1.1)  # %(time)s has a resolution of one second
        site.articles.extend(make_article(n) for n in range(len(ARTICLES), len(ARTICLES) + 2))
        second = _scheduled_run(site, tmp_path)
        assert second.returncode == 0, second.stderr[-2000:]
        time.sleep(1.1)
        unchanged = _scheduled_run(site, tmp_path)
        assert unchanged.returncode == 0, unchanged.stderr[-2000:]
    assert "[news21] INFO: Run OK: no new articles exported, 0 pages rejected, " in unchanged.stderr
    outputs = tmp_path / "output" / "news21"
    jsonl = sorted(outputs.glob("*.jsonl"))
    rejects = sorted(outputs.glob("*.rejects.csv"))
    csvs = sorted(set(outputs.glob("*.csv")) - set(rejects))
    reports = sorted(outputs.glob("*.report.json"))
    # Item files are made with the first item, the rejects file with the first reject (only the
    # first run had some: the deleted and members-only articles are remembered); a report each run.
    assert len(jsonl) == len(csvs) == 2 and len(rejects) == 1 and len(reports) == 3
    assert rejects[0].name.startswith(jsonl[0].stem)
    assert [len(p.read_text(encoding="utf-8").splitlines()) for p in jsonl] == [42, 2]
    for path in csvs:
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        assert sum(row[:1] == ["url"] for row in rows) == 1
    assert [json.loads(p.read_text(encoding="utf-8"))["items_exported"] for p in reports] == [42, 2, 0]
    assert [json.loads(p.read_text(encoding="utf-8"))["rejects_file"] for p in reports] == [str(rejects[0].relative_to(tmp_path)), None, None]
    assert (tmp_path / ".newscrawl" / "state.sqlite3").exists()


def test_progress_is_logged_and_reported(tmp_path: Path) -> None:
    with ReplicaServer(delay=0.1) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0.5")
    assert result.returncode == 0, result.log[-2000:]
    lines = [line for line in result.log.splitlines() if "Progress:" in line]
    assert len(lines) >= 2
    assert "articles exported of about" in lines[-1] and "ETA" in lines[-1]
    progress = json.loads(result.output.with_name("out.report.json").read_text(encoding="utf-8"))["progress"]
    # Three sections of three list pages, six entries on a first page (five and a pinned one).
    assert progress["exported"] == 42 and 45 <= progress["estimated_total"] <= 60
