"""List pages, one table row per list markup installs serve (EVIDENCE §3): which layout reads
the page, each entry's article id, title and date (year-less and relative dates against a
fixed crawl time), the last page, and whether later pages may hold more."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from parsel import Selector

from newscrawl.cms.dadami.sites import PROFILES as DADAMI
from newscrawl.cms.ndsoft.sites import PROFILES as NDSOFT
from newscrawl.extract.dates import KST
from newscrawl.extract.list_page import parse_list_page, parse_menu
from newscrawl.extract.urls import linked_article_id

ND = NDSOFT["ndsoft"]
NEWS21 = DADAMI["news21"]
ND_LIST = "https://www.nd.example.kr/news/articleList.html?sc_section_code=S1N1&view_type=sm&page=1"
NOW = datetime(2026, 1, 2, 9, 30, tzinfo=KST)
"""The crawl time: early January, so that a year-less December date is last year's."""

# (name, html, layout, [(id, title, day)], last page, paged)
ND_PAGES = [
    (
        "2017 blocks, three-field date line",
        ('<section class="article-list-content"><div class="list-block"><div class="list-titles">'
        '<a href="/news/articleView.html?idxno=501"><strong>항구 축제 열려</strong></a></div>'
        '<div class="list-dated">사회 | 김바다 기자 | 2025.12.30 14:05</div></div>'
        '<div class="list-block"><div class="list-titles"><a href="/news/articleView.html?idxno=500"><strong>다리 공사 마무리</strong></a></div>'
        '<div class="list-dated">사회 | 이하늘 기자 | 2025-12-29</div></div></section>'
        '<ul class="pagination"><li class="pagination-end"><a href="?sc_section_code=S1N1&amp;page=37">끝</a></li></ul>'),
        "foundation",
        [("501", "항구 축제 열려", date(2025, 12, 30)), ("500", "다리 공사 마무리", date(2025, 12, 29))],
        37,
        True,
    ),
    (
        "2017 blocks, two-field date line",
        ('<div class="list-block"><div class="list-titles"><a href="/news/articleView.html?idxno=77">시장 선거 토론회</a></div>'
        '<div class="list-dated">정하나 기자 | 2025.11.03 08:00</div></div>'),
        "foundation",
        [("77", "시장 선거 토론회", date(2025, 11, 3))],
        None,
        True,
    ),
    (
        "2017 title mode rows",
        ('<div class="table-row"><small class="list-section">[경제]</small><a class="links" href="/news/articleView.html?idxno=12">'
        '수출 실적 발표</a><div class="list-dated">최강 기자 | 2025-10-01 10:10</div></div>'),
        "table-row",
        [("12", "수출 실적 발표", date(2025, 10, 1))],
        None,
        True,
    ),
    (
        "2020+ type2, last em of the byline",
        ('<section id="section-list"><ul class="type2"><li><a class="thumb" href="/news/articleView.html?idxno=9001"><img src="/t.jpg"></a>'
        '<h4 class="titles"><a href="/news/articleView.html?idxno=9001">도서관 새 단장</a></h4>'
        '<span class="byline"><em>문화</em><em>박서가 기자</em><em>2025.12.31 23:50</em></span></li></ul></section>'
        '<a href="?page=5" title="끝">끝</a>'),
        "2020",
        [("9001", "도서관 새 단장", date(2025, 12, 31))],
        5,
        True,
    ),
    (
        "2020+ type1, upper-case H2.titles and em.info.dated",
        ('<SECTION id="section-list"><UL class="type1"><LI><H2 class="titles"><A href="/news/articleView.html?idxno=31">'
        '교육청 예산 확정</A></H2><em class="info category">교육</em><em class="info name">한결 에디터</em>'
        '<em class="info dated">2025-12-01</em></LI></UL></SECTION>'),
        "2020",
        [("31", "교육청 예산 확정", date(2025, 12, 1))],
        None,
        True,
    ),
    (
        "2020+ year-less dates: 12.31 read on 01-02 is last year's",
        ('<section id="section-list"><ul class="type1">'
        '<li><h4 class="titles"><a href="/news/articleView.html?idxno=42">새해 해맞이</a></h4><span class="byline"><em>01.01 07:40</em></span></li>'
        '<li><h4 class="titles"><a href="/news/articleView.html?idxno=41">제야의 종</a></h4><span class="byline"><em>12.31 23:59</em></span></li>'
        '<li><h4 class="titles"><a href="/news/articleView.html?idxno=40">연말 결산</a></h4><span class="byline"><em>12-30 18:00</em></span></li>'
        "</ul></section>"),
        "2020",
        [("42", "새해 해맞이", date(2026, 1, 1)), ("41", "제야의 종", date(2025, 12, 31)), ("40", "연말 결산", date(2025, 12, 30))],
        None,
        True,
    ),
    (
        "2020+ relative dates",
        ('<section id="section-list"><ul class="type2">'
        '<li><h2 class="titles"><a href="/news/articleView.html?idxno=8">방금 들어온 소식</a></h2><em class="info dated">5분 전</em></li>'
        '<li><h2 class="titles"><a href="/news/articleView.html?idxno=7">아침 소식</a></h2><em class="info dated">10시간 전</em></li>'
        "</ul></section>"),
        "2020",
        [("8", "방금 들어온 소식", date(2026, 1, 2)), ("7", "아침 소식", date(2026, 1, 1))],
        None,
        True,
    ),
    (
        "2020+ span.dated, em.replace-date and div.info.dated",
        ('<section id="section-list"><ul class="type">'
        '<li><a class="list-title" href="/news/articleView.html?idxno=3">가</a><span class="dated">2025.09.09 09:09</span></li>'
        '<li><a class="list-title" href="/news/articleView.html?idxno=2">나</a><em class="replace-date">2025-09-08</em></li>'
        '<li><h4 class="titles"><a href="/news/articleView.html?idxno=1">다</a></h4><div class="byline"><div class="info category">행정</div>'
        '<div class="info dated">2025-09-07</div></div></li></ul></section>'),
        "2020",
        [("3", "가", date(2025, 9, 9)), ("2", "나", date(2025, 9, 8)), ("1", "다", date(2025, 9, 7))],
        None,
        True,
    ),
    (
        "2025 altlist webzine: the date is whichever info item reads as one",
        ('<div id="sections" class="altlist"><article id="section-list" class="altlist-body">'
        '<H1 class="altlist-title">전체기사 <small class="altlist-count">총 2건의 기사가 있습니다.</small></H1>'
        '<ul class="altlist-webzine"><li class="altlist-webzine-item"><H2 class="altlist-subject">'
        '<a href="https://www.nd.example.kr/news/articleView.html?idxno=90000015817" target="_top">로봇 박람회</a></H2>'
        '<div class="altlist-info"><span class="altlist-info-item">산업</span><span class="altlist-info-item">유다온 기자</span>'
        '<span class="altlist-info-item">12-31 22:10</span></div></li>'
        '<li class="altlist-webzine-item"><H2 class="altlist-subject"><a href="https://www.nd.example.kr/news/articleView.html?idxno=90000015800" target="_top">지난해 기사</a></H2>'
        '<div class="altlist-info"><span class="altlist-info-item">유다온 기자</span><span class="altlist-info-item">2024-05-06</span></div></li>'
        '</ul><button class="list-btn-more">더보기</button></article></div>'),
        "altlist",
        [("90000015817", "로봇 박람회", date(2025, 12, 31)), ("90000015800", "지난해 기사", date(2024, 5, 6))],
        None,
        False,
    ),
    (
        "2025 altlist text view, section first on one install",
        ('<div id="sections" class="altlist"><ul class="altlist-text"><li class="altlist-text-item">'
        '<H2 class="altlist-subject"><a href="/news/articleView.html?idxno=5">공지 아님</a></H2>'
        '<span class="altlist-info-item">AI</span><span class="altlist-info-item">01-02 08:00</span></li></ul></div>'),
        "altlist",
        [("5", "공지 아님", date(2026, 1, 2))],
        None,
        False,
    ),
    (
        "legacy table: the date in another cell of the row",
        '<table><tr><td class="ArtList_Title"><a href="/news/articleView.html?idxno=1200">옛 기사</a></td><td>2015-03-02</td></tr></table>',
        "legacy",
        [("1200", "옛 기사", date(2015, 3, 2))],
        None,
        True,
    ),
    (
        "unknown markup: every article link, its nearest li or div",
        ('<div class="news-wrap"><div class="item"><a href="/news/articleViewAmp.html?idxno=66&amp;fbclid=x">모바일 링크</a>'
        '<span class="dated">2025-12-20</span></div><div class="item"><a href="/news/articleView.html?idxno=65">둘째 기사</a></div>'
        '<div class="item"><a href="/news/articleView.html?idxno=66">같은 기사</a></div></div>'),
        "links",
        [("66", "모바일 링크", date(2025, 12, 20)), ("65", "둘째 기사", None)],
        None,
        True,
    ),
    (
        "past the end: an empty list container, never read from its links",
        '<section id="section-list"><ul class="type1"></ul></section><aside><a href="/news/articleView.html?idxno=3">인기 기사</a></aside>',
        "",
        [],
        None,
        True,
    ),
]


@pytest.mark.parametrize(("html", "layout", "entries", "last_page", "paged"), [row[1:] for row in ND_PAGES], ids=[row[0] for row in ND_PAGES])
def test_nd_list_variant(html: str, layout: str, entries: list[tuple[str, str, date | None]], last_page: int | None, paged: bool) -> None:
    listing = parse_list_page(ND, Selector(f"<html><body>{html}</body></html>"), ND_LIST, NOW)
    assert listing.layout == layout
    read = [(linked_article_id(ND, ND_LIST, entry.href), entry.title, entry.day) for entry in listing.entries]
    assert read == entries
    assert (listing.last_page, listing.paged) == (last_page, paged)


def test_a_2025_list_with_page_links_is_paged() -> None:
    html = (
        '<div id="sections" class="altlist"><ul class="altlist-text"><li class="altlist-text-item"><h2 class="altlist-subject">'
        '<a href="/news/articleView.html?idxno=5">기사</a></h2></li></ul></div>'
        '<ul class="pagination"><li class="pagination-end"><a href="?page=4">끝</a></li></ul>'
    )
    listing = parse_list_page(ND, Selector(html), ND_LIST, NOW)
    assert (listing.layout, listing.last_page, listing.paged) == ("altlist", 4, True)


def test_a_list_without_a_link_in_its_entries_is_not_that_layout() -> None:
    # Entries without links are no entries: the next layout (here the 2017 blocks) reads the page.
    html = (
        '<section id="section-list"><ul class="type1"><li>광고</li></ul></section>'
        '<div class="list-block"><div class="list-titles"><a href="/news/articleView.html?idxno=4">기사</a></div></div>'
    )
    listing = parse_list_page(ND, Selector(html), ND_LIST, NOW)
    assert listing.layout == "foundation" and [entry.href for entry in listing.entries] == ["/news/articleView.html?idxno=4"]


def test_pinned_entries_of_the_first_cms() -> None:
    html = (
        '<div class="basicList"><ul>'
        '<li><dl><dt class="title"><a href="/news/view.php?idx=1">[공지] 구독 안내</a></dt><dd class="registDate">2025-12-31</dd></dl></li>'
        '<li><dl><dt class="title"><a href="/news/view.php?idx=9">오래된 고정 기사</a></dt><dd class="registDate">2024-01-01</dd></dl></li>'
        '<li><dl><dt class="title"><a href="/news/view.php?idx=30">새 기사</a></dt><dd class="registDate">2025-12-30</dd></dl></li>'
        '</ul></div><div class="paging"><a class="last" href="/news/list.php?mcode=m1&amp;page=12">마지막</a></div>'
    )
    listing = parse_list_page(NEWS21, Selector(html), "https://news21tongsin.co.kr/news/list.php?mcode=m1", NOW)
    assert [(entry.title, entry.pinned) for entry in listing.entries] == [("[공지] 구독 안내", True), ("오래된 고정 기사", True), ("새 기사", False)]
    assert (listing.layout, listing.last_page) == ("basic", 12)


def test_the_first_cms_never_reads_a_page_from_its_links() -> None:
    html = '<div class="mostView"><a href="/news/view.php?idx=5">인기</a></div>'
    listing = parse_list_page(NEWS21, Selector(html), "https://news21tongsin.co.kr/news/list.php?mcode=m1", NOW)
    assert listing.entries == [] and listing.layout == ""


@pytest.mark.parametrize(
    ("profile", "html", "menu"),
    [
        (NEWS21, ('<ul id="gnb"><li><a href="/news/list.php?mcode=m1">사회</a></li><li><a href="/news/list.php?mcode=m2"> 문화 </a></li></ul>'
                 '<div class="foot"><a href="/news/list.php?mcode=m9">제외</a></div>'), {"m1": "사회", "m2": "문화"}),
        (ND, ('<nav><a href="/news/articleList.html?sc_section_code=S1N1&amp;view_type=sm">정치</a>'
             '<a href="/news/articleList.html?sc_section_code=S1N2">경제</a><a href="/news/articleList.html?sc_section_code=S1N1">정치</a></nav>'),
         {"S1N1": "정치", "S1N2": "경제"}),
    ],
)
def test_menu(profile, html: str, menu: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert parse_menu(profile, Selector(html)) == menu
