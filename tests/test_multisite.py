"""Many sites in one process: each at its own pace, with its own state, files, report and
verdict; a broken site is FAILED and named while the others export everything."""

from __future__ import annotations

import gc
import json
import os
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider, signals
from scrapy.utils.test import get_crawler

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.keys import MIN_GAP_STAT
from newscrawl.multisite import FreezeHeapWhenOpen
from newscrawl.runlock import ALREADY_RUNNING_EXIT, acquire
from newscrawl.sites_file import SiteEntry, parse_sites_file
from tests.conftest import REDESIGN, run_crawl, run_sites
from tests.replica.server import Page, ReplicaServer
from tests.replica.truth import expected_items

DELAY = 0.2
# Where the replica receives them, in a thread of its server, requests can be handled some
# milliseconds late after the one before them: the gaps received are checked to that
# tolerance; the crawler's own figure of the gaps as sent (newscrawl/pace/min_gap_ms) exactly.
ARRIVAL_JITTER = 0.1


def _exported(workdir: Path, name: str) -> dict[str, dict]:
    outputs = list((workdir / "output" / name).glob("*.jsonl"))  # made with the first item
    assert len(outputs) <= 1, outputs
    items = [json.loads(line) for output in outputs for line in output.read_text(encoding="utf-8").splitlines()]
    return {item["article_id"]: {k: v for k, v in item.items() if k != "crawled_at"} for item in items}


def _last_run_stats(workdir: Path, name: str) -> dict[str, Any]:
    """The stats of a site's last run, from its stats history (a sites run does not dump them
    into its log)."""
    history = pickle.loads((workdir / ".newscrawl" / f"{name}_stats_history").read_bytes())
    return dict(history[0])


def test_three_sites_in_one_process_each_judged_on_its_own(tmp_path: Path) -> None:
    servers = {name: ReplicaServer(host=f"127.0.0.{number}") for number, name in ((2, "alpha"), (3, "beta"), (4, "gamma"))}
    servers["gamma"].rewrite = dict(REDESIGN)
    for server in servers.values():
        server.__enter__()
    try:
        result = run_sites(tmp_path, servers, DELAY)
    finally:
        for server in servers.values():
            server.__exit__()
    assert result.returncode == 1, result.stderr[-3000:]
    for name in ("alpha", "beta"):
        expected = {idx: {**item, "site": name} for idx, item in expected_items(servers[name].base_url).items()}
        assert _exported(tmp_path, name) == expected
    assert _exported(tmp_path, "gamma") == {}
    summary = result.stderr[result.stderr.index("Sites run:"):]
    assert summary.splitlines()[0] == "Sites run: 3 sites: 2 OK, 1 FAILED; 84 articles exported"
    # The cause first: a redesign, before the rejects and the empty fields it made.
    assert re.match(r"  gamma: FAILED, 0 exported; The site's markup matches no skin: (\d+) of \1 article pages matched none \(100%", summary.splitlines()[1])
    assert summary.splitlines()[2] == "  OK: alpha (42), beta (42)"
    dashboard = json.loads((tmp_path / "output" / "dashboard.json").read_text(encoding="utf-8"))
    assert [(row["site"], row["status"]) for row in dashboard["sites"]] == [("gamma", "FAILED"), ("alpha", "OK"), ("beta", "OK")]
    assert (tmp_path / "output" / "dashboard.html").exists()
    for name in servers:  # each site its own report, rejects file, state and history
        assert len(list((tmp_path / "output" / name).glob("*.report.json"))) == 1
        assert (tmp_path / ".newscrawl" / f"{name}_stats_history").exists()
    sent = [_last_run_stats(tmp_path, name)[MIN_GAP_STAT] for name in servers]
    assert min(sent) >= DELAY * 1000, sent  # as the crawler sent them: never under
    for server in servers.values():
        gaps = [later - earlier for earlier, later in zip(server.request_times, server.request_times[1:])]
        assert len(gaps) > 40 and min(gaps) >= DELAY - ARRIVAL_JITTER, min(gaps)


def test_a_site_still_crawled_by_another_run_is_skipped_and_named(tmp_path: Path) -> None:
    with ReplicaServer(host="127.0.0.5") as alpha, ReplicaServer(host="127.0.0.6") as beta:
        alpha.articles[:] = alpha.articles[:6]
        beta.articles[:] = beta.articles[:6]
        held = acquire(tmp_path / ".newscrawl", "alpha")  # a single-site run of alpha, say
        try:
            result = run_sites(tmp_path, {"alpha": alpha, "beta": beta}, DELAY)
        finally:
            held.release()
    assert result.returncode == ALREADY_RUNNING_EXIT, result.stderr[-3000:]
    assert f"alpha is already being crawled by pid {os.getpid()}" in result.stderr
    assert not alpha.requests and beta.requests
    assert "\n  OK: beta (6)\n  not started: alpha\n" in result.stderr


def test_a_robots_crawl_delay_longer_than_the_delay_is_kept(tmp_path: Path) -> None:
    robots = Page(b"User-agent: *\nCrawl-delay: 0.4\nDisallow: /bbs/\n", "text/plain")
    with ReplicaServer(extra={"/robots.txt": robots}) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=m81mass281")  # DOWNLOAD_DELAY=0
        assert result.returncode == 0, result.log[-3000:]
        gaps = [later - earlier for earlier, later in zip(site.request_times[1:], site.request_times[2:])]
    assert len(gaps) > 10 and min(gaps) >= 0.4 - ARRIVAL_JITTER, min(gaps)
    assert result.stat("newscrawl/pace/min_gap_ms") >= 400  # as sent
    assert "asks for 0.4 s between requests (robots.txt Crawl-delay)" in result.log


KNOWN = list(PROFILES)
SKINS = {"dadami": ["B", "A", "reference"], "ndsoft": ["atlview", "foundation"]}


def test_a_sites_file_names_known_and_new_sites() -> None:
    text = """
[[site]]
name = "news21"
delay = 2

[[site]]
name = "mypaper"
cms = "dadami"
base_url = "https://mypaper.example.kr"
skin = "A"
sections = ["m72mass272"]
"""
    assert parse_sites_file(text + "[[site]]\nbase_url = 'https://www.kgnews.co.kr'\n", KNOWN, SKINS) == [
        SiteEntry("news21", delay=2.0),
        SiteEntry("mypaper", cms="dadami", base_url="https://mypaper.example.kr", skin="A", sections=("m72mass272",)),
        SiteEntry("kgnews", base_url="https://www.kgnews.co.kr"),  # an address alone: named after its domain
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[site]]\nname = 'news21'\n[[site]]\nname = 'news21'\n", "names news21 more than once"),
        ("[[site]]\nname = 'mypaper'\n", "'mypaper' is not a known site: give its base_url (and its cms, dadami, ndsoft, if you know it)"),
        ("[[site]]\nname = 'mypaper'\ncms = 'joomla'\nbase_url = 'https://x.kr'\n", "unknown cms 'joomla'; known: dadami, ndsoft (or leave it out"),
        ("[[site]]\nbase_url = 'not an address'\n", "site 1: 'not an address' is not an address like https://www.example.kr"),
        ("[[site]]\nbase_url = 'https://x.kr'\nskin = 'B'\n", "a skin is one of a cms's: give the cms too"),
        ("[[site]]\nname = 'mypaper'\ncms = 'dadami'\n", "give its base_url"),
        ("[[site]]\nname = 'x'\ncms = 'ndsoft'\nbase_url = 'https://x.kr'\nskin = 'B'\n", "ndsoft has no skin 'B'"),
        ("[[site]]\nname = 'news21'\ndelay = 'fast'\n", "delay must be a number of seconds"),
        ("[[site]]\nname = 'news21'\nspeed = 3\n", "unknown key speed"),
        ("[[site]]\nname = 'news21'\nsections = 'm72'\n", "sections must be a list"),
        ("title = 'no sites'\n", "lists no site"),
        ("[[site]\n", "not valid TOML"),
    ],
)
def test_a_bad_sites_file_is_refused_with_one_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_sites_file(text, KNOWN, SKINS)


def test_the_heap_is_frozen_once_every_site_is_open() -> None:
    crawlers = [get_crawler(Spider) for _ in range(2)]
    FreezeHeapWhenOpen(crawlers)
    gc.unfreeze()
    try:
        crawlers[0].signals.send_catch_log(signals.spider_opened, spider=Spider("alpha"))
        assert gc.get_freeze_count() == 0  # one site still opening
        crawlers[1].signals.send_catch_log(signals.spider_opened, spider=Spider("beta"))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
