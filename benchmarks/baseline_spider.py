"""The framework's ceiling: a spider that fetches the given pages and does nothing with them.

``scrapy runspider benchmarks/baseline_spider.py -a urls_file=PATH`` (one URL per line).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response


class BaselineSpider(Spider):
    """Requests every URL of ``urls_file``; parses nothing, yields nothing."""

    name = "baseline"
    custom_settings = {
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "SPIDERMON_ENABLED": False,
        "FEEDS": {},
        "STATS_CLASS": "scrapy.statscollectors.MemoryStatsCollector",
    }

    def __init__(self, urls_file: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls_file = Path(urls_file)

    async def start(self) -> AsyncIterator[Request]:
        """One request per URL of the file."""
        for url in self.urls_file.read_text(encoding="utf-8").split():
            yield Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> None:
        """Nothing: the page was fetched, that is all the baseline measures."""
