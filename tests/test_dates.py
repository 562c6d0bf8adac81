"""Korean date forms → aware datetimes in KST (a table of real-world forms)."""

from __future__ import annotations

from datetime import datetime

import pytest
from parsel import Selector

from newscrawl.extract.dates import KST, parse_date, parse_list_date, to_iso
from tests.conftest import shared_path

NOW = datetime(2026, 11, 27, 11, 0, 0, tzinfo=KST)

# (text as found on Korean news pages, expected ISO 8601 in KST)
FORMS = [
    # The site's own byline format and its labels.
    ("등록 2020-11-20 13:25:23", "2020-11-20T13:25:23+09:00"),
    ("수정 2020-11-21 09:02:11", "2020-11-21T09:02:11+09:00"),
    ("등록: 2020-11-20 13:25:23", "2020-11-20T13:25:23+09:00"),
    ("등록 :2016-09-17 14:26", "2016-09-17T14:26:00+09:00"),
    ("입력 : 2016.09.17 18:59", "2016-09-17T18:59:00+09:00"),
    ("입력 2016.09.17 18:59", "2016-09-17T18:59:00+09:00"),
    ("승인 2017.12.18 17:34", "2017-12-18T17:34:00+09:00"),
    ("기사입력 2020.11.20. 오후 1:25", "2020-11-20T13:25:00+09:00"),
    ("기사등록 2020-11-20 13:25:23", "2020-11-20T13:25:23+09:00"),
    ("최종수정 2020-11-21 08:00:05", "2020-11-21T08:00:05+09:00"),
    ("최종편집 2017.03.25 09:00:00", "2017-03-25T09:00:00+09:00"),
    ("기사입력 : 2020-11-20 오전 9:05", "2020-11-20T09:05:00+09:00"),
    ("최종수정 2020.11.20. 오후 3:10", "2020-11-20T15:10:00+09:00"),
    ("업데이트 2020-11-20 13:25", "2020-11-20T13:25:00+09:00"),
    ("업데이트: 2020.11.20 13:25:09", "2020-11-20T13:25:09+09:00"),
    ("송고시간 2020-11-20 13:25", "2020-11-20T13:25:00+09:00"),
    ("입력 2020-11-20 13:25 | 홍길동 기자", "2020-11-20T13:25:00+09:00"),
    ("2020-11-20 13:25:23 | 김민수 기자 kms@example.kr", "2020-11-20T13:25:23+09:00"),
    # Bare numeric forms.
    ("2020-11-20 13:25:23", "2020-11-20T13:25:23+09:00"),
    ("2020-11-20 13:25", "2020-11-20T13:25:00+09:00"),
    ("2020-11-20", "2020-11-20T00:00:00+09:00"),
    ("2020.11.20", "2020-11-20T00:00:00+09:00"),
    ("2020.11.20.", "2020-11-20T00:00:00+09:00"),
    ("2020/11/20 13:25", "2020-11-20T13:25:00+09:00"),
    ("2016. 09. 26 09:47", "2016-09-26T09:47:00+09:00"),
    ("2019.02.01 06:30", "2019-02-01T06:30:00+09:00"),
    ("2020-1-5 7:05", "2020-01-05T07:05:00+09:00"),
    ("2020.11.20 PM 1:25", "2020-11-20T13:25:00+09:00"),
    ("2020.11.20 12:10 AM", "2020-11-20T00:10:00+09:00"),
    ("2020-11-20 오전 12:30", "2020-11-20T00:30:00+09:00"),
    ("2020-11-20 오후 12:30", "2020-11-20T12:30:00+09:00"),
    # Worded Korean forms.
    ("2020년 11월 20일", "2020-11-20T00:00:00+09:00"),
    ("2020년 11월 20일 13:25", "2020-11-20T13:25:00+09:00"),
    ("2020년 11월 20일 (금) 13:25", "2020-11-20T13:25:00+09:00"),
    ("2020년 11월 20일 금요일 오후 1시 25분", "2020-11-20T13:25:00+09:00"),
    ("2020년 11월 20일 오후 1:25", "2020-11-20T13:25:00+09:00"),
    ("2020년11월20일 13시25분", "2020-11-20T13:25:00+09:00"),
    # ISO 8601 and e-mail style (meta tags, feeds).
    ("2019-02-01T06:30:00+09:00", "2019-02-01T06:30:00+09:00"),
    ("2020-11-20T04:25:23Z", "2020-11-20T13:25:23+09:00"),
    ("2020-11-20T13:25:23", "2020-11-20T13:25:23+09:00"),
    ("Fri, 20 Nov 2020 13:25:23 +0900", "2020-11-20T13:25:23+09:00"),
    ("Nov 20, 2020 1:25 PM", "2020-11-20T13:25:00+09:00"),
    # Year-less forms: the latest such date not after NOW (never the year 2011).
    ("11-20 13:25", "2026-11-20T13:25:00+09:00"),
    ("11.20 13:25", "2026-11-20T13:25:00+09:00"),
    ("12-24 08:00", "2025-12-24T08:00:00+09:00"),
    ("11월 20일", "2026-11-20T00:00:00+09:00"),
    # Relative forms, counted from NOW.
    ("방금 전", "2026-11-27T11:00:00+09:00"),
    ("방금", "2026-11-27T11:00:00+09:00"),
    ("3시간전", "2026-11-27T08:00:00+09:00"),
    ("3시간 전", "2026-11-27T08:00:00+09:00"),
    ("5분전", "2026-11-27T10:55:00+09:00"),
    ("30초 전", "2026-11-27T10:59:30+09:00"),
    ("2일 전", "2026-11-25T11:00:00+09:00"),
    ("어제 오후 3:00", "2026-11-26T15:00:00+09:00"),
    ("오늘 09:10", "2026-11-27T09:10:00+09:00"),
    ("그저께", "2026-11-25T00:00:00+09:00"),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_form(text: str, expected: str) -> None:
    moment = parse_date(text, NOW)
    assert moment is not None
    assert to_iso(moment) == expected


def test_table_is_large_enough() -> None:
    assert len(FORMS) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "등록일 : 2008-03-01",  # the footer's registration date
        "등록일:2009.12.24",
        "발행일 : 2008-03-01",
        "발행일:2000.1.1",
        "등록번호 : 서울 아00000",
        "",
        "   ",
        "기자",
        "2020-13-01 10:00",  # no 13th month
        "2021-02-29",  # not a leap year
        "다음 기사 보기",
    ],
)
def test_not_an_article_date(text: str) -> None:
    assert parse_date(text, NOW) is None


def test_results_are_aware_and_in_kst() -> None:
    for text, _ in FORMS:
        moment = parse_date(text, NOW)
        assert moment is not None and moment.utcoffset() is not None
        assert moment.utcoffset().total_seconds() == 9 * 3600  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("page", "encoding", "selector", "expected"),
    [
        ("hani_article_utf8.html", "utf-8", "p.date-time span", "2016-09-17T14:26:00+09:00"),
        ("ndsoft_sporbiz_article_177073.html", "utf-8", "div.info-text li:nth-child(2)", "2017-12-18T17:34:00+09:00"),
        ("mt_moneytoday_article_eucKRdecl.html", "utf-8", "li.date", "2019-02-01T06:30:00+09:00"),
        ("chosun_article_eucKR.html", "cp949", "p#date_text", "2016-09-17T18:59:00+09:00"),
        ("khan_list_eucKR.html", "cp949", "span.byline em.letter", "2016-09-26T09:47:00+09:00"),
    ],
)
def test_dates_in_real_pages(page: str, encoding: str, selector: str, expected: str) -> None:
    html = shared_path("realpages", page).read_bytes().decode(encoding)
    text = Selector(html).css(selector).xpath("string()").get()
    assert text
    moment = parse_date(text, NOW)
    assert moment is not None and to_iso(moment) == expected



# Year-less dates are the latest such date not after the crawl time, to the minute.
@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("12-31 23:50", datetime(2027, 1, 2, 8, 0, tzinfo=KST), "2026-12-31T23:50:00+09:00"),
        ("12.31 23:50", datetime(2027, 1, 1, 0, 5, tzinfo=KST), "2026-12-31T23:50:00+09:00"),
        ("01-02 07:59", datetime(2027, 1, 2, 8, 0, tzinfo=KST), "2027-01-02T07:59:00+09:00"),
        ("01-02 08:01", datetime(2027, 1, 2, 8, 0, tzinfo=KST), "2026-01-02T08:01:00+09:00"),  # a minute ahead: last year's
        ("01-03", datetime(2027, 1, 2, 8, 0, tzinfo=KST), "2026-01-03T00:00:00+09:00"),  # tomorrow: last year's, no slack
        ("01-02", datetime(2027, 1, 2, 8, 0, tzinfo=KST), "2027-01-02T00:00:00+09:00"),
        ("02-29 10:00", datetime(2027, 3, 1, 8, 0, tzinfo=KST), "2024-02-29T10:00:00+09:00"),  # the latest leap year
        ("07.21 18:39", datetime(2026, 7, 21, 18, 39, tzinfo=KST), "2026-07-21T18:39:00+09:00"),
    ],
)
def test_year_less_date_is_the_latest_not_after_now(text: str, now: datetime, expected: str) -> None:
    for parse in (parse_date, parse_list_date):
        moment = parse(text, now)
        assert moment is not None and to_iso(moment) == expected, parse.__name__


LIST_NOW = datetime(2026, 1, 2, 9, 30, tzinfo=KST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025.12.18 17:34", "2025-12-18T17:34:00+09:00"),
        ("2025-12-18", "2025-12-18T00:00:00+09:00"),
        ("2020. 06. 28", "2020-06-28T00:00:00+09:00"),
        ("12.31 23:50", "2025-12-31T23:50:00+09:00"),
        ("12-31 23:50", "2025-12-31T23:50:00+09:00"),
        ("01-02 09:00", "2026-01-02T09:00:00+09:00"),
        ("5분 전", "2026-01-02T09:25:00+09:00"),
        ("10시간 전", "2026-01-01T23:30:00+09:00"),
        ("3시간전", "2026-01-02T06:30:00+09:00"),
        ("2일 전", "2025-12-31T09:30:00+09:00"),
        ("입력 2025.12.18 17:34", "2025-12-18T17:34:00+09:00"),
    ],
)
def test_list_date(text: str, expected: str) -> None:
    moment = parse_list_date(text, LIST_NOW)
    assert moment is not None and to_iso(moment) == expected


@pytest.mark.parametrize("text", ["사회", "김바다 기자", "유다온 에디터", "[경제]", "본청", "", "댓글 3", "2025-13-01", "12-32 10:00", "어제"])
def test_not_a_list_date(text: str) -> None:
    assert parse_list_date(text, LIST_NOW) is None
