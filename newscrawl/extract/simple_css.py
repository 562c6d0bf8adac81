"""One pass over a subtree against a list of simple CSS selectors.

lxml evaluates a selector list such as ``script, .ad, #aside, [class^="ad_"]`` as one XPath
query per selector, each with a fixed cost; for the two dozen furniture selectors of a site,
that cost dominated the parsing of a page. Here cssselect parses the list once, two cheap
passes find the elements that could match, and each of those is checked in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import cssselect
from lxml import etree
from lxml.html import HtmlElement

_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "exists": lambda value, _: True,
    "=": lambda value, wanted: value == wanted,
    "^=": lambda value, wanted: value.startswith(wanted),
    "$=": lambda value, wanted: value.endswith(wanted),
    "*=": lambda value, wanted: wanted in value,
    "~=": lambda value, wanted: wanted in value.split(),
}


@dataclass(frozen=True)
class _Simple:
    """One compound selector: a tag (or any), ids, classes and attribute conditions."""

    tag: str | None
    ids: frozenset[str]
    classes: frozenset[str]
    attributes: tuple[tuple[str, str, str], ...]

    def matches(self, element: HtmlElement) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.ids and element.get("id") not in self.ids:
            return False
        if self.classes and not self.classes <= set((element.get("class") or "").split()):
            return False
        for name, operator, wanted in self.attributes:
            value = element.get(name)
            if value is None or not _OPERATORS[operator](value, wanted):
                return False
        return True


def _simple(tree: object) -> _Simple:
    """The compound selector of a cssselect parse tree; ``ValueError`` for combinators and
    pseudo-classes, which a one-element check cannot decide."""
    ids: set[str] = set()
    classes: set[str] = set()
    attributes: list[tuple[str, str, str]] = []
    while not isinstance(tree, cssselect.parser.Element):
        if isinstance(tree, cssselect.parser.Hash):
            ids.add(tree.id)
        elif isinstance(tree, cssselect.parser.Class):
            classes.add(tree.class_name)
        elif isinstance(tree, cssselect.parser.Attrib) and tree.operator in _OPERATORS:
            attributes.append((tree.attrib, tree.operator, (tree.value.value or "") if tree.value else ""))
        else:
            raise ValueError(f"not a simple selector: {tree!r}")
        tree = tree.selector
    tag = tree.element if tree.element not in (None, "*") else None
    return _Simple(tag, frozenset(ids), frozenset(classes), tuple(attributes))


@dataclass(frozen=True)
class SelectorList:
    """A parsed list of simple selectors; the common one-part ones (a tag, an id, a class)
    are looked up in sets, the others checked one by one."""

    tags: frozenset[str]
    ids: frozenset[str]
    classes: frozenset[str]
    others: tuple[_Simple, ...]

    def matches(self, element: HtmlElement) -> bool:
        """Whether ``element`` matches any selector of the list."""
        if element.tag in self.tags or element.get("id") in self.ids:
            return True
        css_class = element.get("class")
        if css_class and not self.classes.isdisjoint(css_class.split()):
            return True
        return any(selector.matches(element) for selector in self.others)


@lru_cache(maxsize=64)
def compile_simple_selectors(css: str) -> SelectorList:
    """Parse a comma-separated list of simple selectors (no combinators, no pseudo-classes)."""
    tags: set[str] = set()
    ids: set[str] = set()
    classes: set[str] = set()
    others: list[_Simple] = []
    for selector in cssselect.parse(css):
        if selector.pseudo_element:
            raise ValueError(f"not a simple selector: {selector!r}")
        simple = _simple(selector.parsed_tree)
        parts = (simple.tag is not None) + len(simple.ids) + len(simple.classes) + len(simple.attributes)
        if parts == 1 and simple.tag is not None:
            tags.add(simple.tag)
        elif parts == 1 and simple.ids:
            ids |= simple.ids
        elif parts == 1 and simple.classes:
            classes |= simple.classes
        else:
            others.append(simple)
    return SelectorList(frozenset(tags), frozenset(ids), frozenset(classes), tuple(others))


@lru_cache(maxsize=64)
def _with_attributes(css: str) -> etree.XPath:
    """The descendants carrying any attribute a selector of ``css`` looks at."""
    selectors = compile_simple_selectors(css)
    names = {"id", "class"} | {name for simple in selectors.others for name, _, _ in simple.attributes}
    return etree.XPath(f"descendant::*[{' or '.join(f'@{name}' for name in sorted(names))}]")


def select_simple(root: HtmlElement, css: str) -> list[HtmlElement]:
    """The elements under ``root`` (not ``root`` itself) that match any selector of ``css``.

    Candidates come from two cheap passes in C (elements of a listed tag; elements with an
    id, a class or another attribute a selector tests), then each is checked in Python."""
    selectors = compile_simple_selectors(css)
    tags = selectors.tags | {simple.tag for simple in selectors.others if simple.tag}
    candidates = dict.fromkeys([*(root.iter(*tags) if tags else ()), *_with_attributes(css)(root)])
    return [element for element in candidates if element is not root and selectors.matches(element)]
