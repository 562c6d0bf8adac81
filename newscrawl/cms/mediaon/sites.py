"""The known installs of the 미디어온 CMS (``../shared/FAMILIES.md`` part A, regional outlets
first): adding an outlet is one entry here. The family is checked on each run's home page, so
an outlet that left it is reported at once."""

from __future__ import annotations

from newscrawl.cms.mediaon import CMS
from newscrawl.cms.model import Site, SiteProfile

_OUTLETS = (
    ("kgnews", "www.kgnews.co.kr", "경기신문"),
    ("inews365", "www.inews365.com", "충북일보"),
    ("jejutwn", "www.jejutwn.com", "제주교통복지신문"),
    ("ghottimenews", "www.ghottimenews.com", "경기핫타임스"),
    ("mjjnews", "www.mjjnews.net", ""),
    ("jj1news", "www.jj1news.com", ""),
    ("wj1news", "www.wj1news.com", ""),
    ("wanjutimes", "www.wanjutimes.com", ""),
    ("hangyo", "www.hangyo.com", "한국교육신문"),
    ("fetv", "www.fetv.co.kr", ""),
    ("cnbnews", "www.cnbnews.com", ""),
    ("newsprime", "www.newsprime.co.kr", ""),
    ("theguru", "www.theguru.co.kr", ""),
    ("sisanews", "www.sisa-news.com", ""),
    ("taxtimes", "www.taxtimes.co.kr", ""),
    ("tfmedia", "www.tfmedia.co.kr", ""),
    ("polinews", "www.polinews.co.kr", ""),
    ("youthdaily", "www.youthdaily.co.kr", ""),
    ("oceanpress", "www.oceanpress.co.kr", ""),
    ("cosmorning", "www.cosmorning.com", ""),
    ("hellot", "www.hellot.net", ""),
    ("medifonews", "www.medifonews.com", ""),
)

SITES = (
    # Any install, given its address: scrapy crawl mediaon -a base_url=https://host
    Site("mediaon", ""),
    *(Site(name, f"https://{host}", brand, aliases=(host.removeprefix("www."),)) for name, host, brand in _OUTLETS),
)
"""Name, base URL and brand; each page's skin generation is found from the page."""

PROFILES = {site.name: SiteProfile(site, CMS) for site in SITES}
"""Each site with the CMS, by name."""
