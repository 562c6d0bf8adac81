"""The per-site error budget: stop a crawl the site can no longer answer."""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro

from newscrawl.rejects import page_rejected, site_answered
from newscrawl.report import STOP_DETAIL_STAT
from newscrawl.sitelog import site_logger

CLOSE_REASON = "error_budget_exhausted"
"""The finish reason of a crawl stopped by :class:`ErrorBudget` after failures in a row."""
UNREACHABLE_REASON = "site_unreachable"
"""The finish reason of a crawl stopped because the site could not be reached at all."""
_SERVER_FAULTS = ("http_5", "http_429", "timeout", "truncated", "download_failed", "unreachable")


class ErrorBudget:
    """Close the spider (finish reason ``error_budget_exhausted``) once
    ``NEWSCRAWL_ERROR_BUDGET`` requests in a row have failed for good, after their retries and
    backoff: the site is down or refusing us, and going on would only hammer it. Any good
    response in between starts the count again. 0 turns the budget off.

    A request that could not connect at all (refused, unresolvable) before the site ever
    answered closes the crawl at once (finish reason ``site_unreachable``): the site is not
    there, and there is nothing to wait for."""

    def __init__(self, crawler: Crawler, budget: int) -> None:
        self.crawler = crawler
        self.budget = budget
        self.failed_in_a_row = 0
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ErrorBudget:
        """Read ``NEWSCRAWL_ERROR_BUDGET`` and connect to the crawl's signals."""
        budget = crawler.settings.getint("NEWSCRAWL_ERROR_BUDGET")
        if budget <= 0:
            raise NotConfigured
        extension = cls(crawler, budget)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.page_rejected, signal=page_rejected)
        return extension

    def response_received(self, response: Response) -> None:
        """A response that is not a server error resets the count."""
        if response.status < 500 and response.status != 429:
            self.failed_in_a_row = 0

    def page_rejected(self, url: str, reason: str, detail: str) -> None:
        """Count a request that failed for good because of the server; close at the budget,
        or at once when the site was never reached."""
        if not reason.startswith(_SERVER_FAULTS) or self.closing:
            return
        self.failed_in_a_row += 1
        if reason == "unreachable" and not site_answered(self.crawler):
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(STOP_DETAIL_STAT, f"{url} could not be fetched ({detail})")
            site_logger(self.crawler).debug("Stopping the crawl: %s could not be fetched (%s)", url, detail)  # the verdict says it
            self._close(UNREACHABLE_REASON)
        elif self.failed_in_a_row >= self.budget:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("newscrawl/error_budget/exhausted", self.failed_in_a_row)
            site_logger(self.crawler).error(
                "Stopping the crawl: %d requests in a row failed after retries (last: %s at %s); "
                "the site looks down. Articles not reached will be fetched by the next run.",
                self.failed_in_a_row, reason, url,
            )
            self._close(CLOSE_REASON)

    def _close(self, reason: str) -> None:
        self.closing = True
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))
