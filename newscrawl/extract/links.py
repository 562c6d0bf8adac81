"""Article links anywhere on a page: previous/next in any markup, related and most-read boxes,
list entries. Any link whose URL is one of the site's article URL forms, on any of its hosts,
is an article.

Read from the page's HTML text, not from a tree: article pages are parsed only as far as the
article's end, and the boxes that link other articles mostly stand after it. ``href``
attributes are found in any tag written in any case, quoted or not; comments are skipped.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from newscrawl.cms.model import SiteProfile
from newscrawl.extract.urls import linked_article_id

# A comment (skipped whole), or a tag with an ``href``: its name and the value as written,
# quotes included. One pass: the comments need no separate search and removal; the name is
# matched possessively (``*+``), which spares the backtracking into it on tags without a link.
_TAG_HREF = re.compile(
    r"""<(?:!--.*?-->|([a-z][^\s/>]*+)[^>]*?\shref\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))""", re.IGNORECASE | re.DOTALL
)
_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/?#]*", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:")
_CACHE_SIZE = 2_000
_LINKED: dict[tuple[str, str], dict[str, str | None]] = {}
"""By site and origin (or folder, for paths relative to it), the article id (or ``None``) of
each ``href`` value as written, for those that do not depend on the page's own path."""


def article_ids_linked(site: SiteProfile, page_url: str, page: str | bytes, encoding: str = "utf-8") -> list[str]:
    """The ids of the articles a page served at ``page_url`` links to, once each, in page
    order; ``page`` is its HTML text, or its bytes in ``encoding``. Relative links resolve
    against the page's ``<base href>`` when it has one."""
    text = page.decode(encoding, errors="replace") if isinstance(page, bytes) else page
    # Deduplicated in C: boxes and menus repeat links.
    tags = [(tag, _unquoted(value)) for tag, value in dict.fromkeys(_TAG_HREF.findall(text)) if tag]
    base = page_url
    if written_base := next((value for tag, value in tags if tag.lower() == "base"), None):
        base = urljoin(page_url, html.unescape(written_base).strip())
    origin = _ORIGIN.match(base)
    # What a link resolves to depends on the page's address only through its origin, or its
    # folder for a path relative to it: menus and boxes repeat page after page, so their
    # links are looked up once per site and origin, or folder.
    by_origin = _LINKED.setdefault((site.name, origin[0] if origin else base), {})
    by_folder = _LINKED.setdefault((site.name, urljoin(base, ".")), {})
    ids: dict[str, None] = {}
    for _, written in tags:
        known = by_origin if written in by_origin else by_folder
        if written in known:
            idx = known[written]
        else:
            href = html.unescape(written).strip()
            if not href or href.startswith(_NOT_PAGES):
                idx = by_origin[written] = None
            elif href.startswith("/") or _SCHEME.match(href):
                idx = by_origin[written] = linked_article_id(site, base, href)
            elif href.startswith("?"):  # relative to the page's own path and query
                idx = linked_article_id(site, base, href)
            else:
                idx = by_folder[written] = linked_article_id(site, base, href)
        if idx is not None:
            ids[idx] = None
    for cache in (by_origin, by_folder):
        if len(cache) > _CACHE_SIZE:
            _keep_only(cache, [written for _, written in tags])
    return list(ids)


def _unquoted(value: str) -> str:
    """An attribute value as written, without its quotes."""
    return value[1:-1] if value[0] in "\"'" else value


def _keep_only(cache: dict[str, str | None], written: list[str]) -> None:
    """Bound a full cache to the links of the page just read: a few hundred kilobytes a site
    at most, so that a run over hundreds of sites stays small, while what repeats on every
    page (menus, boxes) stays cached."""
    kept = {href: cache[href] for href in written if href in cache}
    cache.clear()
    cache.update(kept)
