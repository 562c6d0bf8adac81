"""Errors raised in signal handlers, counted in the run's stats (``HANDLER_ERRORS_STAT``).

Scrapy catches an exception raised by a signal handler, logs it and goes on: a walk over article
ids that broke in ``spider_idle``, or an extension that failed midway, ended in a run that
looked finished. Counted here, such an error fails the run's monitors, which name the handler."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from newscrawl.extensions.spider_logs import SpiderLogExtension, SpiderLogHandler
from newscrawl.keys import HANDLER_ERROR_DETAIL_STAT, HANDLER_ERRORS_STAT

_FAILED_HANDLER = "Error caught on signal handler"


class _FailedHandlerCounter(SpiderLogHandler):
    """Each failed signal handler is counted in the crawler of the spider the signal named, or
    in every open crawler when it named none."""

    def record_for(self, record: logging.LogRecord, crawler: Crawler | None) -> None:
        """Count ``record`` when it reports a failed signal handler."""
        if not str(record.msg).startswith(_FAILED_HANDLER):
            return
        for counted in [crawler] if crawler is not None else list(self.crawlers.values()):
            assert counted.stats is not None
            counted.stats.inc_value(HANDLER_ERRORS_STAT)
            counted.stats.set_value(HANDLER_ERROR_DETAIL_STAT, describe(record))


def describe(record: logging.LogRecord) -> str:
    """``<handler>: <exception type>: <message>`` of a failed-handler record."""
    receiver = record.args.get("receiver") if isinstance(record.args, dict) else None
    name = getattr(receiver, "__qualname__", None) or repr(receiver)
    error = record.exc_info[1] if record.exc_info else None
    return f"{name}: {type(error).__name__}: {error}" if error is not None else name


class HandlerErrors(SpiderLogExtension):
    """Count this crawler's failed signal handlers while its spider is open."""

    logger_name = "scrapy.utils.signal"
    """The logger Scrapy reports a failed signal handler through."""

    def new_handler(self) -> SpiderLogHandler:
        """One counter of errors on Scrapy's signal logger."""
        return _FailedHandlerCounter(logging.ERROR)
