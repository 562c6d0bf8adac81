"""Fuzzing the article page parser with mutated replica pages: tags dropped, duplicated,
swapped or invented, text garbled, pages cut short. Whatever the page, parsing never raises,
and an article that would be exported has its required fields and no promotional text."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.article_page import PageStatus, parse_article_page
from newscrawl.extract.dates import parse_date, to_iso
from newscrawl.extract.promo import compile_promo_lines, strip_promo_lines
from newscrawl.extract.text import clean_line

PROFILE = PROFILES["news21"]
from tests.replica import render
from tests.replica.articles import ARTICLES

PAGES = [render.article_page(ARTICLES, a) for a in ARTICLES if a.kind == "article"]
TOKEN = re.compile(r"<[^>]*>|[^<]+")
PROMO = compile_promo_lines(PROFILE.cms.promo_lines)
ISO_KST = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$")
# Text found on every page only outside the article: menus, most-read box, footer.
FURNITURE = ["등록번호", "All rights reserved", "많이 본 뉴스", "기사 메일전송", "이전 기사 보기", "다음 기사 보기",
             "지역 축제 안내", "모바일 버전"]
RANDOM_TAGS = ["<div>", "</div>", "<p>", "</p>", "<br>", "<b>", "</span>", "<table><tr><td>", "</td></tr></table>",
               "<script>", "</script>", "<!--", "-->", "<li>", "<img src='/x.jpg'>", "<", ">", "&", "&#xD800;", "\x00"]


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    """A replica article page with one to four random mutations, on whole tags and text runs."""
    tokens = TOKEN.findall(draw(st.sampled_from(PAGES)))
    for _ in range(draw(st.integers(1, 4))):
        if len(tokens) < 2:
            break
        at = draw(st.integers(0, len(tokens) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "garble", "cut", "nest"]))
        if kind == "delete":
            del tokens[at]
        elif kind == "duplicate":
            tokens.insert(at, tokens[at])
        elif kind == "swap" and at + 1 < len(tokens):
            tokens[at], tokens[at + 1] = tokens[at + 1], tokens[at]
        elif kind == "insert":
            tokens.insert(at, draw(st.sampled_from(RANDOM_TAGS)))
        elif kind == "garble":
            tokens.insert(at, draw(st.text(max_size=20)))
        elif kind == "cut":
            tokens = tokens[: max(at, 1)]
        elif kind == "nest":
            tokens.insert(at, "<div>" * draw(st.integers(1, 3000)))
    return "".join(tokens)


def _exported_fields(html: str) -> dict[str, str] | None:
    """The text fields the crawler would export for the page (spider, then the promo and date
    steps), or ``None`` when it would export nothing. The parser's text must come out clean:
    no pipeline cleans it after."""
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    if page.status is not PageStatus.ARTICLE:
        return None
    content = page.content
    lines = content.subtitle.split("\n") + content.body.split("\n")
    for line in (content.title, content.author, content.section, content.published_raw, *lines,
                 *(image["caption"] for image in content.images)):
        assert clean_line(line) == line
    for text in (content.subtitle, content.body):  # lines, never a blank one
        assert not text or "" not in text.split("\n")
    published = parse_date(content.published_raw, datetime.now(UTC))
    fields = {
        "title": content.title,
        "author": content.author,
        "subtitle": strip_promo_lines(content.subtitle, PROMO),
        "body": strip_promo_lines(content.body, PROMO),
        "published_at": to_iso(published) if published else "",
    }
    if not (fields["title"] and fields["body"] and fields["published_at"]):
        return None
    return fields


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_pages())
def test_mutated_pages_never_break_the_parser_or_leak_furniture(html: str) -> None:
    fields = _exported_fields(html)
    if fields is None:
        return
    assert ISO_KST.match(fields["published_at"])
    for name in ("subtitle", "body"):
        assert not [line for line in fields[name].split("\n") if line and PROMO.fullmatch(line)], name
    text = "\n".join(fields.values())
    assert not [marker for marker in FURNITURE if marker in text]


def test_unmutated_pages_are_exported() -> None:
    """The fuzz test's baseline: every page it mutates gives an exported article."""
    assert all(_exported_fields(page) for page in PAGES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_pages())
def test_reading_to_the_article_end_agrees_with_reading_the_whole_page(html: str) -> None:
    """The parser reads the head and the article scope only; read whole, the page gives the
    same result, unless it was cut after the scope ended, or nested deeper than lxml reads
    (about 2,000 levels) outside the scope: then the whole page is no article, and the scope
    alone is."""
    url = "http://127.0.0.1/news/view.php?idx=1"
    early = parse_article_page(PROFILE, html, url)
    whole = parse_article_page(PROFILE, html, url, whole_page=True)
    if early.status is PageStatus.ARTICLE and whole.status is PageStatus.TRUNCATED:
        return
    if early.status is PageStatus.ARTICLE and whole.status is not PageStatus.ARTICLE and "<div>" * 1000 in html:
        return
    assert early == whole
