"""Log handlers shared by the crawlers of a process: one handler per kind, on one logger, from
the first spider's opening to the last one's closing, handing each record to the crawler of
the spider it names (``record.spider``, which a spider's logger and Scrapy's records set)."""

from __future__ import annotations

import logging
from typing import ClassVar

from scrapy import Spider, signals
from scrapy.crawler import Crawler


class SpiderLogHandler(logging.Handler):
    """A handler that knows the open spiders' crawlers; subclasses say what a record does to them."""

    def __init__(self, level: int | str) -> None:
        super().__init__(level)
        self.crawlers: dict[Spider, Crawler] = {}
        """The crawler of each open spider."""

    def emit(self, record: logging.LogRecord) -> None:
        """Hand ``record`` to :meth:`record_for`, with the crawler of the spider it names, if open."""
        self.record_for(record, self.crawlers.get(getattr(record, "spider", None)))  # type: ignore[arg-type]

    def record_for(self, record: logging.LogRecord, crawler: Crawler | None) -> None:
        """What ``record`` does to ``crawler`` (``None``: it names no open spider)."""
        raise NotImplementedError


class SpiderLogExtension:
    """Registers its crawler's spider, while open, in the process's one handler of its kind
    (:meth:`new_handler`) on the logger :attr:`logger_name`."""

    logger_name: ClassVar[str] = ""
    """The logger the handler is put on (the root logger by default)."""
    _handlers: ClassVar[dict[type[SpiderLogExtension], SpiderLogHandler]] = {}

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpiderLogExtension:
        """Connect to the spider's opening and closing."""
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def new_handler(self) -> SpiderLogHandler:
        """The handler of this kind, made when the process's first spider opens."""
        raise NotImplementedError

    def spider_opened(self, spider: Spider) -> None:
        """Hand the spider's records to this crawler from now on (the handler put on its
        logger by the first spider)."""
        handler = self._handlers.get(type(self))
        if handler is None:
            handler = self._handlers[type(self)] = self.new_handler()
            logging.getLogger(self.logger_name).addHandler(handler)
        handler.crawlers[spider] = self.crawler

    def spider_closed(self, spider: Spider) -> None:
        """Stop handing the spider's records (the handler taken off with the last spider)."""
        handler = self._handlers.get(type(self))
        if handler is None:
            return
        handler.crawlers.pop(spider, None)
        if not handler.crawlers:
            logging.getLogger(self.logger_name).removeHandler(handler)
            del self._handlers[type(self)]
