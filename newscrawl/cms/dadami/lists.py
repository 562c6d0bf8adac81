"""The list navigation of the ``view.php?idx=`` CMS: one list layout shared by every install
and skin (``../shared/site/pages/list.html``)."""

from __future__ import annotations

from newscrawl.cms.listing import ListLayout, ListMarkup

LISTS = ListMarkup(
    menu_links=("#gnb li a",),
    layouts=(
        ListLayout(
            name="basic",
            entries=(".basicList li dl",),
            link=(".title a",),
            date=(".registDate",),
        ),
    ),
    last_page_link=(".paging a.last",),
    containers=(".basicList",),
    pinned_marker="[공지]",
)
"""Menu ``ul#gnb``; entries ``div.basicList li dl`` with the title in ``dt.title`` and the date
in ``dd.registDate``; the last page behind ``div.paging a.last``."""
