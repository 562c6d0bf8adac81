"""HTML of the replica's pages, in the markup documented for the news21 CMS."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from html import escape

from tests.replica.articles import BOX_ONLY, LIST_PAGE_SIZE, MOST_READ, SECTIONS, Article

LIVE_BASE = "https://news21tongsin.co.kr"
PINNED_NOTICES = {"m72mass272": "", "m73mass273": "[공지] "}
"""Sections whose list pages start with a pinned notice, and the notice's title prefix."""


def _menu() -> str:
    items = "".join(
        f'<li><a href="/news/list.php?mcode={code}">{name}</a></li>' for code, name in SECTIONS.items()
    )
    return f'<ul id="gnb">{items}</ul>'


def _page(title: str, contents: str, charset_meta: str = '<meta charset="utf-8">', head: str = "") -> str:
    most_read = "".join(
        f'<li><a href="/news/view.php?idx={idx}&amp;mcode=m72mass272"><strong>{escape(text)}</strong></a>'
        f"<p>{escape(text)}에 대한 독자 관심이 이어지고 있다 ...</p></li>"
        for idx, text in zip(MOST_READ, ("인기 기사 모음: 주간 화제의 소식", "지난주 가장 많이 읽힌 기사"), strict=True)
    )
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
{charset_meta}
<title>{escape(title)} - 뉴스21 통신</title>{head}
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div id="wrap">
  <div id="header">
    <div class="topBar"><p class="today">2024년 05월 02일 (목)</p>
      <ul class="util"><li><a href="/bbs/login.php">로그인</a></li></ul></div>
    <h1 class="logo"><a href="/"><img src="/img/logo.png" alt="뉴스21 통신"></a></h1>
    {_menu()}
  </div>
  <div id="container">
    <div id="contents">
{contents}
    </div>
    <div id="aside">
      <div class="mostView"><h3>많이 본 뉴스</h3><ol>{most_read}</ol></div>
      <div class="bannerArea"><a href="http://banner.example.kr/"><img src="/data/banner/b01.jpg" alt="지역 축제 안내"></a></div>
    </div>
  </div>
  <div id="footer">
    <p class="mobile"><a href="/m/">모바일 버전 바로가기</a></p>
    <address>뉴스21 통신 | 등록번호 : 경북 아00000 | 등록일 : 2009-05-11 | 발행일 : 2009-05-11<br>
    Copyright ⓒ 뉴스21 통신 All rights reserved. 무단전재 및 재배포 금지</address>
  </div>
</div>
</body>
</html>
"""


def home_page(articles: list[Article]) -> str:
    """The home page: the menu, and a headline box whose links are not the way in."""
    headline = articles[-1]
    contents = f'<div class="mainTop"><a href="/news/view.php?idx={headline.idx}">{escape(headline.title)}</a></div>'
    return _page("뉴스21 통신", contents)


def _article_link(article: Article, position: int) -> str:
    """A link to ``article`` in one of the forms installs of the CMS write them: the canonical
    form (relative, absolute, with noise), the short, the article and the mobile form."""
    forms = (
        f"/news/view.php?idx={article.idx}&amp;mcode={article.section}",
        f"../news/view.php?idx={article.idx}&amp;mcode=m81mass281#comment",
        f"/news/{article.idx}",
        f"{LIVE_BASE}/news/view.php?idx={article.idx}",
        f"/article/{article.idx}?mcode={article.section}",
        f"view.php?idx={article.idx}&amp;mcode=m72mass272&amp;page=2",
        f"/m/view.php?idx={article.idx}",
    )
    return forms[position % len(forms)]


def list_page(articles: list[Article], code: str, page: int) -> str:
    """List page ``page`` of section ``code``, newest first; past the end the list is empty."""
    listed = [a for a in reversed(articles) if a.section == code and a.listed]
    last = max(1, -(-len(listed) // LIST_PAGE_SIZE))
    shown = listed[(page - 1) * LIST_PAGE_SIZE : page * LIST_PAGE_SIZE]
    if page == 2 and listed:
        # Lists shift while a reader pages: the first entry repeats page 1's last one.
        shown = [listed[LIST_PAGE_SIZE - 1], *shown]
    if code in PINNED_NOTICES and listed:
        # A notice pinned above every page: the section's oldest article, with its old date.
        notice = next(a for a in articles if a.section == code and a.listed)
        shown = [replace(notice, title=PINNED_NOTICES[code] + notice.title), *shown]
    return list_html(code, page, last, shown)


def list_html(code: str, page: int, last: int, shown: list[Article]) -> str:
    """List page ``page`` of ``last`` of section ``code``, showing the ``shown`` entries."""
    entries = "".join(
        f"""
          <li><dl>
            <dt class="title"><a href="../news/view.php?idx={a.idx}&amp;mcode={code}">{escape(a.title)}</a></dt>
            <dd class="content"><a href="{_article_link(a, i)}">{escape(a.paragraphs[0][:40])} ...</a></dd>
            <dd class="registDate">{a.published:%Y-%m-%d}</dd>
          </dl></li>"""
        for i, a in enumerate(shown)
    )
    numbers = "".join(
        f"<strong>{n}</strong>" if n == page else f'<a href="/news/list.php?mcode={code}&amp;page={n}">{n}</a>'
        for n in range(1, last + 1)
    )
    contents = f"""
      <div class="location"><a href="/">홈</a> &gt; {SECTIONS[code]}</div>
      <div class="basicList"><ul>{entries}
      </ul></div>
      <div class="paging">
        <a href="/news/list.php?mcode={code}&amp;page=1" class="first">처음</a>{numbers}
        <a href="/news/list.php?mcode={code}&amp;page={page + 10}" class="next">다음</a>
        <a href="/news/list.php?mcode={code}&amp;page={last}" class="last">마지막</a>
      </div>"""
    return _page(SECTIONS[code], contents)


def _figure(skin: str, number: int, path: str, caption: str) -> str:
    """An image and its caption as each skin writes them."""
    if skin == "B":  # Froala's captioned image; the marker on the first caption only
        shown = f"▲ [{caption}]" if number == 0 else caption
        return (
            '<p><span class="fr-img-caption fr-fic fr-dib" style="width: 640px;"><span class="fr-img-wrap">'
            f'<img src="{path}" alt=""><span class="fr-inner">{escape(shown)}</span></span></span></p>'
        )
    if skin == "A":  # the image with its caption text, the image path relative
        return f'<div id="img_caption"><img src="../../../..{path}" alt=""><p>{escape(caption)}</p></div>'
    shown = f"▲ [{caption}]" if number == 0 else f"▲{caption}"
    return (
        f'<p style="text-align: center;"><img src="{path}" class="fr-fic fr-dib" alt=""></p>'
        f'<p style="text-align: center;"><span style="color: rgb(84, 172, 210);">{escape(shown)}</span></p>'
    )


def _body(article: Article, skin: str) -> str:
    """The Froala body of ``article`` with its images, captions and furniture, in ``skin``."""
    noise = "noise" in article.extras
    paragraphs = [
        p.replace(" ", "\u00a0 ", 1).replace("다", "\u200b다", 1) if noise else p for p in article.paragraphs
    ]
    blocks = [f"<p>{escape(p)}&nbsp;</p><p><br></p>" for p in paragraphs]
    if "br_lines" in article.extras:
        blocks[:2] = [f"<p>{escape(paragraphs[0])}<br>{escape(paragraphs[1])}</p>"]
    if "table" in article.extras:
        blocks[-2:] = [
            "<table><tbody><tr><td>구분</td><td>대상 가구</td><td>지원액</td></tr>"
            "<tr><td>1차</td><td>240곳</td><td>2억 원</td></tr></tbody></table>"
        ]
    for number, (path, caption) in reversed(list(enumerate(article.images))):
        blocks.insert(min(number * 2, len(blocks)), _figure(skin, number, path, caption))
    if "ad" in article.extras:
        blocks.insert(
            1,
            '<div class="ad"><a href="http://ad.example.kr/"><img src="/data/banner/inline.jpg" alt="광고"></a>'
            "<p>광고 문의 053-000-0000 할인 행사 진행 중</p></div>"
            '<ins class="adsbygoogle" data-ad-slot="1234"></ins>',
        )
    tail = []
    if "related_line" in article.extras:
        tail.append("<p>▶ 관련기사 : 지난해 난방비 지원 사업 결산</p>")
    if "related_box" in article.extras:
        tail.append(
            '<div class="relation"><strong>관련기사</strong><ul>'
            '<li><a href="/news/view.php?idx=5002">의회 예산 심사 일정 확정</a></li></ul></div>'
        )
    if "signoff" in article.extras:
        tail.append(f"<p>{article.authors} 기자 reporter{article.idx}@news21.example</p>")
    if "copyright" in article.extras:
        tail.append("<p>ⓒ 뉴스21 통신 무단전재 및 재배포 금지</p>")
    return "\n".join(blocks + tail)


def _neighbours(articles: list[Article], article: Article) -> tuple[Article | None, Article | None]:
    """The older and the newer article of ``article`` in the chain (the box-only ones aside)."""
    box_only = {a.idx for a in BOX_ONLY}
    chain = [a for a in articles if a.idx not in box_only or a is article]
    position = chain.index(article)
    return (chain[position - 1] if position > 0 else None, chain[position + 1] if position + 1 < len(chain) else None)


def _neighbour_links(articles: list[Article], article: Article) -> str:
    older, newer = _neighbours(articles, article)
    links = []
    if older:
        links.append(f'<a href="{_article_link(older, older.idx)}" class="prev">이전 기사 보기</a>')
    if newer:
        links.append(f'<a href="{_article_link(newer, newer.idx + 1)}" class="next">다음 기사 보기</a>')
    return f'<div class="prevNext">{"".join(links)}</div>'


def _boxes(articles: list[Article], article: Article) -> str:
    """The ``boxes`` skin's furniture after the article: previous/next links in markup no skin
    declares, a related box and a most-read box linking the box-only articles (absolute, on
    the live host, with sharing parameters)."""
    older, newer = _neighbours(articles, article)
    moves = "".join(
        f'<a rel="{rel}" href="{_article_link(other, other.idx + shift)}"><span>{label}</span> {escape(other.title)}</a>'
        for rel, label, other, shift in (("prev", "이전글", older, 0), ("next", "다음글", newer, 1))
        if other
    )
    related, most_read = BOX_ONLY
    return f"""
        <nav class="art-move">{moves}</nav>
        <div class="rel-news"><h4>함께 읽으면 좋은 기사</h4><ul>
          <li><a href="/article/{related.idx}?from=rel">{escape(related.title)}</a></li></ul></div>
        <section class="rank-box"><h4>실시간 인기</h4><ol>
          <li><a href="{LIVE_BASE}/news/view.php?idx={most_read.idx}&amp;fbclid=IwAR0xYz&amp;utm_source=rank">{escape(most_read.title)}</a></li>
        </ol></section>"""


SKINS = ("reference", "A", "B", "redesign", "boxes")
"""The article markups the replica serves: the reference page's, skin A, skin B, a redesign
that no skin matches but whose pages carry Open Graph and ``article:`` metadata, and the
reference markup whose previous/next links, related and most-read boxes are in markup no
skin declares (``boxes``: serve it with :data:`~tests.replica.articles.BOX_ONLY` appended)."""


def article_page(articles: list[Article], article: Article, skin: str = "reference") -> str:
    """The page of ``article`` (a normal or members-only article) among ``articles``, in ``skin``."""
    title = unicodedata.normalize("NFD", article.title) if "noise" in article.extras else article.title
    if article.kind == "members_only":
        body = f'<p><a href="/bbs/login.php?url=%2Fnews%2Fview.php%3Fidx%3D{article.idx}">회원 전용 기사입니다. 로그인해 주세요.</a></p>'
    else:
        body = _body(article, skin)
    links = _boxes(articles, article) if skin == "boxes" else _neighbour_links(articles, article)
    contents = _ARTICLE_MARKUP[skin](article, escape(title), body) + links
    meta = {
        "both": '<meta charset="utf-8">' if article.encoding == "utf-8" else "",
        "meta": f'<meta http-equiv="Content-Type" content="text/html; charset={_label(article.encoding)}">',
    }.get(article.charset_in, "")
    return _page(article.title, contents, meta, _metadata(article) if skin == "redesign" else "")


def _dates(article: Article, published: str, modified: str) -> str:
    dates = f"<li>{published} {article.published:%Y-%m-%d %H:%M:%S}</li>"
    if article.modified:
        dates += f"<li>{modified} {article.modified:%Y-%m-%d %H:%M:%S}</li>"
    return dates


def _subtitles(article: Article) -> str:
    return "".join(f"<li>{escape(line)}</li>" for line in article.subtitles)


def _section_link(article: Article) -> str:
    return f'<a href="/news/list.php?mcode={article.section}">{SECTIONS[article.section]}</a>'


def _reference_markup(article: Article, title: str, body: str) -> str:
    return f"""
      <div class="location"><a href="/">홈</a> &gt; {_section_link(article)}</div>
      <div class="viewTop">
        <ul class="btnArea"><li><a href="javascript:openMail();" class="mail">기사 메일전송</a></li></ul>
        <div class="titleWrap">
          <h2 class="title">{title}</h2>
          <div class="else-area">
            <ul class="info-text"><li>{escape(article.byline)}</li>{_dates(article, "등록", "수정")}</ul>
            <ul class="btnEdit"><li><a href="/news/modify.php?idx={article.idx}">기사수정</a></li></ul>
          </div>
        </div>
      </div>
      <div class="viewCon">
        <ul class="subTitle">{_subtitles(article)}</ul>
        <div id="viewContent" class="fr-view">
{body}
        </div>
        <div class="likeArea"><button type="button" class="btnLike">좋아요 <span class="cnt">3</span></button></div>
        <ul class="viewBtn"><li><a href="/news/list.php?mcode={article.section}" class="list">목록 바로가기</a></li>
          <li><a href="javascript:window.print();" class="print">인쇄</a></li></ul>
      </div>"""


def _skin_b_markup(article: Article, title: str, body: str) -> str:
    subtitles = f'<ul class="subj">{_subtitles(article)}</ul>' if article.subtitles else ""
    return f"""
      <div class="article-head">
        <div class="article-head-nav"><a href="/">HOME</a> &gt; {_section_link(article)}</div>
        <h3 class="article-head-title">{title}</h3>
        <ul class="info-text"><li>{escape(article.byline)}</li>{_dates(article, "등록", "수정")}</ul>
        <div class="button-container"><a href="javascript:openMail();">기사 메일전송</a>
          <a href="/news/modify.php?idx={article.idx}">기사수정</a><a href="javascript:window.print();">인쇄</a>
          <a href="javascript:scrap();">스크랩</a></div>
      </div>
      <div id="viewContent"><div class="fr-view">
        {subtitles}
{body}
      </div></div>"""


def _skin_a_markup(article: Article, title: str, body: str) -> str:
    return f"""
      <div class="basicView"><div class="viewContentWrap">
        <div class="location"><a href="/">홈</a> &gt; {_section_link(article)}</div>
        <div class="titleWrap boxPointColor"><strong>{title}</strong>
          <div class="else-area"><p>{escape(article.byline)}</p></div></div>
        <div class="registModifyDate"><ul>{_dates(article, "기사등록", "최종수정")}</ul></div>
        <ul class="subTitle">{_subtitles(article)}</ul>
        <div id="viewContent" class="viewContent">
{body}
        </div>
      </div></div>"""


def _redesign_markup(article: Article, title: str, body: str) -> str:
    return f"""
      <header class="story-head"><h1 class="story-title">{title}</h1>
        <p class="story-by">{escape(article.byline)} · {article.published:%Y.%m.%d %H:%M}</p></header>
      <div id="viewContent">
{body}
      </div>"""


_ARTICLE_MARKUP = {
    "reference": _reference_markup,
    "A": _skin_a_markup,
    "B": _skin_b_markup,
    "redesign": _redesign_markup,
    "boxes": _reference_markup,
}


def _metadata(article: Article) -> str:
    """Open Graph and ``article:`` tags of a page, as most CMSs write them."""
    tags = [
        ("og:title", article.title),
        ("article:published_time", article.published.isoformat() + "+09:00"),
        ("article:section", SECTIONS[article.section]),
    ]
    if article.modified:
        tags.append(("article:modified_time", article.modified.isoformat() + "+09:00"))
    return "".join(f'\n<meta property="{name}" content="{escape(value)}">' for name, value in tags)


def _label(encoding: str) -> str:
    return "euc-kr" if encoding == "cp949" else encoding


DELETED_ALERT_PAGE = (
    '<html><head><meta charset="utf-8"></head><body>'
    "<script>alert('삭제된 기사입니다.');history.back();</script></body></html>"
)
