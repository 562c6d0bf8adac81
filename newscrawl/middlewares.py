"""Downloader middlewares."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.extract.retry_after import retry_after_seconds

logger = logging.getLogger(__name__)


class RetryAfterMiddleware:
    """Honour ``Retry-After`` on 429 and 503: stop sending requests for that long (at most
    ``NEWSCRAWL_RETRY_AFTER_MAX`` seconds), then let Scrapy's retry middleware retry."""

    STATUSES = frozenset((429, 503))

    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        """Read ``NEWSCRAWL_RETRY_AFTER_MAX``."""
        return cls(crawler, crawler.settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX"))

    async def process_response(self, request: Request, response: Response) -> Response:
        """Pause the crawl for the asked delay before the response goes on to be retried."""
        header = response.headers.get(b"Retry-After")
        if response.status not in self.STATUSES or not header:
            return response
        wait = retry_after_seconds(header.decode("latin-1"), datetime.now(UTC))
        if wait is None:
            return response
        wait = min(wait, self.max_wait)
        assert self.crawler.stats is not None and self.crawler.engine is not None
        self.crawler.stats.inc_value("newscrawl/retry_after/waits")
        self.crawler.stats.inc_value("newscrawl/retry_after/seconds", round(wait))
        logger.info("%s answered %d with Retry-After: waiting %.0f s", request.url, response.status, wait)
        self.crawler.engine.pause()
        try:
            await asyncio.sleep(wait)
        finally:
            self.crawler.engine.unpause()
        return response
