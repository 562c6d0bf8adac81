"""The 미디어온 article skins as data (``../shared/FAMILIES.md`` part A): one set of ordered
rules reads both generations — the old XHTML skins (``div.arvtitle`` / ``div.hbox``, dates in
``p.arvdate``) and the responsive ones (``div.art_top`` with ``ul.art_info``) — whose body
anchor (``#news_body_area``, ``.cnt_view``) they share; each generation is recognised by a
marker only, for the stats. A custom skin on the same URLs is read by what it shares and,
last, its metadata."""

from __future__ import annotations

from newscrawl.cms.model import Rule, Selectors, Skin

_FURNITURE = (
    "script, style, noscript, iframe, ins, button, form, "
    # Print and SNS buttons, the title and date repeated, the reporter's-articles link, the
    # closing byline, banners, comments (own pane or the 라이브리 widget).
    ".util, .util2, .viewsubject, .btn_allarticle, .bottom_byline, [href^=\"/news/banner_click.php\"], "
    ".banner_box, #commentPane, #lv-container, .art_copy"
)

_RULES = Selectors(
    article_scope="",
    title=(
        # Where a skin pins a copy of the header (div.fix_art_top), the article's own comes first.
        Rule("art-top", ".art_top h2, .art_top .art_tit"),
        Rule("fix-art-top", ".fix_art_top h2"),
        Rule("arvtitle", ".arvtitle h2, .hbox h2, .arvtitle"),
        Rule("art-tit", ".art_tit"),
        Rule("mobile-top", ".news_top h3"),
    ),
    byline=(
        Rule("art-info", "ul.art_info li"),
        # Old skins: the date, then 최종편집 and the reporter as elements of their own.
        Rule("arvdate", ".arvdate, .arvdate span, .arvdate a"),
    ),
    section=(
        Rule("path-wrap", ".path_wrap h3"),
        Rule("art-top-nav", "ul.art_top_nav li:last-child a"),
    ),
    subtitle=(
        Rule("art-top", ".art_top h3, .fix_art_top h3"),
        Rule("hbox", ".hbox h3, .arvtitle h3, .toptitle"),
    ),
    body=(
        Rule("news-body-area", "#news_body_area"),
        Rule("cnt-view", ".cnt_view"),
    ),
    body_furniture=_FURNITURE,
    prev_link="",
    next_link="",
    members_only_link="",
    page_end="#footer, footer, .footer",
    author=(Rule("arvdate-link", ".arvdate a"),),
)

_PUBLISHED = ("등록", "입력", "")
"""``등록`` on responsive skins; the old ``p.arvdate`` date has no label (the empty one)."""
_MODIFIED = ("최종편집", "수정")


def _skin(name: str, marker: str) -> Skin:
    return Skin(name=name, selectors=_RULES, marker=marker, published_labels=_PUBLISHED, modified_labels=_MODIFIED)


RESPONSIVE = _skin("responsive", ".art_top, ul.art_info, .fix_art_top")
"""The responsive skins (2016+): ``div.art_top`` (``h2``, ``h3``, ``ul.art_info``)."""

XHTML = _skin("xhtml", ".arvtitle, .hbox, .arvdate")
"""The old XHTML skins: ``div.arvtitle`` / ``div.hbox``, ``p.arvdate``."""

SKINS = (RESPONSIVE, XHTML)
"""Both generations, in the order a page's markers are checked."""
