"""``scrapy detect URL…``: the CMS family of each address, recognised from its home page, with
the confidence and the signals that decided it, as a table or ``--json``."""

from __future__ import annotations

import argparse
import json
import unicodedata
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from newscrawl.detect import Detection, DetectSpider

# Above the project's settings (which switch on the crawl's extensions and pipelines), below
# the command line's -s.
_OVER_PROJECT = SETTINGS_PRIORITIES["project"] + 5
# A detection fetches one page per site: no state, feeds, report, monitors or pipelines. The
# per-site politeness (robots.txt, delay, concurrency per site) stays as in a crawl.
_DETECT_SETTINGS = {
    "ITEM_PIPELINES": {},
    "FEEDS": {},
    "SPIDERMON_ENABLED": False,
    "STATS_CLASS": "scrapy.statscollectors.MemoryStatsCollector",
    "CONCURRENT_REQUESTS": 16,
    # Two or three requests a site (robots.txt, the home, a frame): nothing to adapt to, and
    # AutoThrottle would hold each site's first request for its 5 s start delay.
    "AUTOTHROTTLE_ENABLED": False,
}
_HEADERS = ("address", "family", "confidence", "deciding signals")


class Command(ScrapyCommand):
    """Recognise the CMS family of each address from its home page."""

    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        """The command's arguments."""
        return "[options] <address> [<address> ...]"

    def short_desc(self) -> str:
        """One line for ``scrapy -h``."""
        return "Recognise the CMS family of each address from its home page"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Scrapy's options and ``--json``."""
        super().add_options(parser)
        parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's options; no extension of a crawl's."""
        super().process_options(args, opts)
        assert self.settings is not None
        extensions = {name: None for name in self.settings.getdict("EXTENSIONS") if name.startswith("newscrawl.")}
        self.settings.set("EXTENSIONS", {**self.settings.getdict("EXTENSIONS"), **extensions}, priority=_OVER_PROJECT)
        for name, value in _DETECT_SETTINGS.items():
            self.settings.set(name, value, priority=_OVER_PROJECT)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Fetch and recognise each address; print the table (or JSON); exit 1 when a home
        page could not be fetched."""
        if not args:
            raise UsageError("give one or more addresses, like https://www.example.kr", print_help=False)
        addresses = list(dict.fromkeys(_address(arg) for arg in args))
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(DetectSpider)
        self.crawler_process.crawl(crawler, addresses=addresses)
        self.crawler_process.start()
        spider = crawler.spider
        detections = list(spider.detections.values()) if isinstance(spider, DetectSpider) else [Detection(a, error="not run") for a in addresses]
        if opts.json:
            print(json.dumps([detection.as_json() for detection in detections], ensure_ascii=False, indent=1))
        else:
            print(table(detections))
        if self.crawler_process.bootstrap_failed or any(detection.error or detection.verdict is None for detection in detections):
            self.exitcode = 1


def _address(argument: str) -> str:
    """An http(s) address, or a one-line refusal."""
    parts = urlsplit(argument.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) address: {argument!r} (give it like https://www.example.kr)", print_help=False)
    return argument.strip()


def table(detections: list[Detection]) -> str:
    """One row per address: the family (and whether it is crawled), the confidence and the
    deciding signals (or the error)."""
    rows = [_HEADERS, *(_row(detection) for detection in detections)]
    widths = [max(_width(row[column]) for row in rows) for column in range(len(_HEADERS) - 1)]
    return "\n".join(
        "  ".join(cell + " " * (widths[column] - _width(cell)) for column, cell in enumerate(row[:-1])) + "  " + row[-1] for row in rows
    )


def _row(detection: Detection) -> tuple[str, str, str, str]:
    verdict = detection.verdict
    if detection.error or verdict is None:
        return detection.address, "error", "-", detection.error or "no page"
    if verdict.decided:
        family = f"{verdict.family} ({verdict.label})" + ("" if detection.crawled else ", not crawled")
    else:
        family = verdict.family or "unknown"
    signals = "; ".join(item.text + ("" if item.detail in item.text else f" [{item.detail}]") for item in verdict.evidence)
    extra = [f"via frame {frame}" for frame in detection.frames]
    if verdict.family == "frameset":
        extra.append(f"main frame {verdict.frame_url or 'not given'}")
    if verdict.note:
        extra.append(verdict.note)
    return detection.address, family, f"{verdict.confidence:.2f}", "; ".join(part for part in (signals, *extra) if part)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Hangul is two wide)."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)
