"""``scrapy sites``: every known site as a table of name, family, brand, address and skin
(``scrapy list`` also lists the ``sites`` spider of multi-site runs, and nothing but names)."""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Sequence
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.spiderloader import get_spider_loader

from newscrawl.cms.model import SiteProfile

COLUMNS = ("name", "family", "brand", "address", "skin")
"""The table's columns: the spider name, the CMS family (a sites file's ``cms``), the outlet's
name, the live address and the article skin."""


class Command(ScrapyCommand):
    """List the sites ``scrapy crawl <name>`` knows, with their family, brand, address and skin."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def short_desc(self) -> str:
        """The line ``scrapy -h`` shows."""
        return "List the known sites: name, family, brand, address, skin"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Print the table, sites by family, then by name."""
        assert self.settings is not None
        loader = get_spider_loader(self.settings)
        profiles = [profile for name in loader.list() if isinstance(profile := getattr(loader.load(name), "site", None), SiteProfile)]
        print("\n".join(table(site_rows(profiles))))


def site_rows(profiles: Sequence[SiteProfile]) -> list[tuple[str, ...]]:
    """One row per site (see :data:`COLUMNS`), by family, then by name."""
    return [
        (
            profile.name,
            profile.cms.name,
            profile.site.brand or "-",
            profile.base_url or "any install: -a base_url=",
            profile.site.skin or "found from the pages",
        )
        for profile in sorted(profiles, key=lambda profile: (profile.cms.name, profile.name))
    ]


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    """``rows`` under a header of :data:`COLUMNS`, as lines of columns aligned on screen (a
    Hangul syllable takes two columns of a terminal)."""
    lines = [COLUMNS, *rows]
    widths = [max(_width(line[column]) for line in lines) for column in range(len(COLUMNS))]
    return ["  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
