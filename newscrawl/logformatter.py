"""Scrapy's log messages without the item: an article is never dumped into the log."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class ItemlessLogFormatter(LogFormatter):
    """Scrapy's formatter (``LOG_FORMATTER``), with a dropped item or an item that broke a
    pipeline named by its URL, in one line, instead of printed whole (a scraped item is only
    logged at debug level, where Scrapy's own message stays)."""

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        """``Dropped: <reason>: <url>`` (the project's ``DropItem`` names both)."""
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def item_error(self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        """``Error processing the item of <url>`` (the traceback follows, as Scrapy logs it)."""
        result = super().item_error(item, exception, response, spider)
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        return {**result, "msg": "Error processing the item of %(url)s", "args": {"url": url or "an unknown page"}}
