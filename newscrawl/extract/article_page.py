"""Article page: the raw fields a reader sees, taken with the site's selectors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract.text import clean_line
from newscrawl.extract.urls import query_value
from newscrawl.sites.profile import SiteProfile

_BLOCK_TAGS = frozenset(
    "p div li ul ol table tr h1 h2 h3 h4 h5 h6 blockquote figure figcaption section "
    "article dl dt dd pre hr".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_REPORTER_WORD = re.compile(r"(?:기자|특파원|통신원)(?=$|[\s,·/])")
_NAME_SEPARATORS = re.compile(r"[,·/|]|\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CAPTION_BRACKETS = re.compile(r"^[\[(【]\s*(.*?)\s*[\])】]$")
# Characters lxml keeps when parsing but refuses to write back into a tree (as dropping an
# element does): C0 controls but tab and line breaks, lone surrogates, non-characters.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
    """The page ends before its footer: cut short in transit or unparseably nested."""


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


def parse_article_page(site: SiteProfile, html: str, page_url: str) -> ArticlePage:
    """Parse the HTML of an article page served at ``page_url`` (a 200 response) with
    ``site``'s selectors."""
    page = Selector(text=_XML_UNSAFE.sub("", html))
    css = site.selectors
    title = _first_line(page.css(css.title))
    if not title and site.deleted_page and re.search(site.deleted_page, page.get()):
        return ArticlePage(PageStatus.DELETED)
    prev_href = page.css(css.prev_link).attrib.get("href", "")
    next_href = page.css(css.next_link).attrib.get("href", "")
    section_link = page.css(css.breadcrumb_links)[-1:]
    content = ArticleContent(
        title=title,
        section=_text(section_link),
        section_code=query_value(section_link.attrib.get("href", ""), site.section_param) or "",
    )
    body_nodes = page.css(css.body)
    body_root = body_nodes[0].root if body_nodes else None
    complete = bool(page.css(css.page_end))
    if not (title or body_root is not None or complete):
        return ArticlePage(PageStatus.NOT_AN_ARTICLE, content)
    if body_root is not None and _is_members_only(site, body_nodes[0]):
        return ArticlePage(PageStatus.MEMBERS_ONLY, content, prev_href, next_href)
    if not complete:
        return ArticlePage(PageStatus.TRUNCATED, content)
    # Furniture goes first, wherever broken markup put it; then the body, so that an unclosed
    # tag around the subtitle or byline cannot pull the body or furniture into them.
    for furniture in page.css(css.body_furniture):
        furniture.drop()
    if body_root is not None:
        _drop_related_link_blocks(site, body_nodes[0])
        content.body, content.images = _body_and_images(site, body_root, page_url)
        body_nodes[0].drop()
    info = [_text(item) for item in page.css(css.info_items)]
    content.subtitle = "\n".join(filter(None, (_text(li) for li in page.css(css.subtitle_lines))))
    content.author = _author(site, info)
    content.published_raw = _labelled(info, site.published_label)
    content.modified_raw = _labelled(info, site.modified_label)
    return ArticlePage(PageStatus.ARTICLE, content, prev_href, next_href)


def _text(nodes: Selector | list[Selector]) -> str:
    """All text of the first node, as one clean line."""
    if isinstance(nodes, Selector):
        return clean_line(" ".join(nodes.xpath(".//text()").getall()))
    return _text(nodes[0]) if nodes else ""


def _first_line(nodes: list[Selector]) -> str:
    """The first line of text of the first node: its whole text, unless broken markup put
    block elements (and with them the rest of the page) inside it."""
    tokens = _tokens(nodes[0].root) if nodes else []
    return next((line for token in tokens if isinstance(token, str) and (line := clean_line(token))), "")


def _labelled(info: list[str], label: str) -> str:
    """The first byline item that starts with ``label`` as a word (``등록``, not ``등록일``)."""
    pattern = re.compile(rf"^{re.escape(label)}(?![가-힣])")
    return next((item for item in info if pattern.match(item)), "")


def _author(site: SiteProfile, info: list[str]) -> str:
    """Reporter names from the first byline item, without the ``기자`` suffix or e-mail."""
    if not info or any(_labelled(info[:1], label) for label in (site.published_label, site.modified_label)):
        return ""
    names = _NAME_SEPARATORS.split(_REPORTER_WORD.sub(" ", _EMAIL.sub(" ", info[0])))
    return ", ".join(name for name in names if name)


def _drop_related_link_blocks(site: SiteProfile, body: Selector) -> None:
    """Drop paragraphs and list items whose whole text is a link to an article: related-article
    lists written as plain paragraphs."""
    article_links = f".//a[contains(@href, '{site.article_path}')]"
    for block in body.xpath(f".//p[{article_links}] | .//li[{article_links}]"):
        link_text = " ".join(block.xpath(f"{article_links}//text()").getall())
        if clean_line(" ".join(block.xpath(".//text()").getall())) == clean_line(link_text):
            block.drop()


def _is_members_only(site: SiteProfile, body: Selector) -> bool:
    if not body.css(site.selectors.members_only_link):
        return False
    return len(_text(body)) <= _MEMBERS_ONLY_MAX_CHARS


def _body_and_images(
    site: SiteProfile, body: HtmlElement, page_url: str
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
        line = clean_line(token)
        if not line:
            continue
        if awaiting_caption and line.startswith(site.caption_marker):
            images[-1]["caption"] = _caption(line[len(site.caption_marker) :])
        else:
            lines.append(line)
        awaiting_caption = False
    return "\n".join(lines), images


def _caption(text: str) -> str:
    text = text.strip()
    match = _CAPTION_BRACKETS.match(text)
    return match[1] if match else text


@dataclass(frozen=True)
class _Image:
    src: str


def _tokens(root: HtmlElement) -> list[str | _Image]:
    """Flatten ``root`` into text lines and images; block elements and ``<br>`` end a line.
    Iterative, so no nesting depth the parser accepts can exhaust the stack."""
    tokens: list[str | _Image] = []
    current: list[str] = []

    def end_line() -> None:
        if current:
            tokens.append("".join(current))
            current.clear()

    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            depth += 1
            if tag in _BLOCK_TAGS or tag == "br":
                end_line()
            if tag == "img":
                src = element.get("src") or element.get("data-src")
                if src:
                    end_line()
                    tokens.append(_Image(src.strip()))
            if tag in _CELL_TAGS:
                current.append(" ")
            if tag and element.text:
                current.append(element.text)
            continue
        depth -= 1
        if tag in _BLOCK_TAGS:
            end_line()
        if depth and element.tail:
            current.append(element.tail)
    end_line()
    return tokens
