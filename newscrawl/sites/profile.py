"""The shape of a site module: everything that differs between installs of the CMS."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for the pages of a ``view.php?idx=`` / ``list.php?mcode=`` CMS."""

    menu_links: str
    """Section links in the home page menu (``a`` elements)."""
    list_entries: str
    """One element per article entry of a section list page."""
    entry_link: str
    """The article link inside a list entry (``a`` element)."""
    entry_date: str
    """The date text inside a list entry."""
    last_page_link: str
    """The pagination link to the last list page (``a`` element)."""
    article_scope: str
    """The part of an article page holding the title, byline, body and neighbour links; the
    article's selectors look inside it (the whole page when it is missing)."""
    title: str
    """The article title element."""
    info_items: str
    """Byline items: the reporter first, then the dated lines."""
    breadcrumb_links: str
    """Breadcrumb links; the last one names the article's section."""
    subtitle_lines: str
    """Subtitle lines, zero or more."""
    body: str
    """The article body container."""
    body_furniture: str
    """Elements that are never article text (inline ads, related boxes, page furniture),
    dropped from the body, subtitle and byline, where broken markup can also put them.
    Simple selectors only (tag, ``#id``, ``.class``, ``[attr^=…]``; no combinators)."""
    prev_link: str
    """Link to the previous (older) article."""
    next_link: str
    """Link to the next (newer) article."""
    members_only_link: str
    """A body made only of this link is a members-only article."""
    page_end: str
    """An element at the very end of every page (the footer): a page without it was cut short,
    by the server or by the parser giving up on too deeply nested markup."""


@dataclass(frozen=True)
class SiteProfile:
    """One site: its addresses, its selectors and its promotional patterns, as data."""

    name: str
    """Short name, used as the ``site`` field and the spider name."""
    base_url: str
    """The live site's scheme and host, without a trailing slash."""
    hosts: frozenset[str]
    """Host names that serve this site; links to other hosts are not followed."""
    home_path: str
    list_path: str
    article_path: str
    article_id_param: str
    section_param: str
    page_param: str
    sections: dict[str, str]
    """Known section codes and their names; ``-a sections=`` is checked against them."""
    selectors: Selectors
    published_label: str
    """The byline label in front of the publication date (``등록``)."""
    modified_label: str
    """The byline label in front of the modification date (``수정``)."""
    caption_marker: str
    """The marker opening a photo caption paragraph (``▲``)."""
    pinned_marker: str
    """The title prefix of notices pinned above a list (``[공지]``)."""
    promo_lines: tuple[str, ...] = field(default=())
    """Regular expressions; a body or subtitle line matching one (whole line) is promotional."""
    deleted_page: str = ""
    """Regular expression found in the HTML of a page that only says the article is gone."""
    article_end: str = ""
    """The start of the tag that opens the part of an article page after the article (its
    aside), in ASCII: the page is parsed only up to that tag when the article scope closes
    before it. Empty: every page is parsed whole."""
