"""A multi-site run (``scrapy crawl sites -a file=sites.toml``): one crawler per site in one
process, each with its own pace, state, outputs, report and verdict."""

from __future__ import annotations

import gc
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiderloader import SpiderLoaderProtocol

from newscrawl.cms.families import FAMILIES
from newscrawl.cms.model import Site, SiteProfile
from newscrawl.cms.spider import CmsSpider, spider_classes
from newscrawl.extensions.feeds import local_path
from newscrawl.sites_file import SiteEntry, parse_sites_file

SITES_SPIDER = "sites"
"""The spider name that ``scrapy crawl`` takes for a multi-site run."""


def read_sites_file(text: str, loader: SpiderLoaderProtocol) -> list[SiteEntry]:
    """The entries of a sites file, checked against the known sites and the families' skins."""
    skins = {name: [skin.name for skin in family.cms.skins] for name, family in FAMILIES.items()}
    return parse_sites_file(text, loader.list(), skins)


def site_spider(entry: SiteEntry, loader: SpiderLoaderProtocol) -> tuple[type[CmsSpider], dict[str, str]]:
    """The spider class of an entry (a known site's, or one made for a new site) with the
    entry's delay, and the spider arguments of its crawl."""
    if entry.name in loader.list():
        base = cast(type[CmsSpider], loader.load(entry.name))  # every listed site's spider is one
    else:
        family = FAMILIES[entry.cms]
        profile = SiteProfile(Site(entry.name, entry.base_url, entry.brand, skin=entry.skin), family.cms)
        base = spider_classes({entry.name: profile}, family.spider, __name__)[entry.name]
    pace = {"DOWNLOAD_DELAY": entry.delay} if entry.delay is not None else {}
    spider_class = type(base.__name__, (base,), {"custom_settings": {**(base.custom_settings or {}), **pace}, "__module__": __name__})
    arguments = {"base_url": entry.base_url} if entry.base_url else {}
    if entry.sections:
        arguments["sections"] = ",".join(entry.sections)
    return spider_class, arguments


def output_root(feeds: Mapping[str, Any], report_dir: str) -> Path:
    """Where a sites run writes ``<site>/<time>.jsonl|csv``, the reports and the dashboard:
    beside the one local feed a job server names (Scrapyd's ``items_dir``, which it serves
    over HTTP), else ``NEWSCRAWL_REPORT_DIR``. One file cannot hold every site's items."""
    path = local_path(str(next(iter(feeds)))) if len(feeds) == 1 else None
    return path.parent if path is not None else Path(report_dir)


def site_feeds(root: Path) -> dict[str, dict[str, str | bool]]:
    """The feeds of each site of a sites run: its own timestamped JSON Lines and CSV files,
    made with the first item (an unchanged site writes its report only)."""
    return {
        str(root / "%(name)s" / "%(time)s.jsonl"): {"format": "jsonlines", "store_empty": False},
        str(root / "%(name)s" / "%(time)s.csv"): {"format": "csv", "store_empty": False},
    }


class FreezeHeapWhenOpen:
    """Once the spider of every crawler is open, move all that is alive then — the crawlers,
    their engines, settings, middlewares and skins, which last the whole run — out of the
    garbage collector's sight (``gc.freeze()``). A full collection scans every tracked object
    and holds up every site's requests meanwhile: timed in a 200-site run, the collector took
    4.9 s of the run's 20 s of CPU, 2.0 s of it in ten full collections; frozen, 1.7 s."""

    def __init__(self, crawlers: Sequence[Crawler]) -> None:
        self.waiting = len(crawlers)
        for crawler in crawlers:
            crawler.signals.connect(self.spider_opened, signal=signals.spider_opened, weak=False)

    def spider_opened(self) -> None:
        """Count one more open spider; freeze the heap at the last."""
        self.waiting -= 1
        if self.waiting == 0:
            gc.freeze()


def summary_lines(verdicts: Sequence[tuple[str, str, int, Sequence[str]]], not_started: Sequence[str] = ()) -> list[str]:
    """The summary of a sites run from each site's ``(name, status, exported, failures)``: the
    totals; a line per failed site naming its cause (its first failure); the sites that are
    OK with their exported articles, a few to a line; the sites not started because another
    run still crawls them."""
    failed = sorted(verdict for verdict in verdicts if verdict[1] != "OK")
    ok = sorted(verdict for verdict in verdicts if verdict[1] == "OK")
    exported = sum(verdict[2] for verdict in verdicts)
    head = f"{len(verdicts) + len(not_started)} sites: {len(ok)} OK, {len(failed)} FAILED"
    head += f", {len(not_started)} not started (another run still crawls them)" if not_started else ""
    lines = [f"{head}; {exported} articles exported"]
    lines += [f"{name}: {status}, {count} exported" + (f"; {failures[0]}" if failures else "") for name, status, count, failures in failed]
    if ok:
        lines += textwrap.wrap("OK: " + ", ".join(f"{name} ({count})" for name, _, count, _ in ok), width=100, subsequent_indent="    ")
    if not_started:
        lines += textwrap.wrap("not started: " + ", ".join(sorted(not_started)), width=100, subsequent_indent="    ")
    return lines
