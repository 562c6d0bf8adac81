"""Article links anywhere on a page: previous/next in any markup, related and most-read boxes,
list entries. Any link whose URL is one of the site's article URL forms, on any of its hosts,
is an article.

Read from the page's HTML, not from a tree (from its bytes where the encoding allows): article
pages are parsed only as far as the article's end, and the boxes that link other articles mostly
stand after it. ``href``
attributes are found in any tag written in any case, quoted or not; comments are skipped.
"""

from __future__ import annotations

import codecs
import html
import re
from urllib.parse import urljoin

from newscrawl.cms.model import SiteProfile
from newscrawl.extract.urls import linked_article_id

# A comment (skipped whole), or a tag with an ``href``: its name and the value as written,
# quotes included. One pass: the comments need no separate search and removal; the name is
# matched possessively (``*+``), which spares the backtracking into it on tags without a link.
_TAG_HREF_PATTERN = r"""<(?:!--.*?-->|([a-z][^\s/>]*+)[^>]*?\shref\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))"""
_TAG_HREF = re.compile(_TAG_HREF_PATTERN, re.IGNORECASE | re.DOTALL)
# The same over a page's bytes, in an encoding where ASCII bytes are ASCII characters: the
# page is not decoded (a tenth of a millisecond for 60 KB), only the values of new links.
_TAG_HREF_BYTES = re.compile(_TAG_HREF_PATTERN.encode(), re.IGNORECASE | re.DOTALL)
_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/?#]*", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:")
_NOT_ASCII_COMPATIBLE = ("utf-16", "utf-32", "utf-7", "iso2022", "hz")
_CACHE_SIZE = 2_000
_LINKED: dict[tuple[str, str], dict[str | bytes, str | None]] = {}
"""By site and origin (or folder, for paths relative to it), the article id (or ``None``) of
each ``href`` value as written (quotes included; bytes in ASCII only, whatever the page's
encoding), for those that do not depend on the page's own path."""


def article_ids_linked(site: SiteProfile, page_url: str, page: str | bytes, encoding: str = "utf-8") -> list[str]:
    """The ids of the articles a page served at ``page_url`` links to, once each, in page
    order; ``page`` is its HTML text, or its bytes in ``encoding``. Relative links resolve
    against the page's ``<base href>`` when it has one."""
    if isinstance(page, bytes) and not _ascii_compatible(encoding):
        page = page.decode(encoding, errors="replace")
    # Deduplicated in C: boxes and menus repeat links.
    found: dict[tuple[str, str] | tuple[bytes, bytes], None] = dict.fromkeys(
        _TAG_HREF.findall(page) if isinstance(page, str) else _TAG_HREF_BYTES.findall(page)
    )
    base = page_url
    if written_base := next((raw for tag, raw in found if tag and len(tag) == 4 and tag.lower() in ("base", b"base")), None):
        base = urljoin(page_url, html.unescape(_text(written_base, encoding)).strip())
    origin = _ORIGIN.match(base)
    # What a link resolves to depends on the page's address only through its origin, or its
    # folder for a path relative to it: menus and boxes repeat page after page, so their
    # links are looked up once per site and origin, or folder.
    by_origin = _LINKED.setdefault((site.name, origin[0] if origin else base), {})
    by_folder = _LINKED.setdefault((site.name, urljoin(base, ".")), {})
    ids: dict[str, None] = {}
    for tag, raw in found:
        if not tag:  # a comment
            continue
        known = by_origin if raw in by_origin else by_folder
        if raw in known:
            idx = known[raw]
        else:
            href = html.unescape(_text(raw, encoding)).strip()
            cache: dict[str | bytes, str | None] | None
            if not href or href.startswith(_NOT_PAGES):
                idx, cache = None, by_origin
            else:
                idx = linked_article_id(site, base, href)
                # A path relative to the page's own path and query is not cached.
                cache = by_origin if href.startswith("/") or _SCHEME.match(href) else None if href.startswith("?") else by_folder
            if cache is not None and (isinstance(raw, str) or raw.isascii()):
                cache[raw] = idx
        if idx is not None:
            ids[idx] = None
    for full in (by_origin, by_folder):
        if len(full) > _CACHE_SIZE:
            _keep_only(full, [raw for _, raw in found])
    return list(ids)


def _ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes ASCII characters as their ASCII bytes, and no byte of
    another character as ``<``, ``=``, a quote or a space (UTF-8, CP949/EUC-KR, the
    single-byte encodings; not UTF-16/32, nor the 7-bit UTF-7, ISO-2022 and HZ)."""
    return not codecs.lookup(encoding).name.startswith(_NOT_ASCII_COMPATIBLE)


def _text(raw: str | bytes, encoding: str) -> str:
    """An attribute value as written, without its quotes, as text."""
    value = raw.decode(encoding, errors="replace") if isinstance(raw, bytes) else raw
    return value[1:-1] if value[0] in "\"'" else value


def _keep_only(cache: dict[str | bytes, str | None], written: list[str | bytes]) -> None:
    """Bound a full cache to the links of the page just read: a few hundred kilobytes a site
    at most, so that a run over hundreds of sites stays small, while what repeats on every
    page (menus, boxes) stays cached."""
    kept = {href: cache[href] for href in written if href in cache}
    cache.clear()
    cache.update(kept)
