"""``python -m benchmarks.sites``: many sites in one process, each at one request a second.

Serves N replica sites (default 200) on distinct loopback addresses (127.0.0.2, 127.0.0.3, …:
each a host of its own, as real sites are), crawls them all with one ``scrapy crawl sites``
process with a delay of one second per site, and prints: the process's peak memory and CPU
time per page, the smallest gap between two requests to one site (never under the delay) as
the crawler sent them and as the replicas received them (those times carry the jitter of 200
servers' threads), the throughput against the polite
ceiling (N sites × one page a second, over the time the sites were being crawled), and the
lines the run logs at INFO, then those of a second run over the unchanged sites (an hourly run).
Exits non-zero when a target is missed; ``--json PATH`` writes the figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from newscrawl.pace import MIN_GAP_STAT
from tests.replica.server import ReplicaServer

PROJECT_DIR = Path(__file__).resolve().parent.parent
DELAY = 1.0
TARGET_RSS_MB = 500
TARGET_CEILING_SHARE = 0.9
TARGET_LOG_LINES_PER_SITE = 2
"""An unchanged run logs under 2 lines a site at INFO after the process's start (Scrapy's
versions, components and settings, once: about 100 lines), so 200 sites under 400 lines."""
_SETUP_END = "[scrapy.middleware] INFO: Enabled item pipelines:"
ARTICLES_PER_SITE = 8
"""Articles of each replica site: with its home, robots.txt and list pages, about 13 requests."""


def run(count: int, workdir: Path) -> dict[str, Any]:
    """Serve ``count`` sites, crawl them in one process, and return the figures."""
    with ExitStack() as stack:
        sites = []
        for number in range(count):
            site = stack.enter_context(ReplicaServer(host=f"127.0.{2 + number // 250}.{2 + number % 250}"))
            site.articles[:] = site.articles[:ARTICLES_PER_SITE]
            sites.append(site)
        entries = "".join(
            f'[[site]]\nname = "site{number}"\ncms = "dadami"\nbase_url = "{site.base_url}"\ndelay = {DELAY}\n\n'
            for number, site in enumerate(sites)
        )
        (workdir / "sites.toml").write_text(entries, encoding="utf-8")
        peak = workdir / "peak"
        command = [
            sys.executable, "-m", "benchmarks.peak_memory", str(peak), "scrapy", "crawl", "sites", "-a", "file=sites.toml",
            "-s", "AUTOTHROTTLE_ENABLED=False",  # the default log level: INFO
        ]
        env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR), "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times = [list(site.request_times) for site in sites]
        unchanged = subprocess.run([sys.executable, "-m", *command[4:]], cwd=workdir, env=env, capture_output=True, text=True)
    for run in (done, unchanged):
        if run.returncode != 0:
            raise SystemExit(f"the sites run failed (exit status {run.returncode}):\n{run.stderr[-3000:]}")
    pages = sum(len(site_times) for site_times in times)
    first, last = min(t[0] for t in times), max(t[-1] for t in times)
    gaps = [later - earlier for site_times in times for earlier, later in itertools.pairwise(site_times)]
    sent_gaps = [_first_run_stats(workdir, f"site{number}")[MIN_GAP_STAT] for number in range(count)]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # Each site's polite ceiling: one request at its start, then one a delay: over the time the
    # sites were crawled, ``count`` sites can make at most this many requests.
    ceiling = count * ((last - first) / DELAY + 1)
    return {
        "sites": count,
        "pages": pages,
        "elapsed_s": round(elapsed, 1),
        "crawling_s": round(last - first, 1),
        "rss_mb": float(peak.read_text(encoding="ascii")),
        "cpu_ms_per_page": round(cpu / pages * 1000, 2),
        "min_gap_sent_s": round(min(sent_gaps) / 1000, 3),
        "min_gap_received_s": round(min(gaps), 3),
        "ceiling_share": round(pages / ceiling, 3),
        "log_lines": len(done.stderr.splitlines()),
        "log_lines_unchanged": len(unchanged.stderr.splitlines()),
        "log_lines_a_site": round(_lines_after_setup(unchanged.stderr) / count, 2),
    }


def _lines_after_setup(log: str) -> int:
    """The lines a run logged after its start: after Scrapy's list of item pipelines, the last
    of the lines about the process's setup, and its continuation lines."""
    lines = log.splitlines()
    start = max(index for index, line in enumerate(lines) if _SETUP_END in line) + 1
    while start < len(lines) and lines[start].startswith((" ", "[", "]")):
        start += 1
    return len(lines) - start


def _first_run_stats(workdir: Path, name: str) -> dict[str, Any]:
    """A site's stats of the first run, from its stats history (the oldest of the two runs;
    a sites run does not dump each site's stats into its log)."""
    history = pickle.loads((workdir / ".newscrawl" / f"{name}_stats_history").read_bytes())
    return dict(history[-1])


def main() -> None:
    """Run, print the figures and the targets; exit 1 when one is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = run(options.sites, Path(folder))
    for name, value in figures.items():
        print(f"{name:<22}{value:>12}")
    targets = {
        f"peak memory < {TARGET_RSS_MB} MB: {figures['rss_mb']:.0f} MB": figures["rss_mb"] < TARGET_RSS_MB,
        f"no gap under the {DELAY:g} s delay: smallest {figures['min_gap_sent_s']} s as sent": figures["min_gap_sent_s"] >= DELAY,
        f"throughput >= {TARGET_CEILING_SHARE} x the polite ceiling: {figures['ceiling_share']} x": figures["ceiling_share"] >= TARGET_CEILING_SHARE,
        f"an unchanged run logs < {TARGET_LOG_LINES_PER_SITE} lines a site after its start: {figures['log_lines_a_site']} "
        f"({figures['log_lines_unchanged']} lines in all for {figures['sites']} sites)": figures["log_lines_a_site"] < TARGET_LOG_LINES_PER_SITE,
    }
    print("\ntargets:")
    for line, met in targets.items():
        print(f"  [{'met' if met else 'MISSED'}] {line}")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    raise SystemExit(0 if all(targets.values()) else 1)


if __name__ == "__main__":
    main()
