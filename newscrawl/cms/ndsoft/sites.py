"""The known installs of the ND소프트 CMS: adding an outlet is one entry here."""

from __future__ import annotations

from newscrawl.cms.model import Site, SiteProfile
from newscrawl.cms.ndsoft import CMS

_OUTLETS = (
    ("incheonilbo", "www.incheonilbo.com", "인천일보"),
    ("joongboo", "www.joongboo.com", "중부일보"),
    ("kado", "www.kado.net", "강원도민일보"),
    ("kyongbuk", "www.kyongbuk.co.kr", "경북일보"),
    ("idaegu", "www.idaegu.co.kr", "대구신문"),
    ("hidomin", "www.hidomin.com", "경북도민일보"),
    ("ccdn", "www.ccdn.co.kr", "충청일보"),
    ("ccnnews", "www.ccnnews.co.kr", "충청뉴스"),
    ("goodmorningcc", "www.goodmorningcc.com", "굿모닝충청"),
    ("jbnews", "www.jbnews.com", "중부매일"),
    ("ggilbo", "www.ggilbo.com", "금강일보"),
    ("domin", "www.domin.co.kr", "전북도민일보"),
    ("jeollailbo", "www.jeollailbo.com", "전라일보"),
    ("jeonmin", "www.jeonmin.co.kr", "전민일보"),
    ("jjilbo", "www.jjilbo.co.kr", "전주일보"),
    ("jejunews", "www.jejunews.com", "제주일보"),
    ("jejusori", "www.jejusori.net", "제주의소리"),
    ("namdonews", "www.namdonews.com", "남도일보"),
    ("gwangnam", "www.gwangnam.co.kr", "광남일보"),
    ("jnilbo", "www.jnilbo.com", "전남일보"),
    ("wonjutoday", "www.wonjutoday.co.kr", "원주투데이"),
    ("taeannews", "www.taeannews.co.kr", "태안신문"),
    ("sporbiz", "www.sporbiz.co.kr", "한국스포츠경제"),
)

SITES = (
    # Any install, given its address: scrapy crawl ndsoft -a base_url=https://host
    Site("ndsoft", ""),
    *(Site(name, f"https://{host}", brand, aliases=(host.removeprefix("www."),)) for name, host, brand in _OUTLETS),
)
"""Name, base URL and brand; every install's skin is found from its pages."""

PROFILES = {site.name: SiteProfile(site, CMS) for site in SITES}
"""Each site with the CMS, by name."""
