"""Downloader middlewares: waiting out a struggling server, refusing redirects that lead
nowhere good, keeping to a site's robots.txt ``Crawl-delay`` (and a robots.txt that cannot be
fetched said in one line), and decoding pages with the encoding their bytes are really in."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.downloadermiddlewares.robotstxt import logger as robotstxt_logger
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.robotstxt import RobotParser
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding
from w3lib.url import safe_url_string

from newscrawl.extract.encoding import codec_name, decoding_encoding
from newscrawl.extract.retry_after import retry_after_seconds
from newscrawl.rejects import UNREACHABLE_ERRORS, PageRefused, failure_reason, site_answered
from newscrawl.sitelog import site_logger


class BackoffMiddleware:
    """Give a struggling site time before a failed request is retried: no request at all goes
    out until the wait is over. The wait is ``Retry-After`` on 429 and 503 (at most
    ``NEWSCRAWL_RETRY_AFTER_MAX`` seconds), otherwise ``NEWSCRAWL_BACKOFF_BASE`` seconds doubled
    at each retry of the same request, at most ``NEWSCRAWL_BACKOFF_MAX``. Until the site has
    answered once, a failed connection is not retried: a site that cannot be reached at all is
    reported in seconds, not after retries and backoff."""

    RETRY_AFTER_STATUSES = frozenset((429, 503))

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.retry_after_max = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")
        self.base = settings.getfloat("NEWSCRAWL_BACKOFF_BASE")
        self.max_wait = settings.getfloat("NEWSCRAWL_BACKOFF_MAX")
        self.retry_statuses = frozenset(int(code) for code in settings.getlist("RETRY_HTTP_CODES"))
        self.retry_times = settings.getint("RETRY_TIMES")
        self.resume_at = 0.0
        """``time.monotonic()`` before which no request is sent."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        """Read the retry and backoff settings."""
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        """Hold every request until the current wait is over."""
        while (wait := self.resume_at - time.monotonic()) > 0:
            await asyncio.sleep(wait)

    def process_response(self, request: Request, response: Response) -> Response:
        """Start a wait when a response with a retryable status is going to be retried."""
        if response.status in self.retry_statuses and self._will_retry(request):
            header = response.headers.get(b"Retry-After")
            asked = retry_after_seconds(header.decode("latin-1"), datetime.now(UTC)) if header else None
            if response.status in self.RETRY_AFTER_STATUSES and asked is not None:
                self._wait("retry_after", min(asked, self.retry_after_max), request, f"answered {response.status} with Retry-After")
            else:
                self._wait("backoff", self._backoff(request), request, f"answered {response.status}")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Start a wait when a request that failed to download is going to be retried."""
        if isinstance(exception, UNREACHABLE_ERRORS) and not site_answered(self.crawler):
            request.meta["dont_retry"] = True  # read by RetryMiddleware, which comes next
            return
        if not isinstance(exception, IgnoreRequest) and self._will_retry(request):
            self._wait("backoff", self._backoff(request), request, f"failed ({type(exception).__name__})")

    def _will_retry(self, request: Request) -> bool:
        limit = request.meta.get("max_retry_times", self.retry_times)
        return not request.meta.get("dont_retry") and request.meta.get("retry_times", 0) < limit

    def _backoff(self, request: Request) -> float:
        return min(self.base * 2 ** request.meta.get("retry_times", 0), self.max_wait)

    def _wait(self, kind: str, wait: float, request: Request, what: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{kind}/waits")
        self.crawler.stats.inc_value(f"newscrawl/{kind}/seconds", round(wait))
        site_logger(self.crawler).info("%s %s: no request for %.1f s, then a retry", request.url, what, wait)
        self.resume_at = max(self.resume_at, time.monotonic() + wait)


class RedirectGuardMiddleware:
    """Refuse redirects that leave the site (``offsite_redirect``) or come back to a URL of
    the same redirect chain (``redirect_loop``), before Scrapy's redirect middleware follows
    them; the request's errback records the reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        """Keep the crawler: the spider's allowed domains are read from it."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Raise :class:`PageRefused` for an off-site or looping redirect."""
        location = response.headers.get(b"Location")
        if not 300 <= response.status < 400 or not location or request.meta.get("dont_redirect"):
            return response
        target = safe_url_string(response.urljoin(location.decode("latin-1")))
        host = urlsplit(target).hostname or ""
        allowed = getattr(self.crawler.spider, "allowed_domains", None) or []
        if not any(host == domain or host.endswith("." + domain) for domain in allowed):
            raise PageRefused("offsite_redirect", f"redirected to {target}")
        if target in (*request.meta.get("redirect_urls", ()), request.url):
            raise PageRefused("redirect_loop", f"redirected back to {target}")
        return response


class CrawlDelayMiddleware:
    """Downloader middleware: once a site's robots.txt asks for a ``Crawl-delay`` longer than
    the configured delay, no two requests to that site start closer together than it asks
    (AutoThrottle is told not to shorten it); counted as ``newscrawl/crawl_delay``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT", "")
        self.delays: dict[str, float] = {}
        """The ``Crawl-delay`` of each host that asks for more than the configured delay."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        """Listen to the robots.txt files as Scrapy parses them."""
        middleware = cls(crawler)
        crawler.signals.connect(middleware.robots_parsed, signal=signals.robots_parsed)
        return middleware

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Keep the site's ``Crawl-delay`` when it asks for more than the downloader waits."""
        asked = robotparser.crawl_delay(self.user_agent)
        host = urlsplit(request.url).hostname or ""
        configured = self.crawler.settings.getfloat("DOWNLOAD_DELAY")
        if asked is not None and asked > configured:
            self.delays[host] = asked
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("newscrawl/crawl_delay", asked)
            site_logger(self.crawler).info("%s asks for %.1f s between requests (robots.txt Crawl-delay); waiting that long", host, asked)

    def process_request(self, request: Request) -> None:
        """Hold the request's downloader slot to the site's ``Crawl-delay``."""
        if not self.delays:  # the common case: no site asked for more
            return
        delay = self.delays.get(urlsplit(request.url).hostname or "")
        if delay is None:
            return
        request.meta["autothrottle_dont_adjust_delay"] = True
        assert self.crawler.engine is not None
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        downloader.per_slot_settings.setdefault(key, {})["delay"] = delay  # a slot made again later
        if key in downloader.slots:
            downloader.slots[key].delay = max(downloader.slots[key].delay, delay)


class RobotsTxtInOneLine(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware (it replaces it), whose download errors are one line
    instead of an error with two chained tracebacks. A site that cannot be reached at all is
    said once, by the run's verdict, so its robots.txt failure is only a debug line; any other
    failure (a timeout, a reset) is a warning: the crawl goes on as if robots.txt allowed all,
    as Scrapy does."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        if not any(isinstance(existing, _OneLineDownloadErrors) for existing in robotstxt_logger.filters):
            robotstxt_logger.addFilter(_OneLineDownloadErrors())


class _OneLineDownloadErrors(logging.Filter):
    """Turn the robots.txt middleware's "Error downloading" records into one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite a record carrying a download error: no traceback, our words, our level."""
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            return True
        request = record.args.get("request") if isinstance(record.args, dict) else None
        site = urlsplit(request.url).netloc if isinstance(request, Request) else "the site"
        record.exc_info = record.exc_text = None
        record.msg = "robots.txt of %s could not be fetched (%s): going on as if it allowed every page"
        record.args = (site, ": ".join(failure_reason(error)))
        record.levelno = logging.DEBUG if isinstance(error, UNREACHABLE_ERRORS) else logging.WARNING
        record.levelname = logging.getLevelName(record.levelno)
        return True


class EncodingMiddleware:
    """Decode each HTML page with the encoding its bytes are really in.

    Scrapy trusts the HTTP header, then ``<meta>``, and decodes with replacement characters
    when they are wrong. This middleware keeps the declared encoding when it decodes the
    page, switches to the one that does (``newscrawl/encoding/corrected``), and refuses the
    page (``undecodable``) when none does: mojibake is never exported. A single-byte label
    such as ``iso-8859-1`` is no evidence (it decodes any bytes): the ``<meta>`` label and the
    fallbacks go before it (see :func:`decoding_encoding`).
    ``NEWSCRAWL_FALLBACK_ENCODINGS`` lists encodings to try after the declared ones.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.fallbacks = crawler.settings.getlist("NEWSCRAWL_FALLBACK_ENCODINGS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EncodingMiddleware:
        """Read ``NEWSCRAWL_FALLBACK_ENCODINGS``."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response set to decode correctly, or raise :class:`PageRefused`."""
        if not isinstance(response, HtmlResponse) or not 200 <= response.status < 300:
            return response
        encoding = decoding_encoding(response.body, _declared_encodings(response), self.fallbacks)
        if encoding is None:
            raise PageRefused("undecodable", "no encoding decodes the page without errors (binary or mixed bytes)")
        if encoding == codec_name(response.encoding):
            return response
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/encoding/corrected")
        site_logger(self.crawler).debug("%s is %s, not %s as declared", response.url, encoding, response.encoding)
        return response.replace(encoding=encoding)


def _declared_encodings(response: Response) -> Iterator[str | None]:
    """The encodings the HTTP header and the page's ``<meta>`` declare, found on demand
    (the ``<meta>`` search costs more than checking that a page is UTF-8)."""
    yield http_content_type_encoding((response.headers.get(b"Content-Type") or b"").decode("latin-1"))
    yield html_body_declared_encoding(response.body)
