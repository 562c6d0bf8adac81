"""Field coverage of every parsed article, counted before incomplete ones are dropped."""

from __future__ import annotations

from collections import Counter

from scrapy.crawler import Crawler

from newscrawl.items import ArticleItem, field_values

COVERAGE_ITEM_TYPE = "ParsedArticle"
"""The item type name of these counts in spidermon's field-coverage stats."""


class FieldCoveragePipeline:
    """Count, for each field, the parsed articles that have it (non-empty).

    Spidermon computes field coverage only over exported items; the required-fields
    pipeline drops articles missing a title, body or date, so a layout change that breaks
    those fields would never show in it. These counts use spidermon's stat names under the
    item type ``ParsedArticle``, so its field-coverage computation and monitor apply to them.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FieldCoveragePipeline:
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Count the item and each of its non-empty fields."""
        self.counts[""] += 1
        self.counts.update(name for name, value in field_values(item).items() if value)
        return item

    def close_spider(self) -> None:
        """Add the counts to the stats, where the monitors read them when the spider closes."""
        stats = self.crawler.stats
        assert stats is not None
        prefix = f"spidermon_item_scraped_count/{COVERAGE_ITEM_TYPE}"
        for name, count in self.counts.items():
            stats.inc_value(f"{prefix}/{name}" if name else prefix, count)
