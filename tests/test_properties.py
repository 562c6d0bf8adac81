"""Properties of the pure functions, over inputs hypothesis generates: dates, URL identity,
text cleaning, and output that stays valid and formula-safe whatever the text."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.exporters import ExcelCsvItemExporter
from newscrawl.extract.dates import KST, parse_date, to_iso
from newscrawl.extract.promo import compile_promo_lines, strip_promo_lines
from newscrawl.extract.text import clean_line, visible_nfc
from newscrawl.extract.urls import article_id, article_url, linked_article_id, normalize_base_url
from newscrawl.items import ARTICLE_FIELDS, ArticleItem

PROFILE = PROFILES["news21"]

NOW = datetime(2024, 3, 20, 12, 0, tzinfo=KST)
# Every code point, lone surrogates included (hypothesis leaves them out by default).
ANY_TEXT = st.text(st.characters(exclude_categories=()))
UNSAFE_CATEGORIES = ("Cc", "Cf", "Cs")
PROMO = compile_promo_lines(PROFILE.cms.promo_lines)

# --- Dates -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_date_parser_never_raises_and_never_returns_naive(text: str) -> None:
    moment = parse_date(text, NOW)
    assert moment is None or moment.utcoffset() == timedelta(hours=9)


moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda d: d.replace(microsecond=0, tzinfo=KST)
)


def _twelve_hour(d: datetime) -> str:
    half = "오전" if d.hour < 12 else "오후"
    return f"{half} {d.hour % 12 or 12}시 {d.minute}분"


# The forms the date normalizer reads exactly (its fast path), each with the precision it keeps.
CLAIMED_FORMS = {
    "site": (lambda d: f"등록 {d:%Y-%m-%d %H:%M:%S}", "second"),
    "iso": (lambda d: d.isoformat(), "second"),
    "dots": (lambda d: f"{d:%Y.%m.%d %H:%M}", "minute"),
    "slashes": (lambda d: f"입력 : {d:%Y/%m/%d %H:%M:%S}", "second"),
    "words": (lambda d: f"{d.year}년 {d.month}월 {d.day}일 {_twelve_hour(d)}", "minute"),
    "weekday": (lambda d: f"{d:%Y.%m.%d}(목) {d:%H:%M}", "minute"),
    "date only": (lambda d: f"{d:%Y-%m-%d}", "day"),
}


@settings(max_examples=200, deadline=None)
@given(moments, st.sampled_from(sorted(CLAIMED_FORMS)))
def test_every_claimed_form_round_trips(moment: datetime, form: str) -> None:
    render, precision = CLAIMED_FORMS[form]
    expected = {
        "second": moment,
        "minute": moment.replace(second=0),
        "day": moment.replace(hour=0, minute=0, second=0),
    }[precision]
    parsed = parse_date(render(moment), NOW)
    assert parsed == expected
    assert parse_date(to_iso(parsed), NOW) == expected


# --- URL identity ------------------------------------------------------------------------

hosts = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6}){1,2}", fullmatch=True)
ports = st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}"))
bases = st.builds(lambda scheme, host, port: f"{scheme}://{host}{port}", st.sampled_from(["http", "https"]), hosts, ports)


@given(bases, st.sampled_from(["", "/", "  "]))
def test_base_url_normalization_is_idempotent(base: str, tail: str) -> None:
    once = normalize_base_url(base + tail)
    assert normalize_base_url(once) == once


@given(bases, st.integers(1, 10**9), st.integers(0, 3), st.sampled_from(["", "&mcode=m72mass272", "&amp;page=2", "#top"]),
       st.sampled_from(["absolute", "root", "relative"]))
def test_one_article_id_one_canonical_url(base: str, idx: int, zeros: int, extra: str, style: str) -> None:
    page_url = f"{base}/news/list.php?mcode=m72mass272"
    query = f"?idx={'0' * zeros}{idx}{extra}"
    href = {"absolute": f"{base}/news/view.php{query}", "root": f"/news/view.php{query}", "relative": f"view.php{query}"}[style]
    found = linked_article_id(PROFILE, page_url, href)
    assert found == str(idx)
    canonical = article_url(PROFILE, base, found)
    assert article_id(PROFILE, canonical) == found
    assert article_url(PROFILE, base, article_id(PROFILE, canonical) or "") == canonical


# --- Text cleaning -----------------------------------------------------------------------


@settings(max_examples=500)
@given(ANY_TEXT)
def test_clean_line_is_idempotent_and_leaves_no_invisible_character(text: str) -> None:
    line = clean_line(text)
    assert clean_line(line) == line
    assert "\n" not in line and line == line.strip()
    assert not [c for c in line if unicodedata.category(c) in UNSAFE_CATEGORIES]


@settings(max_examples=500)
@given(ANY_TEXT)
def test_visible_nfc_changes_nothing_but_invisible_characters_and_normal_form(text: str) -> None:
    kept = visible_nfc(text)
    assert not [c for c in kept if unicodedata.category(c) in UNSAFE_CATEGORIES and not c.isspace()]
    visible = "".join(c for c in text if unicodedata.category(c) not in UNSAFE_CATEGORIES or c.isspace())
    assert kept == unicodedata.normalize("NFC", visible)


def _clean_lines(text: str) -> str:
    """Text as the page parser gives a multi-line field: clean lines, no blank ones."""
    return "\n".join(line for line in map(clean_line, text.splitlines()) if line)


PROMO_SAMPLES = ["기사 메일전송", "인쇄하기", "[광고]", "▶ 관련기사 다른 이야기", "홍길동 기자 hong@example.kr",
                 "ⓒ 뉴스21 통신 무단전재 및 재배포 금지", "많이 본 뉴스", "Copyright 2024 뉴스21"]


@settings(max_examples=300)
@given(st.lists(st.one_of(ANY_TEXT, st.sampled_from(PROMO_SAMPLES)), max_size=8))
def test_cleaning_never_grows_promotional_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    out = strip_promo_lines(_clean_lines(text), PROMO)
    kept = [line for line in out.split("\n") if line]
    assert not [line for line in kept if PROMO.fullmatch(line)]
    assert set(kept) <= {clean_line(line) for line in text.splitlines()}


# --- Output ------------------------------------------------------------------------------


def _item(title: str, body: str, author: str) -> ArticleItem:
    """An item with the given text, cleaned as the page parser cleans every text field."""
    return ArticleItem(url="https://news21tongsin.co.kr/news/view.php?idx=1", article_id="1", site="news21",
                       title=clean_line(title), body=_clean_lines(body), author=clean_line(author),
                       images=[{"url": "https://x.kr/a.jpg", "caption": clean_line(body)}])


@settings(max_examples=300)
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_json_lines_stay_valid_for_every_text(title: str, body: str, author: str) -> None:
    item = _item(title, body, author)
    buffer = io.BytesIO()
    exporter = JsonLinesItemExporter(buffer, ensure_ascii=False, fields_to_export=ARTICLE_FIELDS)
    exporter.export_item(item)
    (line,) = buffer.getvalue().decode("utf-8").splitlines()
    assert json.loads(line)["title"] == item.title and json.loads(line)["body"] == item.body


FORMULA_STARTS = tuple("=+-@\t\r")


@settings(max_examples=300)
@given(st.one_of(ANY_TEXT, st.sampled_from(["=1+1", "+82", "-2", "@SUM(A1)", "=HYPERLINK(\"x\")", "=cmd|' /C calc'!A0"])),
       ANY_TEXT)
def test_no_csv_cell_can_start_a_formula(title: str, body: str) -> None:
    item = _item(title, body, title)
    buffer = io.BytesIO()
    exporter = ExcelCsvItemExporter(buffer, fields_to_export=ARTICLE_FIELDS)
    exporter.start_exporting()
    exporter.export_item(item)
    exporter.finish_exporting()
    header, row = list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig"))))
    assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)]
    cells = dict(zip(header, row))
    assert cells["title"] in (item.title, "'" + item.title)
