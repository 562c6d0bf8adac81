"""A replica of an ND소프트 install, in the markup ``../shared/ndsoft/README.md`` documents:
its own articles (the replica's prose under ND ids and sections), gaps between ids, articles
that only walking ids finds, soft-404 ids, feeds, a members-only article, inline ads,
relation boxes and ``발행일`` traps.

``ReplicaServer(pages=ndsoft.page, articles=ndsoft.ARTICLES, skin="foundation/foundation")``
serves it; the skin is ``<article skin>/<list skin>``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from html import escape
from typing import Any

from tests.replica.articles import Article, make_article
from tests.replica.server import NOT_FOUND, Page

SECTIONS = {"S1N1": "사회", "S1N2": "자치행정", "S1N4": "문화"}
_BY_REPLICA_SECTION = dict(zip(("m72mass272", "m73mass273", "m81mass281"), SECTIONS, strict=True))
SKINS = ("foundation/foundation", "atlview/2020", "foundation/legacy", "atlview/2025")
"""The article and list skins served together in the tests."""
AMP_LINKED = 3
"""Every third listed article is linked in the AMP form, with a sharing parameter."""
LIST_PAGE_SIZE = 4
FEED_SIZE = 6
SOFT_404 = (
    "<html><head><meta charset='utf-8'></head><body><script>alert('존재하지 않는 링크입니다.');"
    "history.back();</script><p>존재하지 않는 링크입니다.</p></body></html>"
)
FIRST_ID = 410_000


def _article(number: int) -> Article:
    """The ``number``-th article (0 is the oldest): ids go up by two or three, the gaps are
    ids never used."""
    base = make_article(number)
    return replace(
        base,
        idx=FIRST_ID + number * 2 + number // 4,
        section=_BY_REPLICA_SECTION[base.section],
        published=base.published.replace(second=0),
        byline=f"광주={base.byline}" if number % 3 == 0 else base.byline,
    )


def _build() -> list[Article]:
    articles = [_article(number) for number in range(20)]
    by_number = dict(enumerate(articles))
    by_number[2].images = [("/news/photo/202403/410004_1.jpg", "개막식을 찾은 관람객들"), ("/news/photo/202403/410004_2.jpg", "")]
    by_number[3].modified = by_number[3].published + timedelta(hours=5, minutes=12)
    by_number[3].extras = ("ad",)
    by_number[4].extras = ("relation",)
    by_number[6].kind = "members_only"
    by_number[7].kind = "deleted_alert"  # the list still shows it; the page says it does not exist
    # Found only by walking ids: in no list and no feed (the oldest one below every list).
    for number in (0, 5, 8, 9):
        by_number[number].listed = False
    return articles


ARTICLES: list[Article] = _build()
"""The install's articles, oldest first."""
WALK_ONLY = {str(ARTICLES[number].idx) for number in (0, 5, 8, 9)}
"""Articles in no list and no feed: only walking the ids finds them."""
REDIRECTING_ID = str(ARTICLES[10].idx + 1)
"""An unused id that redirects to the home page; ``NOT_FOUND_ID`` answers 404."""
NOT_FOUND_ID = str(ARTICLES[12].idx + 1)


def expected_items(base_url: str, site: str = "ndsoft", skin: str = "foundation") -> dict[str, dict[str, Any]]:
    """What a correct crawl of the replica exports, by article id."""
    label = "승인" if skin == "foundation" else "입력"
    return {
        str(article.idx): {
            "url": f"{base_url}/news/articleView.html?idxno={article.idx}",
            "article_id": str(article.idx),
            "site": site,
            "section": SECTIONS[article.section],
            "title": article.title,
            "subtitle": "\n".join(article.subtitles) if skin == "atlview" else "",
            "author": article.authors,
            "published_at": article.published.isoformat() + "+09:00",
            "modified_at": article.modified.replace(second=0).isoformat() + "+09:00" if article.modified and skin == "atlview" else None,
            "published_raw": f"{label} {article.published:%Y.%m.%d %H:%M}",
            "modified_raw": f"업데이트 {article.modified:%Y.%m.%d %H:%M}" if article.modified and skin == "atlview" else "",
            "body": "\n".join(article.paragraphs),
            "images": [{"url": base_url + path, "caption": caption} for path, caption in article.images],
            "is_update": False,
        }
        for article in ARTICLES
        if article.exported
    }


def page(articles: list[Article], path: str, query: dict[str, list[str]], skin: str) -> Page:
    """The install's response to a GET of ``path`` with ``query``."""
    article_skin, list_skin = skin.split("/")
    if path == "/robots.txt":
        return Page(b"User-agent: *\nDisallow: /member/\n", "text/plain")
    if path == "/":
        return Page(_frame("남도소식", _home(articles)).encode())
    if path == "/news/articleList.html":
        code, number = query.get("sc_section_code", [""])[0], query.get("page", ["1"])[0]
        if code in SECTIONS and number.isdigit() and int(number) > 0:
            return Page(_frame(SECTIONS[code], _list(articles, code, int(number), list_skin)).encode())
    if path.startswith("/rss/") and path.endswith(".xml"):
        code = path.removeprefix("/rss/").removesuffix(".xml")
        if code == "allArticle" or code in SECTIONS:
            return Page(_feed(articles, None if code == "allArticle" else code).encode(), "application/rss+xml; charset=utf-8")
    if path == "/news/articleView.html":
        idx = query.get("idxno", [""])[0]
        if idx == REDIRECTING_ID:
            return Page(b"", status=302, headers=(("Location", "/"),))
        if idx == NOT_FOUND_ID:
            return NOT_FOUND
        article = next((a for a in articles if str(a.idx) == idx), None)
        if article is None or article.kind == "deleted_alert":
            return Page(SOFT_404.encode())
        return Page(_article_page(article, article_skin).encode())
    return NOT_FOUND


def _frame(title: str, contents: str, head: str = "") -> str:
    menu = "".join(f'<li><a href="/news/articleList.html?sc_section_code={code}&amp;view_type=sm">{name}</a></li>' for code, name in SECTIONS.items())
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{escape(title)} - 남도소식</title>
<link rel="titleernate" type="application/rss+xml" title="전체기사" href="/rss/allArticle.xml">{head}
</head><body>
<header class="user-header"><p class="today">발행일: 2025-12-06 17:25 (토)</p><nav class="gnb"><ul>{menu}</ul></nav></header>
<div id="user-container">
{contents}
</div>
<footer class="user-footer"><p>남도소식 | 등록번호 전남 아00000 | 발행일 : 2015-02-23 | 발행인 홍길동</p>
<p>Copyright © 남도소식. All rights reserved.</p><p>ND소프트</p></footer>
</body></html>
<!--// Cache :: replica //-->
"""


def _home(articles: list[Article]) -> str:
    newest = articles[-1]
    return f'<div class="main-top"><a href="/news/articleView.html?idxno={newest.idx}">{escape(newest.title)}</a></div>'


def _listed(articles: list[Article], code: str) -> list[Article]:
    return [a for a in reversed(articles) if a.section == code and a.listed]


def _link(article: Article) -> str:
    """How a list links an article: canonical, or the AMP form with a sharing parameter."""
    if article.idx % AMP_LINKED == 0:
        return f"/news/articleViewAmp.html?idxno={article.idx}&amp;fbclid=IwAR2list"
    return f"/news/articleView.html?idxno={article.idx}"


def _list_date(article: Article) -> str:
    """A 2020+/2025 list date: ``MM-DD HH:MM`` for this year's articles, else ``YYYY-MM-DD``
    (as 2025 lists write them; the year is the reader's to infer)."""
    if article.published.year == datetime.now().year:
        return f"{article.published:%m-%d %H:%M}"
    return f"{article.published:%Y-%m-%d}"


def _list(articles: list[Article], code: str, number: int, skin: str) -> str:
    listed = _listed(articles, code)
    last = max(1, -(-len(listed) // LIST_PAGE_SIZE))
    if skin == "2025":
        return _altlist(listed[:LIST_PAGE_SIZE], code)  # no page links: every page is page 1
    shown = listed[(number - 1) * LIST_PAGE_SIZE : number * LIST_PAGE_SIZE]
    if skin == "legacy":
        rows = "".join(
            f'<tr><td class="ArtList_Title"><a href="{_link(a)}">{escape(a.title)}</a></td><td>{a.published:%Y-%m-%d}</td></tr>'
            for a in shown
        )
        entries = f"<table>{rows}</table>"
        end = f'<a href="/news/articleList.html?sc_section_code={code}&amp;view_type=sm&amp;page={last}" title="끝">끝</a>'
    elif skin == "2020":
        entries = f'<section id="section-list">{_section_list(shown, code)}</section>'
        end = f'<li class="pagination-end"><a href="/news/articleList.html?sc_section_code={code}&amp;view_type=sm&amp;page={last}">끝</a></li>'
    else:
        # The 2017 date line: "section | reporter | date", or "reporter | date" in one section.
        entries = "".join(
            f'<div class="list-block"><div class="list-titles"><a href="{_link(a)}"><strong>{escape(a.title)}</strong></a></div>'
            f'<p class="list-summary"><a href="{_link(a)}">{escape(a.paragraphs[0][:30])}</a></p>'
            f'<div class="list-dated">{"" if code == "S1N4" else SECTIONS[code] + " | "}{escape(a.authors)} 기자 | {a.published:%Y.%m.%d %H:%M}</div></div>'
            for a in shown
        )
        end = f'<li class="pagination-end"><a href="/news/articleList.html?sc_section_code={code}&amp;view_type=sm&amp;page={last}">끝</a></li>'
    return f'<section class="article-list">{entries}</section><ul class="pagination">{end}</ul>'


def _section_list(shown: list[Article], code: str) -> str:
    """The 2020+ list of a section, in one of the variants installs serve: ``ul.type2`` with
    ``h4.titles`` and the date the last ``em`` of ``span.byline``; ``ul.type1`` with
    ``H2.titles`` and ``em.info.dated``; ``ul.type1`` with a two-field byline and year-less dates."""
    if code == "S1N1":
        items = "".join(
            f'<li><h4 class="titles"><a href="{_link(a)}">{escape(a.title)}</a></h4>'
            f'<p class="lead"><a href="{_link(a)}">{escape(a.paragraphs[0][:30])}</a></p>'
            f'<span class="byline"><em>{SECTIONS[code]}</em><em>{escape(a.authors)} 기자</em><em>{a.published:%Y.%m.%d %H:%M}</em></span></li>'
            for a in shown
        )
        return f'<ul class="type2">{items}</ul>'
    if code == "S1N2":
        items = "".join(
            f'<LI><div class="view-cont"><H2 class="titles"><A href="{_link(a)}" target="_top">{escape(a.title)}</A></H2>'
            f'<em class="info category">{SECTIONS[code]}</em><em class="info name">{escape(a.authors)} 기자</em>'
            f'<em class="info dated">{a.published:%Y-%m-%d}</em></div></LI>'
            for a in shown
        )
        return f'<UL class="type1">{items}</UL>'
    items = "".join(
        f'<li><a class="thumb" href="{_link(a)}"><img src="/image/noimg.gif" alt=""></a>'
        f'<h4 class="titles"><a href="{_link(a)}">{escape(a.title)}</a></h4>'
        f'<span class="byline"><em>{escape(a.authors)} 기자</em><em>{_list_date(a)}</em></span></li>'
        for a in shown
    )
    return f'<ul class="type1">{items}</ul>'


def _altlist(shown: list[Article], code: str) -> str:
    """The 2025 list: no page links, a "더보기" button; absolute links with ``target=_top``; the
    info items in a per-install order (section, author, date; or author, date)."""
    def info(article: Article) -> str:
        items = [f"{escape(article.authors)} 기자", _list_date(article)]
        if code != "S1N2":
            items.insert(0, SECTIONS[code])
        return "".join(f'<span class="altlist-info-item">{item}</span>' for item in items)

    view = "webzine" if code == "S1N1" else "text"
    items = "".join(
        f'<li class="altlist-{view}-item"><H2 class="altlist-subject"><a href="http://127.0.0.1{_link(a)}" target="_top">{escape(a.title)}</a></H2>'
        f'<p class="altlist-summary">{escape(a.paragraphs[0][:30])}</p><div class="altlist-info">{info(a)}</div></li>'
        for a in shown
    )
    return (
        f'<div id="sections" class="altlist"><article id="section-list" class="altlist-body">'
        f'<H1 class="altlist-title">전체기사 <small class="altlist-count">총 {len(shown)}건의 기사가 있습니다.</small></H1>'
        f'<ul class="altlist-{view}">{items}</ul><button type="button" class="list-btn-more">더보기</button></article></div>'
    )


def _feed(articles: list[Article], code: str | None) -> str:
    """The newest articles (of a section), as RSS 2.0; the walk-only articles are in none.
    The whole site's feed writes ``pubDate`` as ND소프트 does (KST without a zone), the
    sections' feeds in RFC 822."""
    newest = [a for a in reversed(articles) if (code is None or a.section == code) and str(a.idx) not in WALK_ONLY]
    date_format = "%Y-%m-%d %H:%M:%S" if code is None else "%a, %d %b %Y %H:%M:%S +0900"
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>http://127.0.0.1/news/articleView.html?idxno={a.idx}</link>"
        f"<pubDate>{a.published.strftime(date_format)}</pubDate></item>"
        for a in newest[:FEED_SIZE]
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>남도소식</title>{items}</channel></rss>'


def _body(article: Article) -> str:
    if article.kind == "members_only":
        return '<div class="user-content"><p>이 기사는 회원 전용 기사입니다. <a href="/member/login.html">로그인</a> 후 이용해 주세요.</p></div>'
    blocks = [f"<p>{escape(p)}</p>" for p in article.paragraphs]
    for number, (path, caption) in reversed(list(enumerate(article.images))):
        blocks.insert(number, f'<figure class="photo-layout image"><img alt="" src="{path}"><figcaption>{escape(caption)}</figcaption></figure>')
    if "ad" in article.extras:
        blocks.insert(1, '<iframe src="https://ad.example.kr/slot"></iframe><!-- ADOP SEO Tag S --><ins class="adsbyadop" data-slot="9"></ins>')
    return "\n".join(blocks)


def _article_page(article: Article, skin: str) -> str:
    meta = f'<meta property="og:title" content="{escape(article.title)}"><meta property="article:section" content="{article.section}">'
    # The meta time is not the visible one: the visible date is the article's.
    meta += f'<meta property="article:published_time" content="{(article.published + timedelta(minutes=3)).isoformat()}+09:00">'
    relation = (
        '<article class="article-relation"><h3>핫이슈</h3><ul><li><a class="list-title" '
        f'href="/news/articleViewAmp.html?idxno={ARTICLES[1].idx}&amp;utm_source=relation">{escape(ARTICLES[1].title)}</a></li></ul></article>'
        if "relation" in article.extras else ""
    )
    if skin == "atlview":
        subheading = "<br>".join(escape(line) for line in article.subtitles)
        update = f'<li class="info-update">업데이트 {article.modified:%Y.%m.%d %H:%M}</li>' if article.modified else ""
        contents = f"""<section class="atlview-grid">
<header class="article-view-header"><div class="shoulder-group"><span class="section-name">{SECTIONS[article.section]}</span></div>
<h1 class="heading">{escape(article.title)}</h1>{f'<h2 class="subheading">{subheading}</h2>' if subheading else ""}
<ul class="breadcrumbs"><li class="info-name">{escape(article.byline)}</li>{update}<li class="info-update-origin">입력 {article.published:%Y.%m.%d %H:%M}</li></ul></header>
<article class="atlview-grid-body"><div class="article-body"><div id="article-view-content-div">
{_body(article)}
</div></div></article>
<article class="article-writer"><p>{escape(article.authors)} 기자 다른기사 보기</p></article>
<div class="tag-group"><a href="/news/tag">#지역</a></div>
<article class="article-copyright">저작권자 © 남도소식 무단전재 및 재배포, AI학습 및 활용 금지</article>{relation}
<div id="skin-23"><div class="auto-article"><h3>많이 본 뉴스</h3><ol><li><a href="/news/ampArticleView.html?idxno={ARTICLES[2].idx}&amp;fbclid=IwAR9rank">1 {escape(ARTICLES[2].title)}</a></li></ol></div></div>
</section>"""
    else:
        contents = f"""<div class="article-head-title">{escape(article.title)}</div>
<nav class="article-head-nav"><a href="/">HOME</a><i class="fa"></i><a href="/news/articleList.html?sc_section_code={article.section}">{SECTIONS[article.section]}</a><i class="fa"></i><a href="/news/articleList.html?sc_sub_section_code=S2N9">지역</a></nav>
<div class="info-text"><ul class="no-bullet"><li><i class="fa"></i> {escape(article.byline.split("=")[-1])}</li><li><i class="fa"></i> 승인 {article.published:%Y.%m.%d %H:%M}</li><li><i class="fa"></i> 댓글 0</li></ul></div>
<button type="button" class="aht-btn prev" onclick="articleHeader.move('prev', 'embargo_date', '0_{article.idx}', '{article.section}')">이전</button>
<article class="article-veiw-body"><div id="article-view-content-div" itemprop="articleBody">
{_body(article)}
</div>
<div class="view-copyright"><br>{escape(article.authors)} 기자 reporter@namdo.example<br>저작권자 © 남도소식 무단전재 및 재배포 금지</div>
<div class="view-editors"><a href="/news/userArticleList.html">다른기사 보기</a></div>
</article>{relation}"""
    return _frame(article.title, contents, meta)
