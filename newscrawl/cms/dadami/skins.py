"""The article skins of the ``view.php?idx=`` CMS as data (see ``../shared/site/SKINS.md``):
one set of ordered rules reads the skins of every install, each skin recognised by a marker
(for the stats) and nothing else."""

from __future__ import annotations

from newscrawl.cms.model import Rule, Selectors, Skin

_FURNITURE = (
    "script, style, noscript, iframe, ins, .ad, .ads, .adsbygoogle, .advertisement, .banner, "
    '[class^="ad_"], [class^="ad-"], [id^="ad_"], [id^="ad-"], '
    ".relation, .related, .relatedNews, .article-relation, .button-container, "
    # Page furniture that a missing closing tag can pull inside the body.
    "#header, #aside, #footer, .prevNext, .mostView, .bannerArea, .btnArea, .viewBtn, .likeArea"
)

# One set of rules reads every skin: what installs share (the frame, the neighbour links)
# and each skin's own anchors, tried in turn.
_RULES = Selectors(
    article_scope="div#contents",
    title=(
        Rule("head-title", ".article-head-title"),
        Rule("title-wrap", ".titleWrap .title"),
        Rule("title-wrap-strong", ".titleWrap > strong"),
    ),
    byline=(Rule("info-text", "ul.info-text li"), Rule("regist-modify", ".registModifyDate li")),
    section=(Rule("head-nav", ".article-head-nav a"), Rule("location", ".location a")),
    subtitle=(Rule("subj", "ul.subj li"), Rule("sub-title", "ul.subTitle li")),
    body=(Rule("view-content", "#viewContent"),),
    body_furniture=_FURNITURE,
    prev_link="div.prevNext a.prev",
    next_link="div.prevNext a.next",
    members_only_link='a[href*="/bbs/login.php"]',
    page_end="div#footer",
    author=(Rule("else-area", ".titleWrap > .else-area > p"),),
    # Froala's image with its caption (skin B); skin A's div#img_caption, not an id lookup:
    # every photo repeats the id.
    captions='span.fr-img-caption, div[id="img_caption"]',
)
_ARTICLE_START = '<div id="contents"'
_ARTICLE_END = '<div id="aside"'
_PUBLISHED = ("기사등록", "등록")
_MODIFIED = ("최종수정", "수정")


def _skin(name: str, marker: str) -> Skin:
    return Skin(name, _RULES, marker, _PUBLISHED, _MODIFIED, article_start=_ARTICLE_START, article_end=_ARTICLE_END)


REFERENCE = _skin("reference", "div.titleWrap h2.title")
"""The markup of ``../shared/site/pages/article.html``, reconstructed from the seed page."""

SKIN_B = _skin("B", ".article-head-title")
"""news21tongsin.co.kr, factfinder.tv, hanmiilbo.kr: the byline of the seed; subtitles inside
the body container, Froala captions."""

SKIN_A = _skin("A", "div.titleWrap > strong")
"""amenews.kr, sanjaenews.co.kr, dailytoday.co.kr, thevaluenews.co.kr, medicalworldnews.co.kr:
``div.basicView`` frame, ``기사등록`` / ``최종수정`` dates, ``div#img_caption`` photos."""

SKINS = (SKIN_B, SKIN_A, REFERENCE)
"""Every known skin, in the order a page of an install without a declared skin tries them."""
