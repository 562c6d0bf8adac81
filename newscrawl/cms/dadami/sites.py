"""The known installs of the ``view.php?idx=`` CMS: adding an outlet is one entry here."""

from __future__ import annotations

from newscrawl.cms.dadami import CMS
from newscrawl.cms.model import Site, SiteProfile

SITES = (
    Site("news21", "https://news21tongsin.co.kr", "뉴스21 통신", skin="B", aliases=("www.news21tongsin.co.kr",)),
    Site("krnews21", "http://www.krnews21.co.kr", "뉴스21일간", url_form="article", aliases=("krnews21.co.kr",)),
    Site("hanmiilbo", "https://hanmiilbo.kr", skin="B", aliases=("www.hanmiilbo.kr",)),
    Site("factfinder", "https://factfinder.tv", skin="B", aliases=("www.factfinder.tv",)),
    Site("hsgdn", "https://hsgdn.co.kr", "글로벌외식정보", aliases=("www.hsgdn.co.kr",)),
    Site("amenews", "https://amenews.kr", "신소재경제", skin="A", aliases=("www.amenews.kr",)),
    Site("sanjaenews", "https://sanjaenews.co.kr", skin="A", aliases=("www.sanjaenews.co.kr",)),
    Site("dailytoday", "https://dailytoday.co.kr", skin="A", aliases=("www.dailytoday.co.kr",)),
    Site("thevaluenews", "https://thevaluenews.co.kr", skin="A", aliases=("www.thevaluenews.co.kr",)),
    Site("medicalworldnews", "https://medicalworldnews.co.kr", skin="A", aliases=("www.medicalworldnews.co.kr",)),
    Site("khrd", "https://khrd.co.kr", "월간HRD", aliases=("www.khrd.co.kr",)),
)
"""Name, base URL, brand (empty where unknown), the skin and link form where known."""

PROFILES = {site.name: SiteProfile(site, CMS) for site in SITES}
"""Each site with the CMS, by name."""
