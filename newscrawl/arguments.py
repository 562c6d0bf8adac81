"""Spider arguments (``-a name=value``): parsed and checked once, before the crawl starts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from newscrawl.cms.model import SiteProfile
from newscrawl.extract.urls import article_id, article_url, normalize_base_url

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECTION_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}", re.ASCII)


@dataclass(frozen=True)
class CrawlArguments:
    """What one crawl covers."""

    base_url: str
    """Scheme and host every request and every exported URL uses."""
    sections: tuple[str, ...]
    """Section codes to crawl; empty means every section in the menu."""
    since: date | None
    """Earliest publication date to export (inclusive)."""
    until: date | None
    """Latest publication date to export (inclusive)."""
    article_id: str | None
    """With ``-a url=``: the one article to fetch, and nothing else."""
    full: bool = False
    """With ``-a full=1``: ignore the incremental state and crawl everything (backfill)."""
    recheck_days: int = 0
    """With ``-a recheck_days=N``: fetch again the exported articles of the last N days."""

    def in_window(self, day: date) -> bool:
        """Whether a publication ``day`` lies in the ``since``/``until`` window."""
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


def parse_arguments(
    site: SiteProfile,
    base_url: str | None = None,
    sections: str | None = None,
    since: str | None = None,
    until: str | None = None,
    url: str | None = None,
    full: str | None = None,
    recheck_days: str | None = None,
) -> CrawlArguments:
    """Check raw ``-a`` values against ``site``; raise ``ValueError`` with a one-line reason.
    Section codes are checked against the site's menu once the crawl has read it."""
    idx = None
    if url is not None:
        idx = article_id(site, url)
        if idx is None:
            raise ValueError(f"url must be an article URL like {article_url(site, site.base_url, '123')}, got {url!r}")
        if base_url is None:
            parts = urlsplit(url.strip())
            base_url = f"{parts.scheme}://{parts.netloc}"
    if not (base_url or site.base_url):
        raise ValueError(f"{site.name} crawls any install of its CMS: give the site's address with -a base_url=https://host")
    base = normalize_base_url(base_url or site.base_url)
    if url is not None and _address(url) != _address(base):
        raise ValueError(f"url {url.strip()!r} is not on base_url's host ({base}): give an article URL of {base}, or leave base_url out")
    codes = tuple(code.strip() for code in (sections or "").split(",") if code.strip())
    if bad := [code for code in codes if not _SECTION_CODE.fullmatch(code)]:
        raise ValueError(f"sections must be section codes (letters, digits, _ and -), got {bad[0]!r}")
    start, end = _date(since, "since"), _date(until, "until")
    if start and end and start > end:
        raise ValueError(f"since ({start}) is after until ({end})")
    if full not in (None, "", "0", "1"):
        raise ValueError(f"full must be 1 (crawl everything) or 0, got {full!r}")
    days = (recheck_days or "0").strip()
    if not days.isascii() or not days.isdigit():
        raise ValueError(f"recheck_days must be a whole number of days, got {recheck_days!r}")
    return CrawlArguments(base, codes, start, end, idx, full == "1", int(days))


def _address(url: str) -> tuple[str, int | None]:
    """The host (lower-case) and the port a URL names (``None`` when it names none)."""
    parts = urlsplit(url.strip())
    try:
        return (parts.hostname or "", parts.port)
    except ValueError:  # a port that is not a number
        return (parts.hostname or "", -1)


def _date(value: str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if not _ISO_DATE.match(value.strip()):
        raise ValueError(f"{name} must be a date like 2024-01-31, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{name} is not a real date: {value!r}") from None
