"""What a new user and an operator meet: one line instead of a traceback, files that are there
when they hold something, logs an operator can read, and the site list (issue 18)."""

from __future__ import annotations

import codecs
import json
import re
import socket
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from tests.conftest import PROJECT_DIR, REDESIGN, run_crawl, run_sites
from tests.replica.server import Page, ReplicaServer


def _scrapy(*arguments: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *arguments], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_an_unknown_site_is_one_line_naming_close_matches(tmp_path: Path) -> None:
    done = _scrapy("crawl", "news2l", "-s", f"NEWSCRAWL_STATE_DIR={tmp_path}")
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "started (bot: newscrawl)" not in done.stderr  # refused before Scrapy starts
    [line] = [line for line in done.stderr.splitlines() if "error:" in line]
    assert line.endswith(": error: no site named 'news2l'; did you mean news21 or krnews21 or kgnews? scrapy sites lists them all")
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


_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[([^\]]+)\] (\w+): ")


def _after_setup(log: str) -> list[str]:
    """The log's records after Scrapy's start and setup lines (the last one lists the item
    pipelines), with their continuation lines."""
    lines = log.splitlines()
    start = max(index for index, line in enumerate(lines) if "[scrapy.middleware] INFO: Enabled item pipelines:" in line) + 1
    while start < len(lines) and not _RECORD.match(lines[start]):
        start += 1
    return lines[start:]


def test_a_sites_run_logs_a_line_per_site_named_after_it_and_one_summary(tmp_path: Path) -> None:
    with ExitStack() as stack:
        sites = {name: stack.enter_context(ReplicaServer(host=f"127.0.0.{number}")) for number, name in ((7, "alpha"), (8, "beta"), (9, "gamma"))}
        for server in sites.values():
            server.articles[:] = server.articles[:8]
        sites["gamma"].rewrite = dict(REDESIGN)
        first = run_sites(tmp_path, sites, 0)
        unchanged = run_sites(tmp_path, sites, 0)
    for run in (first, unchanged):
        assert run.returncode == 1, run.stderr[-3000:]
        assert run.stderr.count("Overridden settings:") == run.stderr.count("Enabled extensions:") == 1  # once, not per site
        assert "Dumping Scrapy stats" not in run.stderr and "Spider opened" not in run.stderr and "[Spidermon]" not in run.stderr
        records = [line for line in _after_setup(run.stderr) if _RECORD.match(line)]
        names = [_RECORD.match(line)[1] for line in records]  # type: ignore[index]
        assert set(names) == {"alpha", "beta", "gamma", "newscrawl.commands.crawl"}, names
        assert names[-1] == "newscrawl.commands.crawl" and names.count("newscrawl.commands.crawl") == 1  # one summary, last
        assert names.count("alpha") == names.count("beta") == 1  # its verdict: Run OK, with the figures
        # gamma: its 8 unreadable pages (Scrapy's warnings, named after the site) and its verdict.
        assert [line.split("] ", 1)[1].split(": ", 2)[:2] for line in records if "[gamma]" in line] == [["WARNING", "Dropped"]] * 8 + [["ERROR", "Run FAILED"]]
    tail = _after_setup(unchanged.stderr)
    assert len(tail) == 2 + 9 + 3 + 4  # alpha, beta; gamma's lines and its 3 other sentences; the summary
    assert [line for line in tail if line.startswith(("[alpha]", "[beta]"), 20)] == [
        line for line in tail if "INFO: Run OK: no new articles exported, 0 pages rejected, 6 pages fetched" in line
    ]
    assert len(unchanged.stderr.splitlines()) < 130
    summary = unchanged.stderr[unchanged.stderr.index("Sites run: "):].splitlines()
    assert summary[0].endswith("Sites run: 3 sites: 2 OK, 1 FAILED; 0 articles exported")
    assert summary[1].startswith("  gamma: FAILED, 0 exported; The site's markup matches no skin: 8 of 8 article pages matched none")
    assert summary[2:] == ["  OK: alpha (0), beta (0)", "  dashboard: output/dashboard.html"]


def test_an_ndsoft_site_at_a_home_page_of_another_cms_says_so_once_and_fails(replica: ReplicaServer, tmp_path: Path) -> None:
    replica.requests.clear()
    result = run_crawl(tmp_path, "-a", f"base_url={replica.base_url}", spider="ndsoft")  # a view.php?idx= install
    assert result.returncode == 1
    sentence = (
        f"This address does not look like an ND소프트 site: its home page {replica.base_url}/ links no article as "
        "/news/articleView.html?idxno=N but has 4 list links /news/list.php?mcode= (다다미디어 view.php); the crawl was stopped at once (not_ndsoft)."
    )
    assert [line for line in result.log.splitlines() if " WARNING: " in line or " ERROR: " in line] == [
        next(line for line in result.log.splitlines() if line.endswith(f"[ndsoft] ERROR: Run FAILED: {sentence}"))
    ]
    report = json.loads(result.output.with_name("out.report.json").read_text(encoding="utf-8"))
    assert report["failures"] == [sentence]
    assert [target for target in replica.requests if target not in ("/robots.txt", "/")] == []  # no article ids walked


def test_a_robots_txt_that_cannot_be_fetched_is_one_warning_line(tmp_path: Path) -> None:
    robots = Page(b"User-agent: *\nDisallow: /bbs/\n" * 20, "text/plain", fault="reset")  # cut short by a TCP reset
    with ReplicaServer(extra={"/robots.txt": robots}) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-s", "RETRY_TIMES=0")
    assert result.returncode == 0, result.log[-2000:]
    host = site.base_url.split("//", 1)[1]
    [line] = [line for line in result.log.splitlines() if "[scrapy.downloadermiddlewares.robotstxt]" in line]
    assert line.endswith(
        f"[scrapy.downloadermiddlewares.robotstxt] WARNING: robots.txt of {host} could not be fetched "
        "(truncated: the connection closed before the whole page arrived): going on as if it allowed every page"
    )
    assert "Traceback" not in result.log and "Error downloading" not in result.log
    assert len(result.items()) == 42
