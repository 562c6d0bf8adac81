"""A page's own metadata, the safety net for fields no skin selector finds."""

from __future__ import annotations

import json

import lxml.html

from newscrawl.extract.metadata import Metadata, page_metadata

OPEN_GRAPH = """<html><head>
<meta property="og:title" content=" 군립 도서관,  야간 개관 시작 ">
<meta property="article:published_time" content="2024-03-04T09:10:00+09:00">
<meta property="article:section" content="문화">
<meta property="og:image" content="/data/photos/lib.jpg">
<meta name="description" content="요약">
</head><body><p>본문</p></body></html>"""


def _json_ld(data: object) -> str:
    return f'<html><head><script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script></head><body></body></html>'


def test_open_graph_and_article_tags() -> None:
    assert page_metadata(lxml.html.fromstring(OPEN_GRAPH)) == Metadata(
        title="군립 도서관, 야간 개관 시작",
        published="2024-03-04T09:10:00+09:00",
        section="문화",
        image="/data/photos/lib.jpg",
    )


def test_json_ld_news_article_in_a_graph_comes_first() -> None:
    page = _json_ld({"@graph": [
        {"@type": "WebSite", "name": "군정 소식"},
        {
            "@type": ["NewsArticle"], "headline": "예산안 심사 착수", "datePublished": "2024-03-05T10:00:00+09:00",
            "dateModified": "2024-03-06T08:00:00+09:00", "articleSection": ["지방자치"],
            "image": {"url": "https://example.kr/a.jpg"}, "author": [{"name": "이서윤"}, {"name": "박지호"}],
            "articleBody": "첫 문단입니다.\n\n 둘째 문단입니다. ",
        },
    ]})
    assert page_metadata(lxml.html.fromstring(page)) == Metadata(
        title="예산안 심사 착수",
        published="2024-03-05T10:00:00+09:00",
        modified="2024-03-06T08:00:00+09:00",
        section="지방자치",
        image="https://example.kr/a.jpg",
        author="이서윤, 박지호",
        body="첫 문단입니다.\n둘째 문단입니다.",
    )


def test_broken_or_foreign_json_ld_is_ignored() -> None:
    page = _json_ld({"@type": "Organization", "name": "군정 소식"}).replace("</head>", '<script type="application/ld+json">{broken</script></head>')
    assert page_metadata(lxml.html.fromstring(page)) == Metadata()
