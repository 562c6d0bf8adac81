"""Recognising a CMS family from a home page: the replicas' homes, a home of each family the
evidence describes, and the traps of ``../shared/FAMILIES.md`` (another site's articles,
subdomains, framesets, editor classes, commented-out menus, custom skins, side boards)."""

from __future__ import annotations

import pytest

from newscrawl.cms.families import FAMILIES
from newscrawl.cms.recognised import RECOGNISED
from newscrawl.cms.uncrawled import UNCRAWLED
from newscrawl.extract.recognise import FRAMESET, recognise, registered_domain
from tests.replica import homes, ndsoft, render
from tests.replica.articles import ARTICLES

HOME = "https://www.example-daily.kr/"


def _verdict(html: str | bytes, url: str = HOME, home_url: str = ""):
    body = html.encode() if isinstance(html, str) else html
    return recognise(body, url, RECOGNISED, home_url=home_url)


def _mediaon_links(host: str = "", count: int = 30) -> str:
    return "".join(f'<li><a href="{host}/news/article.html?no={1000 + n}">기사 {n}</a></li>' for n in range(count))


def _ndsoft_links(count: int = 30) -> str:
    return "".join(f'<li><a href="/news/articleView.html?idxno={2000 + n}">기사 {n}</a></li>' for n in range(count))


def test_the_view_php_replica_home_is_its_family() -> None:
    verdict = _verdict(render.home_page(ARTICLES))
    assert verdict.family == "dadami" and verdict.decided
    assert [item.signal for item in verdict.evidence[:2]] == ["list links /news/list.php?mcode=", "article links /news/view.php?idx=…&mcode="]


@pytest.mark.parametrize("skin", ndsoft.SKINS)
def test_the_ndsoft_replica_home_is_its_family(skin: str) -> None:
    verdict = _verdict(ndsoft.page(ndsoft.ARTICLES, "/", {}, skin).body)
    assert verdict.family == "ndsoft"
    assert {item.signal for item in verdict.evidence} >= {"vendor name ND소프트 in the footer", "RSS feed /rss/allArticle.xml"}
    assert verdict.confidence == 1.0


@pytest.mark.parametrize("kind", homes.FAMILIES)
@pytest.mark.parametrize("number", range(4))
def test_each_family_home_is_named(kind: str, number: int) -> None:
    verdict = _verdict(homes.home(kind, number))
    assert verdict.family == homes.FAMILIES[kind], verdict
    if verdict.decided:
        assert 2 <= len(verdict.evidence) <= 3 or len(verdict.evidence) == len(verdict.scores) == 1
        assert verdict.confidence >= 0.5


def test_uncrawled_families_are_named_not_taken_for_crawled_ones() -> None:
    uncrawled = {family.family for family in UNCRAWLED}
    assert not uncrawled & set(FAMILIES)
    for kind in ("inswave", "dkbsoft", "ncode", "gnuboard", "wordpress"):
        verdict = _verdict(homes.home(kind, 0))
        assert verdict.family == kind and verdict.family not in FAMILIES
        assert not set(verdict.scores) & set(FAMILIES), verdict.scores


def test_another_sites_articles_do_not_count() -> None:
    """An ND소프트 home with a partner box linking 30 미디어온 articles of another outlet."""
    page = f"<html><body><ul>{_ndsoft_links(8)}</ul><ul class='partner'>{_mediaon_links('https://www.partner-news.com')}</ul></body></html>"
    verdict = _verdict(page)
    assert verdict.family == "ndsoft" and "mediaon" not in verdict.scores
    # The same links on the home's own site would decide it.
    assert _verdict(page.replace("https://www.partner-news.com", "")).family == "mediaon"


def test_links_on_a_subdomain_of_the_home_count() -> None:
    page = f"<html><body><ul>{_mediaon_links('http://m.example-daily.kr')}</ul></body></html>"
    verdict = _verdict(page)
    assert verdict.family == "mediaon" and verdict.evidence[0].count == 30
    assert registered_domain("m.example-daily.kr") == registered_domain("www.example-daily.kr") == "example-daily.kr"
    assert registered_domain("127.0.0.1") == "127.0.0.1"


def test_a_frameset_names_its_main_frame_and_the_frame_is_recognised_for_the_home() -> None:
    verdict = _verdict(homes.home("frameset", 0))
    assert verdict.family == FRAMESET and not verdict.decided
    assert verdict.frame_url == "https://www.example-daily.kr/main.php"
    assert "frameset" in verdict.describe()
    framed = _verdict(homes.home("ndsoft", 1), url=verdict.frame_url, home_url=HOME)
    assert framed.family == "ndsoft"


def test_the_frame_given_the_rest_of_the_window_is_the_main_one() -> None:
    page = '<html><frameset cols="180,*"><frame name="left" src="/menu.html"><frame name="content" src="/front.php"></frameset></html>'
    assert _verdict(page).frame_url == "https://www.example-daily.kr/front.php"


def test_editor_classes_are_no_family_mark() -> None:
    """Froala's ``fr-view`` and the Naver editor's ``smartOutput`` appear on many CMSs, and
    ``/news/view.php?idx=`` is a path other PHP sites use: together they name nothing."""
    links = "".join(f'<a href="/news/view.php?idx={n}">기사</a>' for n in range(20))
    page = f'<html><body><div class="fr-view">{links}</div><div class="smartOutput">본문</div></body></html>'
    verdict = _verdict(page)
    assert not verdict.decided and verdict.scores == {"dadami": 2.0}
    assert _verdict(homes.home("plain", 0)).family == ""


def test_commented_out_menus_and_feeds_are_not_read() -> None:
    hidden = f'<!-- <ul>{_mediaon_links()}</ul><link rel="alternate" href="/data/rss/news.xml"> -->'
    page = f"<html><head></head><body>{hidden}<ul>{_ndsoft_links(10)}</ul></body></html>"
    verdict = _verdict(page)
    assert verdict.family == "ndsoft" and "mediaon" not in verdict.scores
    assert _verdict(page.replace("<!--", "").replace("-->", "")).family == "mediaon"


def test_a_custom_skin_on_mediaon_urls_is_mediaon_by_its_urls() -> None:
    verdict = _verdict(homes.home("mediaon_custom", 0))
    assert verdict.family == "mediaon"
    assert "custom skin" in verdict.note
    assert "ndsoft" not in verdict.scores  # its `nd…` ids are its own prefix


def test_a_board_beside_the_cms_is_a_minority() -> None:
    board = "".join(f'<a href="/bbs/board.php?bo_table=free&amp;wr_id={n}">글</a>' for n in range(6))
    verdict = _verdict(f"<html><body><ul>{_mediaon_links()}</ul>{board}</body></html>")
    assert verdict.family == "mediaon" and verdict.scores["gnuboard"] == 6


def test_two_families_neck_and_neck_name_neither() -> None:
    verdict = _verdict(f"<html><body><ul>{_mediaon_links(count=12)}</ul><ul>{_ndsoft_links(12)}</ul></body></html>")
    assert verdict.family == "" and verdict.label == "unknown"
    assert verdict.note == "candidates: mediaon 12, ndsoft 12"
    assert "no CMS family clearly" in verdict.describe()


def test_euc_kr_homes_are_read_in_their_encoding() -> None:
    verdict = _verdict(homes.home("inswave", 0))
    assert "vendor mark 인스정보기술 / inswave.net" in {item.signal for item in verdict.evidence}


def test_euc_kr_bytes_in_a_utf8_template_comment_do_not_spoil_the_page() -> None:
    comment = "<!-- 최종편집 틀 -->".encode("cp949")
    page = homes.home("mediaon_old", 0).replace(b"<body>", b"<body>" + comment)
    verdict = _verdict(page)
    assert "meta text 인터넷신문 솔루션" in {item.signal for item in verdict.evidence}


def test_a_page_without_markup_is_unknown() -> None:
    for body in (b"", b"   ", b"\x00\x01binary"):
        verdict = _verdict(body)
        assert verdict.family == "" and verdict.confidence == 0.0


def test_every_declared_signal_pattern_compiles_and_families_are_unique() -> None:
    names = [family.family for family in RECOGNISED]
    assert len(names) == len(set(names)) and FRAMESET not in names
    assert {"ndsoft", "dadami"} <= set(names)
