"""One spider per install of every CMS family (``scrapy crawl news21``, ``scrapy crawl jnilbo``,
``scrapy crawl ndsoft -a base_url=…``), made from the families' sites lists: a new outlet or
family needs no code here."""

from __future__ import annotations

from newscrawl.cms.families import FAMILIES
from newscrawl.cms.spider import CmsSpider, spider_classes

SPIDERS: dict[str, type[CmsSpider]] = {
    name: spider for family in FAMILIES.values() for name, spider in spider_classes(family.profiles, family.spider, __name__).items()
}
"""The spider class of each site, by name."""
globals().update({spider.__name__: spider for spider in SPIDERS.values()})
