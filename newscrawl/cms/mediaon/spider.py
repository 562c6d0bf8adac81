"""Routing for 미디어온 installs: the all-articles list (or, with ``-a sections``, the sections'
lists), then the site's feed; each body's opening credit ("매체명 이름 기자 |") dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from scrapy import Request
from scrapy.http import Response

from newscrawl.cms.mediaon import ALL_ARTICLES_PATH, FEED_PATHS, LEAD
from newscrawl.cms.spider import CmsSpider, text_page
from newscrawl.extract.article_page import ArticlePage
from newscrawl.extract.dates import KST
from newscrawl.extract.feed import feed_entries, linked_feeds
from newscrawl.extract.urls import linked_article_id
from newscrawl.items import ArticleItem

ALL_ARTICLES = ""
"""The list code of the all-articles list."""
_LEAD = re.compile(LEAD)


class MediaonSpider(CmsSpider):
    """The all-articles list, newest first, holds every article of every section (a section
    list only its own): without ``-a sections`` it is the one list read. Both kinds of list
    answer a page past the end with the last page again: a page that adds no new article ends
    the list. Then the site's feed (``/data/rss/news.xml`` and those the home page links)."""

    def parse_home(self, response: Response) -> Iterator[Request]:
        """The sections' lists (checked against the menu); or the all-articles list, then the feeds."""
        if self.args.sections:
            # The feed is the whole site's, and article pages rarely name their section's code.
            yield from super().parse_home(response)
            return
        self.check_family(response)
        yield self._list_request(ALL_ARTICLES, 1)
        for url in dict.fromkeys(response.urljoin(feed) for feed in (*linked_feeds(text_page(response).selector), *FEED_PATHS)):
            yield Request(url, callback=self.parse_feed, errback=self.request_failed, priority=-1)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Request the feed's articles that are not known yet and, by the feed's date (read
        in KST when it has no zone), lie in the date window."""
        entries = feed_entries(response.body)
        self.crawler.stats.inc_value("newscrawl/feed_entries", len(entries))
        for entry in entries:
            idx = linked_article_id(self.site, self.args.base_url + "/", entry.link)
            if idx is None or idx in self.crawl_state.known:
                continue
            if entry.published is not None and not self.args.in_window(entry.published.astimezone(KST).date()):
                self.crawler.stats.inc_value("newscrawl/skipped/feed_out_of_window")
                continue
            yield from self._follow_article(idx)

    def article_item(self, response: Response, page: ArticlePage, day: date | None) -> ArticleItem | None:
        """The shared item, its body without the opening credit."""
        item = super().article_item(response, page, day)
        if item is not None:
            item.body = without_lead(item.body)
        return item

    def _list_request(self, code: str, page: int) -> Request:
        """A section's list page, or (code :data:`ALL_ARTICLES`) the all-articles list's."""
        request = super()._list_request(code, page)
        if code == ALL_ARTICLES:
            request = request.replace(url=f"{self.args.base_url}{ALL_ARTICLES_PATH}?{self.site.scheme.page_param}={page}")
        return request


def without_lead(body: str) -> str:
    """``body`` without the credit opening its first paragraph ("경기신문 홍길동 기자 | …")."""
    return _LEAD.sub("", body, count=1)
