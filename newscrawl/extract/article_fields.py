"""One reader per field of an article page: each walks the field's rules in order over a
parsed page and returns the first valid value with the name of the rule that gave it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from lxml.html import HtmlElement

from newscrawl.cms.model import Rules, Selectors
from newscrawl.extract.fast_text import tokens
from newscrawl.extract.selection import select
from newscrawl.extract.simple_css import select_simple
from newscrawl.extract.text import clean_line

T = TypeVar("T")

_HOME_LINKS = frozenset(("홈", "HOME", "Home", "home", "메인", "홈으로"))
_REPORTER_WORD = re.compile(r"(?:기자|특파원|통신원|객원기자|에디터|논설위원|칼럼니스트)(?=$|[\s,·/()])")
_NAME_SEPARATORS = re.compile(r"[,·/|]|\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BYLINE_LABEL = re.compile(r"^기자명\s*[:：]?\s*")
_EMPTY_BRACKETS = re.compile(r"[(<\[]\s*[)>\]]")
# A dateline in front of a reporter's name: "서울=이정준 기자".
_DATELINE = re.compile(r"^[^\s=]{1,10}=\s*")
# A place between the name and a correspondent's title: "김은별 미국 통신원".
_ROLE_BEFORE_WORD = re.compile(r"^(\S+)\s+\S+\s+(?:특파원|통신원)$")


@dataclass(frozen=True)
class Read(Generic[T]):
    """A field's value and the rule that read it (empty: no rule did)."""

    value: T
    rule: str = ""


def first_valid(root: HtmlElement, rules: Rules, read: Callable[[list[HtmlElement]], T], empty: T) -> Read[T]:
    """The value ``read`` gives for the elements of the first rule whose value is not empty."""
    for rule in rules:
        elements = select(root, rule.css)
        if elements:
            value = read(elements)
            if value is not None and value != "":  # an element's truth is its having children
                return Read(value, rule.name)
    return Read(empty)


def drop_furniture(css: Selectors, node: HtmlElement) -> HtmlElement:
    """Drop the skin's furniture inside ``node`` (where broken markup may have put it)."""
    if len(node):  # no child elements: nothing to drop (the common byline and subtitle)
        for furniture in select_simple(node, css.body_furniture):
            furniture.drop_tree()
    return node


def text_of(node: HtmlElement) -> str:
    """All text of ``node``, as one clean line."""
    return clean_line(" ".join(node.itertext()))


def lines_of(node: HtmlElement) -> list[str]:
    """The clean text lines of ``node`` (block elements and ``<br>`` end a line)."""
    return [token for token in tokens(node) if isinstance(token, str)]


def first_line(node: HtmlElement) -> str:
    """The first line of text of ``node``: its whole text, unless broken markup put block
    elements (and with them the rest of the page) inside it."""
    return next((token for token in tokens(node) if isinstance(token, str)), "")


def read_title(root: HtmlElement, css: Selectors) -> Read[str]:
    """The headline: the first line of the first element of the first rule that has one."""
    return first_valid(root, css.title, lambda found: first_line(found[0]), "")


def read_section(root: HtmlElement, css: Selectors) -> Read[HtmlElement | None]:
    """The element naming the main section: the first the rule finds that is not a link home."""
    def section(found: list[HtmlElement]) -> HtmlElement | None:
        return next((element for element in found if text_of(element) and text_of(element) not in _HOME_LINKS), None)

    return first_valid(root, css.section, section, None)


def read_subtitle(root: HtmlElement, css: Selectors) -> tuple[Read[str], list[HtmlElement]]:
    """The subtitle lines, joined by line breaks, and the elements they came from (wherever
    they are: inside the body container they are the subtitle, not body)."""
    for rule in css.subtitle:
        elements = select(root, rule.css)
        lines = [line for element in elements for line in lines_of(drop_furniture(css, element))]
        if lines:
            return Read("\n".join(lines), rule.name), elements
    return Read(""), []


def read_body(root: HtmlElement, css: Selectors) -> Read[HtmlElement | None]:
    """The body container: the first element of the first rule that finds one."""
    return first_valid(root, css.body, lambda found: found[0], None)


def byline_items(root: HtmlElement, css: Selectors) -> list[tuple[str, list[str]]]:
    """Each byline rule's items as text lines, in rule order: an item's own text, without
    the items nested in it (2025 writes the "입력" item inside the "업데이트" one)."""
    found = []
    for rule in css.byline:
        elements = select(root, rule.css)
        if elements:
            nested = set(elements)
            found.append((rule.name, [_own_text(css, element, nested) for element in elements]))
    return found


def _own_text(css: Selectors, element: HtmlElement, items: set[HtmlElement]) -> str:
    """The item's text without furniture and without the text of the other ``items`` in it."""
    drop_furniture(css, element)
    inner = [descendant for descendant in element.iterdescendants() if descendant in items]
    if not inner:
        return text_of(element)
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if isinstance(node.tag, str):
            parts.append(node.text or "")
        for child in node:
            if child not in items:
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return clean_line(" ".join(parts))


def read_dated(items: list[tuple[str, list[str]]], labels: tuple[str, ...], valid: Callable[[str], bool]) -> Read[str]:
    """The first byline item that starts with one of ``labels`` as a word (``등록``, not
    ``등록일``) and holds a date ``valid`` accepts, from the first rule that has one."""
    pattern = _label_pattern(labels)
    for rule, lines in items:
        line = next((line for line in lines if pattern.match(line) and valid(line)), "")
        if line:
            return Read(line, rule)
    return Read("")


def read_author(root: HtmlElement, css: Selectors, items: list[tuple[str, list[str]]], dated: tuple[str, ...]) -> Read[str]:
    """Reporter names: from the first author rule that names one, else from the first item of
    the first byline rule unless that item is a dated one."""
    found = first_valid(root, css.author, lambda elements: reporter_names(text_of(elements[0])), "")
    if found.value or not items:
        return found
    rule, lines = items[0]
    if lines and not _label_pattern(dated).match(lines[0]):
        return Read(reporter_names(lines[0]), rule)
    return Read("")


def reporter_names(line: str) -> str:
    """The names in a byline, without a dateline, the ``기자`` word and its role, or e-mail:
    ``서울=이정준 기자`` → ``이정준``; ``김은별 미국 통신원 (x@y.kr)`` → ``김은별``."""
    line = _EMPTY_BRACKETS.sub(" ", _EMAIL.sub(" ", _BYLINE_LABEL.sub("", line)))
    line = " ".join(line.split())
    if role := _ROLE_BEFORE_WORD.match(line):
        return role[1]
    names = _NAME_SEPARATORS.split(_REPORTER_WORD.sub(" ", _DATELINE.sub("", line)))
    return ", ".join(name for name in names if name)


@lru_cache(maxsize=16)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(map(re.escape, labels))})(?![가-힣])")
