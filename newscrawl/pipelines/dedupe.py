"""One item per article within a run."""

from __future__ import annotations

from scrapy.crawler import Crawler

from newscrawl.items import ArticleItem
from newscrawl.rejects import drop_item


class DuplicateArticlesPipeline:
    """Drop an item whose ``article_id`` was already exported in this run."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuplicateArticlesPipeline:
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` the first time its id is seen; drop it after that."""
        if item.article_id in self.seen:
            raise drop_item(self.crawler, item.url, "duplicate")
        self.seen.add(item.article_id)
        return item
