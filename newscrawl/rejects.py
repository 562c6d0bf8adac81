"""One way to record a page or item that is not exported: a stat, and a log line with its URL."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)

page_rejected = object()
"""Signal sent by :func:`record_reject` with ``url``, ``reason`` and ``article_id``."""


def _count(crawler: Crawler, reason: str) -> None:
    assert crawler.stats is not None
    crawler.stats.inc_value(f"newscrawl/dropped/{reason}")


def record_reject(crawler: Crawler, url: str, reason: str, article_id: str | None = None) -> None:
    """Count a page that yields no item under ``newscrawl/dropped/<reason>``, log it, and
    send :data:`page_rejected`."""
    _count(crawler, reason)
    logger.warning("Not exported (%s): %s", reason, url)
    crawler.signals.send_catch_log(page_rejected, url=url, reason=reason, article_id=article_id)


def drop_item(crawler: Crawler, url: str, reason: str) -> DropItem:
    """Count an item under ``newscrawl/dropped/<reason>``; return the ``DropItem`` to raise
    (Scrapy logs it with the reason and the URL)."""
    _count(crawler, reason)
    return DropItem(f"{reason}: {url}")
