"""Home and section list pages: section codes, article entries and the last page number, read
with the list navigation of the site's CMS (:class:`newscrawl.cms.listing.ListMarkup`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from parsel import Selector, SelectorList

from newscrawl.cms.listing import ListLayout, ListMarkup, Rules
from newscrawl.cms.model import SiteProfile
from newscrawl.extract.dates import parse_list_date
from newscrawl.extract.text import clean_line
from newscrawl.extract.urls import linked_article_id, query_value

LINKS_LAYOUT = "links"
"""The layout name of a list page read from its article links (no known layout matched)."""
_FIELD_SEPARATOR = re.compile(r"[|｜]")


@dataclass(frozen=True)
class ListEntry:
    """One article entry of a list page: its link as written, its title and date text."""

    href: str
    title: str
    date_text: str
    day: date | None
    """The date of ``date_text``, when it parses."""
    pinned: bool = False
    """A notice pinned above the list (``[공지]``, or older than an entry below it)."""


@dataclass(frozen=True)
class ListPage:
    """A section list page: its entries in page order and, when shown, the last page number."""

    entries: list[ListEntry]
    last_page: int | None
    layout: str = ""
    """The list layout that read the page (:data:`LINKS_LAYOUT` for the article links of a
    page in none); empty when the page has no entry."""
    paged: bool = True
    """Whether later list pages may hold more entries: false for a layout without page links
    (``&page=2`` answers page 1 again) when the page shows none."""


def parse_menu(site: SiteProfile, page: Selector) -> dict[str, str]:
    """Section codes linked from the home page menu, mapped to their names, in menu order
    (the first menu rule that finds a section link wins)."""
    for rule in site.cms.lists.menu_links:
        sections: dict[str, str] = {}
        for link in page.css(rule):
            code = query_value(link.attrib.get("href", ""), site.scheme.section_param)
            if code:
                sections.setdefault(code, clean_line(" ".join(link.xpath(".//text()").getall())))
        if sections:
            return sections
    return {}


def parse_list_page(site: SiteProfile, page: Selector, page_url: str, now: datetime) -> ListPage:
    """Entries of a section list page served at ``page_url`` (only the list itself, never the
    aside boxes), read with the first of the CMS's list layouts that finds entries; year-less
    and relative entry dates are read against ``now`` (aware: the crawl time)."""
    markup = site.cms.lists
    last_page = _last_page(site, markup, page)
    for layout in markup.layouts:
        raw = [entry for node in _first(page, layout.entries) if (entry := _entry(layout, node, now))]
        if raw:
            paged = layout.paged or last_page is not None
            return ListPage(_mark_pinned(markup, raw), last_page, layout.name, paged)
    if markup.link_fallback and not any(page.css(rule) for rule in markup.containers):
        raw = _linked_entries(site, page, page_url, now)
        if raw:
            return ListPage(_mark_pinned(markup, raw), last_page, LINKS_LAYOUT)
    return ListPage([], last_page)


def _first(node: Selector, rules: Rules) -> SelectorList[Selector]:
    """What the first of ``rules`` finds in ``node`` (empty when none finds anything)."""
    for rule in rules:
        if found := node.css(rule):
            return found
    return SelectorList([])


def _entry(layout: ListLayout, node: Selector, now: datetime) -> ListEntry | None:
    """The entry of an entry element, or ``None`` when it holds no link."""
    link = next((found for rule in layout.link for found in node.css(rule) if found.attrib.get("href", "").strip()), None)
    if link is None:
        return None
    scope = node.xpath("..")[0] if layout.date_in_parent and node.xpath("..") else node
    date_text, day = _entry_date(scope, layout.date, now)
    return ListEntry(link.attrib["href"], clean_line(" ".join(link.xpath(".//text()").getall())), date_text, day)


def _entry_date(scope: Selector, rules: Rules, now: datetime) -> tuple[str, date | None]:
    """The first ``|``-separated field of the elements the date rules find, in rule order,
    that reads as a date; with its text."""
    for rule in rules:
        for node in scope.css(rule):
            for part in _FIELD_SEPARATOR.split(" ".join(node.xpath(".//text()").getall())):
                text = clean_line(part)
                if text and (moment := parse_list_date(text, now)):
                    return text, moment.date()
    return "", None


def _linked_entries(site: SiteProfile, page: Selector, page_url: str, now: datetime) -> list[ListEntry]:
    """Every link to an article on the page, once per article, as an entry whose element is
    the link's nearest ``li`` or ``div``; its date read with every layout's date rules."""
    date_rules = tuple(dict.fromkeys(rule for layout in site.cms.lists.layouts for rule in layout.date))
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for link in page.css("a[href]"):
        href = link.attrib["href"]
        idx = linked_article_id(site, page_url, href)
        if idx is None or idx in seen:
            continue
        seen.add(idx)
        node = (link.xpath("ancestor::*[self::li or self::div][1]") or [link])[0]
        date_text, day = _entry_date(node, date_rules, now)
        entries.append(ListEntry(href, clean_line(" ".join(link.xpath(".//text()").getall())), date_text, day))
    return entries


def _mark_pinned(markup: ListMarkup, raw: list[ListEntry]) -> list[ListEntry]:
    """Lists run newest first: a notice marker, or a date older than one below, means pinned."""
    entries: list[ListEntry] = []
    newest_below: date | None = None
    for entry in reversed(raw):
        marked = bool(markup.pinned_marker) and entry.title.startswith(markup.pinned_marker)
        older = entry.day is not None and newest_below is not None and newest_below > entry.day
        entries.insert(0, ListEntry(entry.href, entry.title, entry.date_text, entry.day, marked or older))
        if entry.day is not None and (newest_below is None or entry.day > newest_below):
            newest_below = entry.day
    return entries


def _last_page(site: SiteProfile, markup: ListMarkup, page: Selector) -> int | None:
    """The page number of the pagination's last-page link, when the page shows one."""
    for rule in markup.last_page_link:
        for link in page.css(rule):
            number = query_value(link.attrib.get("href", ""), site.scheme.page_param)
            if number and number.isascii() and number.isdigit():
                return int(number)
    return None
