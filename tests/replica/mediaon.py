"""A replica of a 미디어온 install, in the markup ``../shared/FAMILIES.md`` part A documents: the
replica's own prose under ``article.html?no=`` ids, both skin generations (responsive
``div.art_top`` pages and old XHTML ``div.arvtitle`` / ``div.hbox`` pages, as a site mid-way
through a redesign serves them), ``p`` and bare ``div`` paragraphs, the "매체명 이름 기자 |" lead,
``/data/photos/`` images with ``▲`` captions, the body's furniture, site-wide dates, the
all-articles and section lists (two anchors per entry, links with extra parameters, a page
past the end repeating the last), the feed (with articles no list shows), the mobile and
print forms of every article, a deleted article.

``ReplicaServer(pages=mediaon.page, articles=mediaon.ARTICLES)`` serves it; with
``skin="old-lists"`` its lists are in the old skins' ``div.m01_ara dl`` markup.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from html import escape
from typing import Any

from tests.replica.articles import Article, make_article
from tests.replica.server import NOT_FOUND, Page

BRAND = "한빛일보"
SECTIONS = {"1": "사회", "2": "정치", "3": "문화"}
_BY_REPLICA_SECTION = dict(zip(("m72mass272", "m73mass273", "m81mass281"), SECTIONS, strict=True))
LIST_PAGE_SIZE = 5
FEED_SIZE = 8
FIRST_NO = 150_000
DELETED_PAGE = (
    "<html><head><meta charset='utf-8'></head><body><script>alert('삭제되었거나 존재하지 않는 기사입니다.');"
    "history.back();</script></body></html>"
)


def _article(number: int) -> Article:
    """The ``number``-th article (0 is the oldest); its ``no`` skips a few ids."""
    base = make_article(number)
    return replace(base, idx=FIRST_NO + number * 3 + number % 2, section=_BY_REPLICA_SECTION[base.section])


def _build() -> list[Article]:
    articles = [_article(number) for number in range(22)]
    articles[4].images = [("/data/photos/20241210/art_17332_1a2b3c.jpg", "행사장을 찾은 시민들")]
    articles[9].images = [("/data/photos/20241211/art_17333_4d5e6f.jpg", "새로 문을 연 도서관"), ("/data/photos/20241211/art_17333_7a8b9c.jpg", "")]
    articles[6].modified = articles[6].published + timedelta(hours=2, minutes=5, seconds=9)
    articles[7].modified = articles[7].published + timedelta(days=1, minutes=30)
    articles[12].kind = "deleted_alert"  # the list still shows it; the page says it is gone
    # Only the feed shows these (the newest two): no list does yet.
    for number in (20, 21):
        articles[number].listed = False
    return articles


ARTICLES: list[Article] = _build()
"""The install's articles, oldest first."""


def generation(article: Article) -> str:
    """``responsive`` or ``xhtml``: the skin its page is served in (by its number)."""
    return "responsive" if (article.idx - FIRST_NO) // 3 % 2 == 0 else "xhtml"


def _number(article: Article) -> int:
    return (article.idx - FIRST_NO) // 3


def _lead(article: Article) -> str:
    return f"{BRAND} {article.authors} 기자 | " if _number(article) % 4 == 1 else ""


def expected_items(base_url: str, site: str = "mediaon") -> dict[str, dict[str, Any]]:
    """What a correct crawl of the replica exports, by article id."""
    items = {}
    for article in ARTICLES:
        if not article.exported:
            continue
        old = generation(article) == "xhtml"
        published = f"{article.published:%Y.%m.%d %H:%M:%S}"
        modified = f"{article.modified:%Y.%m.%d %H:%M:%S}" if article.modified else ""
        items[str(article.idx)] = {
            "url": f"{base_url}/news/article.html?no={article.idx}",
            "article_id": str(article.idx),
            "site": site,
            "section": SECTIONS[article.section],
            "title": article.title,
            "subtitle": "\n".join(article.subtitles),
            "author": article.authors,
            "published_at": article.published.isoformat() + "+09:00",
            "modified_at": article.modified.isoformat() + "+09:00" if article.modified else None,
            "published_raw": published if old else f"등록 {published}",
            "modified_raw": (f"최종편집 {modified}" if old else f"수정 {modified}") if modified else "",
            "body": "\n".join(article.paragraphs),
            "images": [{"url": base_url + path, "caption": caption} for path, caption in article.images],
            "is_update": False,
        }
    return items


def page(articles: list[Article], path: str, query: dict[str, list[str]], skin: str) -> Page:
    """The install's response to a GET of ``path`` with ``query``."""
    if path == "/robots.txt":
        return Page(b"User-agent: *\nDisallow: /member/\n", "text/plain")
    if path == "/":
        return Page(_frame("홈", _home(articles)).encode())
    number = query.get("page", ["1"])[0]
    if path == "/news/article_list_all.html" and number.isdigit() and int(number) > 0:
        listed = [a for a in reversed(articles) if a.listed]
        return Page(_frame("전체기사", _list(listed, int(number), "/news/article_list_all.html?", skin)).encode())
    if path == "/news/section_list_all.html" and number.isdigit() and int(number) > 0:
        code = query.get("sec_no", [""])[0]
        if code in SECTIONS:
            listed = [a for a in reversed(articles) if a.listed and a.section == code]
            return Page(_frame(SECTIONS[code], _list(listed, int(number), f"/news/section_list_all.html?sec_no={code}&amp;", skin)).encode())
    if path == "/data/rss/news.xml":
        return Page(_feed(articles).encode(), "application/rss+xml; charset=utf-8")
    if path in ("/news/article.html", "/mobile/article.html", "/news/article_print.html"):
        no = query.get("no", [""])[0]
        article = next((a for a in articles if str(a.idx) == no), None)
        if article is None or article.kind == "deleted_alert":
            return Page(DELETED_PAGE.encode())
        return Page(_article_page(article).encode())
    return NOT_FOUND


def _menu() -> str:
    items = "".join(f'<li><a href="/news/section_list_all.html?sec_no={code}">{name}</a></li>' for code, name in SECTIONS.items())
    # A menu of an earlier design, commented out, with placeholder links.
    old = '<!-- <ul class="old_menu"><li><a href="/news/article.html?no=1">샘플</a></li></ul> -->'
    return f'<ul class="hdl_menu">{items}<li><a href="/news/article_list_all.html">전체기사</a></li></ul>{old}'


def _frame(title: str, contents: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{escape(title)} - {BRAND}</title>
<link rel="alternate" type="application/rss+xml" title="{BRAND}" href="/data/rss/news.xml">
<link rel="stylesheet" href="/data/cache/skin/1/index-cnts.css?v=1700000000">{head}
</head><body>
<div id="header"><p class="today">2026년 12월 02일 (수)</p>{_menu()}</div>
<div id="container">
{contents}
</div>
<!-- <div class="last_edit">최종편집 : 2026.12.02 10:00:00</div> -->
<div id="footer"><p>{BRAND} | 등록번호 충북 아00000 | 발행·편집인 홍길동</p>
<p>UPDATE: 2026년 12월 02일 10시 00분</p><a href="https://www.mediaon.example"><img src="/image/powered.png" alt="powered by mediaOn"></a></div>
</body></html>
<!-- MAKE FILE (2026-12-02 10:00:00) -->
"""


def _home(articles: list[Article]) -> str:
    newest = [a for a in reversed(articles) if a.listed][:6]
    items = "".join(f'<li><a href="/news/article.html?no={a.idx}">{escape(a.title)}</a></li>' for a in newest)
    return f'<div class="ara_001"><ul>{items}</ul></div>'


def _entry_link(article: Article, position: int) -> str:
    """A list link in one of the forms installs write: host-relative, relative with the
    section, absolute with extra parameters."""
    forms = (
        f"/news/article.html?no={article.idx}",
        f"article.html?no={article.idx}&amp;sec_no={article.section}",
        f"/news/article.html?no={article.idx}&amp;mode=orig&amp;rvw_no=",
    )
    return forms[position % len(forms)]


def _list(listed: list[Article], number: int, base: str, skin: str = "") -> str:
    last = max(1, -(-len(listed) // LIST_PAGE_SIZE))
    shown = listed[(min(number, last) - 1) * LIST_PAGE_SIZE : min(number, last) * LIST_PAGE_SIZE]  # past the end: the last page
    if skin == "old-lists":
        entries = "".join(
            f'<dl><dt><a href="{_entry_link(a, position)}">{escape(a.title)}</a></dt><dd>{escape(a.paragraphs[0][:40])} <span>{a.published:%Y-%m-%d %H:%M}</span></dd></dl>'
            for position, a in enumerate(shown)
        )
        pages = "".join(f'<a href="{base}page={n}">[{n}]</a>' for n in range(1, last + 1))
        return f'<div class="m01_ara">{entries}</div><div class="paging">{pages}</div>'
    entries = "".join(
        f'<li><a class="thumb" href="{_entry_link(a, position)}"><img src="/data/cache/public/photos/20241210/art_{a.idx}_120x80.jpg" alt=""></a>'
        f'<a href="{_entry_link(a, position + 1)}"><h2 class="clamp c2">{escape(a.title)}</h2><p class="ffd">{escape(a.paragraphs[0][:40])}</p>'
        f'<ul class="art_info"><li class="name">{escape(a.authors)} 기자</li><li class="date">{a.published:%Y-%m-%d %H:%M}</li></ul></a></li>'
        for position, a in enumerate(shown)
    )
    pages = "".join(f'<a href="{base}page={n}"{" class=on" if n == number else ""}>{n}</a>' for n in range(1, last + 1))
    return f'<div class="arl_008"><ul class="art_list_all">{entries}</ul></div><div class="btn_pagenum">{pages}<a class="btn_p next" href="{base}page={number + 1}">다음</a></div>'


def _feed(articles: list[Article]) -> str:
    """The newest articles as RSS 2.0, some linked in the mobile form (host-relative: the
    replica answers on whichever loopback address it is given)."""
    newest = list(reversed(articles))[:FEED_SIZE]
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>/{'mobile' if n % 2 else 'news'}/article.html?no={a.idx}</link>"
        f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S} +0900</pubDate></item>"
        for n, a in enumerate(newest)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{BRAND}</title>{items}</channel></rss>'


def _paragraphs(article: Article) -> list[str]:
    tag = "div" if _number(article) % 3 == 0 else "p"
    texts = [_lead(article) + article.paragraphs[0], *article.paragraphs[1:]]
    blocks = [f"<{tag}>{escape(text)}</{tag}>" for text in texts]
    for position, (path, caption) in reversed(list(enumerate(article.images))):
        marked = f"<{tag}>▲ {escape(caption)}</{tag}>" if caption else ""
        blocks.insert(position, f'<{tag} style="text-align:center"><img src="{path}" alt=""></{tag}>{marked}')
    return blocks


def _body(article: Article) -> str:
    furniture_top = (
        '<div class="util"><a href="#">인쇄</a><a href="#">스크랩</a></div>'
        f'<div class="viewsubject">{escape(article.title)} {article.published:%Y.%m.%d}</div>'
    )
    furniture_end = (
        f'<div class="banner_box"><a href="/news/banner_click.php?no=3"><img src="/data/banner/3.jpg" alt="지역 축제"></a></div>'
        f'<a class="btn_allarticle" href="/news/article_list_writer.html?name={escape(article.authors)}">{escape(article.authors)} 기자의 다른기사 보기</a>'
        f'<div class="bottom_byline">{escape(article.authors)} 기자 reporter@hanbit.example</div>'
        '<div class="util2"><a href="#">공유</a></div><div id="commentPane"><p>댓글 0</p></div>'
    )
    inner = "\n".join(_paragraphs(article))
    if _number(article) % 5 == 2:  # the wrapper alone, no id element
        return f'<div class="cnt_view">{furniture_top}{inner}{furniture_end}</div>'
    return f'<div class="cnt_view news_body_area">{furniture_top}<div id="news_body_area">{inner}</div>{furniture_end}</div>'


def _article_page(article: Article) -> str:
    section = SECTIONS[article.section]
    meta = f'<meta property="og:title" content="{escape(article.title)} - {BRAND}">'
    subtitle = "<br>".join(escape(line) for line in article.subtitles)
    if generation(article) == "responsive":
        modified = f"<li>수정 {article.modified:%Y.%m.%d %H:%M:%S}</li>" if article.modified else ""
        header = (
            f'<div class="art_top"><h2>{escape(article.title)}</h2>{f"<h3>{subtitle}</h3>" if subtitle else ""}'
            f'<ul class="art_info"><li>{escape(article.authors)} 기자</li><li>등록 {article.published:%Y.%m.%d %H:%M:%S}</li>{modified}</ul></div>'
        )
        if _number(article) % 4 == 2:  # the pinned copy of the header, first in the page
            header = f'<div class="fix_art_top"><h2>{escape(article.title)}</h2></div>' + header
        where = (
            f'<ul class="art_top_nav"><li><a href="/">홈</a></li><li><a href="/news/section.html?sec_no={article.section}">{section}</a></li></ul>'
            if _number(article) % 4 == 0 else f'<div class="path_wrap"><h3>{section}</h3></div>'
        )
        contents = f'<div class="arv_001">{where}{header}{_body(article)}</div>'
    else:
        modified = f' <span>최종편집 {article.modified:%Y.%m.%d %H:%M:%S}</span>' if article.modified else ""
        box = "hbox" if _number(article) % 4 == 1 else "arvtitle"
        header = (
            f'<div class="{box}"><h2>{escape(article.title)}</h2>{f"<h3>{subtitle}</h3>" if subtitle else ""}</div>'
            f'<p class="arvdate">{article.published:%Y.%m.%d %H:%M:%S}{modified} <a href="mailto:reporter@hanbit.example">{escape(article.authors)} 기자</a></p>'
        )
        contents = f'<div class="m01_arv"><div class="path_wrap"><h3>{section}</h3></div>{header}{_body(article)}</div>'
    return _frame(article.title, contents, meta)
