"""Feeds: item links with their dates, whatever the date format (ND소프트's zone-less KST)."""

from __future__ import annotations

from datetime import datetime

import pytest

from newscrawl.extract.dates import KST, to_iso
from newscrawl.extract.feed import feed_entries, parse_feed_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-07-31 17:15:31", "2026-07-31T17:15:31+09:00"),  # ND소프트: KST, no zone
        ("2026-07-31 00:15:31", "2026-07-31T00:15:31+09:00"),  # read as UTC it would be the 31st 09:15
        ("2026-7-5 9:05", "2026-07-05T09:05:00+09:00"),
        ("Fri, 31 Jul 2026 17:15:31 +0900", "2026-07-31T17:15:31+09:00"),
        ("Fri, 31 Jul 2026 08:15:31 GMT", "2026-07-31T17:15:31+09:00"),
        ("Fri, 31 Jul 2026 17:15:31", "2026-07-31T17:15:31+09:00"),  # RFC 822 without a zone: KST
        ("2026-07-31T17:15:31+09:00", "2026-07-31T17:15:31+09:00"),
        ("2026-07-30T23:15:31Z", "2026-07-31T08:15:31+09:00"),
    ],
)
def test_feed_date(text: str, expected: str) -> None:
    moment = parse_feed_date(text)
    assert moment is not None and to_iso(moment) == expected


@pytest.mark.parametrize("text", ["", "   ", "어제", "2026-13-01 10:00:00", "Fri, 99 Jul 2026"])
def test_not_a_feed_date(text: str) -> None:
    assert parse_feed_date(text) is None


def test_rss_and_atom_entries_with_their_dates() -> None:
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>신문</title>'
        "<item><title><![CDATA[첫 기사]]></title><link>https://www.nd.example.kr/news/articleView.html?idxno=9</link>"
        "<pubDate>2026-07-31 17:15:31</pubDate><author><![CDATA[박찬 기자]]></author></item>"
        "<item><title>날짜 없는 기사</title><link> https://www.nd.example.kr/news/articleView.html?idxno=8 </link></item>"
        "<item><title>링크 없는 항목</title><pubDate>2026-07-30 10:00:00</pubDate></item>"
        "</channel></rss>"
    ).encode()
    entries = feed_entries(rss)
    assert [(entry.link, entry.published) for entry in entries] == [
        ("https://www.nd.example.kr/news/articleView.html?idxno=9", datetime(2026, 7, 31, 17, 15, 31, tzinfo=KST)),
        ("https://www.nd.example.kr/news/articleView.html?idxno=8", None),
    ]
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://a.example/news/articleView.html?idxno=3"/>'
        b"<updated>2026-07-31T17:15:31+09:00</updated></entry></feed>"
    )
    [entry] = feed_entries(atom)
    assert entry.link.endswith("idxno=3") and entry.published == datetime(2026, 7, 31, 17, 15, 31, tzinfo=KST)


def test_not_a_feed() -> None:
    assert feed_entries(b"<html><body>not a feed</body></html>") == []
    assert feed_entries(b"") == []
