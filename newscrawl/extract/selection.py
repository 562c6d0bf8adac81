"""CSS selectors over lxml trees, each compiled once to an XPath evaluator (a page runs many)."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement
from parsel.csstranslator import HTMLTranslator

_CSS = HTMLTranslator()
_ID_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?#([A-Za-z][\w-]*)")


@lru_cache(maxsize=512)
def compiled(css: str) -> etree.XPath:
    """``css`` compiled to an XPath evaluator.

    ``#id`` and ``tag#id`` use the document's id index (``id()``) instead of a scan of the
    tree: ids are unique in a page, so the element is the same wherever the query starts."""
    if match := _ID_SELECTOR.fullmatch(css.strip()):
        tag, identifier = match.groups()
        return etree.XPath(f"id('{identifier}')" + (f"[self::{tag}]" if tag else ""))
    return etree.XPath(_CSS.css_to_xpath(css))


def select(node: HtmlElement, css: str) -> list[HtmlElement]:
    """The elements ``css`` selects under ``node``, in document order; none for an empty
    selector (a skin without that element, such as neighbour links)."""
    return compiled(css)(node) if css else []
