"""``scrapy detect``: home pages fetched over HTTP through Scrapy's downloader from replicas on
127.0.0.1, a frameset followed to its main frame, a table and ``--json``, one line and exit
status 2 for a bad address, 1 when a home page could not be fetched."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import PROJECT_DIR
from tests.replica import homes, ndsoft
from tests.replica.server import NOT_FOUND, Page, ReplicaServer


def _framed_site(articles: list, path: str, query: dict, skin: str) -> Page:
    """A site whose home is a frameset; its main frame is an ND소프트 home."""
    if path == "/":
        return Page(homes.home("frameset", 0))
    if path == "/main.php":
        return Page(homes.home("ndsoft", 1))
    return NOT_FOUND


def _gnuboard_site(articles: list, path: str, query: dict, skin: str) -> Page:
    return Page(homes.home("gnuboard", 2)) if path == "/" else NOT_FOUND


def _missing_home(articles: list, path: str, query: dict, skin: str) -> Page:
    return NOT_FOUND


def _detect(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "detect", *arguments]
    return subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, ReplicaServer]]:
    servers = {
        "dadami": ReplicaServer(),
        "ndsoft": ReplicaServer(pages=ndsoft.page, articles=ndsoft.ARTICLES, skin="atlview/2020"),
        "framed": ReplicaServer(pages=_framed_site),
        "gnuboard": ReplicaServer(pages=_gnuboard_site),
        "missing": ReplicaServer(pages=_missing_home),
    }
    for server in servers.values():
        server.__enter__()
    yield servers
    for server in servers.values():
        server.__exit__()


@pytest.fixture(scope="module")
def detected(sites: dict[str, ReplicaServer]) -> tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]]:
    done = _detect("--json", *(server.base_url for server in sites.values()))
    by_address = {entry["address"]: entry for entry in json.loads(done.stdout)}
    return done, {name: by_address[server.base_url] for name, server in sites.items()}


def test_each_replica_home_is_recognised_over_http(sites: dict[str, ReplicaServer], detected: Any) -> None:
    _, found = detected
    assert found["dadami"]["family"] == "dadami" and found["dadami"]["crawled"]
    assert found["ndsoft"]["family"] == "ndsoft" and found["ndsoft"]["crawled"]
    assert found["ndsoft"]["confidence"] == 1.0
    assert found["gnuboard"]["family"] == "gnuboard" and not found["gnuboard"]["crawled"]
    signals = [signal["signal"] for signal in found["gnuboard"]["signals"]]
    assert signals[0] == "board posts /bbs/board.php?bo_table=…&wr_id=" and 2 <= len(signals) <= 3
    # Every home was really requested, once (after robots.txt), through the downloader.
    assert sites["ndsoft"].requests == ["/robots.txt", "/"]


def test_a_frameset_home_is_followed_to_its_main_frame(sites: dict[str, ReplicaServer], detected: Any) -> None:
    _, found = detected
    framed = found["framed"]
    assert framed["family"] == "ndsoft"
    assert framed["frames"] == [sites["framed"].base_url + "/main.php"] == [framed["url"]]
    assert sites["framed"].requests == ["/robots.txt", "/", "/main.php"]


def test_a_home_that_cannot_be_fetched_is_reported_and_fails_the_command(detected: Any) -> None:
    done, found = detected
    assert found["missing"]["error"].startswith("http_404") and found["missing"]["family"] == ""
    assert done.returncode == 1


def test_the_table_names_family_confidence_and_signals(sites: dict[str, ReplicaServer]) -> None:
    done = _detect(sites["ndsoft"].base_url, sites["gnuboard"].base_url)
    assert done.returncode == 0, done.stderr[-2000:]
    header, nd_row, board_row = done.stdout.splitlines()
    assert header.split() == ["address", "family", "confidence", "deciding", "signals"]
    assert nd_row.startswith(sites["ndsoft"].base_url) and "ndsoft (ND소프트)" in nd_row and "1.00" in nd_row
    assert "vendor name ND소프트 in the footer" in nd_row
    assert "gnuboard (그누보드 (gnuboard)), not crawled" in board_row


@pytest.mark.parametrize("address", ["www.example.kr", "ftp://example.kr/", "https://"])
def test_a_bad_address_is_refused_with_one_line(address: str) -> None:
    done = _detect(address)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].endswith(f" error: not an http(s) address: {address!r} (give it like https://www.example.kr)")
    assert done.stdout == ""
