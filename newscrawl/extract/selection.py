"""CSS selectors over lxml trees, each compiled once to an XPath evaluator (a page runs many)."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement
from parsel.csstranslator import HTMLTranslator

_CSS = HTMLTranslator()
_ID_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?#([A-Za-z][\w-]*)")
_LITERAL = r"""('[^']*'|"[^"]*")"""
# cssselect's class test on any element, alone in its step: libxml2 tests each element of the
# step (about 0.2 µs each); stepping through the class attributes instead halves that.
_CLASS_STEP = re.compile(
    rf"(descendant-or-self|descendant)::\*\[@class and contains\(@class, {_LITERAL}\) "
    rf"and contains\(concat\(' ', normalize-space\(@class\), ' '\), {_LITERAL}\)\](?=/|$| \|)"
)
_BY_CLASS_ATTRIBUTE = r"\1::*/@class[contains(., \2) and contains(concat(' ', normalize-space(.), ' '), \3)]/parent::*"


@lru_cache(maxsize=512)
def compiled(css: str) -> etree.XPath:
    """``css`` compiled to an XPath evaluator.

    ``#id`` and ``tag#id`` use the document's id index (``id()``) instead of a scan of the
    tree: ids are unique in a page, so the element is the same wherever the query starts."""
    if match := _ID_SELECTOR.fullmatch(css.strip()):
        tag, identifier = match.groups()
        return etree.XPath(f"id('{identifier}')" + (f"[self::{tag}]" if tag else ""))
    return etree.XPath(class_steps_by_attribute(_CSS.css_to_xpath(css)))


def class_steps_by_attribute(xpath: str) -> str:
    """``xpath`` (cssselect's) with each step that tests a class on any element rewritten to
    step through class attributes to their elements: the same elements, in less time."""
    return _CLASS_STEP.sub(_BY_CLASS_ATTRIBUTE, xpath)


def select(node: HtmlElement, css: str) -> list[HtmlElement]:
    """The elements ``css`` selects under ``node``, in document order; none for an empty
    selector (a skin without that element, such as neighbour links)."""
    return compiled(css)(node) if css else []
