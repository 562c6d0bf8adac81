"""Deployment: a real Scrapyd server on 127.0.0.1, the project deployed with scrapyd-client,
``news21`` scheduled through Scrapyd's HTTP API against the replica; the node template
``deploy/scrapyd.conf`` serves the items the fleet reads, and a node without them is reported."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newscrawl.fleet import read_results
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


def _node_conf(folder: Path, items: bool) -> str:
    """``deploy/scrapyd.conf`` made local: loopback, a free port, folders in ``folder``; without
    its ``items_dir`` line unless ``items``."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    text = (PROJECT_DIR / "deploy" / "scrapyd.conf").read_text(encoding="utf-8")
    text = text.replace("bind_address = 0.0.0.0", "bind_address = 127.0.0.1").replace("http_port    = 6800", f"http_port    = {port}")
    text = text.replace("/srv/newscrawl/", f"{folder}/")
    return text if items else re.sub(r"^items_dir .*$", "", text, flags=re.M)


@contextmanager
def _node(folder: Path, items: bool) -> Iterator[str]:
    """Scrapyd started from the project's template in ``folder``; yields its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    conf = _node_conf(folder, items)
    (folder / "scrapyd.conf").write_text(conf, encoding="utf-8")
    url = "http://127.0.0.1:" + re.search(r"^http_port\s*=\s*(\d+)", conf, re.M)[1]  # type: ignore[index]
    server = subprocess.Popen([str(BIN / "scrapyd"), "--nodaemon"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                scrapyd_api(f"{url}/daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_node_template_serves_the_items_the_fleet_reads(tmp_path: Path) -> None:
    with _node(tmp_path / "good", items=True) as good, _node(tmp_path / "bare", items=False) as bare:
        assert scrapyd_api(f"{good}/daemonstatus.json")["status"] == "ok"
        with pytest.raises(OSError, match="is missing"):  # served, but no sites job has written it yet
            read_results(good)
        with pytest.raises(OSError, match="serves no items folder: set items_dir"):
            read_results(bare)
        (tmp_path / "sites.toml").write_text('[[site]]\nname = "news21"\nbase_url = "http://127.0.0.1:9"\n', encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "newscrawl.fleet", "--sites", str(tmp_path / "sites.toml"), "--nodes", bare,
             "--pins", str(tmp_path / "pins.json"), "--dashboard", str(tmp_path / "fleet")],
            cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600,
        )
    assert done.returncode == 1, done.stdout + done.stderr[-2000:]
    [line] = [line for line in done.stdout.splitlines() if "results cannot be read" in line]
    assert line == f"{bare}: its results cannot be read: Scrapyd serves no items folder: set items_dir in its scrapyd.conf (see deploy/scrapyd.conf)"
