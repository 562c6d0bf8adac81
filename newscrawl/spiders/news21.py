"""The 뉴스21 통신 spider: the CMS routing with the news21 site module."""

from __future__ import annotations

from newscrawl.sites import news21
from newscrawl.spiders.cms import CmsNewsSpider


class News21Spider(CmsNewsSpider):
    """Crawls 뉴스21 통신 (``scrapy crawl news21``)."""

    name = "news21"
    site = news21.PROFILE
