"""One spider per install of the ``view.php?idx=`` CMS (``scrapy crawl news21``, …), made
from its entry in ``newscrawl.cms.dadami.sites``: a new outlet needs no code here."""

from __future__ import annotations

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.cms.spider import CmsSpider, spider_classes

SPIDERS = spider_classes(PROFILES, CmsSpider, __name__)
"""The spider class of each site, by name."""
globals().update({spider.__name__: spider for spider in SPIDERS.values()})
