"""Home and section list pages: section codes, article entries and the last page number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parsel import Selector

from newscrawl.extract.dates import parse_date
from newscrawl.extract.text import clean_line
from newscrawl.extract.urls import query_value
from newscrawl.cms.model import SiteProfile


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


def _pinned(site: SiteProfile, title: str, day: date | None, newest_below: date | None) -> bool:
    """Lists run newest first: a notice marker, or a date older than one below, means pinned."""
    marker = site.skins[0].pinned_marker
    if marker and title.startswith(marker):
        return True
    return day is not None and newest_below is not None and newest_below > day


def parse_menu(site: SiteProfile, page: Selector) -> dict[str, str]:
    """Section codes linked from the home page menu, mapped to their names, in menu order."""
    sections: dict[str, str] = {}
    for link in page.css(site.skins[0].selectors.menu_links):
        code = query_value(link.attrib.get("href", ""), site.scheme.section_param)
        if code:
            sections.setdefault(code, clean_line(" ".join(link.xpath(".//text()").getall())))
    return sections


def parse_list_page(site: SiteProfile, page: Selector) -> ListPage:
    """Entries of a section list page (only the list itself, never the aside boxes); every
    skin of a CMS shares the list markup."""
    css = site.skins[0].selectors
    raw = []
    for entry in page.css(css.list_entries):
        link = entry.css(css.entry_link)
        href = link.attrib.get("href")
        if href:
            title = clean_line(" ".join(link.xpath(".//text()").getall()))
            # The date is the last part of a "section | reporter | date" line.
            date_text = clean_line(" ".join(entry.css(css.entry_date)[-1:].xpath(".//text()").getall()).rsplit("|", 1)[-1])
            moment = parse_date(date_text)
            raw.append((href, title, date_text, moment.date() if moment else None))
    entries: list[ListEntry] = []
    newest_below: date | None = None
    for href, title, date_text, day in reversed(raw):
        entries.insert(0, ListEntry(href, title, date_text, day, _pinned(site, title, day, newest_below)))
        if day is not None and (newest_below is None or day > newest_below):
            newest_below = day
    last_href = page.css(css.last_page_link).attrib.get("href", "")
    last_page = query_value(last_href, site.scheme.page_param)
    return ListPage(entries, int(last_page) if last_page and last_page.isdigit() else None)
