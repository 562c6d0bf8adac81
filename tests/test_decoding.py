"""Real Korean pages in EUC-KR/CP949 decode correctly through Scrapy's downloader, whether
the charset comes from the HTTP header, only from the <meta> tag, or from nowhere."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, shared_path
from tests.replica.server import Page, ReplicaServer

_META_CHARSET = re.compile(rb"<meta[^>]*charset[^>]*>", re.IGNORECASE)

# (page, its true encoding)
REAL_PAGES = [
    ("chosun_article_eucKR.html", "cp949"),
    ("khan_list_eucKR.html", "cp949"),
    ("hani_article_utf8.html", "utf-8"),
]


def _variants(raw: bytes, encoding: str) -> dict[str, Page]:
    """The page served three ways: charset in the header, only in <meta>, nowhere."""
    label = "euc-kr" if encoding == "cp949" else encoding
    return {
        "header": Page(raw, f"text/html; charset={label}"),
        "meta": Page(raw, "text/html"),
        "none": Page(_META_CHARSET.sub(b"", raw), "text/html"),
    }


def _fetch(urls: list[str], tmp_path: Path) -> dict[str, str]:
    output = tmp_path / "fetched.jsonl"
    command = [
        sys.executable, "-m", "scrapy", "runspider", str(PROJECT_DIR / "tests" / "fetch_spider.py"),
        "-a", "urls=" + ",".join(urls), "-O", str(output), "-s", "LOG_LEVEL=WARNING",
    ]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return {item["url"]: item["text"] for item in map(json.loads, output.read_text(encoding="utf-8").splitlines())}


@pytest.mark.parametrize(("name", "encoding"), REAL_PAGES)
def test_real_page_decodes_in_every_variant(replica: ReplicaServer, tmp_path: Path, name: str, encoding: str) -> None:
    raw = shared_path("realpages", name).read_bytes()
    variants = _variants(raw, encoding)
    paths = {}
    for variant, page in variants.items():
        paths[variant] = f"/realpages/{variant}/{name}"
        replica.extra[paths[variant]] = page
    fetched = _fetch([replica.base_url + path for path in paths.values()], tmp_path)
    for variant, page in variants.items():
        text = fetched[replica.base_url + paths[variant]]
        assert "\ufffd" not in text, variant
        assert text == page.body.decode(encoding), variant
        assert re.search("[가-힣]{2,}", text), variant


# (page, its true encoding, the Content-Type it is served with): pages whose declarations lie.
MISDECLARED = [
    # UTF-8 bytes that declare EUC-KR in <meta>: served with that charset in the header too, or not.
    ("mt_moneytoday_article_eucKRdecl.html", "utf-8", "text/html; charset=euc-kr"),
    ("mt_moneytoday_article_eucKRdecl.html", "utf-8", "text/html"),
    # EUC-KR bytes served as UTF-8.
    ("chosun_article_eucKR.html", "cp949", "text/html; charset=utf-8"),
    ("khan_list_eucKR.html", "cp949", "text/html; charset=utf-8"),
]


def test_misdeclared_pages_decode_as_the_reader_sees_them(replica: ReplicaServer, tmp_path: Path) -> None:
    urls = {}
    for number, (name, encoding, content_type) in enumerate(MISDECLARED):
        raw = shared_path("realpages", name).read_bytes()
        path = f"/realpages/misdeclared/{number}/{name}"
        replica.extra[path] = Page(raw, content_type)
        urls[replica.base_url + path] = raw.decode(encoding)
    fetched = _fetch(list(urls), tmp_path)
    for url, expected in urls.items():
        assert "\ufffd" not in fetched[url], url
        assert fetched[url] == expected, url


# Labels of single-byte encodings that old servers send by default; each decodes any bytes.
LATIN1_LABELS = ["iso-8859-1", "windows-1252", "us-ascii"]
REAL_KOREAN_PAGES = [*REAL_PAGES, ("mt_moneytoday_article_eucKRdecl.html", "utf-8")]
# Our own Latin-1 page: French prose, with its own <meta> label.
LATIN1_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    "<title>Fête de la rentrée</title></head><body><p>Les élèves ont préparé un goûter très réussi;"
    " à la fin, chacun a reçu un cahier décoré.</p></body></html>"
).encode("latin-1")


def _title_phrase(text: str) -> str:
    """The first run of Hangul in the page's <title> (as read in the page's true encoding)."""
    title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    assert title, "the page has a <title>"
    phrase = re.search("[가-힣][가-힣 ]*[가-힣]", title[1])
    assert phrase, title[1]
    return phrase[0]


def test_a_latin1_label_does_not_turn_korean_pages_into_mojibake(replica: ReplicaServer, tmp_path: Path) -> None:
    """EUC-KR and UTF-8 pages served with a single-byte charset header, with their <meta>
    label or without it, decode to the page's own text; a real Latin-1 page stays Latin-1."""
    expected: dict[str, str] = {}
    for name, encoding in REAL_KOREAN_PAGES:
        raw = shared_path("realpages", name).read_bytes()
        for label in LATIN1_LABELS:
            for meta, body in (("meta", raw), ("nometa", _META_CHARSET.sub(b"", raw))):
                path = f"/realpages/latin1/{label}/{meta}/{name}"
                replica.extra[path] = Page(body, f"text/html; charset={label}")
                expected[replica.base_url + path] = body.decode(encoding)
    for meta, body in (("meta", LATIN1_PAGE), ("nometa", _META_CHARSET.sub(b"", LATIN1_PAGE))):
        path = f"/latin1/{meta}/fete.html"
        replica.extra[path] = Page(body, "text/html; charset=iso-8859-1")
        expected[replica.base_url + path] = body.decode("latin-1")
    fetched = _fetch(list(expected), tmp_path)
    for url, text in expected.items():
        assert "\ufffd" not in fetched[url], url
        assert fetched[url] == text, url
        if "/realpages/" in url:
            assert _title_phrase(text) in fetched[url], url
            assert not re.search("[À-ÿ]{3,}", fetched[url]), url
        else:
            assert "Les élèves ont préparé un goûter" in fetched[url]
