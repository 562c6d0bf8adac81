"""RSS and Atom feeds: where a site's home page says its feeds are, and the article links in
a feed with their dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

from parsel import Selector

from newscrawl.extract.dates import KST

_FEED_TYPES = ("application/rss+xml", "application/atom+xml")
# ND소프트 feeds write "2026-07-31 17:15:31", in Korea Standard Time and without a zone, which
# RFC 822 parsers drop or misread.
_ZONELESS = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link as written, and its date when it has one that parses."""

    link: str
    published: datetime | None
    """Aware; a date without a zone is Korea Standard Time."""


def linked_feeds(home: Selector) -> list[str]:
    """The feed URLs a home page's ``<link>`` tags name, as written, in page order. The
    ``rel`` is not checked: some installs misspell ``alternate``."""
    hrefs = (link.attrib.get("href", "").strip() for link in home.css("link[type]") if link.attrib["type"].strip().lower() in _FEED_TYPES)
    return list(dict.fromkeys(href for href in hrefs if href))


def feed_entries(xml: bytes) -> list[FeedEntry]:
    """The items of an RSS 2.0 or Atom feed that have a link, in feed order (empty for
    anything else), with their ``pubDate`` (RSS) or ``published``/``updated`` date (Atom)."""
    try:
        feed = Selector(body=xml, type="xml")
    except ValueError:
        return []
    entries = []
    for item in feed.xpath("//*[local-name()='item']"):
        link = item.xpath("string(*[local-name()='link'])").get("").strip()
        entries.append(FeedEntry(link, parse_feed_date(item.xpath("string(*[local-name()='pubDate'])").get(""))))
    for item in feed.xpath("//*[local-name()='entry']"):
        link = (item.xpath("*[local-name()='link']/@href").get() or "").strip()
        date_text = item.xpath("string(*[local-name()='published'])").get("") or item.xpath("string(*[local-name()='updated'])").get("")
        entries.append(FeedEntry(link, parse_feed_date(date_text)))
    return [entry for entry in entries if entry.link]


def parse_feed_date(text: str) -> datetime | None:
    """A feed's date as an aware datetime, or ``None``: RFC 822 (``Fri, 31 Jul 2026 17:15:31
    +0900``), ISO 8601, and the zone-less ``2026-07-31 17:15:31`` that is Korea Standard Time
    (as is an RFC 822 date without a zone)."""
    text = " ".join(text.split())
    if not text:
        return None
    try:
        if match := _ZONELESS.match(text):
            year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
            return datetime(year, month, day, hour, minute, second, tzinfo=KST)
        moment = datetime.fromisoformat(text) if text[:4].isdigit() else parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        return None
    return moment.replace(tzinfo=KST) if moment.tzinfo is None else moment
