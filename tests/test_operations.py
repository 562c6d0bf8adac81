"""What a new user and an operator meet: one line instead of a traceback, files that are there
when they hold something, logs an operator can read, and the site list (issue 18)."""

from __future__ import annotations

import codecs
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR, run_crawl
from tests.replica.server import ReplicaServer


def _scrapy(*arguments: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *arguments], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_an_unknown_site_is_one_line_naming_close_matches(tmp_path: Path) -> None:
    done = _scrapy("crawl", "news2l", "-s", f"NEWSCRAWL_STATE_DIR={tmp_path}")
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if "error:" in line]
    assert line.endswith(": error: no site named 'news2l'; did you mean news21 or krnews21 or jbnews? scrapy sites lists them all")
    assert not (tmp_path / "news2l.lock").exists()


def test_an_unknown_site_without_close_matches(tmp_path: Path) -> None:
    done = _scrapy("crawl", "zzzzzzzz", "-s", f"NEWSCRAWL_STATE_DIR={tmp_path}")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith(": error: no site named 'zzzzzzzz'; scrapy sites lists them all")


def test_the_replica_server_on_a_taken_port_says_so_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "tests.replica.server", "--port", str(port)],
                              cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"cannot serve the replica on 127.0.0.1:{port}: Address already in use (another program holds the port? try --port {port + 1})"
    ]


def test_scrapy_sites_lists_every_site_with_family_brand_address_and_skin() -> None:
    done = _scrapy("sites")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["name", "family", "brand", "address", "skin"]
    rows = {line.split()[0] for line in lines[1:]}
    assert "news21" in rows and "jnilbo" in rows and "ndsoft" in rows and "sites" not in rows
    news21 = next(line for line in lines if line.startswith("news21 "))
    assert " dadami " in news21 and "뉴스21 통신" in news21 and "https://news21tongsin.co.kr" in news21 and news21.endswith(" B")
    jnilbo = next(line for line in lines if line.startswith("jnilbo "))
    assert " ndsoft " in jnilbo and "전남일보" in jnilbo and "https://www.jnilbo.com" in jnilbo and jnilbo.endswith("found from the pages")
    listed = _scrapy("list").stdout.split()
    assert sorted(rows) == sorted(name for name in listed if name != "sites")


def test_a_url_on_another_host_than_base_url_is_refused(replica: ReplicaServer, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "-a", f"base_url={replica.base_url}", "-a", "url=https://news21tongsin.co.kr/news/view.php?idx=5004")
    assert result.returncode == 2
    assert (
        f"error: url 'https://news21tongsin.co.kr/news/view.php?idx=5004' is not on base_url's host ({replica.base_url}): "
        f"give an article URL of {replica.base_url}, or leave base_url out"
    ) in result.log
    assert "Traceback" not in result.log and not result.output.exists()


def test_an_explicit_csv_keeps_its_bom_and_header_when_nothing_is_new(replica: ReplicaServer, tmp_path: Path) -> None:
    first = run_crawl(tmp_path, "-a", f"base_url={replica.base_url}", output="articles.csv")
    assert first.returncode == 0, first.log[-2000:]
    header = first.output.read_bytes().split(b"\r\n", 1)[0]
    assert header.startswith(codecs.BOM_UTF8 + b"url,article_id,site,")
    again = run_crawl(tmp_path, "-a", f"base_url={replica.base_url}", output="articles.csv")
    assert again.returncode == 0, again.log[-2000:]
    assert again.output.read_bytes() == header + b"\r\n"  # replaced by an empty, valid, Excel-ready CSV
    [summary] = [line for line in again.log.splitlines() if "Run OK:" in line]
    assert "[news21] INFO: Run OK: no new articles exported, 0 pages rejected, " in summary
    # The second run rejected nothing: the first run's rejects file is left as it was, not emptied.
    assert sorted(row["reason"] for row in again.rejects()) == ["deleted", "deleted", "members_only"]
