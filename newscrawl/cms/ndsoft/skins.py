"""The ND소프트 skins: list markups and article markups, as selectors (see
``../shared/ndsoft/README.md``). Pages of the undocumented 2020+ article skin are read from
their metadata and the shared body container."""

from __future__ import annotations

from dataclasses import replace

from newscrawl.cms.model import Selectors, Skin

_FURNITURE = (
    "script, style, noscript, iframe, ins, button, .adsbyadop, [class^=\"ad-\"], [id^=\"ad-\"], "
    ".view-copyright, .view-editors, .article-relation, .article-writer, .article-copyright, "
    ".tag-group, .share-group, .font-size, .auto-article, #comments"
)

_FOUNDATION = Selectors(
    menu_links='a[href*="sc_section_code="]',
    # The list skins: 2017 Foundation blocks, the 2020+ list, the legacy table.
    list_entries="div.list-block, section#section-list ul li, td.ArtList_Title",
    entry_link="div.list-titles a, .titles a, a",
    entry_date="div.list-dated, span.byline em",
    last_page_link=".pagination-end a, a[title=끝]",
    article_scope="",
    title="div.article-head-title",
    info_items=".info-text li",
    breadcrumb_links="nav.article-head-nav a:nth-of-type(2)",  # HOME › section › sub-section
    subtitle_lines="",
    body="div#article-view-content-div",
    body_furniture=_FURNITURE,
    prev_link="",
    next_link="",
    members_only_link='a[href*="/member/login.html"]',
    page_end="footer",
    captions="figure.photo-layout",
)

FOUNDATION = Skin(
    name="foundation",
    selectors=_FOUNDATION,
    published_labels=("승인", "입력", "등록"),
    modified_labels=("업데이트", "수정"),
    pinned_marker="",
)
"""The 2017 "Foundation" skin (``css/foundation.min.css``)."""

ATLVIEW = Skin(
    name="atlview",
    selectors=replace(
        _FOUNDATION,
        title="header.article-view-header h1.heading",
        subtitle_lines="h2.subheading",
        breadcrumb_links=".shoulder-group .section-name",
        info_items="ul.breadcrumbs li.info-update, ul.breadcrumbs li.info-update-origin",
        author="ul.breadcrumbs li.info-name",
    ),
    published_labels=("입력", "승인", "등록"),
    modified_labels=("업데이트", "수정"),
    pinned_marker="",
)
"""The 2025 "atlview" skin (``section.atlview-grid``)."""

SKINS = (ATLVIEW, FOUNDATION)
"""Every known article skin, in the order a page tries them."""
