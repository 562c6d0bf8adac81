"""List navigation as data of a CMS: the home menu, the list entries of each list layout, the
pagination. Separate from the article skins: one install can run a list layout of one era and
article pages of another, so each page's layout is recognised from the page itself.

Every field is an ordered tuple of CSS selectors (:data:`Rules`), tried in turn: the first that
finds something wins. Selectors anchor on classes and ids, never on tag names or heading
levels (``.titles a``, not ``h4.titles a``); class names keep their case, tag names need not.
"""

from __future__ import annotations

from dataclasses import dataclass

Rules = tuple[str, ...]
"""CSS selectors tried in turn; the first that finds something wins."""


@dataclass(frozen=True)
class ListLayout:
    """One markup of a section list page (a list skin)."""

    name: str
    """Short name, counted in the stats as ``newscrawl/list_layout/<name>``."""
    entries: Rules
    """One element per article entry; the layout is the page's when a rule finds entries."""
    link: Rules
    """The article link inside an entry (an element with ``href``); its text is the title."""
    date: Rules
    """Elements inside an entry that may hold the date: each element's text, and each of its
    ``|``-separated fields, is tried in turn, and the first that reads as a date is the
    entry's date (fields differ in number and order per install: told apart by content)."""
    date_in_parent: bool = False
    """Whether the date rules look in the entry's parent (a table row) rather than the entry."""
    paged: bool = True
    """False for lists without page links (a script loads more): such a page without a
    last-page link is the whole list, and ``&page=2`` is not requested (it answers page 1)."""


@dataclass(frozen=True)
class ListMarkup:
    """The list navigation of a CMS: its menu, its list layouts and its pagination."""

    menu_links: Rules
    """Section links of the home page menu (elements with ``href``)."""
    layouts: tuple[ListLayout, ...]
    """Every known list layout, tried in this order on each list page."""
    last_page_link: Rules
    """The pagination link to the last list page (its page parameter is the last page)."""
    containers: Rules = ()
    """The list's container in any layout: a page that has one but no entry is an empty list
    (past the end), never read with :attr:`link_fallback`."""
    link_fallback: bool = False
    """Whether a page no layout reads (and without a list container) is read from its links:
    every link to an article URL form is an entry, the entry being its nearest ``li`` or
    ``div`` (counted as the layout ``links``)."""
    pinned_marker: str = ""
    """The title prefix of notices pinned above a list (``[공지]``)."""
