"""One spider per install of the ND소프트 CMS (``scrapy crawl jnilbo``, …, and ``scrapy crawl
ndsoft -a base_url=…`` for any other), made from ``newscrawl.cms.ndsoft.sites``."""

from __future__ import annotations

from newscrawl.cms.ndsoft.sites import PROFILES
from newscrawl.cms.ndsoft.spider import NdsoftSpider
from newscrawl.cms.spider import spider_classes

SPIDERS = spider_classes(PROFILES, NdsoftSpider, __name__)
"""The spider class of each site, by name."""
globals().update({spider.__name__: spider for spider in SPIDERS.values()})
