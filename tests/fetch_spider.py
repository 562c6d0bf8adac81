"""A helper spider for tests: fetch URLs through Scrapy's real downloader and keep the
decoded text, so decoding can be checked exactly as the crawler sees pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response


class FetchSpider(Spider):
    """``scrapy runspider tests/fetch_spider.py -a urls=URL,URL -O out.jsonl``."""

    name = "fetch"
    custom_settings = {
        "ITEM_PIPELINES": {},
        "FEED_EXPORT_FIELDS": None,
        "ROBOTSTXT_OBEY": False,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
    }

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = [url for url in urls.split(",") if url]

    async def start(self) -> AsyncIterator[Request]:
        """One request per URL."""
        for url in self.urls:
            yield Request(url, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[dict[str, str]]:
        """The decoded page and the encoding Scrapy chose."""
        yield {"url": response.url, "encoding": response.encoding, "text": response.text}
