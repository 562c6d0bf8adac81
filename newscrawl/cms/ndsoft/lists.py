"""The list navigation of ND소프트 installs: the list layouts of every era
(``../shared/ndsoft/EVIDENCE.md`` §3), recognised per page.

Anchored on classes and ids only: ``.titles`` is an ``h4`` on some installs and an ``H2`` on
others, and list dates come with three or two ``|``-separated fields, told apart by content.
"""

from __future__ import annotations

from newscrawl.cms.listing import ListLayout, ListMarkup

ALTLIST = ListLayout(
    name="altlist",
    entries=(".altlist-webzine-item", ".altlist-text-item"),
    link=(".altlist-subject a", "a[href]"),
    date=(".altlist-info-item",),
    paged=False,
)
"""2025: ``div#sections.altlist`` with ``ul.altlist-webzine > li.altlist-webzine-item`` (photo
view) or ``ul.altlist-text > li.altlist-text-item`` (title view); the title in
``H2.altlist-subject > a`` (absolute, ``target=_top``); the date one of the
``.altlist-info-item``s (section, author and date in a per-install order). No page links: a
"더보기" button loads more by script, and ``&page=2`` answers page 1 again."""

SECTION_LIST = ListLayout(
    name="2020",
    entries=(
        "#section-list .type1 > li",
        "#section-list .type2 > li",
        "#section-list .type > li",
        "#section-list .types li",
    ),
    link=(".titles a", "a.list-title", ".list-titles a", "a[href]"),
    date=(".info.dated", ".byline em", ".dated", ".replace-date", ".byline > *"),
)
"""2020+: ``section#section-list ul.type1 / .type2 / .type > li`` (also ``.types li``); titles
``h4.titles a`` or ``H2.titles a`` (``a.list-title`` on some installs); the date in
``em.info.dated``, the last ``em`` of ``span.byline``, ``span.dated``, ``em.replace-date`` or
``div.info.dated``, as ``YYYY.MM.DD HH:MM``, ``YYYY-MM-DD``, ``MM.DD HH:MM`` or ``N분 전``."""

FOUNDATION = ListLayout(
    name="foundation",
    entries=(".list-block",),
    link=(".list-titles a", "a[href]"),
    date=(".list-dated",),
)
"""2017 Foundation: ``div.list-block`` with ``div.list-titles a`` (the title in its ``strong``)
and ``div.list-dated`` "섹션 | 기자 | 날짜" (or "기자 | 날짜")."""

TITLE_ROWS = ListLayout(
    name="table-row",
    entries=(".article-list-content .table-row", ".table-row"),
    link=("a.links", "a[href]"),
    date=(".list-dated",),
)
"""2017 title mode: ``div.table-row`` with ``a.links`` and ``.list-dated`` "기자 | 날짜"."""

LEGACY = ListLayout(
    name="legacy",
    entries=(".ArtList_Title",),
    link=("a[href]",),
    date=("td",),
    date_in_parent=True,
)
"""The legacy table: ``td.ArtList_Title`` holding the link, the date in another cell of its row."""

LISTS = ListMarkup(
    menu_links=('a[href*="sc_section_code="]',),
    layouts=(ALTLIST, SECTION_LIST, FOUNDATION, TITLE_ROWS, LEGACY),
    last_page_link=(".pagination-end a", 'a[title="끝"]'),
    containers=("#sections.altlist", "#section-list", ".article-list-content"),
    link_fallback=True,
)
"""The ND소프트 list navigation: menu links carry ``sc_section_code``; the last page is
``.pagination-end a`` or ``a[title=끝]``."""
