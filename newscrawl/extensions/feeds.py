"""Access to the feed files the crawl is writing (Scrapy's FeedExporter slots)."""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter
from w3lib.url import file_uri_to_path

from newscrawl.names import check_site_name, path_inside


def feed_exporter(crawler: Crawler) -> FeedExporter | None:
    """The crawl's FeedExporter extension, or ``None`` when it is off."""
    assert crawler.extensions is not None
    return next((e for e in crawler.extensions.middlewares if isinstance(e, FeedExporter)), None)


def local_feed_paths(crawler: Crawler) -> list[Path]:
    """Local files the feeds write to, in ``FEEDS`` order."""
    exporter = feed_exporter(crawler)
    paths = (local_path(str(slot.uri)) for slot in (exporter.slots if exporter else []))
    return [path for path in paths if path is not None]


def local_path(uri: str) -> Path | None:
    """The file a feed URI names on this machine, or ``None`` (another storage)."""
    if uri.startswith("file:"):
        return Path(file_uri_to_path(uri))
    return None if "://" in uri or uri.startswith("stdout:") else Path(uri)


def feed_outputs(crawler: Crawler) -> list[dict[str, str | None]]:
    """Every feed of the crawl as ``{"uri", "path", "format"}``, ``path`` being the local file
    (``None`` for other storages), in ``FEEDS`` order."""
    exporter = feed_exporter(crawler)
    outputs: list[dict[str, str | None]] = []
    for slot in exporter.slots if exporter else []:
        path = local_path(str(slot.uri))
        outputs.append({"uri": str(slot.uri), "path": str(path.resolve()) if path else None, "format": slot.format})
    return outputs


def sidecar_path(crawler: Crawler, spider_name: str, suffix: str) -> Path:
    """``<first output file without its suffix><suffix>``, beside that output; without an
    output file in a folder that can be made (a device such as ``/dev/full``, another storage,
    a folder path that is a file), ``NEWSCRAWL_REPORT_DIR/<spider><suffix>``. Its folder exists."""
    for output in local_feed_paths(crawler):
        if (output.is_file() or not output.exists()) and _folder_made(output.parent):
            return output.with_name(output.stem + suffix)
    folder = Path(crawler.settings["NEWSCRAWL_REPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return path_inside(folder, f"{check_site_name(spider_name)}{suffix}")


def _folder_made(folder: Path) -> bool:
    """Whether ``folder`` exists as a folder, made now if need be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return True
