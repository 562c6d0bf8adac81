"""Per-page CPU cost, without network: the project's own code against lxml alone and against
trafilatura, on the same pages."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import lxml.html
import trafilatura
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.extension import ExtensionManager
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.project import get_project_settings
from scrapy.utils.reactor import install_reactor
from scrapy.utils.test import get_crawler

from newscrawl.extract.article_page import parse_article_page
from newscrawl.items import ArticleItem
from newscrawl.middlewares import EncodingMiddleware
from newscrawl.spiders.families import SPIDERS

News21Spider = SPIDERS["news21"]

Page = tuple[str, bytes]
"""An article page: its URL and the bytes served."""


class ProjectPath:
    """What the crawl runs for each article page, in order: the encoding check, the page
    parser, the spider's item and the project's item pipelines."""

    def __init__(self, base_url: str, whole_page: bool = False) -> None:
        self.whole_page = whole_page
        """Whether the parser reads every page to its end (not only to the article's end)."""
        settings = get_project_settings()
        install_reactor(settings["TWISTED_REACTOR"])
        crawler = get_crawler(News21Spider, settings.copy_to_dict())
        crawler.spider = News21Spider.from_crawler(crawler, base_url=base_url)
        crawler.extensions = ExtensionManager.from_crawler(crawler)
        self.spider = crawler.spider
        self.encoding = EncodingMiddleware.from_crawler(crawler)
        self.pipelines = []
        for path in sorted(crawler.settings.getdict("ITEM_PIPELINES"), key=crawler.settings.getdict("ITEM_PIPELINES").get):
            if path.startswith("newscrawl."):
                pipeline = build_from_crawler(load_object(path), crawler)
                if hasattr(pipeline, "open_spider"):
                    pipeline.open_spider()
                self.pipelines.append(pipeline)

    @staticmethod
    def response(page: Page, copy: int = 0) -> HtmlResponse:
        """The response the downloader hands over for ``page`` (Scrapy's work, not timed);
        ``copy`` gives the page another article id (its ``copy``-th copy)."""
        url, body = page
        request = Request(url, meta={"article_id": str(int(url.rsplit("=", 1)[1]) + copy * 10_000_000)})
        return HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, request=request)

    def run(self, response: HtmlResponse) -> ArticleItem | None:
        """Turn one response into its exported item as the crawl does: the encoding check,
        the page parser, the spider's item, the pipelines. (Not the spider's routing: the
        neighbour links turned into Scrapy requests count in the crawl figures.)"""
        response = self.encoding.process_response(response.request, response)
        page = parse_article_page(
            self.spider.site, response.body, response.url, response.encoding, whole_page=self.whole_page
        )
        item = self.spider.article_item(response, page, self.spider.publication_day(page))
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem:  # an article the pipelines refuse
            return None
        return item


def cpu_ms(works: dict[str, tuple[Callable[[Any], Any], list[Any]]], repetitions: int) -> dict[str, list[float]]:
    """CPU milliseconds of each named work on each of its inputs, ``repetitions`` times.

    The works take turns input by input (the i-th input of each, then the next), so that
    they meet the same machine: these machines are noisy, and a drift between one work's
    turn and the next would show as a difference between them."""
    timings: dict[str, list[float]] = {name: [] for name in works}
    length = max(len(inputs) for _, inputs in works.values())
    for _ in range(repetitions):
        for index in range(length):
            for name, (work, inputs) in works.items():
                if index < len(inputs):
                    start = time.process_time_ns()
                    work(inputs[index])
                    timings[name].append((time.process_time_ns() - start) / 1e6)
    return timings


def lxml_only(page: Page) -> Any:
    """Parsing the page into a tree, and nothing else (the floor of any lxml-based extractor)."""
    return lxml.html.document_fromstring(page[1])


def trafilatura_extract(page: Page) -> str | None:
    """trafilatura's extraction with metadata, as a peer would run it on the page."""
    return trafilatura.extract(page[1].decode("utf-8"), url=page[0], with_metadata=True, output_format="json")
