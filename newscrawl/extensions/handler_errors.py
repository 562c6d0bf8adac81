"""Errors raised in signal handlers, counted in the run's stats (``HANDLER_ERRORS_STAT``).

Scrapy catches an exception raised by a signal handler, logs it and goes on: a walk over article
ids that broke in ``spider_idle``, or an extension that failed midway, ended in a run that
looked finished. Counted here, such an error fails the run's monitors, which name the handler."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawl.keys import HANDLER_ERROR_DETAIL_STAT, HANDLER_ERRORS_STAT

_SIGNAL_LOGGER = "scrapy.utils.signal"
"""The logger Scrapy reports a failed signal handler through."""
_FAILED_HANDLER = "Error caught on signal handler"


class _FailedHandlerCounter(logging.Handler):
    """One handler for the process: each failed signal handler is counted in the crawler of
    the spider the signal named, or in every open crawler when it named none."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.crawlers: dict[Spider, Crawler] = {}

    def emit(self, record: logging.LogRecord) -> None:
        """Count ``record`` when it reports a failed signal handler."""
        if not str(record.msg).startswith(_FAILED_HANDLER):
            return
        spider = getattr(record, "spider", None)
        crawlers = [self.crawlers[spider]] if spider in self.crawlers else list(self.crawlers.values())
        for crawler in crawlers:
            assert crawler.stats is not None
            crawler.stats.inc_value(HANDLER_ERRORS_STAT)
            crawler.stats.set_value(HANDLER_ERROR_DETAIL_STAT, describe(record))


def describe(record: logging.LogRecord) -> str:
    """``<handler>: <exception type>: <message>`` of a failed-handler record."""
    receiver = record.args.get("receiver") if isinstance(record.args, dict) else None
    name = getattr(receiver, "__qualname__", None) or repr(receiver)
    error = record.exc_info[1] if record.exc_info else None
    return f"{name}: {type(error).__name__}: {error}" if error is not None else name


_counter: _FailedHandlerCounter | None = None


class HandlerErrors:
    """Count this crawler's failed signal handlers while its spider is open."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandlerErrors:
        """Listen from the spider's opening to its closing."""
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        """Start counting for ``spider`` (the process's one counter is set up at the first)."""
        global _counter
        if _counter is None:
            _counter = _FailedHandlerCounter()
            logging.getLogger(_SIGNAL_LOGGER).addHandler(_counter)
        _counter.crawlers[spider] = self.crawler

    def spider_closed(self, spider: Spider) -> None:
        """Stop counting for ``spider``."""
        if _counter is not None:
            _counter.crawlers.pop(spider, None)
