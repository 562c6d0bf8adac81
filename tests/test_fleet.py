"""Shards of sites across real Scrapyd nodes: each site on its pinned node only, in the same job
of that node every time, no second job while one runs, a dashboard of the whole fleet that
names each site's node and keeps an unreachable node's sites, and pins never moved to a node
that does not answer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.fleet import assign, gather, import_items, job_of, keep_pins, moves, parse_nodes, runs_over, shard_toml
from newscrawl.sites_file import SiteEntry, parse_sites_file
from tests.archive_helpers import content, postgres_database, postgres_server, rows
from tests.conftest import PROJECT_DIR, scrapyd_api, scrapyd_server
from tests.replica.server import ReplicaServer

SITES = [f"site{number}" for number in range(300)]
DEAD = ["http://127.0.0.1:9", "http://127.0.0.1:10"]  # discard and a closed port: nothing answers


def test_pins_are_stable_and_a_new_node_takes_over_only_its_share() -> None:
    two = assign(SITES, ["http://a:6800", "http://b:6800"])
    assert two == assign(reversed(SITES), ["http://b:6800", "http://a:6800"])  # order does not matter
    three = assign(SITES, ["http://a:6800", "http://b:6800", "http://c:6800"])
    moved = moves(two, three)
    assert {new for _, _, new in moved} == {"http://c:6800"}  # nothing moves between a and b
    assert 70 <= len(moved) <= 130  # about a third
    assert moves(three, assign(SITES, ["http://a:6800", "http://b:6800", "http://c:6800"])) == []


def test_a_pin_to_a_node_that_does_not_answer_is_not_taken() -> None:
    two = assign(SITES, ["http://a:6800", "http://b:6800"])
    three = assign(SITES, ["http://a:6800", "http://b:6800", "http://c:6800"])
    kept = keep_pins(two, three, ["http://a:6800", "http://b:6800"])  # c does not answer
    assert kept == two
    assert keep_pins(two, three, ["http://a:6800", "http://b:6800", "http://c:6800"]) == three
    new_site = keep_pins({}, {"fresh": "http://c:6800"}, ["http://a:6800"])  # no old pin: nowhere else to go
    assert new_site == {"fresh": "http://c:6800"}


def test_a_site_is_always_in_the_same_job_and_jobs_share_the_sites() -> None:
    assert [job_of(site, 2) for site in SITES] == [job_of(site, 2) for site in SITES]
    counts = Counter(job_of(site, 4) for site in SITES)
    assert sorted(counts) == [0, 1, 2, 3] and min(counts.values()) >= 50  # 75 each, give or take
    assert {job_of(site, 1) for site in SITES} == {0}


def test_node_specs() -> None:
    nodes = parse_nodes("http://a:6800#2, http://b:6800/ ,", 3)
    assert [(node.url, node.jobs) for node in nodes] == [("http://a:6800", 2), ("http://b:6800", 3)]
    for bad in ("a:6800", "ftp://a", "http://a:6800#0", "http://a:6800#x", "http://a#2,http://a#3", ""):
        with pytest.raises(ValueError):
            parse_nodes(bad, 1)


def test_a_shard_travels_as_a_sites_file() -> None:
    entries = [
        SiteEntry("news21", delay=2.5, sections=("m72mass272",)),
        SiteEntry("mypaper", cms="dadami", base_url="http://127.0.0.9:8000", brand='"내" 신문', skin="A"),
    ]
    skins = {"dadami": ["B", "A", "reference"], "ndsoft": ["atlview", "foundation"]}
    assert parse_sites_file(shard_toml(entries), list(PROFILES), skins) == entries


def test_a_runs_json_lines_are_imported_once_the_run_is_over() -> None:
    names = [
        "2026-12-01T05-00-00+00-00.jsonl", "2026-12-01T05-00-00+00-00.csv", "2026-12-01T05-00-00+00-00.report.json",
        "2026-12-01T06-00-00+00-00.jsonl",  # killed: no report, but a later run has one
        "2026-12-01T07-00-00+00-00.report.json",  # unchanged: a report, no items
        "2026-12-01T08-00-00+00-00.jsonl", "2026-12-01T08-00-00+00-00.csv",  # still going
    ]
    assert runs_over(names) == ("2026-12-01T07-00-00+00-00", names[0:1] + names[3:4], 1)
    assert runs_over(names[5:]) == ("", [], 1)


def _fleet(tmp_path: Path, nodes: list[str], *options: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "newscrawl.fleet", "--sites", str(tmp_path / "sites.toml"), "--nodes", ",".join(nodes),
        "--pins", str(tmp_path / "pins.json"), "--dashboard", str(tmp_path / "fleet"), "--setting", "AUTOTHROTTLE_ENABLED=False",
        *options,
    ]
    return subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600)


def _jobs(node: str) -> dict:
    return scrapyd_api(f"{node}/listjobs.json?project=newscrawl")


def _wait_for_jobs(nodes: list[str], finished: int) -> None:
    """Wait until each node has finished ``finished`` sites jobs and has none pending or running
    (a job between Scrapyd's queue and its process is in neither list: counting the finished
    ones does not mistake that moment for the end)."""
    deadline = time.monotonic() + 600
    while True:
        jobs = [_jobs(node) for node in nodes]
        done = [sum(job.get("spider") == "sites" for job in listed["finished"]) for listed in jobs]
        if all(count >= finished and not listed["pending"] and not listed["running"] for count, listed in zip(done, jobs, strict=True)):
            return
        assert time.monotonic() < deadline, f"the nodes' jobs did not finish in time: {jobs}"
        time.sleep(0.5)


def test_help_renders_whole() -> None:
    done = subprocess.run([sys.executable, "-m", "newscrawl.fleet", "--help"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "Sites spread over Scrapyd nodes, each node's sites in as many jobs as it runs at once:" in text
    assert "--nodes http://a:6800#2,http://b:6800#2" in text and "`" not in done.stdout
    assert "--archive URL then import into this archive" in text


def test_two_nodes_of_two_jobs_each_run_their_own_sites_and_one_dashboard_lists_all(tmp_path: Path) -> None:
    with ExitStack() as stack:
        nodes = [stack.enter_context(scrapyd_server(tmp_path / f"node{number}", max_proc=2)) for number in (1, 2)]
        # For each node, sites in both of its jobs: names chosen by where they hash (the ports are the system's).
        candidates = assign((f"outlet{number}" for number in range(80)), nodes)
        names = []
        for node in nodes:
            mine = [name for name, pin in candidates.items() if pin == node]
            names += [name for job in (0, 1) for name in [n for n in mine if job_of(n, 2) == job][:2 - job]]
        sites = _sites_file(stack, tmp_path, names, 10, delay=1.5)
        pins = assign(sites, nodes)
        specs = [f"{node}#2" for node in nodes]

        first = _fleet(tmp_path, specs)
        assert first.returncode == 0, first.stderr[-3000:] + first.stdout
        for node in nodes:
            assert re.search(rf"^{re.escape(node)}: deployed newscrawl version \d+_\w+", first.stdout, re.M), first.stdout
            for job in (1, 2):
                wanted = sorted(name for name in sites if pins[name] == node and job_of(name, 2) == job - 1)
                line = re.search(rf"^{re.escape(node)} job {job}/2: scheduled (fleet{job}of2-\S+) for {len(wanted)} sites: (.+)$", first.stdout, re.M)
                assert line and sorted(line[2].split(", ")) == wanted, first.stdout
        second = _fleet(tmp_path, specs)  # the jobs are still pending or running (20 s a site): nothing new
        assert second.returncode == 0 and ": scheduled" not in second.stdout, second.stdout
        assert second.stdout.count("still running; nothing scheduled") + second.stdout.count("still pending; nothing scheduled") == 4
        deployed = re.findall(r"deployed newscrawl version (\S+)", first.stdout)
        assert re.findall(r"runs newscrawl version (\S+) \(deployed before", second.stdout) == deployed  # said, not deployed again
        _wait_for_jobs(nodes, 2)
        for node in nodes:
            finished = _jobs(node)["finished"]
            assert sorted(job["id"].split("-")[0] for job in finished) == ["fleet1of2", "fleet2of2"]
        for name, site in sites.items():
            assert site.requests, name
            for number, node in enumerate(nodes, 1):
                ran_here = (tmp_path / f"node{number}" / "items" / "newscrawl" / "sites" / name).is_dir()
                assert ran_here == (pins[name] == node), (name, node)
        page, lines, read = gather(nodes, {}, pins, tmp_path / "fleet", datetime.now(UTC), 60)
        fleet = json.loads((tmp_path / "fleet" / "fleet.json").read_text(encoding="utf-8"))
    assert read and lines == []
    assert sorted((row["site"], row["node"], row["status"]) for row in fleet["sites"]) == sorted(
        (name, pins[name], "OK") for name in sites
    )
    assert all(row["exported"] == [6] for row in fleet["sites"])  # the replica's first six articles
    assert fleet["totals"] == {"sites": 6, "ok": 6, "failed": 0, "stale": 0, "unreachable": 0, "articles_today": 36}
    html = page.read_text(encoding="utf-8")
    assert html.count('<tr class="site-row OK"') == 6
    for name in sites:  # each row names its node, and links to its files on that node
        row = re.search(rf'<tr [^>]*data-site="{name}".*?</tr>', html, re.S)
        assert row and f'<td class="node">{pins[name]}</td>' in row[0]
        assert f'href="{pins[name]}/items/newscrawl/sites/{name}/' in row[0]


def _sites_on(stack: ExitStack, tmp_path: Path, nodes: list[str], first_host: int) -> dict[str, ReplicaServer]:
    """Two sites pinned to each node (names chosen by where they hash), each a replica of six
    articles on its own address from 127.0.0.``first_host`` on, written to ``sites.toml``."""
    candidates = assign((f"outlet{number}" for number in range(40)), nodes)
    names = [name for node in nodes for name in [n for n, pin in candidates.items() if pin == node][:2]]
    return _sites_file(stack, tmp_path, names, first_host, delay=0.1)


def _sites_file(stack: ExitStack, tmp_path: Path, names: list[str], first_host: int, delay: float) -> dict[str, ReplicaServer]:
    """A replica of six articles for each name, on its own address from 127.0.0.``first_host``
    on, and ``sites.toml`` listing them with ``delay``."""
    sites = {}
    for number, name in enumerate(names):
        site = stack.enter_context(ReplicaServer(host=f"127.0.0.{first_host + number}"))
        site.articles[:] = site.articles[:6]
        sites[name] = site
    (tmp_path / "sites.toml").write_text(shard_toml(
        SiteEntry(name, cms="dadami", base_url=site.base_url, delay=delay) for name, site in sites.items()
    ), encoding="utf-8")
    return sites


def _imports(stdout: str, node: str) -> tuple[int, int, int]:
    """The figures of a node's import line: files imported, articles, files already imported."""
    line = re.search(rf"^{re.escape(node)}: into \S+: (\d+) files imported \((\d+) articles\), (\d+) already imported", stdout, re.M)
    assert line, stdout
    return int(line[1]), int(line[2]), int(line[3])


def test_the_fleet_imports_every_nodes_json_lines_into_one_archive_once(tmp_path: Path) -> None:
    archive = tmp_path / "fleet.sqlite3"
    option = ("--archive", f"sqlite:///{archive}")
    with ExitStack() as stack:
        nodes = [stack.enter_context(scrapyd_server(tmp_path / f"node{number}")) for number in (1, 2)]
        sites = _sites_on(stack, tmp_path, nodes, 30)
        pins = assign(sites, nodes)
        runs = []  # each fleet run schedules the next job of each node, then imports what the finished ones wrote
        for round_ in (1, 2, 3):
            runs.append(_fleet(tmp_path, nodes, *option))
            assert runs[-1].returncode == 0, runs[-1].stderr[-3000:] + runs[-1].stdout
            _wait_for_jobs(nodes, round_)
            if round_ == 2:
                before = content(archive)
        files = {node: sorted((tmp_path / f"node{number}" / "items").rglob("*.jsonl")) for number, node in enumerate(nodes, 1)}
        broken = files[nodes[0]][0]
        broken.write_text("not a line of JSON\n" + broken.read_text(encoding="utf-8"), encoding="utf-8")
        marked = import_items(f"sqlite:///{archive}", nodes, tmp_path / "fleet-imports.json")  # the marks the fleet kept
        unmarked = import_items(f"sqlite:///{archive}", nodes, tmp_path / "elsewhere" / "fleet-imports.json")  # every file read
    expected = sorted((name, str(article.idx)) for name, site in sites.items() for article in site.articles)
    assert sorted(rows(archive, "SELECT site, article_id FROM articles")) == expected  # each article once, keyed (site, id)
    assert rows(archive, "SELECT count(*) FROM versions") == [(len(expected),)]
    for node in nodes:
        mine = [name for name in sites if pins[name] == node]
        assert len(files[node]) == len(mine)  # the first run of each site wrote its file; the unchanged later ones none
        first, second, third = (_imports(run.stdout, node) for run in runs)
        assert (first[0] + second[0], first[1] + second[1]) == (len(mine), 6 * len(mine))  # imported once its run was over
        assert third == (0, 0, len(mine))  # the third fleet run imports nothing new
    assert sorted(rows(archive, "SELECT site FROM runs WHERE node = 'import'")) == sorted((name,) for name in sites)
    assert content(archive) == before  # nor does it change anything
    # What the fleet marked as imported is not read again; without the marks every file is, and
    # one that is not JSON Lines of articles fails its node (the fleet's exit status 1).
    into = f"into sqlite:///{archive}"
    assert marked == ([f"{node}: {into}: 0 files imported (0 articles), 2 already imported" for node in nodes], True)
    url = f"{nodes[0]}/items/newscrawl/sites/{broken.parent.name}/{quote(broken.name)}"
    assert unmarked == ([f"{nodes[0]}: its items cannot be imported {into}: {url}:1: not a JSON line (Expecting value: line 1 column 1 (char 0))",
                         f"{nodes[1]}: {into}: 0 files imported (0 articles), 2 already imported"], False)
    assert content(archive) == before


def test_two_nodes_share_one_postgresql_archive(tmp_path: Path) -> None:
    with postgres_server() as server, ExitStack() as stack:
        url = postgres_database(server, "fleet")
        nodes = [stack.enter_context(scrapyd_server(tmp_path / f"node{number}")) for number in (1, 2)]
        sites = _sites_on(stack, tmp_path, nodes, 40)
        pins = assign(sites, nodes)
        done = _fleet(tmp_path, nodes, "--setting", f"NEWSCRAWL_ARCHIVE={url}")
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout
        _wait_for_jobs(nodes, 1)
        with psycopg.connect(url) as connection:
            articles = connection.execute("SELECT site, article_id, versions FROM articles").fetchall()
            runs = connection.execute("SELECT site, node, verdict, exported, outputs FROM runs").fetchall()
    assert sorted(articles) == sorted((name, str(article.idx), 1) for name, site in sites.items() for article in site.articles)
    assert sorted(run[:4] for run in runs) == sorted((name, pins[name], "OK", 6) for name in sites)
    for site, _, _, _, outputs in runs:  # each site's run on its own node: its feeds in that node's items folder
        node = (tmp_path / f"node{nodes.index(pins[site]) + 1}" / "items" / "newscrawl" / "sites" / site).resolve()
        assert {Path(output["path"]).parent for output in json.loads(outputs)} == {node}


def test_an_unreachable_nodes_sites_stay_on_the_page_marked_since_when(tmp_path: Path) -> None:
    earlier = datetime.now(UTC) - timedelta(minutes=30)
    row = {
        "site": "outlet1", "status": "OK", "node": DEAD[0], "finished_at": earlier.isoformat(), "schedule_minutes": 60,
        "articles_per_day": [{"day": earlier.date().isoformat(), "articles": 4}], "exported": [4], "coverage": [],
        "coverage_run": None, "skins": {}, "metadata_pages": 0, "pages_rejected": {}, "failures": [], "failing_since": None,
        "failed_runs": 0, "links": {"report": f"{DEAD[0]}/items/newscrawl/sites/outlet1/r.report.json"},
    }
    (tmp_path / "fleet").mkdir()
    (tmp_path / "fleet" / "fleet.json").write_text(json.dumps({"sites": [row]}), encoding="utf-8")
    pins = {"outlet1": DEAD[0]}
    first = datetime.now(UTC)
    gather(DEAD[:1], {DEAD[0]: "does not answer (refused)"}, pins, tmp_path / "fleet", first, 60)
    later = first + timedelta(hours=1)
    page, lines, read = gather(DEAD[:1], {DEAD[0]: "does not answer (refused)"}, pins, tmp_path / "fleet", later, 60)
    fleet = json.loads((tmp_path / "fleet" / "fleet.json").read_text(encoding="utf-8"))
    assert not read and lines == []  # the command said it already, when the node did not answer
    [kept] = fleet["sites"]
    assert kept["site"] == "outlet1" and kept["unreachable_since"] == first.isoformat(timespec="seconds")  # the first time
    assert fleet["totals"]["unreachable"] == 1
    html = page.read_text(encoding="utf-8")
    assert 'class="site-row OK stale unreachable"' in html and "node unreachable since" in html


def test_nodes_that_do_not_answer_are_reported_and_their_sites_not_run_elsewhere(tmp_path: Path) -> None:
    with ReplicaServer(host="127.0.0.20") as site:
        site.articles[:] = site.articles[:4]
        (tmp_path / "sites.toml").write_text(shard_toml(
            SiteEntry(f"outlet{number}", cms="dadami", base_url=site.base_url) for number in range(6)
        ), encoding="utf-8")
        result = _fleet(tmp_path, DEAD)
    assert result.returncode == 1
    assert result.stdout.count("does not answer") == 2 and "its sites are not run: outlet" in result.stdout
    assert not site.requests


def test_a_new_node_that_does_not_answer_takes_no_site(tmp_path: Path) -> None:
    with ExitStack() as stack:
        live = stack.enter_context(scrapyd_server(tmp_path / "node"))
        sites = [f"outlet{number}" for number in range(12)]
        site = stack.enter_context(ReplicaServer(host="127.0.0.21"))
        site.articles[:] = site.articles[:2]
        (tmp_path / "sites.toml").write_text(shard_toml(
            SiteEntry(name, cms="dadami", base_url=site.base_url, delay=0.2) for name in sites
        ), encoding="utf-8")
        (tmp_path / "pins.json").write_text(json.dumps({name: live for name in sites}), encoding="utf-8")
        result = _fleet(tmp_path, [live, DEAD[0]])
        _wait_for_jobs([live], 1)
    would_move = sorted(name for name, node in assign(sites, [live, DEAD[0]]).items() if node == DEAD[0])
    assert would_move  # some sites now hash to the new node
    assert result.returncode == 1, result.stdout
    assert sorted(re.findall(rf"^(outlet\d+): stays on {re.escape(live)}", result.stdout, re.M)) == would_move
    assert "moves from" not in result.stdout
    assert json.loads((tmp_path / "pins.json").read_text(encoding="utf-8")) == {name: live for name in sites}
    assert re.search(rf"^{re.escape(live)} job 1/1: scheduled fleet1of1-\S+ for 12 sites", result.stdout, re.M), result.stdout


def test_the_cron_line_runs_on_a_fresh_checkout_and_says_when_a_node_fails(tmp_path: Path) -> None:
    [line] = [line for line in (PROJECT_DIR / "deploy" / "newscrawl-fleet.cron").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    checkout = tmp_path / "checkout"  # no logs/ folder, as a fresh clone
    checkout.mkdir()
    (checkout / "sites.toml").write_text('[[site]]\nname = "news21"\n', encoding="utf-8")
    command = line.split(None, 5)[5].replace("/srv/newscrawl", str(checkout))
    command = command.replace(".venv/bin/python", f"PYTHONPATH={PROJECT_DIR} {sys.executable}")
    command = command.replace("http://crawl1:6800#2,http://crawl2:6800#2", ",".join(DEAD))
    command = command.replace("logger -t newscrawl", f"cat > {tmp_path / 'syslog'}")  # what would go to syslog
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"})
    assert done.returncode == 0, done.stderr  # cron has nothing to mail: the failure went to syslog
    log = (checkout / "logs" / "fleet.log").read_text(encoding="utf-8")
    assert log.count("does not answer") == 2 and "its sites are not run: news21" in log
    syslog = (tmp_path / "syslog").read_text(encoding="utf-8")
    assert "exit status 1" in syslog and f"see {checkout}/logs/fleet.log" in syslog
