"""``python -m benchmarks.archive``: what the archive costs and how its search performs.

In one run: the same crawl of a generated replica with the archive on and off, alternately
(``crawl_ratio``: pages per second on / off, and ``cpu_ratio``: CPU per page off / on, targets
≥ 0.9; and ``archive_ms_per_article``, the CPU of writing one crawl's items into an archive
as it does); N synthetic Korean articles
(:mod:`benchmarks.korean_corpus`, 100,000 by default) imported into a SQLite archive and into a
PostgreSQL one (a temporary server, where Debian's ``postgresql`` is installed): import time,
archive and index size against the raw text (index target ≤ 1.5×), search latency p95 for two-,
three- and four-syllable words and two-word queries (target ≤ 50 ms on SQLite), and the oracle:
every query's results equal a plain substring scan of the same articles. Prints a table;
``--json PATH`` writes the figures; ``--crawl-only`` runs the crawls alone (a few minutes);
exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.korean_corpus import articles
from benchmarks.site import BenchServer, BenchSite
from newscrawl.archive.importer import import_file, parse_items
from newscrawl.archive.store import Archive, Filters
from newscrawl.extensions.archive import BATCH
from tests.archive_helpers import oracle_phrases, plain, postgres_database, postgres_server

PROJECT_DIR = Path(__file__).resolve().parent.parent
QUERIES = {
    "2 syllables": ["대구", "부산", "국회", "화재", "서울", "경북", "포항", "예산", "주민", "세종", "속초", "고령"],
    "3 syllables": ["대구시", "부산시", "서대구", "동대구", "서귀포", "국회의", "반도체", "전기차", "재개발", "산업단"],
    "4 syllables": ["국회의원", "대구광역", "산업단지", "스마트시", "마트시티", "일자리를", "대구시는", "전기차를"],
    "two words": ["대구 화재", "부산 예산", "국회의원 선거", "포항 반도체", "서울 물가", "대구 스마트시티", "세종 청년", "경북 관광"],
}
"""Searches timed, by kind; the oracle checks each of them, and the quoted phrases below."""
PHRASES = ['"대구 스마트시티"', '"국회의원 선거"', '"부산 예산"']
_UNTHROTTLED = ["-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "DOWNLOAD_DELAY=0",
                "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=False", "-s", "LOG_LEVEL=INFO"]


def _crawl(base_url: str, work: Path, name: str, archive: bool) -> tuple[float, float]:
    """Pages per second of one crawl of the replica, with the archive on (SQLite, in its state
    folder) or off, and the crawl's CPU milliseconds per page (less swayed by a busy machine)."""
    state = work / f"{name}-state"
    arguments = ["crawl", "news21", "-a", f"base_url={base_url}", "-O", str(work / f"{name}.jsonl"),
                 "-s", f"NEWSCRAWL_STATE_DIR={state}", "-s", f"NEWSCRAWL_REPORT_DIR={work}", *_UNTHROTTLED]
    if not archive:
        arguments += ["-s", "NEWSCRAWL_ARCHIVE="]
    log = work / f"{name}.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w") as output:
        subprocess.run([sys.executable, "-m", "scrapy", *arguments], cwd=PROJECT_DIR, stdout=output, stderr=output, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    stats = {key: float(value) for key, value in re.findall(r"'([\w/.]+)': (\d+(?:\.\d+)?)", log.read_text(encoding="utf-8"))}
    if "elapsed_time_seconds" not in stats or (archive != (state / "archive.sqlite3").exists()):
        raise SystemExit(f"the crawl {name} failed; see {log}")
    pages = stats.get("response_received_count", 0)
    return pages / stats["elapsed_time_seconds"], cpu * 1000 / max(pages, 1)


def crawl_ratio(count: int, repetitions: int, progress: Callable[[str], None]) -> dict[str, Any]:
    """The crawl's pace with the archive on against off, alternating runs on one replica."""
    with tempfile.TemporaryDirectory(prefix="newscrawl-archive-bench-") as folder, BenchServer(BenchSite(count)) as server:
        on, off = [], []
        for number in range(repetitions):
            progress(f"crawl {number + 1}/{repetitions}: archive off, then on ({count} articles)")
            off.append(_crawl(server.base_url, Path(folder), f"off{number}", archive=False))
            on.append(_crawl(server.base_url, Path(folder), f"on{number}", archive=True))
        writing = _archive_cpu(Path(folder) / "off0.jsonl", Path(folder) / "replayed.sqlite3")
    pace_on, pace_off = statistics.median(run[0] for run in on), statistics.median(run[0] for run in off)
    cpu_on, cpu_off = statistics.median(run[1] for run in on), statistics.median(run[1] for run in off)
    return {"crawl_articles": count, "pages_per_s_off": round(pace_off, 1), "pages_per_s_on": round(pace_on, 1),
            "crawl_ratio": round(pace_on / pace_off, 3), "cpu_ms_per_page_off": round(cpu_off, 2),
            "cpu_ms_per_page_on": round(cpu_on, 2), "cpu_ratio": round(cpu_off / cpu_on, 3),
            "archive_ms_per_article": round(writing, 3)}


def _archive_cpu(exported: Path, path: Path) -> float:
    """The CPU milliseconds per article of writing a crawl's exported items into a new SQLite
    archive as the crawl does (batches of :data:`~newscrawl.extensions.archive.BATCH`): the
    archive's own share of a page, apart from the crawl's swings on a busy machine."""
    items, _, _ = parse_items(exported.read_bytes(), str(exported))
    archive = Archive(f"sqlite:///{path}")
    run = archive.start_run("bench", "bench", "2026-01-01T00:00:00+00:00")
    start = time.process_time()
    for first in range(0, len(items), BATCH):
        archive.record_many(items[first : first + BATCH], run, "exported")
    spent = time.process_time() - start
    archive.close()
    return spent * 1000 / max(len(items), 1)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1)


def search_figures(archive: Archive, items: list[dict[str, Any]], rounds: int) -> dict[str, Any]:
    """Search latency p95 by kind (a page of 20, newest first), and the oracle check (all results)."""
    figures: dict[str, Any] = {}
    for kind, queries in QUERIES.items():
        timings = []
        for _ in range(rounds):
            for query in queries:
                start = time.perf_counter()
                archive.search(Filters(query=query, limit=20))
                timings.append(time.perf_counter() - start)
        figures[f"p95_ms {kind}"] = _p95(timings)
    mismatches = []
    checked = [query for queries in QUERIES.values() for query in queries] + PHRASES
    texts = [((item["site"], item["article_id"]), plain(item["title"]), plain(f"{item['subtitle']}\n{item['body']}")) for item in items]
    for query in checked:
        found = {(row.site, row.article_id) for row in archive.search(Filters(query=query))}
        phrases = oracle_phrases(query)
        expected = {key for key, title, text in texts if all(phrase in title or phrase in text for phrase in phrases)}
        if found != expected:
            mismatches.append(f"{query}: {len(found)} found, {len(expected)} expected")
    figures["oracle_queries"] = len(checked)
    figures["oracle_mismatches"] = mismatches
    return figures


def load(url: str, source: Path, items: list[dict[str, Any]], rounds: int, size: Callable[[Archive], tuple[int, int]]) -> dict[str, Any]:
    """Import ``source`` into the archive at ``url``; its size, search latency and oracle."""
    archive = Archive(url)
    start = time.perf_counter()
    import_file(archive, source)
    seconds = time.perf_counter() - start
    total, index = size(archive)
    text = sum(len((item["title"] + item["subtitle"] + item["body"]).encode("utf-8")) for item in items)
    figures = {"import_s": round(seconds, 1), "import_per_s": round(len(items) / seconds), "text_mb": round(text / 1e6, 1),
               "archive_mb": round(total / 1e6, 1), "index_mb": round(index / 1e6, 1), "index_to_text": round(index / text, 2)}
    figures.update(search_figures(archive, items, rounds))
    archive.close()
    return figures


def sqlite_size(path: Path) -> Callable[[Archive], tuple[int, int]]:
    """The file's size (checkpointed) and the full-text index's pages (``dbstat``)."""
    def size(_archive: Archive) -> tuple[int, int]:
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            index = connection.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'article_search%'").fetchone()[0]
        return path.stat().st_size, int(index)
    return size


def postgres_size(archive: Archive) -> tuple[int, int]:
    """The database's size and the full-text table's (with its GIN index and TOAST)."""
    with archive.engine.connect() as connection:
        total = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
        index = connection.exec_driver_sql("SELECT pg_total_relation_size('article_search')").scalar()
    return int(total or 0), int(index or 0)


def targets(figures: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """Each target, what was measured, and whether it is met."""
    crawl = figures["crawl"]
    found = [("crawl with the archive ≥ 0.9× without (pages/s)", str(crawl["crawl_ratio"]), crawl["crawl_ratio"] >= 0.9),
             ("crawl with the archive ≥ 0.9× without (CPU per page)", str(crawl["cpu_ratio"]), crawl["cpu_ratio"] >= 0.9)]
    if "sqlite" not in figures:
        return found
    sqlite = figures["sqlite"]
    found.append(("SQLite index ≤ 1.5× the text", str(sqlite["index_to_text"]), sqlite["index_to_text"] <= 1.5))
    found += [(f"SQLite search {kind} p95 ≤ 50 ms", str(sqlite[f"p95_ms {kind}"]), sqlite[f"p95_ms {kind}"] <= 50) for kind in QUERIES]
    for backend in ("sqlite", "postgresql"):
        if backend in figures and "oracle_mismatches" in figures[backend]:
            mismatches = figures[backend]["oracle_mismatches"]
            found.append((f"{backend} results = substring scan", f"{figures[backend]['oracle_queries'] - len(mismatches)}/{figures[backend]['oracle_queries']}", not mismatches))
    return found


def archive_figures(options: argparse.Namespace, progress: Callable[[str], None]) -> dict[str, Any]:
    """The synthetic articles imported into SQLite and PostgreSQL: sizes, search latency, oracle."""
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="newscrawl-archive-bench-") as folder:
        items = list(articles(options.articles))
        source = Path(folder) / "items.jsonl"
        source.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
        progress(f"SQLite: importing {len(items)} articles")
        path = Path(folder) / "archive.sqlite3"
        figures["sqlite"] = load(f"sqlite:///{path}", source, items, options.rounds, sqlite_size(path))
        count = len(items) if options.postgres_articles is None else options.postgres_articles
        if count and list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
            part = Path(folder) / "part.jsonl"
            part.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items[:count]), encoding="utf-8")
            progress(f"PostgreSQL: importing {count} articles")
            with postgres_server() as server:
                figures["postgresql"] = load(postgres_database(server, "bench"), part, items[:count], options.rounds, postgres_size)
        else:
            figures["postgresql"] = {"skipped": "Debian's postgresql package is not installed" if count else "--postgres-articles 0"}
    return figures


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.archive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles imported (default 100,000)")
    parser.add_argument("--postgres-articles", type=int, default=None, help="of them into PostgreSQL (default: all; 0 skips)")
    parser.add_argument("--crawl-articles", type=int, default=2000, help="articles of the crawled replica (default 2,000)")
    parser.add_argument("--repetitions", type=int, default=3, help="crawls with and without the archive (default 3 each)")
    parser.add_argument("--rounds", type=int, default=5, help="times each search is timed (default 5)")
    parser.add_argument("--crawl-only", action="store_true", help="only the crawls with and without the archive")
    parser.add_argument("--json", type=Path, help="write the figures here")
    options = parser.parse_args()

    def progress(line: str) -> None:
        print(f"… {line}", file=sys.stderr, flush=True)

    figures: dict[str, Any] = {"crawl": crawl_ratio(options.crawl_articles, options.repetitions, progress)}
    if not options.crawl_only:
        figures.update(archive_figures(options, progress))
    for section, values in figures.items():
        print(f"[{section}]")
        for name, value in values.items():
            print(f"  {name:24} {value}")
    met = targets(figures)
    print("\ntargets:")
    for name, value, ok in met:
        print(f"  {'met ' if ok else 'MISSED'}  {name}: {value}")
    if options.json:
        options.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    raise SystemExit(0 if all(ok for _, _, ok in met) else 1)


if __name__ == "__main__":
    main()
