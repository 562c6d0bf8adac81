"""The list navigation of 미디어온 installs (``../shared/FAMILIES.md`` part A, "Lists"): the
all-articles and section lists' ``ul.art_list_all`` (its anchor wrapping a thumbnail, the title,
the lead and ``ul.art_info`` with ``li.date``; a second anchor for the thumbnail on some skins),
and the old skins' ``div.m01_ara dl`` lists. No last-page link: a page past the end repeats the
last one, and the list ends at a page that adds no new article."""

from __future__ import annotations

from newscrawl.cms.listing import ListLayout, ListMarkup

ART_LIST_ALL = ListLayout(
    name="art_list_all",
    entries=("ul.art_list_all > li",),
    link=("a[href]",),
    date=(".date", ".art_info li"),
)
"""Responsive skins: ``ul.art_list_all > li``, the date in ``li.date`` (``YYYY-MM-DD HH:MM``)."""

OLD_LIST = ListLayout(
    name="m01_ara",
    entries=(".m01_ara dl",),
    link=("dt a", "a[href]"),
    date=("span",),
)
"""Old XHTML skins: ``div.m01_ara dl``, the title in ``dt``, the date in a ``span``."""

LISTS = ListMarkup(
    menu_links=('a[href*="sec_no="]',),
    layouts=(ART_LIST_ALL, OLD_LIST),
    last_page_link=(),
    containers=(".art_list_all", ".m01_ara"),
    link_fallback=True,
)
"""Menu links carry ``sec_no``; pages run until one adds no new article."""
