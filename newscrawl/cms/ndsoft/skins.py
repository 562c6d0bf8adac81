"""The ND소프트 article skins as data, from what about 95 public scrapers select on about 150
live installs (``../shared/ndsoft/EVIDENCE.md``): one set of ordered rules reads every era —
stable anchors first (ids, ``itemprop``, class names as the installs spell them, byline
labels), whatever the tag names, heading levels and nesting — and each era is recognised by a
marker only, for the stats. A page of an era nobody documented is still read by the anchors
the eras share (the body id, the header classes) and, last, its metadata."""

from __future__ import annotations

from newscrawl.cms.model import Rule, Selectors, Skin

_FURNITURE = (
    "script, style, noscript, iframe, ins, button, form, .adsbyadop, .adsbygoogle, [class^=\"ad-\"], [id^=\"ad-\"], "
    "[id^=\"AD\"], [id^=\"mobonDivBanner\"], .google-auto-placed, "
    ".view-copyright, .view-editors, .article-relation, .article-writer, .article-copyright, .article-copy, "
    ".tag-group, .share-group, .font-size, .auto-article, #comments, .info-options2, .article-sytool, "
    ".article-sponsor, .slogan, .editor-profile, .user-sns-send, .emoji-tit, #emoji-for, #tem-type-8, "
    # A byline's screen-reader label ("기자명") and icons.
    ".show-for-sr"
)

_RULES = Selectors(
    article_scope="",
    title=(
        Rule("head-title", ".article-head-title"),
        Rule("view-header-heading", ".article-view-header .heading"),
        Rule("sticky-title", ".aht-title-view, .aht-title"),
        Rule("legacy-title", "#font_title, #news_title, .View_Title h1, .View_Title > strong, .headline-title"),
    ),
    byline=(
        Rule("info-text", ".info-text li"),
        Rule("infomation", "ul.infomation li"),
        # 2025: the plain "입력" item, and an edited article's "업데이트" item with its nested origin.
        Rule("breadcrumbs", "ul.breadcrumbs li, .info-update-origin"),
        Rule("no-bullet", "ul.no-bullet li"),
        Rule("dated", "ul.dated li"),
        Rule("legacy-info", ".View_Info, #font_date"),
    ),
    section=(
        Rule("head-nav", "nav.article-head-nav a"),
        Rule("section-name", ".shoulder-group .section-name"),
        Rule("view-header-nav", ".article-view-header nav a"),
        Rule("breadcrumbs", ".breadcrumbs a"),
        Rule("view-navigation", "nav.view-navigation a"),
        Rule("head-category", ".article-head-category"),
    ),
    subtitle=(
        Rule("head-sub", ".article-head-sub, .article-head-sub-title"),
        Rule("subheading", ".subheading"),
        Rule("legacy-subtitle", "#font_subtitle, #news_title2, .headline-sub"),
    ),
    body=(
        Rule("content-div", "#article-view-content-div"),
        Rule("itemprop", '[itemprop="articleBody"]'),
        Rule("veiw-body", ".article-veiw-body"),
        Rule("legacy-body", "#articleBody, #news_content, #media_body, .articleBody, .cont-body"),
    ),
    body_furniture=_FURNITURE,
    prev_link="",
    next_link="",
    members_only_link='a[href*="/member/login.html"]',
    page_end="footer",
    author=(
        Rule("info-name", "ul.breadcrumbs li.info-name, [aria-label=\"기자명\"]"),
        Rule("user-icon", "ul.infomation li:has(.icon-user-o)"),
        Rule("em-name", "li.press em.name, .byline em.name"),
        Rule("no-byline", "ul.no-bylines li, .no-byline"),
        Rule("writer-box", "article.writer .name, .view-editors .names"),
    ),
    captions="figure.photo-layout, figure.figure-img-multi",
)

_PUBLISHED = ("입력", "최초입력", "승인", "기사승인", "등록")
_MODIFIED = ("업데이트", "수정", "노출")


def _skin(name: str, marker: str) -> Skin:
    return Skin(name=name, selectors=_RULES, marker=marker, published_labels=_PUBLISHED, modified_labels=_MODIFIED)


ATLVIEW = _skin("atlview", "section.atlview-grid, .atlview-grid-body, ul.breadcrumbs li.info-name")
"""The 2025 "atlview" skin (``section.atlview-grid``)."""

MODERN = _skin("2020", "header.article-view-header, ul.infomation")
"""The 2020+ skin: ``header.article-view-header`` with a ``.heading``, ``ul.infomation``."""

FOUNDATION = _skin("foundation", ".article-head-title, #user-container, div.info-text")
"""The 2017 "Foundation" skin (``css/foundation.min.css``)."""

LEGACY = _skin("legacy", "#font_title, .View_Title, #articleBody")
"""The table layout of the oldest installs."""

SKINS = (ATLVIEW, MODERN, FOUNDATION, LEGACY)
"""Every known article skin, in the order a page's markers are checked."""
