"""EVIDENCE.md rows the evidence replica does not render, read field by field from small pages
of our own written in each markup: the legacy table layout, other 2020+ bylines, multi-photo
figures, and the 2017 skin's subtitle inside the body."""

from __future__ import annotations

import pytest

from newscrawl.cms.ndsoft.sites import PROFILES
from newscrawl.extract.article_page import PageStatus, parse_article_page

PROFILE = PROFILES["ndsoft"]
URL = "http://127.0.0.1:8000/news/articleView.html?idxno=501"


def _page(head: str, body: str) -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}<footer>남도소식</footer></body></html>"


LEGACY = _page(
    "",
    "<table><tr><td id='font_title'>옛 화면의 기사 제목</td></tr><tr><td id='font_subtitle'>옛 화면의 부제</td></tr>"
    "<tr><td class='View_Info'>기사승인 2019.03.02 08:15:00</td></tr>"
    "<tr><td id='articleBody'><p>옛 본문 첫 줄이다.</p><p>옛 본문 둘째 줄이다.</p></td></tr></table>",
)
MODERN_PRESS = _page(
    "",
    "<header class='article-view-header'><h2 class='heading'>기자 이름이 em에 있는 기사</h2>"
    "<ul class='infomation'><li class='press'><em class='name'>박서연 기자</em></li><li>승인 2023.05.06 07:08</li></ul></header>"
    "<div id='article-view-content-div'><p>본문이다.</p></div>",
)
MODERN_NO_BYLINE = _page(
    "",
    "<header class='article-view-header'><h3 class='heading'>바이라인 없는 표기</h3>"
    "<ul class='no-bylines'><li>정하늘 에디터</li></ul><nav class='rooted'><ul class='dated'><li>입력 2024.01.02 03:04</li></ul></nav></header>"
    "<article id='article-view-content-div'><p>본문이다.</p></article>",
)
MULTI_PHOTO = _page(
    "<meta property='og:image' content='/image/logo.png'>",
    "<header class='article-view-header'><h1 class='heading'>사진 여러 장</h1><ul class='infomation'><li>입력 2024.02.03 04:05</li></ul></header>"
    "<div id='article-view-content-div'><p>앞 문단.</p><figure class='figure-img-multi'><img src='/news/photo/202402/501_1.jpg'>"
    "<figcaption>▲ 행사장 모습</figcaption></figure><p>뒤 문단.</p></div>",
)
SUBTITLE_IN_BODY = _page(
    "",
    "<div class='article-head-title'>부제가 본문 안에 있는 기사</div><div class='info-text'><ul><li>오다은 기자</li><li>승인 2018.07.08 09:10</li></ul></div>"
    "<div id='article-view-content-div'><div class='article-head-sub'>본문 안의 부제</div><p>본문 문단이다.</p></div>",
)


@pytest.mark.parametrize(
    ("html", "field", "expected"),
    [
        (LEGACY, "title", "옛 화면의 기사 제목"),
        (LEGACY, "subtitle", "옛 화면의 부제"),
        (LEGACY, "published_raw", "기사승인 2019.03.02 08:15:00"),
        (LEGACY, "body", "옛 본문 첫 줄이다.\n옛 본문 둘째 줄이다."),
        (MODERN_PRESS, "author", "박서연"),
        (MODERN_PRESS, "published_raw", "승인 2023.05.06 07:08"),
        (MODERN_NO_BYLINE, "author", "정하늘"),
        (MODERN_NO_BYLINE, "published_raw", "입력 2024.01.02 03:04"),
        (MODERN_NO_BYLINE, "body", "본문이다."),
        (MULTI_PHOTO, "images", [{"url": "http://127.0.0.1:8000/news/photo/202402/501_1.jpg", "caption": "행사장 모습"}]),
        (MULTI_PHOTO, "body", "앞 문단.\n뒤 문단."),
        (SUBTITLE_IN_BODY, "subtitle", "본문 안의 부제"),
        (SUBTITLE_IN_BODY, "body", "본문 문단이다."),
        (SUBTITLE_IN_BODY, "author", "오다은"),
    ],
)
def test_field_read_from_evidence_markup(html: str, field: str, expected: object) -> None:
    page = parse_article_page(PROFILE, html, URL)
    assert page.status is PageStatus.ARTICLE
    assert getattr(page.content, field) == expected
    assert page.rules.get(field) not in (None, "meta"), page.rules  # read by a rule, not the metadata


def test_the_legacy_page_is_recognised_as_the_legacy_skin() -> None:
    assert parse_article_page(PROFILE, LEGACY, URL).skin == "legacy"
