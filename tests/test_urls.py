"""URL identity: one article id, one canonical URL."""

from __future__ import annotations

import pytest

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.urls import (
    article_id,
    article_url,
    linked_article_id,
    list_url,
    normalize_base_url,
)

PROFILE = PROFILES["news21"]

PAGE = "http://127.0.0.1:8021/news/list.php?mcode=m73mass273&page=2"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../news/view.php?idx=78931&mcode=m73mass273", "78931"),
        ("/news/view.php?idx=78931&amp;mcode=m72mass272", "78931"),
        ("view.php?idx=78931#comment", "78931"),
        ("view.php?mcode=m81mass281&idx=78931&page=3", "78931"),
        ("https://news21tongsin.co.kr/news/view.php?idx=78931", "78931"),
        ("https://www.news21tongsin.co.kr/news/view.php?idx=078931", "78931"),
        ("http://127.0.0.1:8021/news/view.php?idx=78931", "78931"),
        ("  /news/view.php?idx=78931  ", "78931"),
        # The CMS's other forms of one article: short, article and mobile.
        ("/news/78931", "78931"),
        ("../news/78931", "78931"),
        ("/article/78931?mcode=m72mass272", "78931"),
        ("https://www.news21tongsin.co.kr/article/078931", "78931"),
        ("/m/view.php?idx=78931", "78931"),
        ("/m/view.php?idx=78931&amp;mcode=m73mass273#top", "78931"),
        ("/news/78931/comments", None),
        ("/news/list.php", None),
        ("/article/", None),
        ("https://other.example.com/news/view.php?idx=78931", None),
        ("/news/list.php?mcode=m73mass273", None),
        ("/news/view.php?idx=abc", None),
        ("/news/view.php?idx=", None),
        ("/news/view.php", None),
        ("javascript:openMail();", None),
        ("mailto:desk@news21.example", None),
    ],
)
def test_linked_article_id(href: str, expected: str | None) -> None:
    assert linked_article_id(PROFILE, PAGE, href) == expected


def test_every_form_of_one_article_gives_one_canonical_url() -> None:
    forms = [
        "../news/view.php?idx=42&mcode=m73mass273",
        "/news/view.php?idx=42&amp;mcode=m72mass272#top",
        "https://news21tongsin.co.kr/news/view.php?idx=0042",
        "/news/42",
        "/article/42?mcode=m72mass272",
        "/m/view.php?idx=42",
    ]
    urls = {article_url(PROFILE, "http://127.0.0.1:8021", linked_article_id(PROFILE, PAGE, f) or "") for f in forms}
    assert urls == {"http://127.0.0.1:8021/news/view.php?idx=42"}


def test_article_id_of_canonical_url_round_trips() -> None:
    url = article_url(PROFILE, "https://news21tongsin.co.kr", "78931")
    assert url == "https://news21tongsin.co.kr/news/view.php?idx=78931"
    assert article_id(PROFILE, url) == "78931"


def test_list_url() -> None:
    assert list_url(PROFILE, "http://127.0.0.1:8021", "m73mass273", 3) == (
        "http://127.0.0.1:8021/news/list.php?mcode=m73mass273&page=3"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://127.0.0.1:8021", "http://127.0.0.1:8021"),
        ("http://127.0.0.1:8021/", "http://127.0.0.1:8021"),
        ("https://news21tongsin.co.kr", "https://news21tongsin.co.kr"),
    ],
)
def test_normalize_base_url(raw: str, expected: str) -> None:
    assert normalize_base_url(raw) == expected


@pytest.mark.parametrize("raw", ["ftp://host", "127.0.0.1:8021", "http://", "http://host/news/", "file:///tmp"])
def test_bad_base_url(raw: str) -> None:
    with pytest.raises(ValueError):
        normalize_base_url(raw)


def test_a_site_that_links_with_the_article_form_gets_it_in_its_urls() -> None:
    krnews21 = PROFILES["krnews21"]
    url = article_url(krnews21, "http://www.krnews21.co.kr", "261328")
    assert url == "http://www.krnews21.co.kr/article/261328"
    assert article_id(krnews21, url) == "261328"
