"""Promotional lines (furniture, sign-offs, copyright) removed from body and subtitle."""

from __future__ import annotations

import re

from scrapy.crawler import Crawler

from newscrawl.extract.promo import compile_promo_lines, strip_promo_lines
from newscrawl.items import ArticleItem


class PromoStrippingPipeline:
    """Strip the lines that the spider's CMS declares promotional.

    ``NEWSCRAWL_EXTRA_PROMO_LINES`` (a list of whole-line regular expressions) adds patterns.
    """

    def __init__(self, crawler: Crawler, extra_patterns: list[str]) -> None:
        self.crawler = crawler
        self.extra_patterns = extra_patterns
        self.promo: re.Pattern[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PromoStrippingPipeline:
        """Read ``NEWSCRAWL_EXTRA_PROMO_LINES``."""
        return cls(crawler, crawler.settings.getlist("NEWSCRAWL_EXTRA_PROMO_LINES"))

    def open_spider(self) -> None:
        """Compile the site's patterns once for the whole crawl."""
        site = self.crawler.spider.site  # type: ignore[union-attr]
        self.promo = compile_promo_lines([*site.cms.promo_lines, *self.extra_patterns])

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Remove promotional lines from ``body`` and ``subtitle``."""
        assert self.promo is not None
        item.body = strip_promo_lines(item.body, self.promo)
        item.subtitle = strip_promo_lines(item.subtitle, self.promo)
        return item
