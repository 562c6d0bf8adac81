"""One way to record a page or item that is not exported: a stat, a log line with its URL,
and a signal that the rejects file and the incremental state listen to."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    DropItem,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from newscrawl.report import DROPPED_PREFIX
from newscrawl.sitelog import site_logger

UNREACHABLE_ERRORS = (CannotResolveHostError, DownloadConnectionRefusedError, DNSLookupError, ConnectError)
"""Download errors that mean no connection to the site could be made at all (reason
``unreachable``)."""

def site_answered(crawler: Crawler) -> bool:
    """Whether the site has answered any request of this crawl (with any status)."""
    assert crawler.stats is not None
    return bool(crawler.stats.get_value("downloader/response_count", 0))


page_rejected = object()
"""Signal sent for every page not exported, with ``url``, ``reason``, ``detail`` and
``article_id``."""


class PageRefused(IgnoreRequest):
    """A response the crawler refuses to use (``reason`` names why), raised by middlewares."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def failure_reason(error: BaseException | None) -> tuple[str, str]:
    """The reject reason and a short detail for a request that failed for good."""
    if isinstance(error, PageRefused):
        return error.reason, error.detail
    if isinstance(error, HttpError):
        return f"http_{error.response.status}", "error status after retries"
    if isinstance(error, (DownloadTimeoutError, TwistedTimeoutError)):
        return "timeout", str(error) or "no complete response in time"
    if isinstance(error, DownloadCancelledError):
        return "too_large", str(error)
    if isinstance(error, ResponseDataLossError):
        return "truncated", "the connection closed before the whole page arrived"
    if isinstance(error, IgnoreRequest):
        return "ignored", str(error)
    if isinstance(error, UNREACHABLE_ERRORS):
        return "unreachable", f"{type(error).__name__}: {error}"
    return "download_failed", f"{type(error).__name__}: {error}"


def _record(crawler: Crawler, url: str, reason: str, detail: str, article_id: str | None) -> None:
    assert crawler.stats is not None
    crawler.stats.inc_value(DROPPED_PREFIX + reason)
    crawler.signals.send_catch_log(page_rejected, url=url, reason=reason, detail=detail, article_id=article_id)


def record_reject(crawler: Crawler, url: str, reason: str, detail: str = "", article_id: str | None = None) -> None:
    """Count a page that yields no item under ``newscrawl/dropped/<reason>``, log it with its
    URL, and send :data:`page_rejected`. A site that could not be reached before it ever
    answered is said once, by the run's verdict (the error budget stops the crawl): its page is
    then a debug line only."""
    level = logging.DEBUG if reason == "unreachable" and not site_answered(crawler) else logging.WARNING
    site_logger(crawler).log(level, "Not exported (%s): %s%s", reason, url, f" ({detail})" if detail else "")
    _record(crawler, url, reason, detail, article_id)


def drop_item(crawler: Crawler, url: str, reason: str) -> DropItem:
    """Record an incomplete item like :func:`record_reject`; return the ``DropItem`` to raise
    (Scrapy logs it with the reason and the URL)."""
    _record(crawler, url, reason, "incomplete article", None)
    return DropItem(f"{reason}: {url}")
