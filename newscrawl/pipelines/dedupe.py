"""One item per article within a run."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.items import ArticleItem
from newscrawl.keys import DUPLICATES_STAT


class DuplicateArticlesPipeline:
    """Drop an item whose ``article_id`` was already exported in this run
    (``newscrawl/duplicates``; not a bad page, so not in the rejects file)."""

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
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(DUPLICATES_STAT)
            raise DropItem(f"duplicate: {item.url}", log_level="DEBUG")
        self.seen.add(item.article_id)
        return item
