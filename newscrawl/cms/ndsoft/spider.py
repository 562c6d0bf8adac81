"""Routing for ND소프트 installs: their article pages have no previous/next links, so after
the section lists it reads the site's feeds and walks the article ids that neither shows."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice, pairwise
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.http import Response

from newscrawl.cms.ndsoft import FEED_PATHS
from newscrawl.cms.spider import CmsSpider, text_page
from newscrawl.extract.dates import KST
from newscrawl.extract.feed import feed_entries, linked_feeds
from newscrawl.extract.urls import linked_article_id
from newscrawl.items import ArticleItem
from newscrawl.keys import FEED_ENTRIES_STAT, MISSING_REASON, NOT_NDSOFT_REASON, SKIPPED_PREFIX, STOP_DETAIL_STAT, WALK_REQUESTS_STAT
from newscrawl.rejects import record_reject

_MISSING_STATUSES = [301, 302, 303, 307, 308, 404, 410]
"""What an unused article id answers with, besides a 200 page saying so (a soft 404)."""
_WALK_BATCH = 50


class NdsoftSpider(CmsSpider):
    """Section lists, then the site's RSS feeds, then a walk over article ids.

    Ids are assigned in order, so the gaps between known ids hold the articles no list or
    feed shows any more. Once lists and feeds are done, the spider requests the ids in the
    gaps (newest gaps first), then the ids below the oldest known article until
    ``NEWSCRAWL_WALK_MISSES`` in a row are missing (that floor is remembered: later runs do not
    walk below it). At most ``NEWSCRAWL_WALK_BUDGET`` ids a run, at the site's usual pace; ids
    found missing or exported are in the state, so the next run continues where this one
    stopped. A missing id is rejected as ``missing`` and never fetched again.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.walk_missing: set[str] = set()
        """Walked ids that turned out unused (a redirect, a 404, a page saying so); any other
        page, exported or not (members-only, unreadable), is an article's."""
        self.walk_budget = 0
        self.walk_misses = 0
        self._bottom: list[str] = []
        """The last batch of ids walked below the oldest article."""
        self._misses_in_a_row = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NdsoftSpider:
        """Read the walk's settings and walk when the lists and feeds are done."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, NdsoftSpider)
        spider.walk_budget = crawler.settings.getint("NEWSCRAWL_WALK_BUDGET")
        spider.walk_misses = max(1, crawler.settings.getint("NEWSCRAWL_WALK_MISSES"))
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        return spider

    def parse_home(self, response: Response) -> Iterator[Request]:
        """The sections' lists (checked against the menu), then the feeds: the section feeds
        with ``-a sections``, otherwise those the home page links and the default ones. A home
        page that links no article in any of the family's URL forms is not an ND소프트 site:
        the crawl stops at once, saying so (rather than walking ids into 404s), and what it
        looks like instead when it is recognised as another family's."""
        if not any(linked_article_id(self.site, response.url, href) for href in response.css("a::attr(href)").getall()):
            form = self.site.scheme.article_forms["canonical"].format(id="N")
            detail = f"its home page {response.url} links no article as {form}"
            verdict = self.home_verdict(response)
            if verdict.decided:
                detail += " but " + verdict.describe().removeprefix("its home page ")
            self.crawler.stats.set_value(STOP_DETAIL_STAT, detail)
            raise CloseSpider(NOT_NDSOFT_REASON)
        yield from super().parse_home(response)
        if self.args.sections:
            feeds = [f"/rss/{code}.xml" for code in self.args.sections]
        else:
            feeds = [*linked_feeds(text_page(response).selector), *FEED_PATHS]
        for url in dict.fromkeys(response.urljoin(feed) for feed in feeds):
            # A feed may live on the site's CDN host.
            yield Request(url, callback=self.parse_feed, errback=self.request_failed, meta={"allow_offsite": True}, priority=-1)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Request the feed's articles that are not known yet and, by the feed's date (read
        in KST when it has no zone), lie in the date window."""
        entries = feed_entries(response.body)
        self.crawler.stats.inc_value(FEED_ENTRIES_STAT, len(entries))
        for entry in entries:
            idx = linked_article_id(self.site, self.args.base_url + "/", entry.link)
            if idx is None or idx in self.crawl_state.known:
                continue
            if entry.published is not None and not self.args.in_window(entry.published.astimezone(KST).date()):
                self.crawler.stats.inc_value(f"{SKIPPED_PREFIX}feed_out_of_window")
                continue
            yield from self._follow_article(idx)

    def parse_article(self, response: Response, follow: bool) -> Iterator[ArticleItem | Request]:
        """An article, or, for a walked id, a missing one (a redirect, a 404, a soft 404)."""
        walked = response.meta.get("walk", False)
        if walked and response.status in _MISSING_STATUSES:
            self.crawl_state.fetched.add(response.meta["article_id"])
            self.walk_missing.add(response.meta["article_id"])
            record_reject(self.crawler, response.url, MISSING_REASON, f"HTTP {response.status}", response.meta["article_id"])
            return
        yield from super().parse_article(response, follow)

    def gone_reason(self, response: Response) -> str:
        """``missing`` for a walked id whose page says it does not exist."""
        if not response.meta.get("walk"):
            return super().gone_reason(response)
        self.walk_missing.add(response.meta["article_id"])
        return MISSING_REASON

    def spider_idle(self) -> None:
        """Walk the next ids once nothing else is left to fetch."""
        requests = self._walk_requests()
        if not requests:
            return
        assert self.crawler.engine is not None
        for request in requests:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def _walk_requests(self) -> list[Request]:
        """The next batch of walked ids: ids in the gaps, then below the oldest article."""
        if self.args.article_id or self.walk_budget <= 0:
            return []
        seen = {int(idx) for idx in (*self.crawl_state.known, *self.crawl_state.requested) if idx.isdigit()}
        batch: list[int] = list(islice(_gap_ids(seen), min(_WALK_BATCH, self.walk_budget)))
        if not batch:
            batch = self._below_oldest(seen)
        self.walk_budget -= len(batch)
        self.crawler.stats.inc_value(WALK_REQUESTS_STAT, len(batch))
        return [self._walk_request(str(idx)) for idx in batch]

    def _below_oldest(self, seen: set[int]) -> list[int]:
        """The next ids below the oldest known article, until ``walk_misses`` in a row of them
        were missing: the archive starts above them."""
        if self._bottom:
            found = not self.walk_missing.issuperset(self._bottom)
            self._misses_in_a_row = 0 if found else self._misses_in_a_row + len(self._bottom)
            if self._misses_in_a_row >= self.walk_misses:
                self.crawl_state.walk_floor_reached = int(self._bottom[-1])
        lowest = min(seen, default=0)
        if not seen or self.crawl_state.walk_floor_reached is not None or (self.crawl_state.walk_floor is not None and lowest <= self.crawl_state.walk_floor + 1):
            return []
        floor = max(self.crawl_state.walk_floor or 0, lowest - 1 - min(self.walk_misses, self.walk_budget))
        batch = list(range(lowest - 1, floor, -1))  # 11-digit ids: never the whole range
        self._bottom = [str(idx) for idx in batch]
        return batch

    def _walk_request(self, idx: str) -> Request:
        self.crawl_state.requested.add(idx)
        request = self._article_request(idx, follow=False)
        request.meta.update(walk=True, dont_redirect=True, handle_httpstatus_list=_MISSING_STATUSES)
        return request


def _gap_ids(seen: set[int]) -> Iterator[int]:
    """The ids between known ones, newest gaps first, each gap from its newest id down."""
    for newer, older in pairwise(sorted(seen, reverse=True)):
        yield from range(newer - 1, older, -1)
