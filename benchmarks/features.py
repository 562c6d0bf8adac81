"""``python -m benchmarks.features``: what the crawl's optional features cost, against the
bare-Scrapy baseline, in one run.

On one replica (``--articles``, 2,000 by default), turn by turn ``--repetitions`` times: the
baseline spider, the crawl with the project's defaults, the crawl with one feature off (the
archive, the incremental state, the item-schema check), and with all three and spidermon off.
Prints, per configuration, the median pages per second, its ratio to the baseline's (the
figure of ``python -m benchmarks``), the CPU milliseconds per page of its ``scrapy`` process,
start-up included (steadier than the pace on a busy machine), and which features its runs
showed on (an archive and a state written, items counted by the schema check); ``--json
PATH`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.__main__ import Run, _baseline, _crawl
from benchmarks.site import BenchServer, BenchSite
from newscrawl import settings as project

_SCHEMA_CHECK = "newscrawl.pipelines.schema.SchemaValidationPipeline"
CONFIGURATIONS: dict[str, dict[str, str]] = {
    "defaults": {},
    "archive off": {"NEWSCRAWL_ARCHIVE": ""},
    "state off": {"NEWSCRAWL_STATE_ENABLED": "False"},
    "schema check off": {"ITEM_PIPELINES": json.dumps({path: order for path, order in project.ITEM_PIPELINES.items() if path != _SCHEMA_CHECK})},
    "all three and spidermon off": {"NEWSCRAWL_ARCHIVE": "", "NEWSCRAWL_STATE_ENABLED": "False", "SPIDERMON_ENABLED": "False"},
}
"""The crawl's settings besides the project's, by configuration."""


@dataclass
class Figures:
    """One configuration's medians, and what its runs show of the features it had on."""

    pages_per_s: float
    cpu_ms_per_page: float
    archived: bool = False
    """Whether its crawls wrote an archive (``archive.sqlite3`` in their state folder)."""
    remembered: bool = False
    """Whether its crawls kept an incremental state (``state.sqlite3``)."""
    schema_checked: bool = False
    """Whether its crawls counted items under spidermon's validation stats."""


def _timed(run: Callable[..., Run], *arguments: Any) -> tuple[Run, float, float]:
    """One ``scrapy`` process (``run(*arguments)``): its run, pages per second and CPU
    milliseconds per page."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run(*arguments)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    pages = done.stats.get("downloader/response_count", 0)
    return done, done.per_second("downloader/response_count"), cpu * 1000 / max(pages, 1)


def measure(articles: int, repetitions: int) -> dict[str, Figures]:
    """The baseline's figures and each configuration's, by name."""
    site = BenchSite(articles)
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], **{name: [] for name in CONFIGURATIONS}}
    figures: dict[str, Figures] = {"baseline": Figures(0, 0)}
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as temporary, BenchServer(site) as server:
        work = Path(temporary)
        urls = site.urls(server.base_url)
        for number in range(repetitions):
            runs["baseline"].append(_timed(_baseline, urls, work, f"baseline{number}")[1:])
            for index, (name, settings) in enumerate(CONFIGURATIONS.items()):
                label, state = f"crawl{number}-{index}", work / f"crawl{number}-{index}-state"
                done, pace, cpu = _timed(_crawl, server.base_url, work, label, state, settings)
                runs[name].append((pace, cpu))
                evidence = {"archived": (state / "archive.sqlite3").exists(), "remembered": (state / "state.sqlite3").exists(),
                            "schema_checked": "spidermon/validation/items" in done.stats}
                figures[name] = Figures(0, 0, **evidence)
    for name, measured in runs.items():
        figures[name].pages_per_s = statistics.median(pace for pace, _ in measured)
        figures[name].cpu_ms_per_page = statistics.median(cpu for _, cpu in measured)
    return figures


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.features", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2_000, help="articles in the replica (default 2000)")
    parser.add_argument("--repetitions", type=int, default=3, help="runs of each configuration (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    options = parser.parse_args()
    figures = measure(options.articles, options.repetitions)
    baseline = figures["baseline"].pages_per_s
    print(f"{options.articles} articles, {options.repetitions} repetitions")
    print(f"{'configuration':<30} {'pages/s':>8} {'x baseline':>11} {'CPU ms/page':>12}  on")
    for name, measured in figures.items():
        on = ", ".join(feature for feature in ("archived", "remembered", "schema_checked") if getattr(measured, feature))
        print(f"{name:<30} {measured.pages_per_s:>8.1f} {measured.pages_per_s / baseline:>11.2f} {measured.cpu_ms_per_page:>12.2f}  {on}")
    if options.json:
        options.json.write_text(json.dumps({name: asdict(measured) for name, measured in figures.items()}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
