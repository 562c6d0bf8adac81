"""URL identity: one article id, one canonical URL, whatever the link looked like."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from w3lib.url import url_query_parameter

from newscrawl.cms.model import SiteProfile


def normalize_base_url(url: str) -> str:
    """Return ``scheme://host[:port]`` of an http(s) URL, or raise ``ValueError``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"base_url must be an http(s) URL like https://host, got {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"base_url must be a scheme and a host only, got {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


@lru_cache(maxsize=4096)
def query_value(url: str, name: str) -> str | None:
    """Return the value of query parameter ``name`` in ``url`` (``&amp;`` tolerated).
    Cached: the same section and neighbour links recur on page after page."""
    cleaned = url.split("#", 1)[0].replace("&amp;", "&")
    value = url_query_parameter(cleaned, name)
    return value.strip() if value else None


@lru_cache(maxsize=16)
def _form_patterns(templates: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str] | None], ...]:
    """For each article URL template: its path and, for ids in the path, the path's pattern
    (``None`` when the id is the query parameter)."""
    patterns: list[tuple[str, re.Pattern[str] | None]] = []
    for template in templates:
        path = template.partition("?")[0]
        if "{id}" in path:
            patterns.append((path, re.compile(re.escape(path).replace(re.escape("{id}"), r"(\d+)"))))
        else:
            patterns.append((path, None))
    return tuple(patterns)


def article_id(site: SiteProfile, url: str) -> str | None:
    """Return the article id (decimal digits, no leading zeros) of ``url`` in any of the
    CMS's article URL forms, or ``None``."""
    path = urlsplit(url.strip()).path
    for form_path, pattern in _form_patterns(tuple(site.scheme.article_forms.values())):
        if pattern is not None:
            if match := pattern.fullmatch(path):
                return str(int(match[1]))
        elif path == form_path:
            value = query_value(url, site.scheme.article_id_param)
            return str(int(value)) if value and value.isascii() and value.isdigit() else None
    return None


def linked_article_id(site: SiteProfile, page_url: str, href: str) -> str | None:
    """Return the id of the article ``href`` (found on ``page_url``) links to, or ``None``:
    any article URL form, on the page's own host or one of the site's hosts."""
    absolute = urljoin(page_url, href.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https"):
        return None
    if parts.hostname != urlsplit(page_url).hostname and parts.hostname not in site.hosts:
        return None
    return article_id(site, absolute)


def article_url(site: SiteProfile, base_url: str, idx: str) -> str:
    """Return the URL of article ``idx`` on ``base_url`` in the form the site links with."""
    return base_url + site.scheme.article_forms[site.site.url_form].format(id=idx)


def list_url(site: SiteProfile, base_url: str, code: str, page: int) -> str:
    """Return the URL of list page ``page`` of section ``code`` on ``base_url``."""
    scheme = site.scheme
    extra = f"&{scheme.list_query}" if scheme.list_query else ""
    return f"{base_url}{scheme.list_path}?{scheme.section_param}={code}{extra}&{scheme.page_param}={page}"
