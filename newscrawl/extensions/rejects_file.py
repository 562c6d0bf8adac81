"""The rejects file: every page not exported, with its URL and the reason, beside the output."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawl.exporters import excel_safe
from newscrawl.extensions.feeds import sidecar_path
from newscrawl.rejects import page_rejected
from newscrawl.report import REJECTS_FILE_STAT

REJECTS_SUFFIX = ".rejects.csv"
COLUMNS = ("url", "reason", "detail", "at")


class RejectsFile:
    """Write ``<output>.rejects.csv`` (UTF-8 with BOM, for Excel) beside the first local feed,
    or ``NEWSCRAWL_REPORT_DIR/<spider>.rejects.csv`` without one, from the first rejected page
    on (a run that rejects nothing writes no file): a header, then one row per rejected page,
    written as it happens so that a killed run keeps its rows."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.spider_name = ""
        self.file: TextIO | None = None
        self.writer: csv.DictWriter[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsFile:
        """Connect to the crawl's signals."""
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.page_rejected, signal=page_rejected)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        """Note whose rejects these are; the file is made with the first one."""
        self.spider_name = spider.name

    def page_rejected(self, url: str, reason: str, detail: str) -> None:
        """Append one row and flush it (the file and its header made first, the first time)."""
        if self.writer is None or self.file is None:
            if not self.spider_name:
                return
            self._open(sidecar_path(self.crawler, self.spider_name, REJECTS_SUFFIX))
        assert self.writer is not None and self.file is not None
        at = datetime.now(UTC).isoformat(timespec="seconds")
        self.writer.writerow({"url": excel_safe(url), "reason": reason, "detail": excel_safe(detail), "at": at})
        self.file.flush()

    def _open(self, path: Path) -> None:
        """Create the file with its header row, and name it in the stats (the report lists it)."""
        self.file = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.DictWriter(self.file, COLUMNS)
        self.writer.writeheader()
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(REJECTS_FILE_STAT, str(path))

    def spider_closed(self) -> None:
        """Close the file."""
        if self.file is not None:
            self.file.close()
