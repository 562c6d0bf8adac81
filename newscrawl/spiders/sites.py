"""The name of a multi-site run: ``scrapy crawl sites -a file=sites.toml``.

The project's ``crawl`` command takes this name as a run of every site of the sites file, one
crawler each (``newscrawl.multisite``); the class makes the name known to ``scrapy list`` and to
Scrapyd, which schedules a shard of sites as a job of this spider."""

from __future__ import annotations

from typing import Any

from scrapy import Spider

from newscrawl.multisite import SITES_SPIDER


class SitesSpider(Spider):
    """Refuses to be run other than through ``scrapy crawl sites`` (which never builds it)."""

    name = SITES_SPIDER

    def __init__(self, **kwargs: Any) -> None:
        raise ValueError("a sites run is started with: scrapy crawl sites -a file=sites.toml")
