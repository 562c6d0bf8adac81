"""RSS and Atom feeds: where a site's home page says its feeds are, and the article links in
a feed."""

from __future__ import annotations

from parsel import Selector

_FEED_TYPES = ("application/rss+xml", "application/atom+xml")


def linked_feeds(home: Selector) -> list[str]:
    """The feed URLs a home page's ``<link>`` tags name, as written, in page order. The
    ``rel`` is not checked: some installs misspell ``alternate``."""
    hrefs = (link.attrib.get("href", "").strip() for link in home.css("link[type]") if link.attrib["type"].strip().lower() in _FEED_TYPES)
    return list(dict.fromkeys(href for href in hrefs if href))


def feed_article_links(xml: bytes) -> list[str]:
    """The item links of an RSS 2.0 or Atom feed, in feed order (empty for anything else)."""
    try:
        feed = Selector(body=xml, type="xml")
    except ValueError:
        return []
    links = feed.xpath("//*[local-name()='item']/*[local-name()='link']/text()").getall()
    links += feed.xpath("//*[local-name()='entry']/*[local-name()='link']/@href").getall()
    return [link.strip() for link in links if link.strip()]
