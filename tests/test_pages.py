"""Page parsers, one test per field, on the reference pages and on replica pages."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from parsel import Selector

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.article_page import PageStatus, parse_article_page
from newscrawl.extract.dates import KST
from newscrawl.extract.list_page import parse_list_page, parse_menu

PROFILE = PROFILES["news21"]
from tests.conftest import shared_path
from tests.replica import render
from tests.replica.articles import ARTICLES

LIVE = "https://news21tongsin.co.kr"
REFERENCE_URL = f"{LIVE}/news/view.php?idx=78931"
FOOTER = "<div id='footer'><address>뉴스21</address></div>"


@pytest.fixture(scope="module")
def reference() -> tuple[dict, object]:
    html = shared_path("site", "pages", "article.html").read_text(encoding="utf-8")
    expected = json.loads(shared_path("site", "expected", "article.json").read_text(encoding="utf-8"))
    return expected, parse_article_page(PROFILE, html, REFERENCE_URL)


@pytest.mark.parametrize("name", ["title", "section", "subtitle", "author", "published_raw", "body", "images"])
def test_reference_field(reference: tuple[dict, object], name: str) -> None:
    expected, page = reference
    assert getattr(page.content, name) == expected[name]  # type: ignore[attr-defined]


def test_reference_has_no_modified_date_and_both_neighbours(reference: tuple[dict, object]) -> None:
    _, page = reference
    assert page.status is PageStatus.ARTICLE  # type: ignore[attr-defined]
    assert page.content.modified_raw == ""  # type: ignore[attr-defined]
    assert "idx=78930" in page.prev_href and "idx=78932" in page.next_href  # type: ignore[attr-defined]


def test_reference_list_page_takes_only_the_list() -> None:
    html = shared_path("site", "pages", "list.html").read_text(encoding="utf-8")
    listing = parse_list_page(PROFILE, Selector(html), f"{LIVE}/news/list.php?mcode=m73mass273", datetime(2020, 11, 21, tzinfo=KST))
    assert [entry.date_text for entry in listing.entries] == ["2020-11-20", "2020-11-19", "2020-11-19"]
    assert all("idx=1621" not in entry.href for entry in listing.entries)  # most-read box
    assert listing.last_page == 412
    menu = ["m61mass261", "m62mass262", "m72mass272", "m73mass273", "m81mass281", "m96mass296"]
    assert list(parse_menu(PROFILE, Selector(html))) == menu


def _replica_page(idx: int):  # type: ignore[no-untyped-def]
    article = next(a for a in ARTICLES if a.idx == idx)
    url = f"http://127.0.0.1:8021/news/view.php?idx={idx}"
    return article, parse_article_page(PROFILE, render.article_page(ARTICLES, article), url)


def test_photo_captions_become_image_captions_not_body() -> None:
    article, page = _replica_page(5003)
    assert [image["caption"] for image in page.content.images] == [c for _, c in article.images]
    assert "▲" not in page.content.body


def test_inline_ad_is_not_an_image_or_text() -> None:
    _, page = _replica_page(5004)
    assert page.content.images == []
    assert "광고" not in page.content.body
    assert page.content.modified_raw.startswith("수정 ")


def test_related_box_is_dropped_with_its_links() -> None:
    _, page = _replica_page(5005)
    assert "의회 예산 심사 일정 확정" not in page.content.body


def test_members_only_page() -> None:
    article, page = _replica_page(5022)
    assert page.status is PageStatus.MEMBERS_ONLY
    assert page.content.section_code == article.section


def test_deleted_alert_page() -> None:
    page = parse_article_page(PROFILE, render.DELETED_ALERT_PAGE, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is PageStatus.DELETED


def test_page_without_body_container_has_empty_body() -> None:
    html = f"<html><body><div class='titleWrap'><h2 class='title'>제목만 있는 기사</h2></div>{FOOTER}</body></html>"
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is PageStatus.ARTICLE
    assert page.content.title == "제목만 있는 기사" and page.content.body == "" and page.content.published_raw == ""


@pytest.mark.parametrize("html", ["", "<html></html>", "\x01\x02 garbage \ufffd", "<p>다른 페이지</p>"])
def test_page_with_neither_title_nor_body_is_not_an_article(html: str) -> None:
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is PageStatus.NOT_AN_ARTICLE


def test_page_cut_before_its_footer_is_truncated() -> None:
    whole = render.article_page(ARTICLES, ARTICLES[0])
    cut = whole[: whole.index("viewContent") + 300]
    page = parse_article_page(PROFILE, cut, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is PageStatus.TRUNCATED
    assert parse_article_page(PROFILE, whole, "http://127.0.0.1/news/view.php?idx=1").status is PageStatus.ARTICLE


@pytest.mark.parametrize(("depth", "status"), [(1500, PageStatus.ARTICLE), (5000, PageStatus.TRUNCATED)])
def test_deeply_nested_body(depth: int, status: PageStatus) -> None:
    """lxml keeps about 2,000 levels; deeper markup loses the rest of the page, footer included."""
    nested = "<div>" * depth + "<p>깊은 곳의 문장.</p>" + "</div>" * depth
    html = (f"<div class='titleWrap'><h2 class='title'>t</h2></div><div id='viewContent'><p>첫 문장.</p>"
            f"{nested}<p>끝 문장.</p></div>{FOOTER}")
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is status
    if status is PageStatus.ARTICLE:
        assert page.content.body == "첫 문장.\n깊은 곳의 문장.\n끝 문장."


@pytest.mark.parametrize(
    ("byline", "expected"),
    [("안남훈", "안남훈"), ("안남훈 기자", "안남훈"), ("정하은·강도윤 기자", "정하은, 강도윤"),
     ("김철수 기자, 이영희 기자", "김철수, 이영희"), ("박지호 기자 jiho@news21.example", "박지호")],
)
def test_author_names(byline: str, expected: str) -> None:
    html = f"<div class='titleWrap'><h2 class='title'>t</h2><ul class='info-text'><li>{byline}</li><li>등록 2024-03-04 09:10:00</li></ul></div>{FOOTER}"
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.content.author == expected


def test_no_author_when_byline_starts_with_the_date() -> None:
    html = f"<div class='titleWrap'><h2 class='title'>t</h2><ul class='info-text'><li>등록 2024-03-04 09:10:00</li></ul></div>{FOOTER}"
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.content.author == "" and page.content.published_raw == "등록 2024-03-04 09:10:00"


def test_furniture_inside_the_body_is_dropped() -> None:
    html = """<div class='titleWrap'><h2 class='title'>t</h2></div><div id='viewContent'>
      <p>본문 첫 줄이다.</p>
      <div class='ad_box'><img src='/ad.jpg'><p>특가 할인</p></div>
      <div id='ad-bottom'><p>배너 문구</p></div>
      <p>[광고]</p>
      <p>[관련기사]</p>
      <p><a href='/news/view.php?idx=77'>다른 기사의 제목</a></p>
      <ul><li><a href='../news/view.php?idx=78&amp;mcode=m72mass272'>또 다른 기사</a></li></ul>
      <p>본문 둘째 줄에서 <a href='/news/view.php?idx=79'>지난 기사</a>를 언급했다.</p>
    </div>""" + FOOTER
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.content.images == []
    # [광고] and [관련기사] are whole promotional lines, removed later by the promo pipeline.
    assert page.content.body.split("\n") == [
        "본문 첫 줄이다.", "[광고]", "[관련기사]", "본문 둘째 줄에서 지난 기사를 언급했다."
    ]


def test_lines_follow_blocks_and_breaks_not_source_newlines() -> None:
    html = ("<div class='titleWrap'><h2 class='title'>t</h2></div><div id='viewContent'><p>첫 문장이\n이어진다.</p>"
            f"<p>둘째<br>셋째</p><p><img src='/p.jpg'>넷째</p><table><tr><td>가</td><td>나</td></tr></table></div>{FOOTER}")
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.content.body == "첫 문장이 이어진다.\n둘째\n셋째\n넷째\n가 나"
    assert page.content.images == [{"url": "http://127.0.0.1/p.jpg", "caption": ""}]


def test_page_cut_after_the_article_is_the_whole_article() -> None:
    """The page is read as far as the aside that follows div#contents: a page cut inside the
    aside still holds the whole article (read to its end, the same page is truncated)."""
    whole = render.article_page(ARTICLES, ARTICLES[0])
    cut = whole[: whole.index('<div id="aside">')] + '<div id="aside"><p>' + "늦게 오는 광고 " * 3000
    url = "http://127.0.0.1/news/view.php?idx=1"
    assert parse_article_page(PROFILE, cut, url) == parse_article_page(PROFILE, whole, url)
    assert parse_article_page(PROFILE, cut, url).status is PageStatus.ARTICLE
    assert parse_article_page(PROFILE, cut, url, whole_page=True).status is PageStatus.TRUNCATED


def test_aside_inside_the_article_scope_does_not_cut_the_article() -> None:
    """Broken markup that leaves div#contents open puts the aside inside it: the page is then
    read whole, and the article keeps every line up to the footer."""
    html = ("<div id='contents'><div class='titleWrap'><h2 class='title'>t</h2></div><div id='viewContent'>"
            '<p>첫 문장.</p><div id="aside">곁가지</div><p>끝 문장.</p></div>' + FOOTER)
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is PageStatus.ARTICLE and page.content.body == "첫 문장.\n끝 문장."


def test_deleted_notice_after_the_article_scope_is_found() -> None:
    """Anything but an article is decided on the whole page: a notice after the aside counts."""
    html = ("<html><body><div id='contents'><p>이 페이지는 비어 있다.</p></div>"
            '<div id="aside"></div><script>alert(\'삭제된 기사입니다.\');</script></body></html>')
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.status is PageStatus.DELETED


def test_line_and_image_mark_characters_in_the_text_stay_text() -> None:
    """The parser marks line ends and images with two rare symbols; a page that uses them in
    its own text keeps them, and its lines and images are unchanged."""
    html = ("<div class='titleWrap'><h2 class='title'>기호 ␞ 제목</h2></div><div id='viewContent'>"
            f"<p>기록 분리 기호 ␞ 와 단위 분리 기호 ␟ 를 설명한다.</p><p>␟</p><p><img src='/p.jpg'>다음</p></div>{FOOTER}")
    page = parse_article_page(PROFILE, html, "http://127.0.0.1/news/view.php?idx=1")
    assert page.content.title == "기호 ␞ 제목"
    assert page.content.body == "기록 분리 기호 ␞ 와 단위 분리 기호 ␟ 를 설명한다.\n␟\n다음"
    assert page.content.images == [{"url": "http://127.0.0.1/p.jpg", "caption": ""}]
