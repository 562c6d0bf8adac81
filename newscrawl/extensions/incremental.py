"""Incremental crawling: remember exported articles so the next run skips them."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.crawl_state import CrawlState
from newscrawl.extensions.feeds import feed_outputs
from newscrawl.extensions.storing_feeds import item_stored, item_storing
from newscrawl.feed_files import READABLE_FORMATS, repair
from newscrawl.items import ArticleItem, field_values
from newscrawl.rejects import page_rejected
from newscrawl.state import StateStore, published_within, record_of

_GONE_REASONS = frozenset(("deleted", "members_only", "missing"))
_FORMAT_BY_SUFFIX = {".jsonl": "jsonl", ".jl": "jl", ".csv": "csv", ".json": "json"}


class IncrementalState:
    """Record every exported article in the state store and tell the spider what is known.

    An article is exported once every feed holds it (:data:`item_stored`); one that a feed
    did not store stays pending, and the next run exports it.

    Settings: ``NEWSCRAWL_STATE_ENABLED`` (on by default) and ``NEWSCRAWL_STATE_DIR``
    (``.newscrawl``, relative to the working directory). With ``-a full=1`` the spider is told
    nothing is known, and the store is refreshed with everything exported.
    """

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self.store: StateStore | None = None
        self.site = ""
        self.run_id = 0
        self.close_reason = ""
        self.pending: set[str] = set()
        """Articles earlier runs found but did not export (see :meth:`StateStore.pending_ids`)."""
        self.requested: list[str] = []
        """Articles requested since the store last recorded requests as pending."""
        self.scraped: set[str] = set()
        """Articles whose item this run handed to the feeds."""
        self.stored: set[str] = set()
        """Articles every feed holds: recorded as exported."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalState:
        """Read the settings and connect to the crawl's signals."""
        if not crawler.settings.getbool("NEWSCRAWL_STATE_ENABLED"):
            raise NotConfigured
        extension = cls(crawler, Path(crawler.settings["NEWSCRAWL_STATE_DIR"]) / "state.sqlite3")
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.item_storing, signal=item_storing)
        crawler.signals.connect(extension.item_stored, signal=item_stored)
        crawler.signals.connect(extension.page_rejected, signal=page_rejected)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        """Open the store and hand the spider the articles it need not fetch again."""
        self.site = spider.site.name  # type: ignore[attr-defined]
        self.store = StateStore(self.path)
        self._recover_killed_runs(spider)
        records = self.store.records(self.site)
        known: set[str] = set(records) | self.store.gone_ids(self.site)
        args = getattr(spider, "args", None)
        full = getattr(args, "full", False)
        self.pending = self.store.pending_ids(self.site)
        state: CrawlState = spider.crawl_state  # type: ignore[attr-defined]
        state.known = set() if full else known
        state.rechecked = {} if full else published_within(records, getattr(args, "recheck_days", 0))
        state.pending = sorted(self.pending, key=int)
        state.lists_end_at_known = self.store.previous_run_finished(self.site)
        state.walk_floor = self.store.walk_floor(self.site)
        self.run_id = self.store.start_run(self.site, _now(), feed_outputs(self.crawler))
        # Worth an operator's line only when this run differs from a plain incremental one.
        remarkable = full or self.pending or not state.lists_end_at_known
        spider.logger.log(
            logging.INFO if remarkable else logging.DEBUG,
            "State %s: %d articles known, %d pending from earlier runs%s%s",
            self.path,
            len(known),
            len(self.pending),
            " (ignored: full crawl)" if full else "",
            "" if state.lists_end_at_known else "; the previous run did not finish, so lists are read to the end",
        )

    def _recover_killed_runs(self, spider: Spider) -> None:
        """Repair the outputs of runs that were killed (no recorded end): a record cut
        mid-write is set aside, and the articles every output holds whole are recorded, so
        that they are not exported twice; then mark those runs as ended."""
        assert self.store is not None
        for run_id, outputs in self.store.unfinished_runs(self.site):
            recovered = _whole_in_every_output(run_id, outputs, spider)
            for item in recovered:
                self.store.save(self.site, record_of(item), _now())
            self.store.finish_run(run_id, _now(), "killed")
            spider.logger.warning("Run %d was killed; %d articles recovered from its outputs", run_id, len(recovered))

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """Note an article request; the store records it as pending with the next item."""
        if "article_id" in request.meta:
            self.requested.append(str(request.meta["article_id"]))

    def item_scraped(self, item: Any, spider: Spider) -> None:
        """Note an article handed to the feeds; it is exported once they all hold it."""
        if isinstance(item, ArticleItem):
            self.scraped.add(item.article_id)

    def item_storing(self, item: Any) -> None:
        """Before an item reaches the feeds, record the articles requested since the last one
        as pending: a run killed outright (no close) once a feed shows the item leaves them
        for the next run, which fetches them first."""
        if self.store is not None and self.requested:
            self.store.add_pending(self.site, self.requested)
            self.requested.clear()

    def item_stored(self, item: Any) -> None:
        """Record an article every feed holds."""
        if self.store is None or not isinstance(item, ArticleItem):
            return
        self.store.save(self.site, record_of(field_values(item)), _now())
        self.stored.add(item.article_id)

    def page_rejected(self, url: str, reason: str, article_id: str | None) -> None:
        """Remember deleted and members-only articles, so later runs do not fetch them again."""
        if self.store is not None and article_id and reason in _GONE_REASONS:
            self.store.save_gone(self.site, article_id, reason, _now())

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Keep the finish reason; the run is recorded once the feeds are stored."""
        self.close_reason = reason

    def engine_stopped(self) -> None:
        """Once the feeds are closed and stored: record the articles requested but never
        fetched, or fetched but not stored by every feed (pending for the next run), how the
        run ended, and close the store."""
        spider = self.crawler.spider
        if self.store is None or spider is None:
            return
        state: CrawlState = spider.crawl_state  # type: ignore[attr-defined]
        # Read back without the exported and gone ones.
        self.store.replace_pending(self.site, state.unfetched | (self.scraped - self.stored))
        if state.walk_floor_reached is not None:
            self.store.set_walk_floor(self.site, state.walk_floor_reached)
        self.store.finish_run(self.run_id, _now(), self.close_reason or "shutdown")
        self.store.close()
        self.store = None


def _whole_in_every_output(run_id: int, outputs: list[Any], spider: Spider) -> list[dict[str, Any]]:
    """The items a killed run's outputs all hold whole, after repairing each output; none
    when one of them cannot be read back (another storage or format): their articles are
    exported again rather than risk losing one."""
    whole: dict[str, dict[str, Any]] | None = None
    # JSON first: its items keep their lists (CSV flattens the images into one cell).
    for output in sorted(map(_output_entry, outputs), key=lambda output: output.get("format") == "csv"):
        path = Path(output["path"]) if output.get("path") else None
        if path is None or output.get("format") not in READABLE_FORMATS or not path.is_file():
            return []
        items, aside = repair(path, output["format"])
        if aside is not None:
            spider.logger.warning(
                "Run %d was killed while writing %s: the record it was writing is cut; set aside in %s "
                "(not counted as exported)", run_id, path, aside,
            )
        found = {str(item.get("article_id")): item for item in items if item.get("article_id") and item.get("url")}
        whole = found if whole is None else {idx: item for idx, item in whole.items() if idx in found}
    return list((whole or {}).values())


def _output_entry(output: dict[str, Any] | str) -> dict[str, Any]:
    """An output as recorded in the state; state files of earlier versions list paths only."""
    if isinstance(output, dict):
        return output
    return {"path": output, "format": _FORMAT_BY_SUFFIX.get(Path(output).suffix)}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
