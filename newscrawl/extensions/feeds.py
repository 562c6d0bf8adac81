"""Access to the feed files the crawl is writing (Scrapy's FeedExporter slots)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter
from w3lib.url import file_uri_to_path


def feed_slots(crawler: Crawler) -> list[Any]:
    """The FeedExporter's open slots (one per output file), or none without feeds."""
    assert crawler.extensions is not None
    for extension in crawler.extensions.middlewares:
        if isinstance(extension, FeedExporter):
            return list(extension.slots)
    return []


def local_feed_paths(crawler: Crawler) -> list[Path]:
    """Local files the feeds write to, in ``FEEDS`` order."""
    paths = []
    for slot in feed_slots(crawler):
        uri = str(slot.uri)
        if uri.startswith("file:"):
            paths.append(Path(file_uri_to_path(uri)))
        elif "://" not in uri:
            paths.append(Path(uri))
    return paths
