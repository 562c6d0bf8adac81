"""Progress of long crawls: exported so far, estimated total and ETA, logged periodically."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from newscrawl.report import progress_figures
from newscrawl.sitelog import site_logger


class Progress:
    """Every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds (60; 0 turns it off), log the figures of
    :func:`progress_figures`."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        """Read the interval and connect to the crawl's start and end."""
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        """Start the periodic log."""
        self.task = LoopingCall(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        """Log one progress line."""
        assert self.crawler.stats is not None
        figures = progress_figures(self.crawler.stats.get_stats(), datetime.now(UTC))
        eta = f"{figures['eta_minutes']} min" if figures["eta_minutes"] is not None else "unknown"
        site_logger(self.crawler).info(
            "Progress: %d articles exported of about %d, %.1f per minute, ETA %s",
            figures["exported"], figures["estimated_total"], figures["per_minute"], eta,
        )

    def spider_closed(self) -> None:
        """Stop the periodic log."""
        if self.task is not None and self.task.running:
            self.task.stop()
