"""URL identity: one article id, one canonical URL, whatever the link looked like."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from w3lib.url import url_query_parameter

from newscrawl.sites.profile import SiteProfile


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


def resolve_link(site: SiteProfile, page_url: str, href: str, path: str) -> str | None:
    """Resolve ``href`` against ``page_url``; return it when it points at ``path`` on the
    page's own host or one of the site's hosts, otherwise ``None``."""
    absolute = urljoin(page_url, href.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.path != path:
        return None
    if parts.hostname != urlsplit(page_url).hostname and parts.hostname not in site.hosts:
        return None
    return absolute


def article_id(site: SiteProfile, url: str) -> str | None:
    """Return the article id (decimal digits, no leading zeros) in ``url``, or ``None``."""
    value = query_value(url, site.article_id_param)
    if not value or not value.isascii() or not value.isdigit():
        return None
    return str(int(value))


def linked_article_id(site: SiteProfile, page_url: str, href: str) -> str | None:
    """Return the id of the article ``href`` (found on ``page_url``) links to, or ``None``."""
    absolute = resolve_link(site, page_url, href, site.article_path)
    return article_id(site, absolute) if absolute else None


def article_url(site: SiteProfile, base_url: str, idx: str) -> str:
    """Return the canonical URL of article ``idx`` on ``base_url``."""
    return f"{base_url}{site.article_path}?{site.article_id_param}={idx}"


def list_url(site: SiteProfile, base_url: str, code: str, page: int) -> str:
    """Return the URL of list page ``page`` of section ``code`` on ``base_url``."""
    return f"{base_url}{site.list_path}?{site.section_param}={code}&{site.page_param}={page}"
