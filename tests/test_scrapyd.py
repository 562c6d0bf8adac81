"""Deployment: a real Scrapyd server on 127.0.0.1, the project deployed with scrapyd-client,
``news21`` scheduled through Scrapyd's HTTP API against the replica."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, scrapyd_api, scrapyd_server
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items

BIN = Path(sys.executable).parent


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A Scrapyd server in ``tmp_path`` on a free port; yields its URL."""
    with scrapyd_server(tmp_path) as url:
        yield url


def test_deploy_schedule_and_collect_items(scrapyd: str, tmp_path: Path) -> None:
    deploy = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "env"], cwd=PROJECT_DIR, capture_output=True, text=True,
        env={**os.environ, "SCRAPYD_URL": scrapyd}, timeout=120,
    )
    assert deploy.returncode == 0, deploy.stderr[-2000:]
    assert '"status": "ok"' in deploy.stdout + deploy.stderr
    with ReplicaServer() as site:
        job = scrapyd_api(f"{scrapyd}/schedule.json", {
            "project": "newscrawl", "spider": "news21", "base_url": site.base_url,
            "setting": ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False"],
        })
        assert job["status"] == "ok", job
        finished: list[dict] = []
        deadline = time.monotonic() + 120
        while not finished and time.monotonic() < deadline:
            time.sleep(0.5)
            finished = scrapyd_api(f"{scrapyd}/listjobs.json?project=newscrawl")["finished"]
    [done] = finished
    items_file = tmp_path / "items" / "newscrawl" / "news21" / f"{job['jobid']}.jl"
    items = [json.loads(line) for line in items_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["article_id"] for item in items) == sorted(expected_items(site.base_url))
    report = json.loads(items_file.with_name(f"{job['jobid']}.report.json").read_text(encoding="utf-8"))
    assert report["status"] == "OK" and report["items_exported"] == len(items)
    assert done["id"] == job["jobid"]
