"""Article page: the raw fields a reader sees, taken with the selectors of the skin the page
is in, and from the page's metadata where they find nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newscrawl.cms.model import Selectors, SiteProfile, Skin
from newscrawl.extract.article_fields import (
    Read,
    byline_items,
    drop_furniture,
    lines_of,
    read_author,
    read_body,
    read_dated,
    read_section,
    read_title,
    text_of,
)
from newscrawl.extract.article_region import article_region
from newscrawl.extract.dates import parse_date
from newscrawl.extract.fast_text import IMAGES_WITH_SOURCE, Image, tokens
from newscrawl.extract.metadata import Metadata, page_metadata
from newscrawl.extract.selection import select
from newscrawl.extract.text import clean_line
from newscrawl.extract.urls import query_value

_CAPTION_BRACKETS = re.compile(r"^[\[(【]\s*(.*?)\s*[\])】]$")
# Characters lxml keeps when parsing but refuses to write back into a tree (as dropping an
# element does): C0 controls but tab and line breaks, lone surrogates, non-characters.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FIRST_FOLLOWING = etree.XPath("following::*[1]")
_BASE_HREF = etree.XPath("/html/head/base/@href")
# A members-only body holds the login link and little else.
_MEMBERS_ONLY_MAX_CHARS = 200
METADATA_RULE = "meta"
"""The rule name of a field read from the page's metadata (counted as a fallback)."""


class PageStatus(Enum):
    """What an article URL turned out to be."""

    ARTICLE = "article"
    DELETED = "deleted"
    MEMBERS_ONLY = "members_only"
    NOT_AN_ARTICLE = "not_an_article"
    """No title, no body container, no footer: an empty, binary or unrelated page."""
    TRUNCATED = "truncated"
    """The page ends before its footer (and before the end of its article scope): cut short in
    transit or unparseably nested."""


@dataclass
class ArticleContent:
    """An article's fields as shown on its page, before normalization."""

    title: str = ""
    section: str = ""
    section_code: str = ""
    """The section code in the breadcrumb's link (``m73mass273``)."""
    subtitle: str = ""
    author: str = ""
    published_raw: str = ""
    modified_raw: str = ""
    body: str = ""
    images: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ArticlePage:
    """A parsed article page: its status, its content, and its neighbour links as written."""

    status: PageStatus
    content: ArticleContent = field(default_factory=ArticleContent)
    prev_href: str = ""
    """Link to the previous (older) article; empty at the end of the archive."""
    next_href: str = ""
    """Link to the next (newer) article; empty at the newest article."""
    skin: str = ""
    """The skin whose marker matched the page; empty when none did."""
    rules: dict[str, str] = field(default_factory=dict)
    """The rule that read each field found (:data:`METADATA_RULE` for the page's metadata)."""

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """Fields taken from the page's metadata because no rule of the skin read them."""
        return tuple(name for name, rule in self.rules.items() if rule == METADATA_RULE)


def parse_article_page(
    site: SiteProfile, html: str | bytes, page_url: str, encoding: str = "utf-8", whole_page: bool = False
) -> ArticlePage:
    """Parse an article page served at ``page_url`` (a 200 response) with the selectors of
    the first of ``site``'s skins whose title selector matches it (the site's own skin first),
    filling the fields they do not find from the page's metadata; ``html`` is its text, or its
    bytes in ``encoding``.

    The page is read only in its article region (:mod:`newscrawl.extract.article_region`:
    the head, and the article scope when it closes before the skin's ``article_end``): what
    lies around it (menus, asides, footer) is half a real page or more, never part of the
    article. A page that turns out not to be an article with a title, or that needs its
    metadata, is decided on the whole page, as with ``whole_page``.
    """
    body, encoding = _page_bytes(html, encoding)
    try:
        if not whole_page:
            tree, scope_closed = _tree_of_article(site.skins[0], body, encoding)
            page = _read(site, tree, scope_closed, page_url)
            read_in_region = page.status is PageStatus.ARTICLE and page.content.title and not page.fallbacks
            if read_in_region or not scope_closed:
                return page
        return _read(site, _tree(body, encoding), False, page_url)
    except ValueError:
        # lxml keeps some control characters when parsing but refuses to write them back
        # when an element is dropped: rare pages carry them, and are parsed without them.
        text = _XML_UNSAFE.sub("", body.decode(encoding, errors="replace"))
        return _read(site, _tree(text.encode(), "utf-8"), False, page_url)


def _read(site: SiteProfile, tree: HtmlElement, scope_closed: bool, page_url: str) -> ArticlePage:
    """Parse ``tree`` with the rules of the skin it is in (its marker found in the article's
    scope; or, in none, the skin most of whose rules find something), then take what they
    find nothing for from the metadata."""
    scope = next(iter(select(tree, site.skins[0].selectors.article_scope)), tree)
    skin = next((skin for skin in site.skins if select(scope, skin.marker)), None)
    reader = skin or max(site.skins, key=lambda candidate: _matching_rules(candidate, tree))
    page = _parse(site, reader, tree, scope_closed, page_url)
    page.skin = skin.name if skin else ""
    content = page.content
    needed = skin is None or not (content.title and content.published_raw and content.section and content.body)
    if page.status is PageStatus.ARTICLE and needed:  # the <head> is still whole: only the body was dropped
        for name in _fill_from_metadata(content, page_metadata(tree), _base_url(tree, page_url), skin is None):
            page.rules[name] = METADATA_RULE
    return page


def _matching_rules(skin: Skin, tree: HtmlElement) -> int:
    """How many of the skin's fields have a rule that finds something in ``tree``."""
    css = skin.selectors
    fields = (css.body, css.byline, css.section, css.subtitle, css.author)
    return sum(any(select(tree, rule.css) for rule in rules) for rules in fields)


def _fill_from_metadata(content: ArticleContent, metadata: Metadata, page_url: str, no_skin: bool) -> list[str]:
    """Fill the empty fields of ``content`` that ``metadata`` has; return their names. Images,
    the author and the modification time come from metadata only when no skin matched (an
    article may well have none; a site's logo stands in ``og:image`` for a photo)."""
    used = []
    for name, value in (
        ("title", metadata.title),
        ("published_raw", metadata.published),
        ("section", metadata.section),
        ("body", metadata.body),
    ):
        if value and not getattr(content, name):
            setattr(content, name, value)
            used.append(name)
    if no_skin:  # fields an article may well lack: taken only when no skin read the page
        for name, value in (("author", metadata.author), ("modified_raw", metadata.modified)):
            if value and not getattr(content, name):
                setattr(content, name, value)
                used.append(name)
    if no_skin and metadata.image and not content.images:
        content.images = [{"url": urljoin(page_url, metadata.image), "caption": ""}]
        used.append("images")
    return used


def _page_bytes(html: str | bytes, encoding: str) -> tuple[bytes, str]:
    """The page's bytes and their encoding, prepared as parsel does it: NUL bytes removed, an
    empty page made an empty document."""
    body, encoding = (html.encode(), "utf-8") if isinstance(html, str) else (html, encoding)
    if b"\x00" in body:  # checked first: replacing copies the whole page
        body = body.replace(b"\x00", b"")
    if not body or body.isspace():
        body = b"<html/>"
    return body, encoding


def _tree(body: bytes, encoding: str) -> HtmlElement:
    """The tree of ``body``, parsed straight with lxml (faster than through parsel)."""
    root = etree.fromstring(body, parser=_parser(encoding))
    return root if root is not None else etree.fromstring(b"<html/>", parser=_parser(encoding))


def _tree_of_article(skin: Skin, body: bytes, encoding: str) -> tuple[HtmlElement, bool]:
    """The tree of the page's article region (:func:`article_region`) when the article scope
    closed in it, and whether it did; else the whole tree.

    Checked on the tree, not trusted from the bytes: the scope closed before the cut when an
    element follows it (the cut tag itself, unless that tag lies inside the scope)."""
    region = article_region(body, skin.article_start, skin.article_end)
    if region is not None:
        tree = _tree(region, encoding)
        scope = next(iter(select(tree, skin.selectors.article_scope)), None)
        if scope is not None and _FIRST_FOLLOWING(scope):
            return tree, True
    return _tree(body, encoding), False


@lru_cache(maxsize=16)
def _parser(encoding: str) -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding=encoding, huge_tree=True)


def _parse(site: SiteProfile, skin: Skin, page: HtmlElement, scope_closed: bool, page_url: str) -> ArticlePage:
    """Read the tree ``page`` with ``skin``'s rules. The page is complete when its article
    scope closed before the page ended, or when it has its end."""
    css = skin.selectors
    complete = scope_closed or bool(select(page, css.page_end))
    root = next(iter(select(page, css.article_scope)), page)
    title = read_title(root, css)
    if not title.value and site.cms.deleted_page and re.search(site.cms.deleted_page, etree.tostring(page, encoding="unicode")):
        return ArticlePage(PageStatus.DELETED)
    prev_href = _attribute(select(root, css.prev_link), "href")
    next_href = _attribute(select(root, css.next_link), "href")
    section = read_section(root, css)
    link = section.value
    content = ArticleContent(
        title=title.value,
        section=text_of(link) if link is not None else "",
        section_code=query_value(link.get("href") or "", site.scheme.section_param) or "" if link is not None else "",
    )
    body = read_body(root, css)
    if not (title.value or body.value is not None or complete):
        return ArticlePage(PageStatus.NOT_AN_ARTICLE, content)
    if body.value is not None and _is_members_only(css, body.value):
        return ArticlePage(PageStatus.MEMBERS_ONLY, content, prev_href, next_href)
    if not complete:
        return ArticlePage(PageStatus.TRUNCATED, content)
    read: dict[str, Read[Any]] = {"title": title, "section": section, "body": body}
    inner_subtitles: dict[str, list[str]] = {}
    if body.value is not None:
        inner_subtitles = _take_inner_subtitles(css, drop_furniture(css, body.value))
        _drop_related_link_blocks(site, body.value)
        _mark_captions(skin, body.value)
        content.body, content.images = _body_and_images(skin, body.value, _base_url(page, page_url))
        # Gone before the subtitle and byline are read: an unclosed tag around them cannot
        # pull the body into them.
        body.value.drop_tree()
    read["subtitle"] = subtitle = _subtitle(root, css, inner_subtitles)
    content.subtitle = subtitle.value
    items = byline_items(root, css)
    read["published_raw"] = published = read_dated(items, skin.published_labels, _is_date)
    read["modified_raw"] = modified = read_dated(items, skin.modified_labels, _is_date)
    read["author"] = author = read_author(root, css, items, skin.published_labels + skin.modified_labels)
    content.published_raw, content.modified_raw, content.author = published.value, modified.value, author.value
    read["images"] = Read(content.images, body.rule if content.images else "")
    rules = {name: value.rule for name, value in read.items() if value.rule and (content.body or name != "body")}
    return ArticlePage(PageStatus.ARTICLE, content, prev_href, next_href, rules=rules)


def _take_inner_subtitles(css: Selectors, body: HtmlElement) -> dict[str, list[str]]:
    """Subtitle lines inside the body container, by rule, dropped from the body: inside it
    (2017 ``.article-head-sub``, 2020+ ``H2.subheading``) they are the subtitle, never body."""
    found: dict[str, list[str]] = {}
    for rule in css.subtitle:
        for element in select(body, rule.css):
            found.setdefault(rule.name, []).extend(lines_of(drop_furniture(css, element)))
            element.drop_tree()
    return found


def _subtitle(root: HtmlElement, css: Selectors, inner: dict[str, list[str]]) -> Read[str]:
    """The subtitle of the first rule that finds lines, inside the body or out of it."""
    for rule in css.subtitle:
        lines = inner.get(rule.name, []) + [line for element in select(root, rule.css) for line in lines_of(drop_furniture(css, element))]
        if lines:
            return Read("\n".join(lines), rule.name)
    return Read("")


def _is_date(line: str) -> bool:
    """Whether a byline item holds a date (relative ones count from now)."""
    return parse_date(line) is not None


def _base_url(page: HtmlElement, page_url: str) -> str:
    """The URL relative links resolve against: the page's ``<base href>``, else its own."""
    base = _BASE_HREF(page)
    return urljoin(page_url, base[0].strip()) if base else page_url


def _attribute(nodes: list[HtmlElement], name: str) -> str:
    """An attribute of the first node, or an empty string."""
    return (nodes[0].get(name) or "") if nodes else ""


@lru_cache(maxsize=16)
def _related_link_queries(article_forms: tuple[str, ...]) -> tuple[etree.XPath, etree.XPath]:
    """Paragraphs and list items with a link to an article, and those links' text, for the
    article URL templates ``article_forms`` (their paths up to the id)."""
    paths = (form.split("{id}")[0].split("?")[0] for form in article_forms)
    links = ".//a[" + " or ".join(f"contains(@href, '{path}')" for path in paths) + "]"
    return etree.XPath(f".//p[{links}] | .//li[{links}]"), etree.XPath(f"{links}//text()")


def _drop_related_link_blocks(site: SiteProfile, body: HtmlElement) -> None:
    """Drop paragraphs and list items whose whole text is a link to an article (any URL form
    of the CMS): related-article lists written as plain paragraphs."""
    blocks, link_texts = _related_link_queries(tuple(site.scheme.article_forms.values()))
    for block in blocks(body):
        if clean_line(" ".join(block.itertext())) == clean_line(" ".join(link_texts(block))):
            block.drop_tree()


def _is_members_only(css: Selectors, body: HtmlElement) -> bool:
    if not select(body, css.members_only_link):
        return False
    return len(text_of(body)) <= _MEMBERS_ONLY_MAX_CHARS


def _mark_captions(skin: Skin, body: HtmlElement) -> None:
    """Rewrite each of the skin's caption elements (an image with its caption text, as the
    Froala editor writes them) as the image followed by a paragraph opening with the caption
    marker, the form a caption takes in older articles."""
    for container in select(body, skin.selectors.captions) if skin.selectors.captions else []:
        images = IMAGES_WITH_SOURCE(container)
        caption = clean_line(" ".join(container.itertext()))
        tail = container.tail
        container.clear()
        container.tag, container.tail = "div", tail
        for image in images:
            image.tail = None
            container.append(image)
        if caption:
            marked = caption if caption.startswith(skin.caption_marker) else f"{skin.caption_marker} {caption}"
            etree.SubElement(container, "p").text = marked


def _body_and_images(
    skin: Skin, body: HtmlElement, page_url: str
) -> tuple[str, list[dict[str, str]]]:
    """Body paragraphs (one per line) and images with captions, in document order.

    A line that starts with the caption marker right after an image is that image's caption.
    """
    lines: list[str] = []
    images: list[dict[str, str]] = []
    awaiting_caption = False
    for token in tokens(body):
        if isinstance(token, Image):
            images.append({"url": urljoin(page_url, token.src), "caption": ""})
            awaiting_caption = True
            continue
        if awaiting_caption and token.startswith(skin.caption_marker):
            images[-1]["caption"] = _caption(token[len(skin.caption_marker) :])
        else:
            lines.append(token)
        awaiting_caption = False
    return "\n".join(lines), images


def _caption(text: str) -> str:
    text = text.strip()
    match = _CAPTION_BRACKETS.match(text)
    return match[1] if match else text
