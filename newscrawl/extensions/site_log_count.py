"""Log counts per site in a sites run (``log_count/<level>``), with one log handler for all
the crawlers of the process.

Scrapy's ``LogCount`` puts a handler per crawler on the root logger, and each counts every
record of the process: in a run of N sites each record goes through N handlers (a tenth of a
200-site run's CPU in a profile), and a site's ``log_count/ERROR`` holds the other sites'
errors too. Here each crawler counts the records its own spider logged — through the spider's
logger, or Scrapy's records naming the spider."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from newscrawl.extensions.spider_logs import SpiderLogExtension, SpiderLogHandler


class _SpiderLogCounter(SpiderLogHandler):
    """A record naming an open spider is counted under its level in that spider's stats."""

    def record_for(self, record: logging.LogRecord, crawler: Crawler | None) -> None:
        """Count ``record`` in ``crawler``'s stats."""
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(f"log_count/{record.levelname}")


class SiteLogCount(SpiderLogExtension):
    """Scrapy's ``LogCount`` for a process of many crawlers: count the records of this crawler's
    spider while it is open."""

    def new_handler(self) -> SpiderLogHandler:
        """One counter on the root logger, at the crawl's ``LOG_LEVEL``."""
        return _SpiderLogCounter(self.crawler.settings.get("LOG_LEVEL"))
