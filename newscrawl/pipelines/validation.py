"""Articles missing a required field are dropped, counted and logged, never exported."""

from __future__ import annotations

from scrapy.crawler import Crawler

from newscrawl.items import ArticleItem
from newscrawl.rejects import drop_item

_REASONS = {"title": "no_title", "body": "no_body", "published_at": "no_date"}


class RequiredFieldsPipeline:
    """Drop an item whose title, body or publication date is empty (``newscrawl/dropped/no_*``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequiredFieldsPipeline:
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` when complete; otherwise count the first missing field and drop it."""
        for name, reason in _REASONS.items():
            if not getattr(item, name):
                raise drop_item(self.crawler, item.url, reason)
        return item
