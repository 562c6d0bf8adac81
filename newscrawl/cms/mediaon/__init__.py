"""The ``article.html?no=`` CMS of 미디어온 (mediaOn), which serves regional dailies such as
경기신문 and 충북일보 (``../shared/FAMILIES.md`` part A): its URL scheme, keyed on ``no`` alone
(the mobile and print pages are forms of one article; other parameters are noise), its
feed, and the patterns every install shares."""

from __future__ import annotations

from newscrawl.cms.common import KOREAN_PROMO_LINES
from newscrawl.cms.mediaon.lists import LISTS
from newscrawl.cms.mediaon.skins import SKINS
from newscrawl.cms.model import Cms, UrlScheme

SCHEME = UrlScheme(
    home_path="/",
    list_path="/news/section_list_all.html",
    section_param="sec_no",
    page_param="page",
    article_id_param="no",
    article_forms={
        "canonical": "/news/article.html?no={id}",
        "mobile": "/mobile/article.html?no={id}",
        "print": "/news/article_print.html?no={id}",
    },
)

ALL_ARTICLES_PATH = "/news/article_list_all.html"
"""The list of every article, newest first, paged with ``page=N`` (past the end it repeats the
last page)."""
FEED_PATHS = ("/data/rss/news.xml",)
"""The feed every stock install serves (its home page's ``<head>`` links it)."""

LEAD = r"^(?:\[[^\]\n]{1,30}\]\s*)?(?:\S+\s+){0,3}?\S{2,4}\s*(?:기자|특파원|통신원)\s*[|ㅣ│]\s*"
"""The credit opening a body's first paragraph, "매체명 이름 기자 |", dropped before the text is
stored (the reporter is the byline's)."""

_PROMO_LINES = (
    # Print, share and font buttons, and the reporter-articles link, when they sit in the body.
    r"(?:인쇄|프린트|스크랩|글씨\s*(?:크게|작게)|가\s*가|공유(?:하기)?|URL\s*복사)(?:\s+(?:인쇄|스크랩|공유|URL\s*복사))*",
    r".{0,20}기자의\s*다른\s*기사\s*보기",
)

CMS = Cms(
    name="mediaon",
    scheme=SCHEME,
    skins=SKINS,
    lists=LISTS,
    promo_lines=(*_PROMO_LINES, *KOREAN_PROMO_LINES),
    deleted_page=r"(?:삭제되었거나\s*존재하지\s*않는|존재하지\s*않는\s*기사|삭제된\s*기사)",
)
