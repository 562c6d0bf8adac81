"""Fixtures: the replica served on 127.0.0.1, and ``scrapy crawl`` run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.replica.server import ReplicaServer

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_DIR.parent / "shared"
REDESIGN = {b'<h2 class="title">': b'<h2 class="headline">', b'id="viewContent"': b'id="articleBody"'}
"""A replica's rewrite for a redesigned site: neither the title nor the body where the skin reads them."""
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; the calling test skips, saying why, when it is absent."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared reference material is not laid out beside the project")
    return path


@dataclass
class CrawlResult:
    """What a ``scrapy crawl`` subprocess left behind."""

    returncode: int
    log: str
    output: Path

    def items(self) -> list[dict[str, Any]]:
        """The exported items (JSON Lines output)."""
        return [json.loads(line) for line in self.output.read_text(encoding="utf-8").splitlines()]

    def rejects(self) -> list[dict[str, str]]:
        """The rows of the rejects file written beside the output."""
        path = self.output.with_name(self.output.stem + ".rejects.csv")
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))

    def stat(self, name: str) -> int:
        """An integer stat from the final stats dump in the log (0 when absent)."""
        match = re.search(rf"'{re.escape(name)}': (\d+)", self.log)
        return int(match[1]) if match else 0


def _crawl_command(
    tmp_path: Path, arguments: tuple[str, ...], target: Path, extra_feed: str = "", spider: str = "news21"
) -> list[str]:
    state = ["-s", f"NEWSCRAWL_STATE_DIR={tmp_path / 'state'}"]
    outputs = ["-o", str(target), "-o", extra_feed] if extra_feed else ["-O", str(target)]
    return [sys.executable, "-m", "scrapy", "crawl", spider, *arguments, *FAST, *state, *outputs]


def run_crawl(
    tmp_path: Path, *arguments: str, output: str = "out.jsonl", extra_feed: str = "", spider: str = "news21"
) -> CrawlResult:
    """Run ``scrapy crawl <spider> <arguments> -O <tmp_path/output>`` in the project directory,
    with the incremental state in ``tmp_path/state``; with ``extra_feed``, write to it too
    (``-o`` both, appending)."""
    target = tmp_path / output
    command = _crawl_command(tmp_path, arguments, target, extra_feed, spider)
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    return CrawlResult(done.returncode, done.stderr + done.stdout, target)


def run_sites(workdir: Path, sites: dict[str, ReplicaServer], delay: float, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy crawl sites -a file=sites.toml <arguments>`` in ``workdir`` as a user runs it
    (files under ``workdir/output``), over ``sites`` (name: replica), each at ``delay``."""
    entries = "".join(f'[[site]]\nname = "{name}"\ncms = "dadami"\nbase_url = "{server.base_url}"\ndelay = {delay}\n\n' for name, server in sites.items())
    (workdir / "sites.toml").write_text(entries, encoding="utf-8")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(PROJECT_DIR)}
    command = [sys.executable, "-m", "scrapy", "crawl", "sites", "-a", "file=sites.toml", "-s", "AUTOTHROTTLE_ENABLED=False", *arguments]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)


def start_crawl(tmp_path: Path, *arguments: str, output: str = "out.jsonl") -> subprocess.Popen[str]:
    """Start the crawl of :func:`run_crawl` in the background (its log on standard output)."""
    command = _crawl_command(tmp_path, arguments, tmp_path / output)
    return subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_lines(output: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Wait (60 s at most) until ``output`` has ``count`` lines while ``process`` runs."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if output.exists() and len(output.read_bytes().splitlines()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the crawl did not reach {count} items in time")


def exported_ids(path: Path) -> list[str]:
    """The article ids of a JSON Lines output, in file order."""
    return [json.loads(line)["article_id"] for line in path.read_text(encoding="utf-8").splitlines()]


def scrapyd_api(url: str, data: dict[str, str | list[str]] | None = None) -> dict:
    """A Scrapyd API answer (POST when ``data`` is given)."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.loads(response.read())


@contextmanager
def scrapyd_server(folder: Path, max_proc: int = 1) -> Iterator[str]:
    """A real Scrapyd server working in ``folder``, on a free port of 127.0.0.1, running
    ``max_proc`` jobs at once; yields its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {folder}/eggs\nlogs_dir = {folder}/logs\n"
        f"items_dir = {folder}/items\ndbs_dir = {folder}/dbs\njobs_to_keep = 1000\nmax_proc = {max_proc}\npoll_interval = 0.5\n"
    )
    server = subprocess.Popen([str(Path(sys.executable).parent / "scrapyd"), "--nodaemon"], cwd=folder,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
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


@pytest.fixture(scope="session")
def replica() -> Iterator[ReplicaServer]:
    """The replica site on a free port of 127.0.0.1 for the whole test session."""
    with ReplicaServer() as server:
        yield server


@pytest.fixture(scope="session")
def full_crawl(replica: ReplicaServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """One complete crawl of the replica, shared by the tests that inspect it."""
    result = run_crawl(tmp_path_factory.mktemp("full"), "-a", f"base_url={replica.base_url}")
    assert result.returncode == 0, result.log[-3000:]
    return result
