"""Choosing the encoding that really decodes a page (table tests of the pure function)."""

from __future__ import annotations

import pytest

from newscrawl.extract.encoding import decoding_encoding, reads_as_korean

KOREAN = "<p>시립 도서관이 주말 야간 개관을 시작했다. 주민들은 반가운 소식이라고 말했다.</p>"
FRENCH = "<p>La fête du village a réuni les élèves, leurs parents et un café très animé.</p>"
# Latin-1 bytes that CP949 also decodes without an error (as Hanja and symbols, not Hangul).
GERMAN = "<p>Grüße, süß</p>"


def test_the_german_sample_is_valid_cp949_bytes() -> None:
    GERMAN.encode("latin-1").decode("cp949")  # raises if the trap below were no trap


@pytest.mark.parametrize(
    ("body", "declared", "chosen"),
    [
        # A Latin-1 header (w3lib reads iso-8859-1, windows-1252 and us-ascii as cp1252) over
        # EUC-KR bytes: the <meta> label, or else the CP949 fallback, wins.
        (KOREAN.encode("cp949"), ["cp1252", "euc-kr"], "cp949"),
        (KOREAN.encode("cp949"), ["cp1252", None], "cp949"),
        (KOREAN.encode("cp949"), ["iso-8859-1", "iso-8859-1"], "cp949"),
        (KOREAN.encode("cp949"), ["us-ascii", None], "cp949"),
        # UTF-8 bytes under a Latin-1 header: UTF-8.
        (KOREAN.encode("utf-8"), ["cp1252", None], "utf-8"),
        # Real Latin-1 pages stay Latin-1, even where CP949 happens to decode the bytes.
        (FRENCH.encode("latin-1"), ["cp1252", "iso-8859-1"], "cp1252"),
        (GERMAN.encode("latin-1"), ["iso-8859-1", None], "iso8859-1"),
        # A label that decodes is kept when it is not a permissive one.
        (KOREAN.encode("cp949"), ["euc-kr", None], "cp949"),
        # Nothing decodes: no encoding.
        (b"\xff\xfe\x00\xd8" + KOREAN.encode("utf-8") + b"\x80\xff", ["utf-8", None], None),
    ],
)
def test_decoding_encoding(body: bytes, declared: list[str | None], chosen: str | None) -> None:
    assert decoding_encoding(body, declared, ["cp949"]) == chosen


def test_reads_as_korean() -> None:
    assert reads_as_korean(KOREAN)
    assert not reads_as_korean(GERMAN.encode("latin-1").decode("cp949"))
    assert not reads_as_korean("plain ASCII only")
