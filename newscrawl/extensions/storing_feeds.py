"""Feeds that say when an item is really stored, and stop the crawl when one cannot be."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter, FeedSlot, FileFeedStorage, StdoutFeedStorage, apply_uri_params
from scrapy.utils.defer import deferred_from_coro

from newscrawl.report import EXPORTED_STAT
from newscrawl.sitelog import site_logger

item_storing = object()
"""Signal sent with ``item`` before it is written to any feed."""
item_stored = object()
"""Signal sent with ``item`` once every feed that takes the item holds it."""
FAILED_FEEDS_STAT = "newscrawl/feeds/failed"
"""Stat listing the feeds that could not be written, a sentence each naming the feed and the error."""
CLOSE_REASON = "feed_failed"
"""The finish reason of a crawl stopped because a feed could not be written."""
STORE_FAILED_PREFIX = "feedexport/failed_count/"
"""Scrapy's stats of feeds whose storage failed when the crawl ended, by storage type."""
_WRITE_THROUGH_STORAGES = (FileFeedStorage, StdoutFeedStorage)


class StoringFeedExporter(FeedExporter):
    """Scrapy's feed exporter (it replaces it), with two guarantees the state relies on.

    - :data:`item_stored` is sent for an item once each feed that accepts it holds it: for a
      local file or standard output, when the item is written and flushed to the operating
      system; for any other storage (S3, FTP, …, or a post-processed file), when the feed was
      stored at the end of the crawl and no feed failed to store.
    - A feed that cannot be opened or written (a missing folder, a full disk, …) is reported
      once with its URI and the error, listed under :data:`FAILED_FEEDS_STAT`, and stops the
      crawl (finish reason ``feed_failed``); the other feeds keep receiving items meanwhile.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.failed: dict[str, str] = {}
        """Feeds that could not be written: URI → error."""
        self._awaiting_store: list[Any] = []
        """Items written to feeds whose storage only holds them once stored at the end."""

    def item_scraped(self, item: Any, spider: Spider) -> None:
        """Write the item to each feed that accepts it, each on its own; send
        :data:`item_stored` when all of them hold it."""
        self.crawler.signals.send_catch_log(item_storing, item=item)
        held_now = not self.failed
        for slot in list(self.slots):
            if not slot.filter.accepts(item):
                continue
            try:
                self._write(slot, item)
            except Exception as error:  # any storage, any exporter: the feed is broken
                self._fail(slot, error)
                held_now = False
                continue
            held_now = held_now and _writes_through(slot)
            self._next_batch_when_full(slot, spider)
        if held_now:
            self._stored(item)
        elif not self.failed:
            self._awaiting_store.append(item)

    async def close_spider(self, spider: Spider) -> None:
        """Close and store every feed, then send :data:`item_stored` for the items that only a
        successful store makes safe."""
        await super().close_spider(spider)
        assert self.crawler.stats is not None
        store_failed = any(key.startswith(STORE_FAILED_PREFIX) for key in self.crawler.stats.get_stats())
        if not (self.failed or store_failed):
            for item in self._awaiting_store:
                self._stored(item)
        self._awaiting_store.clear()

    def _stored(self, item: Any) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(EXPORTED_STAT)
        self.crawler.signals.send_catch_log(item_stored, item=item)

    @staticmethod
    def _write(slot: FeedSlot, item: Any) -> None:
        slot.start_exporting()
        assert slot.exporter is not None and slot.file is not None
        slot.exporter.export_item(item)
        slot.itemcount += 1
        if _writes_through(slot):
            slot.file.flush()

    def _fail(self, slot: FeedSlot, error: Exception) -> None:
        """Record a broken feed, set it aside (it gets no more items and is not stored at the
        end) and stop the crawl: what it did not store is not done."""
        message = f"{type(error).__name__}: {error}"
        self.failed[slot.uri] = message
        self.slots.remove(slot)
        if slot.file is not None:
            try:
                slot.file.close()
            except OSError:
                pass  # its buffer cannot be written either; the error was reported
        assert self.crawler.stats is not None and self.crawler.engine is not None
        self.crawler.stats.set_value(
            FAILED_FEEDS_STAT, [f"The feed {uri} could not be written: {why}." for uri, why in self.failed.items()]
        )
        site_logger(self.crawler).error(
            "The feed %s could not be written (%s): stopping the crawl; the articles it did not "
            "store are not recorded as exported, and the next run exports them.",
            slot.uri, message,
        )
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))

    def _next_batch_when_full(self, slot: FeedSlot, spider: Spider) -> None:
        """Start the feed's next file once it holds ``batch_item_count`` items."""
        options = self.feeds[slot.uri_template]
        if not options["batch_item_count"] or slot.itemcount < options["batch_item_count"]:
            return
        uri = apply_uri_params(slot.uri_template, self._get_uri_params(spider, options["uri_params"], slot))
        self._schedule_slot_close(slot, spider)
        self.slots[self.slots.index(slot)] = self._start_new_batch(
            batch_id=slot.batch_id + 1, uri=uri, feed_options=options, spider=spider, uri_template=slot.uri_template
        )


def _writes_through(slot: FeedSlot) -> bool:
    """Whether a flushed item is in the feed's destination already (a plain local file or
    standard output), rather than only once the feed is stored."""
    return isinstance(slot.storage, _WRITE_THROUGH_STORAGES) and "postprocessing" not in slot.feed_options
