"""One spider per install of the ``view.php?idx=`` CMS (``scrapy crawl news21``, …), made
from its entry in ``newscrawl.cms.dadami.sites``: a new outlet needs no code here."""

from __future__ import annotations

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.cms.dadami.spider import DadamiSpider


def _spider_class(name: str) -> type[DadamiSpider]:
    profile = PROFILES[name]
    brand = profile.site.brand or name
    return type(
        f"{name.title()}Spider",
        (DadamiSpider,),
        {"name": name, "site": profile, "__module__": __name__, "__doc__": f"Crawls {brand} ({profile.base_url})."},
    )


SPIDERS = {name: _spider_class(name) for name in PROFILES}
"""The spider class of each site, by name."""
globals().update({spider.__name__: spider for spider in SPIDERS.values()})
