"""Routing shared by the CMS families: home menu → section lists → articles, and each
article's previous/next links where its skin has them."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Collection, Iterator
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from newscrawl.arguments import CrawlArguments, parse_arguments
from newscrawl.cms.model import SiteProfile
from newscrawl.cms.recognised import RECOGNISED, family_label
from newscrawl.crawl_state import CrawlState
from newscrawl.extract.article_page import ArticlePage, PageStatus, parse_article_page
from newscrawl.extract.dates import KST, parse_date
from newscrawl.extract.links import article_ids_linked
from newscrawl.extract.list_page import parse_list_page, parse_menu
from newscrawl.extract.recognise import Verdict, recognise
from newscrawl.extract.urls import article_url, linked_article_id, list_url
from newscrawl.items import ArticleItem
from newscrawl.keys import (
    CMS_CHANGED_REASON,
    FALLBACK_PAGES_STAT,
    FALLBACK_PREFIX,
    HOME_FAMILY_STAT,
    LINKS_FOLLOWED_STAT,
    LIST_ENTRIES_STAT,
    LIST_LAYOUT_PREFIX,
    LIST_PAGES_STAT,
    PARSE_ERROR_REASON,
    RULE_PREFIX,
    SKIN_PREFIX,
    SKIPPED_PREFIX,
    STOP_DETAIL_STAT,
    UNKNOWN_SECTION_REASON,
)
from newscrawl.rejects import failure_reason, record_reject

_GONE_STATUSES = [404, 410]
_ARGUMENT_NAMES = ("base_url", "sections", "since", "until", "url", "full", "recheck_days")
# Arguments Scrapyd passes to every job; accepted and ignored.
_SCHEDULER_ARGUMENTS = ("_job",)


class CmsSpider(Spider):
    """Home menu → section list pages → articles, plus each article's previous/next links and
    every other link to an article on list and article pages (related and most-read boxes,
    neighbour links in markup no skin declares).
    One subclass per site (``newscrawl.spiders``) sets ``name`` and ``site``; a CMS family
    with other ways to find articles subclasses it.

    Spider arguments: ``base_url``, ``sections`` (comma-separated codes), ``since`` and
    ``until`` (``YYYY-MM-DD``), ``url`` (one article only), ``full`` (ignore the state),
    ``recheck_days`` (fetch recent exported articles again).
    """

    site: ClassVar[SiteProfile]

    def __init__(self, **kwargs: Any) -> None:
        self.check_arguments(kwargs)
        super().__init__()
        self.args: CrawlArguments = parse_arguments(self.site, **_own_arguments(kwargs))
        self.allowed_domains = [urlsplit(self.args.base_url).hostname or ""]
        self.crawl_state = CrawlState()
        """What this run knows of the site's articles (the IncrementalState extension fills it)."""

    @classmethod
    def check_arguments(cls, arguments: dict[str, str]) -> None:
        """Raise ``ValueError`` with a one-line reason when ``-a`` arguments are wrong.

        Unknown names are refused: Scrapy would set them as spider attributes, and ``name``
        would change the spider name that output and state paths are made of."""
        unknown = sorted(set(arguments) - {*_ARGUMENT_NAMES, *_SCHEDULER_ARGUMENTS})
        if unknown:
            raise ValueError(f"unknown argument {', '.join(unknown)}; known arguments: {', '.join(_ARGUMENT_NAMES)}")
        parse_arguments(cls.site, **_own_arguments(arguments))

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> CmsSpider:
        """Also record exceptions raised while parsing a page as rejects (``parse_error``)."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.spider_error, signal=signals.spider_error)
        return spider

    def log(self, message: Any, level: int = logging.DEBUG, **kw: Any) -> None:
        """Log through :attr:`logger`: spidermon's runner still calls ``Spider.log()``, which
        Scrapy 2.19 deprecates with a warning on every run."""
        self.logger.log(level, message, **kw)

    def spider_error(self, failure: Failure, response: Response) -> None:
        """Record a page whose parsing raised (Scrapy logs the traceback)."""
        detail = f"{type(failure.value).__name__}: {failure.value}"
        record_reject(self.crawler, response.url, PARSE_ERROR_REASON, detail, response.meta.get("article_id"))

    def request_failed(self, failure: Failure) -> None:
        """Record a request that failed for good (after retries) with the reason why."""
        request = failure.request  # type: ignore[attr-defined]
        reason, detail = failure_reason(failure.value)
        record_reject(self.crawler, request.url, reason, detail, request.meta.get("article_id"))

    async def start(self) -> AsyncIterator[Request]:
        """The home page, the articles to recheck and those pending from earlier runs; or the
        single article of ``-a url=``."""
        if self.args.article_id:
            yield self._article_request(self.args.article_id, follow=False)
            return
        yield Request(self.args.base_url + self.site.scheme.home_path, callback=self.parse_home, errback=self.request_failed)
        for idx in sorted(self.crawl_state.rechecked):
            yield self._article_request(idx, follow=False)
        for idx in self.crawl_state.pending:
            for request in self._follow_article(idx):
                yield request

    def parse_home(self, response: Response) -> Iterator[Request]:
        """Request the first list page of every (selected) section in the menu; stop the
        crawl when ``-a sections`` names a code the menu does not offer (codes are per
        install: the menu is the only place they can be checked)."""
        self.check_family(response)
        menu = parse_menu(self.site, text_page(response).selector)
        unknown = [code for code in self.args.sections if code not in menu]
        if unknown and menu:
            offered = ", ".join(f"{code} ({name})" for code, name in menu.items())
            self.logger.error("Unknown section %s: the menu of %s offers %s", ", ".join(unknown), response.url, offered)
            raise CloseSpider(UNKNOWN_SECTION_REASON)
        for code in self.args.sections or tuple(menu):
            yield self._list_request(code, 1)

    def check_family(self, response: Response) -> None:
        """Stop the crawl at once (finish reason :data:`CMS_CHANGED_REASON`) when the home page
        is recognised as another CMS family than the site's, its verdict one sentence naming
        what the page looks like now: sites change CMS, and a crawl with the old family's URLs
        would only fail page by page. A home no family clearly leads on is crawled (the family
        it was recognised as, or ``unknown``, is the stat :data:`HOME_FAMILY_STAT`)."""
        verdict = self.home_verdict(response)
        if not verdict.decided or verdict.family == self.site.cms.name:
            return
        sentence = f"{self.site.name} no longer looks like an install of {family_label(self.site.cms.name)}: {verdict.describe()}."
        self.crawler.stats.set_value(STOP_DETAIL_STAT, sentence)
        raise CloseSpider(CMS_CHANGED_REASON)

    def home_verdict(self, response: Response) -> Verdict:
        """What the home page looks like among the families a home page is recognised as."""
        verdict = recognise(response.body, response.url, RECOGNISED, home_url=self.args.base_url)
        self.crawler.stats.set_value(HOME_FAMILY_STAT, verdict.family or "unknown")
        return verdict

    def parse_list(self, response: Response, code: str, page: int) -> Iterator[Request]:
        """Request the list's articles in the window, the articles the page's other links
        point to, then the next list page."""
        listing = parse_list_page(self.site, text_page(response).selector, response.url, datetime.now(KST))
        self.crawler.stats.inc_value(LIST_PAGES_STAT)
        self.crawler.stats.inc_value(LIST_ENTRIES_STAT, len(listing.entries))
        if listing.layout:
            self.crawler.stats.inc_value(f"{LIST_LAYOUT_PREFIX}{listing.layout}")
        if page == 1 and listing.last_page:
            self.crawler.stats.set_value(f"newscrawl/estimate/{code}", len(listing.entries) * listing.last_page)
        unseen = fresh = 0
        oldest: date | None = None
        entry_ids: set[str] = set()
        for entry in listing.entries:
            oldest = oldest if entry.pinned else entry.day or oldest
            idx = linked_article_id(self.site, response.url, entry.href)
            if idx is not None:
                entry_ids.add(idx)
            if idx is None or idx in self.crawl_state.listed[code]:
                continue
            self.crawl_state.listed[code].add(idx)
            unseen += 1
            if idx in self.crawl_state.known:
                continue
            fresh += not entry.pinned
            if entry.day is None or self.args.in_window(entry.day):
                yield from self._follow_article(idx, code)
        # The list's own entries are left to the rules above (an entry out of the window is
        # not fetched): only the page's other article links are followed as links. Not with
        # `-a sections`: the boxes of a list page link every section, and an article of another
        # section is fetched to learn so, on every run (the section's own ones are in its list).
        if not self.args.sections:
            yield from self._follow_links(response, skip=entry_ids)
        # Stop at an empty list, at a page that only repeats earlier ones, at a page whose
        # articles are all known (pinned notices aside), at the single page of a list without
        # page links, and, since lists run newest first, once a page reaches back before `since`.
        all_known = not fresh and self.crawl_state.lists_end_at_known
        if not unseen or all_known or (oldest and self.args.since and oldest < self.args.since):
            return
        if (listing.paged and listing.last_page is None) or page < (listing.last_page or 0):
            yield self._list_request(code, page + 1)

    def parse_article(self, response: Response, follow: bool) -> Iterator[ArticleItem | Request]:
        """Yield the article's item (or record why not) and request its neighbours."""
        self.crawl_state.fetched.add(response.meta["article_id"])
        if response.status in _GONE_STATUSES:
            record_reject(self.crawler, response.url, self.gone_reason(response), f"HTTP {response.status}", response.meta["article_id"])
            return
        page = parse_article_page(self.site, response.body, response.url, page_encoding(response))
        section_code = page.content.section_code or response.meta.get("list_code", "")
        if self.args.sections and section_code not in self.args.sections:
            self.crawler.stats.inc_value(f"{SKIPPED_PREFIX}other_section")
            return
        self._count_reading(page)
        day = self.publication_day(page)
        if follow:
            # An article outside the date window that only a link led to is a dead end: its
            # neighbours would lead further away, one article after another.
            outside = day is not None and not self.args.in_window(day)
            previous, following = (linked_article_id(self.site, response.url, href) if href else None for href in (page.prev_href, page.next_href))
            if not (outside and response.meta.get("linked")):
                yield from self._neighbour_requests(previous, following, day)
            if not outside:
                yield from self._follow_links(response, skip={response.meta["article_id"], previous or "", following or ""})
        item = self.article_item(response, page, day)
        if item is not None:
            yield item

    def _count_reading(self, page: ArticlePage) -> None:
        """Count which skin and which rule read each field of an article page, and each field
        taken from its metadata."""
        if page.status is not PageStatus.ARTICLE:
            return
        stats = self.crawler.stats
        stats.inc_value(f"{SKIN_PREFIX}{page.skin or 'unknown'}")
        for name, rule in page.rules.items():
            stats.inc_value(f"{RULE_PREFIX}{name}/{rule}")
        for name in page.fallbacks:
            stats.inc_value(f"{FALLBACK_PREFIX}{name}")
        if page.fallbacks:
            stats.inc_value(FALLBACK_PAGES_STAT)

    def gone_reason(self, response: Response) -> str:
        """The reject reason of an article page that says the article does not exist."""
        return PageStatus.DELETED.value

    def publication_day(self, page: ArticlePage) -> date | None:
        """The page's publication day when a ``since``/``until`` window needs it, else ``None``."""
        if not (self.args.since or self.args.until):
            return None
        published = parse_date(page.content.published_raw)
        return published.date() if published else None

    def article_item(self, response: Response, page: ArticlePage, day: date | None) -> ArticleItem | None:
        """The item of a parsed article page, or ``None`` (recorded) when the page is not an
        exportable article or lies outside the window (``day`` from :meth:`publication_day`)."""
        if page.status is not PageStatus.ARTICLE:
            reason = self.gone_reason(response) if page.status is PageStatus.DELETED else page.status.value
            record_reject(self.crawler, response.url, reason, article_id=response.meta["article_id"])
            return None
        if day is not None and not self.args.in_window(day):
            self.crawler.stats.inc_value(f"{SKIPPED_PREFIX}out_of_window")
            return None
        content = page.content
        idx = str(response.meta["article_id"])
        return ArticleItem(
            url=article_url(self.site, self.args.base_url, idx),
            article_id=idx,
            site=self.site.name,
            section=content.section,
            title=content.title,
            subtitle=content.subtitle,
            author=content.author,
            published_raw=content.published_raw,
            modified_raw=content.modified_raw,
            body=content.body,
            images=content.images,
            crawled_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    def _neighbour_requests(self, previous: str | None, following: str | None, day: date | None) -> Iterator[Request]:
        """The previous and next articles (their ids, ``None`` where the page links none),
        unless known or beyond the date window (``day`` is the page's publication date)."""
        if previous is not None and not (day and self.args.since and day <= self.args.since):
            yield from self._unknown_article(previous)
        if following is not None and not (day and self.args.until and day >= self.args.until):
            yield from self._unknown_article(following)

    def _unknown_article(self, idx: str) -> Iterator[Request]:
        if idx not in self.crawl_state.known:
            yield from self._follow_article(idx)

    def _follow_links(self, response: Response, skip: Collection[str]) -> Iterator[Request]:
        """Requests for the articles the page links to anywhere (ids in ``skip`` aside) that
        are neither known nor requested yet, counted as ``newscrawl/links/followed``."""
        for idx in article_ids_linked(self.site, response.url, response.body, page_encoding(response)):
            if idx not in skip and idx not in self.crawl_state.known and idx not in self.crawl_state.requested:
                self.crawler.stats.inc_value(LINKS_FOLLOWED_STAT)
                yield from self._follow_article(idx, linked=True)

    def _follow_article(self, idx: str, list_code: str = "", linked: bool = False) -> Iterator[Request]:
        """A request for article ``idx`` and its neighbours, unless one was made already;
        ``list_code`` is the section whose list showed it, ``linked`` says a link elsewhere
        than a list or a neighbour link led to it."""
        if idx not in self.crawl_state.requested:
            self.crawl_state.requested.add(idx)
            request = self._article_request(idx, follow=True, list_code=list_code)
            if linked:
                request.meta["linked"] = True
            yield request

    def _article_request(self, idx: str, follow: bool, list_code: str = "") -> Request:
        return Request(
            article_url(self.site, self.args.base_url, idx),
            callback=self.parse_article,
            errback=self.request_failed,
            cb_kwargs={"follow": follow},
            meta={"article_id": idx, "list_code": list_code, "handle_httpstatus_list": _GONE_STATUSES},
        )

    def _list_request(self, code: str, page: int) -> Request:
        # Below the articles: the next list page is fetched once the articles found so far
        # are, so that a long archive never queues up thousands of requests.
        return Request(
            list_url(self.site, self.args.base_url, code, page),
            callback=self.parse_list,
            errback=self.request_failed,
            cb_kwargs={"code": code, "page": page},
            priority=-1,
        )


def page_encoding(response: Response) -> str:
    """The encoding a page's bytes are read in: the one the encoding check settled on; UTF-8
    for a page served as binary."""
    return response.encoding if isinstance(response, TextResponse) else "utf-8"


def text_page(response: Response) -> TextResponse:
    """``response`` as a text page; a home, list or feed page served as binary is refused
    with ``ValueError`` (recorded as the page's ``parse_error``)."""
    if not isinstance(response, TextResponse):
        raise ValueError(f"not a text page: {response.headers.get(b'Content-Type')!r}")
    return response


def _own_arguments(arguments: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in arguments.items() if key in _ARGUMENT_NAMES}



def spider_classes(profiles: dict[str, SiteProfile], base: type[CmsSpider], module: str) -> dict[str, type[CmsSpider]]:
    """A spider class per site (``scrapy crawl <name>``), made from a CMS's sites list, as
    classes of ``module`` (Scrapy lists the spiders a module defines)."""
    return {
        name: type(
            f"{name.title()}Spider",
            (base,),
            {
                "name": name,
                "site": profile,
                "__module__": module,
                "__doc__": f"Crawls {profile.site.brand or name} ({profile.base_url or 'any install: -a base_url='}).",
            },
        )
        for name, profile in profiles.items()
    }
