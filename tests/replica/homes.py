"""Home pages of each CMS family and of the traps ``../shared/FAMILIES.md`` describes, written
for the recognition tests and benchmark: the family's link patterns, asset paths, feeds,
script variables and footers, around our own headlines (the replica's article titles).

``home(family, number)`` is the ``number``-th variant of a family's home (how many links, which
marks, old or new skin); :data:`FAMILIES` lists the families it renders, with the verdict each
home must get.
"""

from __future__ import annotations

import random
from html import escape

from tests.replica.articles import make_article

FAMILIES = {
    "ndsoft": "ndsoft",
    "mediaon": "mediaon",
    "mediaon_old": "mediaon",
    "mediaon_custom": "mediaon",
    "dadami": "dadami",
    "inswave": "inswave",
    "dkbsoft": "dkbsoft",
    "ncode": "ncode",
    "gnuboard": "gnuboard",
    "wordpress": "wordpress",
    "frameset": "frameset",
    "plain": "",
}
"""Each home kind :func:`home` renders, and the family its verdict names ("" for none)."""


def _titles(rng: random.Random, count: int) -> list[str]:
    return [make_article(rng.randrange(400)).title for _ in range(count)]


def _page(head: str, body: str, charset: str = "utf-8", trailer: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="ko"><head><meta charset="{charset}"><title>지역 소식</title>{head}</head>\n'
        f"<body>\n{body}\n</body></html>\n{trailer}"
    )


def _boxes(links: list[str], titles: list[str], box: str = "box") -> str:
    items = "".join(f'<li><a href="{escape(link)}">{escape(title)}</a></li>' for link, title in zip(links, titles, strict=False))
    return f'<div class="{box}"><ul>{items}</ul></div>'


def ndsoft(rng: random.Random, number: int) -> str:
    """An ND소프트 home: ``articleView.html?idxno=`` boxes, the section menu, the ``var HOST``
    block on most, the footer image or name on some, the feed."""
    count = rng.randrange(8, 60)
    ids = rng.sample(range(100_000, 400_000), count)
    links = [f"/news/articleView.html?idxno={idx}" for idx in ids]
    menu = "".join(f'<a href="/news/articleList.html?sc_section_code=S1N{n}&amp;view_type=sm">분야{n}</a>' for n in range(1, 7))
    head = '<link rel="alternate" type="application/rss+xml" href="/rss/allArticle.xml">'
    if number % 3:
        head += '<script>var HOST = { DOMAIN: "https://www.example.kr", PH_DOMAIN: "https://ph.example.kr", IM_DOMAIN: "https://im.example.kr" };</script>'
    footer = '<img src="/image/logo/ndsoft.gif" alt="">' if number % 2 else "<p>Copyright © 지역 소식</p>"
    body = f'<nav class="gnb">{menu}</nav>{_boxes(links, _titles(rng, count), "BoxDefault_type1")}<footer>{footer}</footer>'
    return _page(head, body, trailer="<!--// Cache :: 2026-12-02 //-->")


def mediaon(rng: random.Random, number: int) -> str:
    """A 미디어온 home of the responsive generation: ``article.html?no=`` boxes (two anchors an
    entry), section and all-articles links, ``/data/`` assets, the feed, the vendor footer."""
    count = rng.randrange(10, 90)
    ids = rng.sample(range(10_000, 99_999_999), count)
    links = [f"/news/article.html?no={idx}" for idx in ids]
    thumbs = "".join(f'<a href="{link}"><img src="/data/cache/public/photos/20261249/art_17{idx}_300x200.jpg" alt=""></a>' for link, idx in zip(links, ids, strict=True))
    menu = "".join(f'<a href="/news/section_list_all.html?sec_no={n}">분야{n}</a>' for n in range(1, 8)) + '<a href="/news/article_list_all.html">전체기사</a>'
    head = (
        '<link rel="alternate" type="application/rss+xml" href="/data/rss/news.xml">'
        '<link rel="stylesheet" href="/data/cache/skin/1/index-cnts.css?v=3">'
        '<script src="/data/skin/layout/1/m11/js/common.js"></script>'
    )
    vendor = '<a href="https://www.mediaon.example"><img src="/image/powered.png" alt="powered by mediaOn"></a>' if number % 3 == 0 else ""
    body = (
        f'<nav class="hdl_001">{menu}</nav><div class="arl_016">{thumbs}</div>{_boxes(links, _titles(rng, count), "ara_001")}'
        f'<script>ajaxGetSkinContent("ara_002");</script><footer>{vendor}</footer>'
    )
    return _page(head, body, trailer="<!-- MAKE FILE (2026-12-02 10:00:00) -->")


def mediaon_old(rng: random.Random, number: int) -> str:
    """A 미디어온 home of the old XHTML generation: the solution named in the meta keywords,
    ``/data/menu/1/`` menu images, ``m01_`` boxes, a phone-redirect script."""
    count = rng.randrange(10, 50)
    links = [f"/news/article.html?no={idx}" for idx in rng.sample(range(1_000, 300_000), count)]
    menu = "".join(f'<a href="/news/section.html?sec_no={n}"><img src="/data/menu/1/{n}.png" alt="분야{n}"></a>' for n in range(1, 6))
    head = (
        '<meta name="keywords" content="지역, 뉴스, 인터넷신문 솔루션">'
        '<link rel="alternate" type="application/rss+xml" href="/data/rss/news.xml">'
        '<script>if (/iPhone|Android/.test(navigator.userAgent)) { location.href = "http://m.example.kr/m/"; }</script>'
    )
    body = f'<div id="layout_header"><div class="hline1_area">{menu}</div></div>{_boxes(links, _titles(rng, count), "m01_hdl10")}'
    return _page(head, body)


def mediaon_custom(rng: random.Random, number: int) -> str:
    """An outlet's own skin on 미디어온 URLs: ``article.html?no=`` links only, its own ids and
    feed path (``nd`` ids are its own prefix, not ND소프트's)."""
    count = rng.randrange(15, 60)
    links = [f"/news/article.html?no={idx}" for idx in rng.sample(range(1_000, 900_000), count)]
    head = '<link rel="alternate" type="application/rss+xml" href="/rss/rss.xml">'
    body = f'<div id="ndHeader"></div>{_boxes(links, _titles(rng, count), "ndMain")}'
    return _page(head, body)


def dadami(rng: random.Random, number: int) -> str:
    """A ``view.php?idx=`` home: article links with ``mcode``, the ``list.php?mcode=`` menu."""
    count = rng.randrange(4, 30)
    codes = [f"m{rng.randrange(10, 99)}mass{rng.randrange(100, 999)}" for _ in range(5)]
    links = [f"/news/view.php?idx={idx}&mcode={rng.choice(codes)}" for idx in rng.sample(range(1_000, 300_000), count)]
    menu = "".join(f'<li><a href="/news/list.php?mcode={code}">분야</a></li>' for code in codes)
    body = f'<ul id="gnb">{menu}</ul><div class="basicList">{_boxes(links, _titles(rng, count))}</div>'
    return _page("", body)


def inswave(rng: random.Random, number: int) -> str:
    """An Inswave home (served EUC-KR): ``sub_read.html?uid=`` links, ``/news_skin/`` and the
    vendor footer."""
    count = rng.randrange(10, 50)
    links = [f"/news/sub_read.html?uid={idx}&section=sc{rng.randrange(1, 9)}" for idx in rng.sample(range(1_000, 400_000), count)]
    head = '<link rel="stylesheet" href="/news_skin/www_example_kr/css/style.css"><script src="/js/ins_js.js"></script>'
    body = f'{_boxes(links, _titles(rng, count))}<footer><a href="https://www.inswave.example"><img src="/image/ins.gif" alt="인스정보기술"></a></footer>'
    return _page(head, body, charset="euc-kr", trailer="<!-- create time : 2026-12-02 -->")


def dkbsoft(rng: random.Random, number: int) -> str:
    """A dkbsoft home (EUC-KR): ``/default/index_view_page.php?idx=`` links and its search form."""
    count = rng.randrange(6, 30)
    links = [f"/default/index_view_page.php?idx={idx}&part_idx={rng.randrange(100, 400)}" for idx in rng.sample(range(1_000, 90_000), count)]
    body = f'<form action="/default/search.php"><input type="hidden" name="mpk" value="MPK_dkbsoft_7"></form>{_boxes(links, _titles(rng, count))}'
    return _page("", body, charset="euc-kr")


def ncode(rng: random.Random, number: int) -> str:
    """A home of the ``newsview.php?ncode=`` sites: their article links only."""
    count = rng.randrange(6, 30)
    links = [f"/news/newsview.php?ncode={rng.randrange(10**15, 10**16)}" for _ in range(count)]
    return _page("", _boxes(links, _titles(rng, count)))


def gnuboard(rng: random.Random, number: int) -> str:
    """A news site built on 그누보드's boards: board post links, its script variables."""
    count = rng.randrange(6, 40)
    links = [f"/bbs/board.php?bo_table=news&wr_id={idx}" for idx in rng.sample(range(1, 90_000), count)]
    head = '<script>\n// 자바스크립트에서 사용하는 전역변수 선언\nvar g5_url = "https://www.example.kr";\nvar g5_bbs_url = "https://www.example.kr/bbs";\n</script><script src="/js/wrest.js"></script>'
    return _page(head, _boxes(links, _titles(rng, count)))


def wordpress(rng: random.Random, number: int) -> str:
    """A WordPress home: pretty permalinks, the generator meta, ``/wp-content/`` assets."""
    count = rng.randrange(6, 30)
    links = [f"/{2026 - n % 3}/{n % 12 + 1:02d}/story-{n}/" for n in rng.sample(range(1, 9_000), count)]
    head = '<meta name="generator" content="WordPress 6.7"><link rel="stylesheet" href="/wp-content/themes/daily/style.css"><link rel="https://api.w.org/" href="/wp-json/">'
    return _page(head, _boxes(links, _titles(rng, count)))


def frameset(rng: random.Random, number: int) -> str:
    """A frameset home: a thin top frame and the main frame holding the site."""
    return '<html><head><title>지역 소식</title></head><frameset rows="0,*" frameborder="0"><frame name="hidden" src="/blank.html"><frame name="body" src="/main.php"></frameset></html>'


def plain(rng: random.Random, number: int) -> str:
    """A home of no known family: its own article paths, and the editors' class names that
    several CMSs share (``fr-view``, ``smartOutput``) — no family's mark."""
    count = rng.randrange(6, 30)
    links = [f"/story/{idx}" for idx in rng.sample(range(1_000, 90_000), count)]
    return _page("", f'<div class="fr-view smartOutput">{_boxes(links, _titles(rng, count))}</div>')


_RENDER = {name: globals()[name] for name in FAMILIES}


def home(kind: str, number: int) -> bytes:
    """The ``number``-th variant of a ``kind`` home page (see :data:`FAMILIES`), as served."""
    rng = random.Random(f"{kind}-{number}")
    html = _RENDER[kind](rng, number)
    return html.encode("cp949" if kind in ("inswave", "dkbsoft") else "utf-8")
