"""The archive written during every crawl: the feeds' exporter, extended so that an article
is exported once every feed *and* the archive hold it."""

from __future__ import annotations

import json
import logging
import socket
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from newscrawl.archive.store import GONE_KINDS, Archive, ArchiveError, archive_url, now
from newscrawl.extensions.report import STATUS_STAT
from newscrawl.extensions.storing_feeds import FAILED_FEEDS_STAT, StoringFeedExporter
from newscrawl.items import ArticleItem
from newscrawl.rejects import page_rejected
from newscrawl.report import DROPPED_PREFIX, EXPORTED_STAT, SKIN_PREFIX

logger = logging.getLogger(__name__)

CLOSE_REASON = "archive_failed"
"""The finish reason of a crawl stopped because the archive could not be written."""


class ArchivingFeedExporter(StoringFeedExporter):
    """The project's feed exporter (it replaces it), plus the archive (``NEWSCRAWL_ARCHIVE``).

    - Once every feed holds an item, it is written into the archive, in its own transaction,
      and only then counted and signalled as stored (:data:`~newscrawl.extensions.storing_feeds.item_stored`):
      the incremental state records as exported nothing the archive does not hold.
    - An archive that cannot be opened or written fails the run like a feed: one log line
      naming it and the error, listed under the failed feeds, the crawl stopped (finish reason
      ``archive_failed``), no later item recorded as exported.
    - The run is recorded (site, node, start, end, verdict, counts, skins), with which article it
      exported at which URL, and the articles it found deleted or members-only as events.
      The skin of an article is recorded when the run has read its article pages with one skin
      only so far (the item does not carry it; the run's skin counts are always recorded).
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.url: str | None = None
        """The archive's database URL; ``None`` when the archive is off."""
        self.node = ""
        self.archive: Archive | None = None
        self.run = 0
        self.site = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivingFeedExporter:
        """The feed exporter, with the archive's URL and this machine's name."""
        exporter = super().from_crawler(crawler)
        exporter.url = archive_url(crawler.settings.get("NEWSCRAWL_ARCHIVE"), crawler.settings["NEWSCRAWL_STATE_DIR"])
        exporter.node = socket.gethostname()
        if exporter.url is not None:
            crawler.signals.connect(exporter.open_archive, signal=signals.spider_opened)
            crawler.signals.connect(exporter.page_rejected, signal=page_rejected)
        return exporter

    def open_archive(self, spider: Spider) -> None:
        """Open the archive and record the run's start; then listen for the engine's stop
        (connected now, so that it runs after the run report has given the verdict)."""
        assert self.url is not None
        self.site = getattr(getattr(spider, "site", None), "name", spider.name)
        try:
            self.archive = Archive(self.url)
            self.run = self.archive.start_run(self.site, self.node, now())
        except ArchiveError as error:
            self._archive_failed(error)
            return
        spider.logger.info("Archive %s: run %d", self.archive.shown, self.run)
        self.crawler.signals.connect(self.finish_run, signal=signals.engine_stopped)

    def _stored(self, item: Any) -> None:
        """Write the item into the archive; count and signal it as stored only once it is there."""
        if self.url is not None and isinstance(item, ArticleItem):
            if self.archive is None:
                return
            try:
                self.archive.record(ItemAdapter(item).asdict(), self.run, "exported", self._skin())
            except ArchiveError as error:
                self._archive_failed(error)
                return
        super()._stored(item)

    def page_rejected(self, url: str, reason: str, detail: str, article_id: str | None) -> None:
        """Record an article found deleted or members-only as an event."""
        if self.archive is None or not article_id or reason not in GONE_KINDS:
            return
        try:
            self.archive.record_event(self.site, str(article_id), reason, url, self.run, now())
        except ArchiveError as error:
            self._archive_failed(error)

    def finish_run(self) -> None:
        """Record the run's end, verdict and counts, and close the archive."""
        if self.archive is None:
            return
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        try:
            self.archive.finish_run(
                self.run,
                finished_at=now(),
                verdict=stats.get(STATUS_STAT, "FAILED"),
                finish_reason=str(stats.get("finish_reason", "shutdown")),
                exported=stats.get(EXPORTED_STAT, 0),
                rejected=sum(value for key, value in stats.items() if key.startswith(DROPPED_PREFIX)),
                requests=stats.get("downloader/request_count", 0),
                skins=json.dumps(_skins(stats), ensure_ascii=False),
            )
        except ArchiveError as error:
            logger.error("%s: the run's end is not recorded (the next run marks it killed)", _sentence(error))
        self.archive.close()
        self.archive = None

    def _skin(self) -> str | None:
        """The skin of the run's article pages when they were all read with one so far."""
        skins = _skins(self.crawler.stats.get_stats() if self.crawler.stats else {})
        return next(iter(skins)) if len(skins) == 1 else None

    def _archive_failed(self, error: ArchiveError) -> None:
        """Like a broken feed: reported once, no item stored from now on, the crawl stopped."""
        if self.archive is not None:
            self.archive.close()
            self.archive = None
        if "archive" in self.failed:
            return
        self.failed["archive"] = str(error)
        assert self.crawler.stats is not None and self.crawler.engine is not None
        broken = list(self.crawler.stats.get_value(FAILED_FEEDS_STAT, []))
        self.crawler.stats.set_value(FAILED_FEEDS_STAT, [*broken, f"{_sentence(error)}."])
        logger.error(
            "%s: stopping the crawl; the articles it did not store are not recorded as exported, "
            "and the next run exports them.", _sentence(error),
        )
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))


def _skins(stats: dict[str, Any]) -> dict[str, int]:
    return {key[len(SKIN_PREFIX):]: value for key, value in stats.items() if key.startswith(SKIN_PREFIX)}


def _sentence(error: ArchiveError) -> str:
    text = str(error)
    return text[:1].upper() + text[1:]
