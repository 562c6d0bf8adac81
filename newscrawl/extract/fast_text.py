"""A subtree as clean text lines and images, in one pass in C (an XSLT stylesheet marks the
line boundaries), and the same in plain Python as the reference the tests hold it to.

Profiled on the benchmark's 60 KB pages, a walk in Python cost more than the rest of a page's
extraction; the stylesheet also cannot exhaust the stack, whatever the nesting depth."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.text import clean_line, visible_nfc

BLOCK_TAGS = frozenset(
    ["p", "div", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "section", "article", "dl", "dt", "dd", "pre", "hr"]
)
"""Elements that start and end a line."""
CELL_TAGS = frozenset(("td", "th"))
"""Elements that start with a space."""
IMAGE_WITH_SOURCE = "img[normalize-space(@src) or normalize-space(@data-src)]"
"""An image with a source (``data-src`` where lazy loading left ``src`` blank), in XPath."""
IMAGES_WITH_SOURCE = etree.XPath(f"descendant::{IMAGE_WITH_SOURCE}")
"""The images with a source under an element, in document order."""
# The characters that mark a line boundary and the place of an image in a subtree's text,
# unless the page uses them: the control pictures of the record and unit separators.
_MARKS = "\u241e\u241f"


@dataclass(frozen=True)
class Image:
    """An image's place among a subtree's lines, with its source as written."""

    src: str


def tokens(root: HtmlElement) -> list[str | Image]:
    """``root`` flattened into clean text lines and images: block elements and ``<br>`` end a
    line, a table cell starts with a space, an image stands alone between lines."""
    if not len(root):  # text only (a title, a byline item): one line
        line = clean_line(root.text or "")
        return [line] if line else []
    line_mark, image_mark = _marks(etree.tostring(root, method="text", encoding="unicode", with_tail=False))
    marked = visible_nfc(str(_lines_stylesheet(line_mark, image_mark)(root)))
    # Split and joined in C: most pieces are the empty ones between adjacent blocks.
    lines: list[str | Image] = [" ".join(words) for words in map(str.split, marked.split(line_mark)) if words]
    if image_mark not in marked:
        return lines
    sources = iter([image_source(image) for image in IMAGES_WITH_SOURCE(root)])
    return [Image(next(sources)) if line == image_mark else line for line in lines]


def reference_tokens(root: HtmlElement) -> list[str | Image]:
    """What :func:`tokens` gives, by a plain recursive walk (the tests' oracle)."""
    pieces: list[str | Image] = []
    line: list[str] = []

    def end_line() -> None:
        text = clean_line("".join(line))
        if text:
            pieces.append(text)
        line.clear()

    def walk(element: HtmlElement, is_root: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            pass  # a comment or processing instruction: no text of its own
        elif tag == "img" and any((element.get(name) or "").strip(" \t\r\n") for name in ("src", "data-src")):
            end_line()
            pieces.append(Image(image_source(element)))
        elif tag == "br":
            end_line()
        else:
            if tag in BLOCK_TAGS:
                end_line()
            if tag in CELL_TAGS:
                line.append(" ")
            line.append(element.text or "")
            for child in element:
                walk(child, False)
            if tag in BLOCK_TAGS:
                end_line()
        if not is_root:
            line.append(element.tail or "")

    walk(root, True)
    end_line()
    return pieces


def image_source(image: HtmlElement) -> str:
    """The image's ``src``, or its ``data-src`` when ``src`` is blank (lazy loading)."""
    return next(value.strip() for value in (image.get("src"), image.get("data-src")) if value and value.strip(" \t\r\n"))


@lru_cache(maxsize=8)
def _lines_stylesheet(line_mark: str, image_mark: str) -> etree.XSLT:
    """The subtree's text with its boundaries marked: ``line_mark`` around each block element
    and for each ``<br>``, a space opening each table cell, ``image_mark`` (between line
    marks) for each image with a source."""
    return etree.XSLT(
        etree.XML(
            "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
            "<xsl:output method='text' encoding='UTF-8'/>"
            f"<xsl:template match='{'|'.join(sorted(BLOCK_TAGS))}'>{line_mark}<xsl:apply-templates/>{line_mark}</xsl:template>"
            f"<xsl:template match='br'>{line_mark}</xsl:template>"
            f"<xsl:template match='{'|'.join(sorted(CELL_TAGS))}'><xsl:text> </xsl:text><xsl:apply-templates/></xsl:template>"
            f"<xsl:template match='{IMAGE_WITH_SOURCE}'>{line_mark}{image_mark}{line_mark}</xsl:template>"
            "</xsl:stylesheet>"
        )
    )


def _marks(text: str) -> tuple[str, str]:
    """Two characters that ``text`` does not hold, to mark line ends and images: two rare
    symbols, or private-use characters when the page uses those symbols."""
    absent = (mark for mark in chain(_MARKS, map(chr, range(0xE000, 0xF900))) if mark not in text)
    return next(absent), next(absent)
