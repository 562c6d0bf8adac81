"""The delay as a floor at the moment a request is sent."""

from __future__ import annotations

import asyncio
import time

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.keys import MIN_GAP_STAT


class PacedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, holding each request until its downloader slot's delay has
    passed since the previous request to that site was sent.

    Scrapy spaces requests when they leave the slot's queue, and starts each download a moment
    later: a busy process (many sites at once) can start one late and the next on time, two
    requests closer than the delay. Here the delay is a floor where it matters, at sending."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._last_sent: dict[str, float] = {}
        self._turns: dict[str, asyncio.Lock] = {}

    async def download_request(self, request: Request) -> Response:
        """Wait out the slot's delay since the site's last request was sent, then download."""
        assert self._crawler.engine is not None and self._crawler.stats is not None
        downloader = self._crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        delay = slot.delay if slot is not None else 0.0
        async with self._turns.setdefault(key, asyncio.Lock()):  # one request of a site at a time starts
            last = self._last_sent.get(key)
            if last is not None:
                while (wait := last + delay - time.monotonic()) > 0:  # a timer may fire a little early
                    await asyncio.sleep(wait)
                self._crawler.stats.min_value(MIN_GAP_STAT, int((time.monotonic() - last) * 1000))
            self._last_sent[key] = time.monotonic()
        return await super().download_request(request)
