"""Article page: the raw fields a reader sees, taken with the selectors of the skin the page
is in, and from the page's metadata where they find nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import chain
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from parsel.csstranslator import HTMLTranslator

from newscrawl.cms.model import Selectors, SiteProfile, Skin
from newscrawl.extract.metadata import Metadata, page_metadata
from newscrawl.extract.simple_css import select_simple
from newscrawl.extract.text import clean_line, visible_nfc
from newscrawl.extract.urls import query_value

_BLOCK_TAGS = frozenset(
    "p div li ul ol table tr h1 h2 h3 h4 h5 h6 blockquote figure figcaption section "
    "article dl dt dd pre hr".split()
)
_CELL_TAGS = frozenset(("td", "th"))
# The characters that mark a line boundary and the place of an image in a subtree's text,
# unless the page uses them: the control pictures of the record and unit separators.
_MARKS = "\u241e\u241f"
_REPORTER_WORD = re.compile(r"(?:기자|특파원|통신원)(?=$|[\s,·/])")
_NAME_SEPARATORS = re.compile(r"[,·/|]|\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CAPTION_BRACKETS = re.compile(r"^[\[(【]\s*(.*?)\s*[\])】]$")
# Characters lxml keeps when parsing but refuses to write back into a tree (as dropping an
# element does): C0 controls but tab and line breaks, lone surrogates, non-characters.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CSS = HTMLTranslator()
_ID_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?#([A-Za-z][\w-]*)")
_FIRST_FOLLOWING = etree.XPath("following::*[1]")
_BASE_HREF = etree.XPath("/html/head/base/@href")
# A dateline in front of a reporter's name: "서울=이정준 기자".
_DATELINE = re.compile(r"^[^\s=]{1,10}=\s*")
# A members-only body holds the login link and little else.
_MEMBERS_ONLY_MAX_CHARS = 200


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
    """The skin whose title selector matched the page; empty when none did."""
    fallbacks: tuple[str, ...] = ()
    """Fields taken from the page's metadata because the skin's selectors found nothing."""


def parse_article_page(
    site: SiteProfile, html: str | bytes, page_url: str, encoding: str = "utf-8", whole_page: bool = False
) -> ArticlePage:
    """Parse an article page served at ``page_url`` (a 200 response) with the selectors of
    the first of ``site``'s skins whose title selector matches it (the site's own skin first),
    filling the fields they do not find from the page's metadata; ``html`` is its text, or its
    bytes in ``encoding``.

    The page is read only as far as the skin's ``article_end`` when the article scope closes
    before it: what follows (asides, footer) is a third of a real page or more, never part of
    the article. A page that turns out not to be an article with a title is decided on the
    whole page, as with ``whole_page``.
    """
    body, encoding = _page_bytes(html, encoding)
    try:
        if not whole_page:
            tree, scope_closed = _tree_to_article_end(site.skins[0], body, encoding)
            page = _read(site, tree, scope_closed, page_url)
            if (page.status is PageStatus.ARTICLE and page.content.title) or not scope_closed:
                return page
        return _read(site, _tree(body, encoding), False, page_url)
    except ValueError:
        # lxml keeps some control characters when parsing but refuses to write them back
        # when an element is dropped: rare pages carry them, and are parsed without them.
        text = _XML_UNSAFE.sub("", body.decode(encoding, errors="replace"))
        return _read(site, _tree(text.encode(), "utf-8"), False, page_url)


def _read(site: SiteProfile, tree: HtmlElement, scope_closed: bool, page_url: str) -> ArticlePage:
    """Parse ``tree`` with the skin it is in (or, in none, the one most of whose selectors
    find something), then take what that finds nothing for from the metadata."""
    skin = next((skin for skin in site.skins if _select(tree, skin.selectors.title)), None)
    reader = skin or max(site.skins, key=lambda candidate: _matching_selectors(candidate, tree))
    page = _parse(site, reader, tree, scope_closed, page_url)
    page.skin = skin.name if skin else ""
    content = page.content
    needed = skin is None or not (content.title and content.published_raw and content.section and content.body)
    if page.status is PageStatus.ARTICLE and needed:  # the <head> is still whole: only the body was dropped
        page.fallbacks = _fill_from_metadata(content, page_metadata(tree), _base_url(tree, page_url), skin is None)
    return page


def _matching_selectors(skin: Skin, tree: HtmlElement) -> int:
    """How many of the skin's field selectors find something in ``tree``."""
    css = skin.selectors
    fields = (css.body, css.info_items, css.breadcrumb_links, css.subtitle_lines, css.author)
    return sum(bool(selector and _select(tree, selector)) for selector in fields)


def _fill_from_metadata(content: ArticleContent, metadata: Metadata, page_url: str, no_skin: bool) -> tuple[str, ...]:
    """Fill the empty fields of ``content`` that ``metadata`` has; return their names. Images,
    the author and the modification time come from metadata only when no skin matched (an
    article may well have none)."""
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
    return tuple(used)


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


def _tree_to_article_end(skin: Skin, body: bytes, encoding: str) -> tuple[HtmlElement, bool]:
    """The page's tree up to the end of the tag that opens with the skin's ``article_end``
    when the article scope closed before that tag, and whether it did; else the whole tree.

    Checked on the tree, not trusted from the bytes: the scope closed before the cut when an
    element follows it (the cut tag itself, unless that tag lies inside the scope)."""
    start = body.find(skin.article_end.encode("ascii")) if skin.article_end else -1
    cut = body.find(b">", start) if start > 0 else -1
    if cut > 0:
        tree = _tree(body[: cut + 1], encoding)
        scope = next(iter(_select(tree, skin.selectors.article_scope)), None)
        if scope is not None and _FIRST_FOLLOWING(scope):
            return tree, True
    return _tree(body, encoding), False


@lru_cache(maxsize=16)
def _parser(encoding: str) -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding=encoding, huge_tree=True)


@lru_cache(maxsize=256)
def _compiled(css: str) -> etree.XPath:
    """A CSS selector compiled once to an XPath evaluator (the hot path runs many per page).

    ``#id`` and ``tag#id`` use the document's id index (``id()``) instead of a scan of the
    tree: ids are unique in a page, so the element is the same wherever the query starts."""
    if match := _ID_SELECTOR.fullmatch(css.strip()):
        tag, identifier = match.groups()
        return etree.XPath(f"id('{identifier}')" + (f"[self::{tag}]" if tag else ""))
    return etree.XPath(_CSS.css_to_xpath(css))


def _select(node: HtmlElement, css: str) -> list[HtmlElement]:
    """The elements ``css`` selects under ``node``; none for an empty selector (a skin
    without that element, such as neighbour links)."""
    return _compiled(css)(node) if css else []  # type: ignore[no-any-return]


def _parse(site: SiteProfile, skin: Skin, page: HtmlElement, scope_closed: bool, page_url: str) -> ArticlePage:
    """Parse the tree ``page`` with ``skin``'s selectors. The page is complete when its article
    scope closed before the page ended, or when it has its end."""
    css = skin.selectors
    complete = scope_closed or bool(_select(page, css.page_end))
    root = next(iter(_select(page, css.article_scope)), page)
    title = _first_line(_select(root, css.title)[:1])
    if not title and site.cms.deleted_page and re.search(site.cms.deleted_page, etree.tostring(page, encoding="unicode")):
        return ArticlePage(PageStatus.DELETED)
    prev_href = _attribute(_select(root, css.prev_link), "href")
    next_href = _attribute(_select(root, css.next_link), "href")
    section_link = _select(root, css.breadcrumb_links)[-1:]
    content = ArticleContent(
        title=title,
        section=_text(section_link),
        section_code=query_value(_attribute(section_link, "href"), site.scheme.section_param) or "",
    )
    body = next(iter(_select(root, css.body)), None)
    if not (title or body is not None or complete):
        return ArticlePage(PageStatus.NOT_AN_ARTICLE, content)
    if body is not None and _is_members_only(css, body):
        return ArticlePage(PageStatus.MEMBERS_ONLY, content, prev_href, next_href)
    if not complete:
        return ArticlePage(PageStatus.TRUNCATED, content)
    subtitles: list[str] = []
    if body is not None:
        _drop_furniture(css, body)
        # Subtitles inside the body container (skin B) are the subtitle, never body lines.
        inner_subtitles = _select(body, css.subtitle_lines)
        subtitles = [line for item in inner_subtitles for line in _lines(_drop_furniture(css, item))]
        for item in inner_subtitles:
            item.drop_tree()
        _drop_related_link_blocks(site, body)
        _mark_captions(skin, body)
        content.body, content.images = _body_and_images(skin, body, _base_url(page, page_url))
        # Gone before the subtitle and byline are read: an unclosed tag around them cannot
        # pull the body into them.
        body.drop_tree()
    info = [_text([_drop_furniture(css, item)]) for item in _select(root, css.info_items)]
    subtitles += (line for item in _select(root, css.subtitle_lines) for line in _lines(_drop_furniture(css, item)))
    content.subtitle = "\n".join(filter(None, subtitles))
    content.author = _author(skin, root, info)
    content.published_raw = _labelled(info, skin.published_labels)
    content.modified_raw = _labelled(info, skin.modified_labels)
    return ArticlePage(PageStatus.ARTICLE, content, prev_href, next_href)


def _base_url(page: HtmlElement, page_url: str) -> str:
    """The URL relative links resolve against: the page's ``<base href>``, else its own."""
    base = _BASE_HREF(page)
    return urljoin(page_url, base[0].strip()) if base else page_url


def _attribute(nodes: list[HtmlElement], name: str) -> str:
    """An attribute of the first node, or an empty string."""
    return (nodes[0].get(name) or "") if nodes else ""


def _drop_furniture(css: Selectors, node: HtmlElement) -> HtmlElement:
    """Drop the skin's furniture inside ``node`` (where broken markup may have put it)."""
    if not len(node):  # no child elements: nothing to drop (the common byline and subtitle)
        return node
    for furniture in select_simple(node, css.body_furniture):
        furniture.drop_tree()
    return node


def _text(nodes: list[HtmlElement]) -> str:
    """All text of the first node, as one clean line."""
    return clean_line(" ".join(nodes[0].itertext())) if nodes else ""


def _lines(node: HtmlElement) -> list[str]:
    """The clean text lines of ``node`` (block elements and ``<br>`` end a line)."""
    return [token for token in _tokens(node) if isinstance(token, str)]


def _first_line(nodes: list[HtmlElement]) -> str:
    """The first line of text of the first node: its whole text, unless broken markup put
    block elements (and with them the rest of the page) inside it."""
    tokens = _tokens(nodes[0]) if nodes else []
    return next((token for token in tokens if isinstance(token, str)), "")


def _labelled(info: list[str], labels: tuple[str, ...]) -> str:
    """The first byline item that starts with one of ``labels`` as a word (``등록``, not
    ``등록일``)."""
    pattern = _label_pattern(labels)
    return next((item for item in info if pattern.match(item)), "")


@lru_cache(maxsize=16)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(map(re.escape, labels))})(?![가-힣])")


def _author(skin: Skin, root: HtmlElement, info: list[str]) -> str:
    """Reporter names, without the ``기자`` suffix or e-mail: from the skin's author element,
    else from the first byline item unless that is a dated one."""
    if skin.selectors.author:
        line = _text(_select(root, skin.selectors.author)[:1])
    elif info and not _labelled(info[:1], skin.published_labels + skin.modified_labels):
        line = info[0]
    else:
        return ""
    names = _NAME_SEPARATORS.split(_REPORTER_WORD.sub(" ", _EMAIL.sub(" ", _DATELINE.sub("", line))))
    return ", ".join(name for name in names if name)


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
    if not _select(body, css.members_only_link):
        return False
    return len(_text([body])) <= _MEMBERS_ONLY_MAX_CHARS


def _mark_captions(skin: Skin, body: HtmlElement) -> None:
    """Rewrite each of the skin's caption elements (an image with its caption text, as the
    Froala editor writes them) as the image followed by a paragraph opening with the caption
    marker, the form a caption takes in older articles."""
    for container in _select(body, skin.selectors.captions) if skin.selectors.captions else []:
        images = _IMAGES_WITH_SOURCE(container)
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
    for token in _tokens(body):
        if isinstance(token, _Image):
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


@dataclass(frozen=True)
class _Image:
    src: str


_IMAGE_WITH_SOURCE = "img[normalize-space(@src) or normalize-space(@data-src)]"
_IMAGES_WITH_SOURCE = etree.XPath(f"descendant::{_IMAGE_WITH_SOURCE}")


@lru_cache(maxsize=8)
def _lines_stylesheet(line_mark: str, image_mark: str) -> etree.XSLT:
    """The subtree's text with its boundaries marked: ``line_mark`` around each block element
    and for each ``<br>``, a space opening each table cell, ``image_mark`` (between line
    marks) for each image with a source."""
    return etree.XSLT(
        etree.XML(
            "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
            "<xsl:output method='text' encoding='UTF-8'/>"
            f"<xsl:template match='{'|'.join(sorted(_BLOCK_TAGS))}'>{line_mark}<xsl:apply-templates/>{line_mark}</xsl:template>"
            f"<xsl:template match='br'>{line_mark}</xsl:template>"
            f"<xsl:template match='{'|'.join(sorted(_CELL_TAGS))}'><xsl:text> </xsl:text><xsl:apply-templates/></xsl:template>"
            f"<xsl:template match='{_IMAGE_WITH_SOURCE}'>{line_mark}{image_mark}{line_mark}</xsl:template>"
            "</xsl:stylesheet>"
        )
    )


def _marks(text: str) -> tuple[str, str]:
    """Two characters that ``text`` does not hold, to mark line ends and images: two rare
    symbols, or private-use characters when the page uses those symbols."""
    absent = (mark for mark in chain(_MARKS, map(chr, range(0xE000, 0xF900))) if mark not in text)
    return next(absent), next(absent)


def _tokens(root: HtmlElement) -> list[str | _Image]:
    """Flatten ``root`` into clean text lines and images; block elements and ``<br>`` end a
    line, a table cell starts with a space, an image stands alone between lines.

    An XSLT stylesheet marks the boundaries in the text in one pass in C: a walk in Python
    costs more than the rest of the page's extraction, and no depth can exhaust the stack.
    """
    if not len(root):  # text only (a title, a byline item): one line
        line = clean_line(root.text or "")
        return [line] if line else []
    line_mark, image_mark = _marks(etree.tostring(root, method="text", encoding="unicode", with_tail=False))
    marked = visible_nfc(str(_lines_stylesheet(line_mark, image_mark)(root)))
    # Split and joined in C: most pieces are the empty ones between adjacent blocks.
    lines: list[str | _Image] = [" ".join(words) for words in map(str.split, marked.split(line_mark)) if words]
    if image_mark not in marked:
        return lines
    sources = iter([_image_source(image) for image in _IMAGES_WITH_SOURCE(root)])
    return [_Image(next(sources)) if line == image_mark else line for line in lines]


def _image_source(image: HtmlElement) -> str:
    """The image's ``src``, or its ``data-src`` when ``src`` is blank (lazy loading)."""
    return next(value.strip() for value in (image.get("src"), image.get("data-src")) if value and value.strip(" \t\r\n"))
