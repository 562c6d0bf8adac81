"""``python -m benchmarks.fleet``: the 200-site run through two local Scrapyd nodes, with one
job per node and with two (a 2-CPU node running ``max_proc = 2``).

Serves N replica sites (default 200) on distinct loopback addresses, as ``benchmarks.sites``
does, starts two real Scrapyd nodes on 127.0.0.1 for each jobs-per-node figure, and runs
``python -m newscrawl.fleet --nodes URL#J,URL#J`` once (the project deployed to both nodes
first): it schedules each node's sites as J jobs. When every job has finished it prints, for each J: the pages fetched,
the time the sites were being crawled, the throughput against the polite ceiling (N sites × one
page a second over that time), the CPU time of the nodes and their crawls per page, and the
load average of the machine before and after (it is shared). Beside that ceiling share (over
the time from the first request to any site to the last), it prints how far apart the jobs'
first requests were and each site's own pace while it was crawled (a page a second: 1.0).
``--nodes``, ``--articles`` change the set-up; ``--json PATH`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.sites import ARTICLES_PER_SITE, DELAY, PROJECT_DIR
from tests.conftest import scrapyd_api, scrapyd_server
from tests.replica.server import ReplicaServer


def run(count: int, jobs: int, workdir: Path, nodes_count: int = 2, articles: int = ARTICLES_PER_SITE) -> dict[str, Any]:
    """Serve ``count`` sites of ``articles`` articles, crawl them through ``nodes_count`` nodes
    of ``jobs`` jobs each, and return the figures."""
    load_before = os.getloadavg()[0]
    with ExitStack() as stack:
        sites = []
        for number in range(count):
            site = stack.enter_context(ReplicaServer(host=f"127.0.{2 + number // 250}.{2 + number % 250}"))
            site.articles[:] = site.articles[:articles]
            sites.append(site)
        (workdir / "sites.toml").write_text("".join(
            f'[[site]]\nname = "site{number}"\ncms = "dadami"\nbase_url = "{site.base_url}"\ndelay = {DELAY}\n\n'
            for number, site in enumerate(sites)
        ), encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        nodes = [stack.enter_context(scrapyd_server(workdir / f"node{number}", max_proc=jobs)) for number in range(nodes_count)]
        for node in nodes:  # deployed first, so that the fleet schedules both nodes at once
            deploy = subprocess.run([str(Path(sys.executable).with_name("scrapyd-deploy")), "env"], cwd=PROJECT_DIR,
                                    env={**os.environ, "SCRAPYD_URL": node}, capture_output=True, text=True, timeout=300)
            if deploy.returncode != 0:
                raise SystemExit(f"deploying to {node} failed:\n{deploy.stderr[-2000:]}")
        command = [
            sys.executable, "-m", "newscrawl.fleet", "--sites", str(workdir / "sites.toml"),
            "--nodes", ",".join(f"{node}#{jobs}" for node in nodes), "--pins", str(workdir / "pins.json"),
            "--dashboard", str(workdir / "fleet"), "--setting", "AUTOTHROTTLE_ENABLED=False", "--setting", "LOG_LEVEL=INFO",
        ]
        fleet = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900)
        if "scheduled" not in fleet.stdout:
            raise SystemExit(f"the fleet scheduled nothing:\n{fleet.stdout}\n{fleet.stderr[-3000:]}")
        started = time.monotonic()
        while any(scrapyd_api(f"{node}/daemonstatus.json")[kind] for node in nodes for kind in ("pending", "running")):
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        finished = [job for node in nodes for job in scrapyd_api(f"{node}/listjobs.json?project=newscrawl")["finished"]]
        times = [site.request_times for site in sites]
        stack.close()  # the nodes stop: their CPU and their crawls' is counted once they are waited for
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pages = sum(len(site_times) for site_times in times)
    first, last = min(t[0] for t in times if t), max(t[-1] for t in times if t)
    # Each site's own pace while it was crawled (1.0: a page every DELAY from its first to its last).
    paces = [len(t) / ((t[-1] - t[0]) / DELAY + 1) for t in times if t]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "sites": count,
        "nodes": nodes_count,
        "jobs_per_node": jobs,
        "jobs_run": len(finished),
        "sites_crawled": sum(bool(site_times) for site_times in times),
        "pages": pages,
        "jobs_s": round(elapsed, 1),
        "crawling_s": round(last - first, 1),
        "first_requests_s": round(max(t[0] for t in times if t) - first, 1),
        "ceiling_share": round(pages / (count * ((last - first) / DELAY + 1)), 3),
        "site_pace_share": round(sum(paces) / len(paces), 3),
        "cpu_ms_per_page": round(cpu / pages * 1000, 2),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    """Run once per jobs-per-node figure and print the figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0].replace("``", ""))
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--jobs", default="1,2", help="jobs per node to compare, comma-separated (1,2)")
    parser.add_argument("--nodes", type=int, default=2, help="Scrapyd nodes (2)")
    parser.add_argument("--articles", type=int, default=ARTICLES_PER_SITE, help=f"articles per site ({ARTICLES_PER_SITE})")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    options = parser.parse_args()
    results = []
    for jobs in (int(value) for value in options.jobs.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            results.append(run(options.sites, jobs, Path(folder), options.nodes, options.articles))
    for name in results[0]:
        print(f"{name:<18}" + "".join(f"{result[name]:>12}" for result in results))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
