"""Shards of sites across two real Scrapyd nodes: each site on its pinned node only, no second
job while one runs, a dashboard of the whole fleet."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.fleet import assign, gather_dashboard, moves, shard_toml
from newscrawl.sites_file import SiteEntry, parse_sites_file
from tests.conftest import PROJECT_DIR, scrapyd_api, scrapyd_server
from tests.replica.server import ReplicaServer

SITES = [f"site{number}" for number in range(300)]


def test_pins_are_stable_and_a_new_node_takes_over_only_its_share() -> None:
    two = assign(SITES, ["http://a:6800", "http://b:6800"])
    assert two == assign(reversed(SITES), ["http://b:6800", "http://a:6800"])  # order does not matter
    three = assign(SITES, ["http://a:6800", "http://b:6800", "http://c:6800"])
    moved = moves(two, three)
    assert {new for _, _, new in moved} == {"http://c:6800"}  # nothing moves between a and b
    assert 70 <= len(moved) <= 130  # about a third
    assert moves(three, assign(SITES, ["http://a:6800", "http://b:6800", "http://c:6800"])) == []


def test_a_shard_travels_as_a_sites_file() -> None:
    entries = [
        SiteEntry("news21", delay=2.5, sections=("m72mass272",)),
        SiteEntry("mypaper", cms="dadami", base_url="http://127.0.0.9:8000", brand='"내" 신문', skin="A"),
    ]
    skins = {"dadami": ["B", "A", "reference"], "ndsoft": ["atlview", "foundation"]}
    assert parse_sites_file(shard_toml(entries), list(PROFILES), skins) == entries


def _fleet(tmp_path: Path, nodes: list[str]) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "newscrawl.fleet", "--sites", str(tmp_path / "sites.toml"), "--nodes", ",".join(nodes),
        "--pins", str(tmp_path / "pins.json"), "--dashboard", str(tmp_path / "fleet"), "--setting", "AUTOTHROTTLE_ENABLED=False",
    ]
    return subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600)


def _jobs(node: str) -> dict:
    return scrapyd_api(f"{node}/listjobs.json?project=newscrawl")


def test_two_nodes_each_run_their_own_sites_and_one_dashboard_lists_all(tmp_path: Path) -> None:
    with ExitStack() as stack:
        nodes = [stack.enter_context(scrapyd_server(tmp_path / f"node{number}")) for number in (1, 2)]
        # Two sites for each node: names chosen by where they hash (the ports are the system's).
        candidates = assign((f"outlet{number}" for number in range(40)), nodes)
        names = [name for node in nodes for name in [n for n, pin in candidates.items() if pin == node][:2]]
        sites = {}
        for number, name in enumerate(names):
            site = stack.enter_context(ReplicaServer(host=f"127.0.0.{number + 10}"))
            site.articles[:] = site.articles[:8]
            sites[name] = site
        (tmp_path / "sites.toml").write_text(shard_toml(
            SiteEntry(name, cms="dadami", base_url=site.base_url, delay=0.3) for name, site in sites.items()
        ), encoding="utf-8")
        pins = assign(sites, nodes)
        assert set(pins.values()) == set(nodes), pins  # the four sites spread over both nodes

        first = _fleet(tmp_path, nodes)
        assert first.returncode == 0, first.stderr[-3000:] + first.stdout
        assert first.stdout.count("scheduled job") == 2, first.stdout
        second = _fleet(tmp_path, nodes)  # the jobs are still running: nothing new
        assert second.returncode == 0, second.stderr[-3000:]
        assert "scheduled job" not in second.stdout and second.stdout.count("nothing scheduled") == 2, second.stdout
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and any(_jobs(node)["pending"] or _jobs(node)["running"] for node in nodes):
            time.sleep(0.5)
        assert [len(_jobs(node)["finished"]) for node in nodes] == [1, 1]

        for name, site in sites.items():
            assert site.requests, name
            for number, node in enumerate(nodes, 1):
                ran_here = (tmp_path / f"node{number}" / "items" / "newscrawl" / "sites" / name).is_dir()
                assert ran_here == (pins[name] == node), (name, node)
        page = gather_dashboard(nodes, tmp_path / "fleet")
        fleet = json.loads((tmp_path / "fleet" / "fleet.json").read_text(encoding="utf-8"))
    assert sorted((row["site"], row["node"], row["status"]) for row in fleet["sites"]) == sorted(
        (name, pins[name], "OK") for name in sites
    )
    assert all(row["exported"] == [8] for row in fleet["sites"])  # the replica's first eight articles
    assert page.read_text(encoding="utf-8").count('<tr class="OK">') == 4


def test_a_node_that_does_not_answer_is_reported_and_its_sites_not_run_elsewhere(tmp_path: Path) -> None:
    with ReplicaServer(host="127.0.0.20") as site:
        site.articles[:] = site.articles[:4]
        (tmp_path / "sites.toml").write_text(shard_toml(
            SiteEntry(f"outlet{number}", cms="dadami", base_url=site.base_url) for number in range(6)
        ), encoding="utf-8")
        result = _fleet(tmp_path, ["http://127.0.0.1:9", "http://127.0.0.1:10"])
    assert result.returncode == 1
    assert result.stdout.count("does not answer") == 2 and "its sites are not run: outlet" in result.stdout
    assert not site.requests
