"""Text cleaning: NFC, invisible characters, whitespace."""

from __future__ import annotations

import unicodedata

import pytest

from newscrawl.extract.text import clean_line, visible_nfc


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


def test_visible_nfc_removes_invisible_characters_and_keeps_lines_and_spaces() -> None:
    raw = "첫\u200b 줄\u00a0\n\u202e둘째\u3000줄\ufeff\n" + unicodedata.normalize("NFD", "한글")
    assert visible_nfc(raw) == "첫 줄\u00a0\n둘째\u3000줄\n한글"


@pytest.mark.parametrize("raw", ["평범한 문장이다.", "줄\n바꿈\u00a0과 빈칸\u3000"])
def test_visible_nfc_leaves_visible_text_as_it_is(raw: str) -> None:
    assert visible_nfc(raw) == raw
