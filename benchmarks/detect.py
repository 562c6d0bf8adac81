"""``python -m benchmarks.detect``: ``scrapy detect`` on N replica home pages of mixed families.

Serves N sites (default 200) on distinct loopback addresses (127.0.0.2, 127.0.0.3, …), each a
home page of one kind: the replicas' own homes (the ``view.php?idx=`` replica, the ND소프트
replica in its skins, the 미디어온 replica) and the homes of ``tests/replica/homes.py`` (ND소프트, 미디어온 old, new and
custom skins, 다다미디어, Inswave, dkbsoft, ncode, gnuboard, WordPress, frameset homes whose
main frame is an ND소프트 home, and homes of no family with editor classes). Runs one
``scrapy detect --json`` over all the addresses, and prints the accuracy (the family named
against each home's known family, "" for none), the wall time per address, the CPU time of the
process per address and the recogniser's own CPU time per page. Exits non-zero when the
accuracy is under the target; ``--json PATH`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from newscrawl.cms.recognised import RECOGNISED
from newscrawl.extract.recognise import recognise
from tests.replica import homes, mediaon, ndsoft, render
from tests.replica.articles import ARTICLES
from tests.replica.server import NOT_FOUND, Page, ReplicaServer

PROJECT_DIR = Path(__file__).resolve().parent.parent
TARGET_ACCURACY = 0.99
Pages = Callable[[list, str, dict, str], Page]


def _home_site(body: bytes, frame: bytes = b"") -> Pages:
    def pages(articles: list, path: str, query: dict, skin: str) -> Page:
        if path == "/":
            return Page(body)
        if path == "/main.php" and frame:
            return Page(frame)
        return NOT_FOUND

    return pages


def sites(count: int) -> list[tuple[str, bytes, bytes, str]]:
    """``count`` homes: (kind, home page, main frame or b"", the family a verdict must name)."""
    replica_homes = [("dadami replica", render.home_page(ARTICLES).encode(), b"", "dadami")]
    replica_homes += [(f"ndsoft replica {skin}", ndsoft.page(ndsoft.ARTICLES, "/", {}, skin).body, b"", "ndsoft") for skin in ndsoft.SKINS]
    replica_homes.append(("mediaon replica", mediaon.page(mediaon.ARTICLES, "/", {}, "").body, b"", "mediaon"))
    chosen = []
    kinds = list(homes.FAMILIES)
    for number in range(count):
        if number % 10 == 0:
            chosen.append(replica_homes[(number // 10) % len(replica_homes)])
            continue
        kind = kinds[number % len(kinds)]
        if kind == "frameset":
            chosen.append((kind, homes.home(kind, number), homes.home("ndsoft", number), "ndsoft"))
        else:
            chosen.append((kind, homes.home(kind, number), b"", homes.FAMILIES[kind]))
    return chosen


def run(count: int) -> dict[str, Any]:
    """Serve ``count`` homes, detect them in one process, and return the figures."""
    chosen = sites(count)
    servers = [ReplicaServer(host=f"127.0.{2 + number // 250}.{2 + number % 250}", pages=_home_site(home, frame)) for number, (_, home, frame, _) in enumerate(chosen)]
    for server in servers:
        server.__enter__()
    try:
        command = [sys.executable, "-m", "scrapy", "detect", "--json", *(server.base_url for server in servers)]
        env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        done = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        requests = sum(len(server.requests) for server in servers)
    finally:
        # Each server's shutdown waits for its poll (half a second): all at once, not in turn.
        with ThreadPoolExecutor(max_workers=len(servers)) as pool:
            list(pool.map(lambda server: server.__exit__(), servers))
    if not done.stdout.strip():
        raise SystemExit(f"scrapy detect printed nothing (exit status {done.returncode}):\n{done.stderr[-3000:]}")
    found = {entry["address"]: entry for entry in json.loads(done.stdout)}
    mistakes = [
        f"{kind}: {found[server.base_url]['family'] or found[server.base_url]['error'] or 'unknown'} (expected {expected or 'unknown'})"
        for server, (kind, _, _, expected) in zip(servers, chosen, strict=True)
        if found[server.base_url]["family"] != expected
    ]
    started_cpu = time.process_time()
    for _, home, _, _ in chosen:
        recognise(home, "http://127.0.0.2/", RECOGNISED)
    recognise_ms = (time.process_time() - started_cpu) / count * 1000
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "addresses": count,
        "kinds": dict(Counter(kind.split(" ")[0] for kind, *_ in chosen)),
        "requests": requests,
        "accuracy": round(1 - len(mistakes) / count, 4),
        "mistakes": mistakes,
        "elapsed_s": round(elapsed, 2),
        "wall_ms_per_address": round(elapsed / count * 1000, 1),
        "cpu_ms_per_address": round(cpu / count * 1000, 1),
        "recognise_cpu_ms_per_page": round(recognise_ms, 2),
        "exit_status": done.returncode,
    }


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="home pages (default 200)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    figures = run(options.count)
    print(f"scrapy detect on {figures['addresses']} replica home pages ({', '.join(f'{k} {v}' for k, v in figures['kinds'].items())})")
    print(f"  accuracy: {figures['accuracy']:.1%} (target {TARGET_ACCURACY:.0%}); requests served: {figures['requests']}")
    for mistake in figures["mistakes"]:
        print(f"    wrong: {mistake}")
    print(f"  wall time: {figures['elapsed_s']} s, {figures['wall_ms_per_address']} ms per address (one process, startup included)")
    print(f"  CPU: {figures['cpu_ms_per_address']} ms per address; the recogniser alone {figures['recognise_cpu_ms_per_page']} ms per page")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    if figures["accuracy"] < TARGET_ACCURACY:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
