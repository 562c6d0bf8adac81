"""An extension for tests whose ``spider_idle`` handler raises, as the ND walk over article ids
once did: ``-s EXTENSIONS={…, "tests.failing_handler.FailingOnIdle": 900}``."""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler


class FailingOnIdle:
    """Raises ``RuntimeError`` each time the spider goes idle."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailingOnIdle:
        """Connect :meth:`spider_idle`."""
        extension = cls()
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        return extension

    def spider_idle(self) -> None:
        """Fail, as a walk over ids that met an id it could not handle."""
        raise RuntimeError("the walk met an id it cannot handle")
