"""Log counts per site in a sites run (``log_count/<level>``), with one log handler for all
the crawlers of the process.

Scrapy's ``LogCount`` puts a handler per crawler on the root logger, and each counts every
record of the process: in a run of N sites each record goes through N handlers (a tenth of a
200-site run's CPU in a profile), and a site's ``log_count/ERROR`` holds the other sites'
errors too. Here each crawler counts the records its own spider logged — through the spider's
logger, or Scrapy's records naming the spider."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector


class _SpiderLogCounter(logging.Handler):
    """One root handler: a record naming a spider (``record.spider``) is counted in the stats
    of that spider's crawler."""

    def __init__(self, level: int | str) -> None:
        super().__init__(level)
        self.stats: dict[Spider, StatsCollector] = {}

    def emit(self, record: logging.LogRecord) -> None:
        """Count ``record`` under its level in its spider's stats, if it names an open one."""
        stats = self.stats.get(getattr(record, "spider", None))  # type: ignore[arg-type]
        if stats is not None:
            stats.inc_value(f"log_count/{record.levelname}")


_counter: _SpiderLogCounter | None = None


class SiteLogCount:
    """Scrapy's ``LogCount`` for a process of many crawlers: count the records of this crawler's
    spider while it is open."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteLogCount:
        """Connect to the spider's opening and closing."""
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        """Count the spider's records from now on (the shared handler installed by the first)."""
        global _counter
        if _counter is None:
            _counter = _SpiderLogCounter(self.crawler.settings.get("LOG_LEVEL"))
            logging.root.addHandler(_counter)
        assert self.crawler.stats is not None
        _counter.stats[spider] = self.crawler.stats

    def spider_closed(self, spider: Spider) -> None:
        """Stop counting the spider's records (the handler removed with the last one)."""
        global _counter
        if _counter is None:
            return
        _counter.stats.pop(spider, None)
        if not _counter.stats:
            logging.root.removeHandler(_counter)
            _counter = None
