"""The article skins of the ``view.php?idx=`` CMS: selectors and patterns only.

List pages, the page frame and the editor's furniture are shared by every install; the
article markup comes in the skins below (see ``../shared/site/SKINS.md``)."""

from __future__ import annotations

from dataclasses import replace

from newscrawl.cms.model import Rule, Selectors, Skin

_FURNITURE = (
    "script, style, noscript, iframe, ins, .ad, .ads, .adsbygoogle, .advertisement, .banner, "
    '[class^="ad_"], [class^="ad-"], [id^="ad_"], [id^="ad-"], '
    ".relation, .related, .relatedNews, .article-relation, .button-container, "
    # Page furniture that a missing closing tag can pull inside the body.
    "#header, #aside, #footer, .prevNext, .mostView, .bannerArea, .btnArea, .viewBtn, .likeArea"
)

# What every skin shares: the home menu, the section lists, the frame and the neighbour links.
_SHARED = Selectors(
    menu_links="ul#gnb li a",
    list_entries="div.basicList ul li dl",
    entry_link="dt.title a",
    entry_date="dd.registDate",
    last_page_link="div.paging a.last",
    article_scope="div#contents",
    title=(Rule("title-wrap", ".titleWrap .title"),),
    byline=(Rule("info-text", "ul.info-text li"),),
    section=(Rule("location", ".location a"),),
    subtitle=(Rule("sub-title", "ul.subTitle li"),),
    body=(Rule("view-content", "#viewContent"),),
    body_furniture=_FURNITURE,
    prev_link="div.prevNext a.prev",
    next_link="div.prevNext a.next",
    members_only_link='a[href*="/bbs/login.php"]',
    page_end="div#footer",
)
_ARTICLE_END = '<div id="aside"'

REFERENCE = Skin(
    name="reference",
    selectors=_SHARED,
    marker="div.titleWrap h2.title",
    published_labels=("등록",),
    modified_labels=("수정",),
    article_end=_ARTICLE_END,
)
"""The markup of ``../shared/site/pages/article.html``, reconstructed from the seed page."""

SKIN_B = Skin(
    name="B",
    selectors=replace(
        _SHARED,
        title=(Rule("head-title", ".article-head-title"),),
        section=(Rule("head-nav", ".article-head-nav a"),),
        subtitle=(Rule("subj", "ul.subj li"),),
        captions="span.fr-img-caption",
    ),
    marker=".article-head-title",
    published_labels=("등록",),
    modified_labels=("수정",),
    article_end=_ARTICLE_END,
)
"""news21tongsin.co.kr, factfinder.tv, hanmiilbo.kr: the byline of the seed; subtitles inside
the body container, Froala captions."""

SKIN_A = Skin(
    name="A",
    selectors=replace(
        _SHARED,
        title=(Rule("title-wrap-strong", ".titleWrap > strong"),),
        author=(Rule("else-area", ".titleWrap > .else-area > p"),),
        byline=(Rule("regist-modify", ".registModifyDate li"),),
        captions='div[id="img_caption"]',  # not an id lookup: every photo repeats the id
    ),
    marker="div.titleWrap > strong",
    published_labels=("기사등록", "등록"),
    modified_labels=("최종수정", "수정"),
    article_end=_ARTICLE_END,
)
"""amenews.kr, sanjaenews.co.kr, dailytoday.co.kr, thevaluenews.co.kr, medicalworldnews.co.kr:
``div.basicView`` frame, ``기사등록`` / ``최종수정`` dates, ``div#img_caption`` photos."""

SKINS = (SKIN_B, SKIN_A, REFERENCE)
"""Every known skin, in the order a page of an install without a declared skin tries them."""
