"""The archive written during every crawl: the feeds' exporter, extended so that an article
is exported once every feed *and* the archive hold it."""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.task import LoopingCall

from newscrawl.archive.store import GONE_KINDS, Archive, ArchiveError, archive_url, now
from newscrawl.extensions.feeds import feed_outputs
from newscrawl.extensions.report import STATUS_STAT
from newscrawl.extensions.storing_feeds import FAILED_FEEDS_STAT, StoringFeedExporter
from newscrawl.feed_files import READABLE_FORMATS, read_contents
from newscrawl.items import ArticleItem, field_values
from newscrawl.rejects import page_rejected
from newscrawl.report import DROPPED_PREFIX, EXPORTED_STAT, SKIN_PREFIX

logger = logging.getLogger(__name__)

CLOSE_REASON = "archive_failed"
"""The finish reason of a crawl stopped because the archive could not be written."""
BATCH = 50
"""Items written into the archive in one transaction, at most."""
FLUSH_S = 1.0
"""Seconds an item waits at most for its batch."""
_JSON_FORMATS = ("jsonlines", "jsonl", "jl", "json")


class ArchivingFeedExporter(StoringFeedExporter):
    """The project's feed exporter (it replaces it), plus the archive (``NEWSCRAWL_ARCHIVE``).

    - Once every feed holds an item, it is written into the archive, and only then counted and
      signalled as stored (:data:`~newscrawl.extensions.storing_feeds.item_stored`): the
      incremental state records as exported nothing the archive does not hold. Items are
      written in short transactions of up to :data:`BATCH` items, at least every
      :data:`FLUSH_S` seconds and when the feeds close (one transaction per item costs a crawl
      at full speed a third of its pace: SQLite's full-text index writes a segment per commit).
    - A run killed before its end (``kill -9``) is found by the next run of the site on this
      node, which writes into the archive the items its feeds hold whole (the same ones the
      incremental state recovers), so nothing it exported is missing from the archive.
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
        self.pending: list[ArticleItem] = []
        """Items every feed holds, waiting for their batch to be written."""
        self.flushing: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivingFeedExporter:
        """The feed exporter, with the archive's URL and the node's name (``NEWSCRAWL_NODE``,
        else this machine's host name)."""
        exporter = super().from_crawler(crawler)
        exporter.url = archive_url(crawler.settings.get("NEWSCRAWL_ARCHIVE"), crawler.settings["NEWSCRAWL_STATE_DIR"])
        exporter.node = crawler.settings.get("NEWSCRAWL_NODE") or socket.gethostname()
        if exporter.url is not None:
            crawler.signals.connect(exporter.open_archive, signal=signals.spider_opened)
            crawler.signals.connect(exporter.page_rejected, signal=page_rejected)
        return exporter

    def open_archive(self, spider: Spider) -> None:
        """Open the archive, fill in what killed runs exported, record the run's start; then
        listen for the engine's stop (connected now, so that it runs after the run report has
        given the verdict)."""
        assert self.url is not None
        self.site = getattr(getattr(spider, "site", None), "name", spider.name)
        try:
            self.archive = Archive(self.url)
            self._recover_killed_runs(spider)
            self.run = self.archive.start_run(self.site, self.node, now(), feed_outputs(self.crawler))
        except ArchiveError as error:
            self._archive_failed(error)
            return
        spider.logger.debug("Archive %s: run %d", self.archive.shown, self.run)
        self.flushing = LoopingCall(self._flush)
        self.flushing.start(FLUSH_S, now=False)
        self.crawler.signals.connect(self.finish_run, signal=signals.engine_stopped)

    def _recover_killed_runs(self, spider: Spider) -> None:
        """Write into the archive what the runs of this site and node that recorded no end
        exported (the items their feeds all hold whole), and mark them killed."""
        assert self.archive is not None
        for run, outputs in self.archive.unfinished_runs(self.site, self.node):
            items = _whole_items(outputs)
            for start in range(0, len(items or ()), BATCH):
                self.archive.record_many((items or [])[start : start + BATCH], run, "exported")
            self.archive.finish_run(run, verdict="killed", finish_reason="killed", exported=len(items or ()))
            if items is None:
                spider.logger.warning("Run %d was killed; its outputs cannot be read back (no local JSON feed): "
                                      "the articles it exported are not in the archive", run)
            else:
                spider.logger.warning("Run %d was killed; %d articles it exported written into the archive", run, len(items))

    def _stored(self, item: Any) -> None:
        """Queue the item for the archive; it is counted and signalled as stored once written."""
        if self.url is None or not isinstance(item, ArticleItem):
            super()._stored(item)
        elif self.archive is not None:
            self.pending.append(item)
            if len(self.pending) >= BATCH:
                self._flush()

    def _flush(self) -> None:
        """Write the waiting items into the archive in one transaction; then they are stored."""
        if self.archive is None or not self.pending:
            return
        batch, self.pending = self.pending, []
        skin = self._skin()  # once a batch: it looks through every stat
        try:
            self.archive.record_many([field_values(item) for item in batch], self.run, "exported", [skin] * len(batch))
        except ArchiveError as error:
            self._archive_failed(error)
            return
        for item in batch:
            super()._stored(item)

    async def close_spider(self, spider: Spider) -> None:
        """Close and store the feeds, then write the last items into the archive."""
        await super().close_spider(spider)
        if self.flushing is not None and self.flushing.running:
            self.flushing.stop()
        self._flush()

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
        """The skin of the run's article pages when they were all read with one so far (a
        batch written within a second of a page in another skin names none)."""
        skins = _skins(self.crawler.stats.get_stats() if self.crawler.stats else {})
        return next(iter(skins)) if len(skins) == 1 else None

    def _archive_failed(self, error: ArchiveError) -> None:
        """Like a broken feed: reported once, no item stored from now on, the crawl stopped."""
        self.pending.clear()
        if self.flushing is not None and self.flushing.running:
            self.flushing.stop()
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


def _whole_items(outputs: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The items a killed run's feeds all hold whole, as its JSON feed has them (CSV flattens the
    images); ``None`` when a feed cannot be read back (another storage) or none is JSON."""
    whole: dict[str, dict[str, Any]] | None = None
    held: set[str] | None = None
    for output in outputs:
        path = Path(output["path"]) if output.get("path") else None
        if path is None or output.get("format") not in READABLE_FORMATS:
            return None
        items = read_contents(path.read_bytes(), output["format"]).items if path.is_file() else []
        ids = {str(item.get("article_id")) for item in items if item.get("article_id") and item.get("url")}
        held = ids if held is None else held & ids
        if whole is None and output["format"] in _JSON_FORMATS:
            whole = {str(item["article_id"]): item for item in items if str(item.get("article_id")) in ids}
    if whole is None or held is None:
        return None
    return [item for idx, item in whole.items() if idx in held]


def _skins(stats: dict[str, Any]) -> dict[str, int]:
    return {key[len(SKIN_PREFIX):]: value for key, value in stats.items() if key.startswith(SKIN_PREFIX)}


def _sentence(error: ArchiveError) -> str:
    text = str(error)
    return text[:1].upper() + text[1:]
