"""Rechecked articles: unchanged ones are not exported again, changed ones are marked."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.crawl_state import CrawlState
from newscrawl.items import ArticleItem, field_values
from newscrawl.keys import RECHECK_UNCHANGED_STAT, RECHECK_UPDATED_STAT
from newscrawl.state import record_of


class ChangeDetectionPipeline:
    """With ``-a recheck_days=N``: drop a rechecked article whose ``modified_at`` and content
    are unchanged (``newscrawl/recheck/unchanged``); mark a changed one ``is_update``
    (``newscrawl/recheck/updated``). What was exported of each is in the spider's crawl state
    (filled by the incremental state when the spider opens)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChangeDetectionPipeline:
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Pass new articles on; drop unchanged rechecks; mark changed ones."""
        state: CrawlState | None = getattr(self.crawler.spider, "crawl_state", None)
        before = state.rechecked.get(item.article_id) if state else None
        if before is None:
            return item
        assert self.crawler.stats is not None
        if before.same_content(record_of(field_values(item))):
            self.crawler.stats.inc_value(RECHECK_UNCHANGED_STAT)
            raise DropItem(f"unchanged since exported: {item.url}", log_level="DEBUG")
        self.crawler.stats.inc_value(RECHECK_UPDATED_STAT)
        item.is_update = True
        return item
