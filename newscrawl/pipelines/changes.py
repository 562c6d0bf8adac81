"""Rechecked articles: unchanged ones are not exported again, changed ones are marked."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.extensions.incremental import IncrementalState
from newscrawl.items import ArticleItem
from newscrawl.keys import RECHECK_UNCHANGED_STAT, RECHECK_UPDATED_STAT


class ChangeDetectionPipeline:
    """With ``-a recheck_days=N``: drop a rechecked article whose ``modified_at`` and content
    are unchanged (``newscrawl/recheck/unchanged``); mark a changed one ``is_update``
    (``newscrawl/recheck/updated``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state: IncrementalState | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChangeDetectionPipeline:
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def open_spider(self) -> None:
        """Find the incremental state extension (absent when the state is disabled)."""
        assert self.crawler.extensions is not None
        self.state = next(
            (e for e in self.crawler.extensions.middlewares if isinstance(e, IncrementalState)), None
        )

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Pass new articles on; drop unchanged rechecks; mark changed ones."""
        unchanged = self.state.is_unchanged(item) if self.state else None
        if unchanged is None:
            return item
        assert self.crawler.stats is not None
        if unchanged:
            self.crawler.stats.inc_value(RECHECK_UNCHANGED_STAT)
            raise DropItem(f"unchanged since exported: {item.url}", log_level="DEBUG")
        self.crawler.stats.inc_value(RECHECK_UPDATED_STAT)
        item.is_update = True
        return item
