"""Home and section list pages: section codes, article entries and the last page number."""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector

from newscrawl.extract.text import clean_line
from newscrawl.extract.urls import query_value
from newscrawl.sites.profile import SiteProfile


@dataclass(frozen=True)
class ListEntry:
    """One article entry of a list page: its link as written and its date text."""

    href: str
    date_text: str


@dataclass(frozen=True)
class ListPage:
    """A section list page: its entries in page order and, when shown, the last page number."""

    entries: list[ListEntry]
    last_page: int | None


def parse_menu(site: SiteProfile, page: Selector) -> dict[str, str]:
    """Section codes linked from the home page menu, mapped to their names, in menu order."""
    sections: dict[str, str] = {}
    for link in page.css(site.selectors.menu_links):
        code = query_value(link.attrib.get("href", ""), site.section_param)
        if code:
            sections.setdefault(code, clean_line(" ".join(link.xpath(".//text()").getall())))
    return sections


def parse_list_page(site: SiteProfile, page: Selector) -> ListPage:
    """Entries of a section list page (only the list itself, never the aside boxes)."""
    css = site.selectors
    entries = []
    for entry in page.css(css.list_entries):
        href = entry.css(css.entry_link).attrib.get("href")
        if href:
            date_text = clean_line(" ".join(entry.css(css.entry_date).xpath(".//text()").getall()))
            entries.append(ListEntry(href, date_text))
    last_href = page.css(css.last_page_link).attrib.get("href", "")
    last_page = query_value(last_href, site.page_param)
    return ListPage(entries, int(last_page) if last_page and last_page.isdigit() else None)
