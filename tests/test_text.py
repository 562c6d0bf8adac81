"""Text cleaning: NFC, invisible characters, whitespace."""

from __future__ import annotations

import unicodedata

import pytest

from newscrawl.extract.text import clean_line, clean_lines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("대구시\u00a0 발표", "대구시 발표"),
        ("대\u200b구\u200c시\u200d", "대구시"),
        ("\ufeff제목", "제목"),
        ("  앞뒤   공백  ", "앞뒤 공백"),
        ("탭\t과\n줄바꿈", "탭 과 줄바꿈"),
        (unicodedata.normalize("NFD", "한글 자모"), "한글 자모"),
        ("soft\u00adhyphen", "softhyphen"),
        ("", ""),
    ],
)
def test_clean_line(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


def test_clean_line_gives_nfc() -> None:
    assert unicodedata.is_normalized("NFC", clean_line(unicodedata.normalize("NFD", "포항시 영일대")))


def test_clean_lines_keeps_lines_and_drops_blank_ones() -> None:
    raw = "첫 줄\u00a0\n\n  \n\u200b\n둘째   줄\n"
    assert clean_lines(raw) == "첫 줄\n둘째 줄"


@pytest.mark.parametrize("raw", ["a\u00a0b\n\nc", unicodedata.normalize("NFD", "가  나\n다")])
def test_cleaning_is_idempotent(raw: str) -> None:
    assert clean_lines(clean_lines(raw)) == clean_lines(raw)
