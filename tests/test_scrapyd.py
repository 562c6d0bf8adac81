"""Deployment: a real Scrapyd server on 127.0.0.1, the project deployed with scrapyd-client,
``news21`` scheduled through Scrapyd's HTTP API against the replica."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _api(url: str, data: dict[str, str | list[str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A Scrapyd server in ``tmp_path`` on a free port; yields its URL."""
    port = _free_port()
    (tmp_path / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {tmp_path}/eggs\nlogs_dir = {tmp_path}/logs\n"
        f"items_dir = {tmp_path}/items\ndbs_dir = {tmp_path}/dbs\nmax_proc = 1\npoll_interval = 0.5\n"
    )
    server = subprocess.Popen([str(BIN / "scrapyd"), "--nodaemon"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _api(f"{url}/daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_deploy_schedule_and_collect_items(scrapyd: str, tmp_path: Path) -> None:
    deploy = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "env"], cwd=PROJECT_DIR, capture_output=True, text=True,
        env={**os.environ, "SCRAPYD_URL": scrapyd}, timeout=120,
    )
    assert deploy.returncode == 0, deploy.stderr[-2000:]
    assert '"status": "ok"' in deploy.stdout + deploy.stderr
    with ReplicaServer() as site:
        job = _api(f"{scrapyd}/schedule.json", {
            "project": "newscrawl", "spider": "news21", "base_url": site.base_url,
            "setting": ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False"],
        })
        assert job["status"] == "ok", job
        finished: list[dict] = []
        deadline = time.monotonic() + 120
        while not finished and time.monotonic() < deadline:
            time.sleep(0.5)
            finished = _api(f"{scrapyd}/listjobs.json?project=newscrawl")["finished"]
    [done] = finished
    items_file = tmp_path / "items" / "newscrawl" / "news21" / f"{job['jobid']}.jl"
    items = [json.loads(line) for line in items_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["article_id"] for item in items) == sorted(expected_items(site.base_url))
    report = json.loads(items_file.with_name(f"{job['jobid']}.report.json").read_text(encoding="utf-8"))
    assert report["status"] == "OK" and report["items_exported"] == len(items)
    assert done["id"] == job["jobid"]
