"""Log lines that name their site: the project's lines about a crawl go through its spider's
logger (``[news21] INFO: Run OK: …``), and the log of a sites run keeps what an operator of
many sites reads (:class:`SitesRunLog`)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

_SETUP_LOGGERS = frozenset(("scrapy.addons", "scrapy.middleware", "scrapy.crawler"))
"""Scrapy's loggers of each crawler's setup: its components and its overridden settings."""
_SITE_LOGGERS = (
    "scrapy.core.engine",
    "scrapy.core.scraper",
    "scrapy.core.downloader.handlers.http11",
    "scrapy.downloadermiddlewares.offsite",
    "scrapy.downloadermiddlewares.redirect",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.extensions.feedexport",
    "scrapy.extensions.logstats",
    "scrapy.extensions.memusage",
    "scrapy.spidermiddlewares.httperror",
    "scrapy.statscollectors",
    "scrapy.utils.signal",
)
"""Scrapy's loggers of what happens to each site: its spider opened and closed, its feeds
stored, its stats, and its warnings and errors."""


def site_logger(crawler: Crawler) -> logging.Logger | logging.LoggerAdapter[Any]:
    """The logger of the crawl's spider, whose records are named after the site; the project's
    logger before the spider exists."""
    spider = crawler.spider
    return spider.logger if spider is not None else logging.getLogger("newscrawl")


class SitesRunLog(logging.Filter):
    """The log of a sites run below debug level, as a filter of Scrapy's loggers (Scrapy makes
    its log handler again with each crawler, so the loggers are where a filter stays).

    - Scrapy's lists of components and its overridden settings once for the process (the
      first site's; each site's own delay is in the sites file), not once per site.
    - Scrapy's own info lines about each site (spider opened and closed, feeds stored, pages
      per minute, the stats dump) left out: each site's ``Run OK``/``Run FAILED`` line and the
      run's summary say how it went, and its report holds the figures and stats.
    - Scrapy's warnings and errors about a site named after the site, like the project's lines.

    Everything else passes, the project's lines and every warning and error among them."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()
        """First lines of the setup records logged already."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is shown (renamed after its site when Scrapy logged it)."""
        spider = getattr(record, "spider", None)
        if record.levelno >= logging.WARNING:
            if spider is not None and record.name.startswith("scrapy."):
                record.name = str(spider.name)
            return True
        if not record.name.startswith("scrapy."):
            return True
        if record.name in _SETUP_LOGGERS and spider is None:
            first = record.getMessage().partition("\n")[0]
            if first in self.seen:
                return False
            self.seen.add(first)
            return True
        return spider is None

    def install(self) -> None:
        """Filter the records of Scrapy's setup and per-site loggers (made now if their modules
        are not imported yet: a logger is one object per name)."""
        for name in (*_SETUP_LOGGERS, *_SITE_LOGGERS):
            logging.getLogger(name).addFilter(self)
