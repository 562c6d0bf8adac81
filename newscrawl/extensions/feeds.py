"""Access to the feed files the crawl is writing (Scrapy's FeedExporter slots)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter
from w3lib.url import file_uri_to_path


def feed_exporter(crawler: Crawler) -> FeedExporter | None:
    """The crawl's FeedExporter extension, or ``None`` when it is off."""
    assert crawler.extensions is not None
    return next((e for e in crawler.extensions.middlewares if isinstance(e, FeedExporter)), None)


def local_feed_paths(crawler: Crawler) -> list[Path]:
    """Local files the feeds write to, in ``FEEDS`` order."""
    exporter = feed_exporter(crawler)
    paths = []
    for slot in exporter.slots if exporter else []:
        uri = str(slot.uri)
        if uri.startswith("file:"):
            paths.append(Path(file_uri_to_path(uri)))
        elif "://" not in uri:
            paths.append(Path(uri))
    return paths


def exported_items(path: Path) -> Iterator[dict[str, Any]]:
    """The complete items in an output file (JSON Lines or CSV, by its suffix); a line
    cut short by a killed process is skipped."""
    if not path.is_file():
        return
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if path.suffix in (".jsonl", ".jl"):
        for line in text.splitlines():
            try:
                yield json.loads(line)
            except ValueError:
                continue
    elif path.suffix == ".csv":
        yield from csv.DictReader(io.StringIO(text))


def sidecar_path(crawler: Crawler, spider_name: str, suffix: str) -> Path:
    """``<first local output without its suffix><suffix>``, beside that output; without a
    local output, ``NEWSCRAWL_REPORT_DIR/<spider><suffix>``."""
    outputs = local_feed_paths(crawler)
    if outputs:
        return outputs[0].with_name(outputs[0].stem + suffix)
    return Path(crawler.settings["NEWSCRAWL_REPORT_DIR"]) / f"{spider_name}{suffix}"
