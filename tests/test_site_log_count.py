"""In a sites run each crawler counts its own spider's log records, through one handler."""

from __future__ import annotations

import logging

from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.extensions.site_log_count import SiteLogCount


def test_each_crawler_counts_only_its_own_spiders_records() -> None:
    opened = []
    for name in ("alpha", "beta"):
        crawler = get_crawler(Spider, {"LOG_LEVEL": "INFO"})
        crawler.stats.open_spider()
        spider = Spider(name)
        extension = SiteLogCount.from_crawler(crawler)
        extension.spider_opened(spider)
        opened.append((crawler, spider, extension))
    handlers_before = list(logging.root.handlers)
    (alpha_crawler, alpha, alpha_count), (beta_crawler, beta, beta_count) = opened
    alpha.logger.error("one error of alpha's")
    beta.logger.warning("one warning of beta's")
    beta.logger.warning("another warning of beta's")
    beta.logger.debug("below the log level")
    logging.getLogger("elsewhere").error("a record naming no spider")
    assert {k: v for k, v in alpha_crawler.stats.get_stats().items() if k.startswith("log_count/")} == {"log_count/ERROR": 1}
    assert {k: v for k, v in beta_crawler.stats.get_stats().items() if k.startswith("log_count/")} == {"log_count/WARNING": 2}
    alpha_count.spider_closed(alpha)
    assert logging.root.handlers == handlers_before  # one handler for all, still there for beta
    beta_count.spider_closed(beta)
    assert len(logging.root.handlers) == len(handlers_before) - 1
