"""A replica of ND소프트 installs that renders, per article, the markup variants that
``../shared/ndsoft/EVIDENCE.md`` records on live installs, each drawn from the article's seed,
with the item every article must give (its ground truth).

The variants are data (:data:`CHOICES`, per article skin era); rendering is one function per
page kind (home, list, feed, article, AMP article). The prose is our own. Serve it with
``ReplicaServer(pages=ndsoft_variants.page, articles=ndsoft_variants.ARTICLES, skin="evidence")``
(``python -m tests.replica.ndsoft_variants --port 8022`` serves it until interrupted).

Relative dates ("25분전") are rendered against the server's clock at each request, with the
minute, hour or day as their resolution; :func:`tolerance` says how far a correct reading
may be from the truth.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from tests.replica.articles import make_article
from tests.replica.server import NOT_FOUND, Page, ReplicaServer

KST = ZoneInfo("Asia/Seoul")
SEED = 1
COUNT = 48
FIRST_ID = 90_000_015_800
"""An 11-digit id, as installs have after a migration."""
LIST_PAGE_SIZE = 5
FEED_SIZE = 8
CDN = "http://cdn.namdo-replica.example"
BASE_PLACEHOLDER = "{{base_url}}"
"""Written where a page holds the site's own absolute address; :func:`serve` fills it in."""
LOGO = "/image/logo/snsImg_20200101.png"
SITE = "남도새소식"

SECTIONS = {"S1N1": "사회", "S1N2": "정치", "S1N3": "경제", "S1N4": "문화", "S1N5": "스포츠", "S1N6": "교육"}
SUB_SECTIONS = {"S1N1": ("S2N11", "사건사고"), "S1N2": ("S2N21", "의회"), "S1N3": ("S2N31", "산업"),
                "S1N4": ("S2N41", "공연"), "S1N5": ("S2N51", "축구"), "S1N6": ("S2N61", "학교")}
LIST_SKINS = {
    "S1N1": "2017-block", "S1N2": "2017-table", "S1N3": "2020-type1",
    "S1N4": "2020-type2", "S1N5": "2025-webzine", "S1N6": "2025-text",
}
"""Each section's list markup: one install can serve lists and articles in different skins."""
LIST_DATE_FORMS = {
    "2017-block": "dashes", "2017-table": "dots", "2020-type1": "yearless_dots",
    "2020-type2": "relative_or_dots", "2025-webzine": "yearless_dashes", "2025-text": "yearless_dashes",
}
"""The date form each list skin shows (see :func:`list_date`)."""

# --- The variants, as data ---------------------------------------------------------------

COMMON: dict[str, tuple[str, ...]] = {
    "body_tag": ("article", "div"),
    "body_class": ("none", "on_body", "wrapper"),
    "itemprop": ("on", "off"),
    "script_above": ("no", "yes"),
    "case": ("lower", "upper"),
    "modified": ("no", "yes"),
    "meta_author": ("none", "plain", "dateline"),
    "photos": ("none", "one", "two"),
    "photo_host": ("relative", "cdn"),
    "caption": ("empty", "triangle", "credit", "plain", "alt"),
    "figure_wrap": ("bare", "centred", "imgfloating"),
    "base_href": ("no", "yes"),
    "date_form": ("dots", "spaced", "date_only"),
}
"""Choices every article skin era draws from."""

ERAS: dict[str, dict[str, tuple[str, ...]]] = {
    "2017": {
        "heading": ("div",),
        "title_path": ("plain", "max-width-960", "max-width-1110", "max-width-1260"),
        "print_date": ("no", "yes"),
        "subtitle": ("none", "outside", "inside"),
        "published_label": ("승인",),
        "modified_label": ("수정",),
        "author_form": ("name", "name_reporter", "name_email"),
        "date_form": ("dots", "spaced", "date_only", "relative"),
        "decor": ("no",),
        "update_class": ("",),
        "furniture": ("view_editors", "view_copyright", "share_buttons", "flash_script", "font_wrapper", "adop", "user_content"),
    },
    "2020": {
        "heading": ("h1", "h2", "h3"),
        "title_path": ("plain",),
        "print_date": ("no", "yes"),
        "subtitle": ("none", "outside", "inside"),
        "published_label": ("입력", "승인", "최초입력"),
        "modified_label": ("수정",),
        "author_form": ("reporter", "reporter_email", "role_email", "editor"),
        "decor": ("no", "item", "fontsize"),
        "update_class": ("",),
        "furniture": ("ad_template", "google_auto", "inline_script", "faq", "table"),
    },
    "2025": {
        "heading": ("h1",),
        "title_path": ("plain",),
        "print_date": ("no",),
        "subtitle": ("none", "outside"),
        "published_label": ("입력",),
        "modified_label": ("업데이트",),
        "update_class": ("info-update", "info-update show"),
        "author_form": ("padded", "dateline"),
        "decor": ("sytool",),
        "furniture": ("tts", "faq", "ad_template"),
    },
}
"""Choices per article skin era (an era's entry replaces the common one)."""

_REPORTERS = ("최민준", "이서윤", "박지호", "정하은", "강도윤", "윤채원", "한지우", "오세린")
_DATELINES = ("서울", "광주", "세종")


@dataclass
class EvidenceArticle:
    """One article of the replica: its prose, its truth and the markup it is rendered in."""

    number: int
    idx: int
    section: str
    """The section code (``S1N1``)."""
    title: str
    subtitles: list[str]
    author: str
    """The name alone: the expected ``author``."""
    published: datetime
    """Aware, KST; to the minute."""
    paragraphs: list[str]
    variant: dict[str, str]
    """The choice of every dimension of :data:`COMMON` and the era's table, plus ``era``."""
    furniture: tuple[str, ...] = ()
    """Furniture inside the body container."""
    modified: datetime | None = None
    images: list[tuple[str, str, str]] = field(default_factory=list)
    """(src as written, caption as shown, caption expected) per photo, in page order."""
    relative_unit: str = ""
    """``분``, ``시간`` or ``일`` when the page shows its date relative to the request."""
    kind: str = "article"
    """``article``, ``members_only`` or ``deleted_alert``."""
    listed: bool = True
    """In its section's list and the feeds; otherwise the walk over ids or a link finds it."""
    linked_only: bool = False
    """In no list and no feed: only the related and most-read boxes link it (AMP form too)."""

    @property
    def era(self) -> str:
        """The article skin era: ``2017``, ``2020`` or ``2025``."""
        return self.variant["era"]

    @property
    def exported(self) -> bool:
        """Whether a correct crawl exports it."""
        return self.kind == "article"

    def label(self) -> str:
        """The variant in one line, for assertion messages."""
        keys = ("era", "body_tag", "body_class", "itemprop", "script_above", "heading", "case", "subtitle", "author_form",
                "published_label", "date_form", "modified", "print_date", "decor", "photos", "caption", "figure_wrap", "base_href")
        return " ".join(f"{key}={self.variant[key]}" for key in keys) + f" furniture={','.join(self.furniture) or '-'}"


# --- Prose (our own) -----------------------------------------------------------------------

def _economy(city: str, n: int) -> tuple[str, list[str], list[str]]:
    return (
        f"{city} 전통시장 {n}곳, 온라인 장보기 서비스 시작",
        [f"상인회와 손잡고 배송 거점 {n % 5 + 2}곳 마련", "첫 달 배송비 전액 지원"],
        [
            f"{city}에 있는 전통시장 {n}곳이 이달부터 온라인 주문과 당일 배송 서비스를 시작한다.",
            "시장 상인들은 스마트폰으로 주문을 받고, 시장 안에 마련된 공동 배송 거점에서 물건을 한꺼번에 내보낸다.",
            "시는 서비스가 자리를 잡을 때까지 첫 달 배송비를 전액 지원하고 상인 교육도 이어 가기로 했다.",
        ],
    )


def _sports(city: str, n: int) -> tuple[str, list[str], list[str]]:
    return (
        f"{city}청 여자축구단, 시즌 {n}번째 승리로 선두 굳히기",
        [],
        [
            f"{city}청 여자축구단이 홈 경기에서 후반 막판 결승골을 터뜨리며 올 시즌 {n}번째 승리를 거뒀다.",
            "전반을 득점 없이 마친 축구단은 후반 들어 측면 공격을 강화하며 상대 수비를 흔들었다.",
            "감독은 \u201c끝까지 뛰어 준 선수들 덕분에 값진 승점을 얻었다\u201d며 팬들에게 고마움을 전했다.",
            "축구단은 다음 주 원정 경기에서 선두 자리 굳히기에 나선다.",
        ],
    )


def _education(city: str, n: int) -> tuple[str, list[str], list[str]]:
    return (
        f"{city} 초등학교 {n}곳에 방과후 코딩 교실 문 연다",
        [f"학생 {n * 30}명 대상, 교재와 노트북 무상 제공"],
        [
            f"{city}교육지원청은 관내 초등학교 {n}곳에서 방과후 코딩 교실을 운영한다고 밝혔다.",
            "수업은 블록 코딩으로 시작해 간단한 게임 만들기까지 이어지며, 지역 대학생들이 보조 강사로 참여한다.",
            "교육지원청은 참여 학생 모두에게 교재와 노트북을 무상으로 빌려주기로 했다.",
        ],
    )


_TOPICS = {"S1N3": _economy, "S1N5": _sports, "S1N6": _education}
_REPLICA_SECTION = {"S1N1": "m72mass272", "S1N2": "m73mass273", "S1N4": "m81mass281"}
_CAPTIONS = ("행사장을 찾은 시민들이 안내를 듣고 있다", "현장을 둘러보는 관계자들", "새로 문을 연 시설의 내부 모습")


_CITIES = ("목포시", "여수시", "순천시", "나주시", "광양시", "담양군", "곡성군", "구례군", "고흥군", "보성군", "화순군")


def _prose(number: int, section: str) -> tuple[str, list[str], list[str]]:
    """Title, subtitle lines and paragraphs of the ``number``-th article in ``section``."""
    if section in _TOPICS:
        return _TOPICS[section](_CITIES[number % len(_CITIES)], number + 3)
    # The shared replica's prose has three topics: pick an article of this section's topic.
    code = _REPLICA_SECTION[section]
    base = next(make_article(n) for n in range(number, number + 3) if make_article(n).section == code)
    return base.title, list(base.subtitles), list(base.paragraphs)


# --- Building the articles ------------------------------------------------------------------

def _draw(rng: random.Random, era: str) -> dict[str, str]:
    table = {**COMMON, **ERAS[era]}
    return {"era": era, **{name: rng.choice(values) for name, values in table.items() if name != "furniture"}}


def build(now: datetime, seed: int = SEED, count: int = COUNT) -> list[EvidenceArticle]:
    """The install's articles, oldest first, for a crawl at about ``now`` (aware): most are
    weeks to a year old; the newest few show relative dates. Every choice comes from the
    article's own seed (``seed`` and its number)."""
    now = now.astimezone(KST).replace(second=0, microsecond=0)
    articles: list[EvidenceArticle] = []
    idx = FIRST_ID
    for number in range(count):
        rng = random.Random(f"{seed}:{number}")
        era = ("2017", "2020", "2025")[number % 3] if number < count - 4 else "2017"
        variant = _draw(rng, era)
        section = list(SECTIONS)[rng.randrange(len(SECTIONS))]
        title, subtitles, paragraphs = _prose(number, section)
        if variant["subtitle"] == "none":
            subtitles = []
        elif not subtitles:
            subtitles = ["현장 관계자들 \u201c꾸준히 이어 가겠다\u201d"]
        reporter = _REPORTERS[rng.randrange(len(_REPORTERS))]
        published = now - timedelta(days=400) + timedelta(days=number * 8, hours=rng.randrange(0, 12), minutes=rng.randrange(60))
        relative_unit = ""
        if number >= count - 4:  # the newest ones: shown as "N분전", "N시간전", "N일전"
            variant["date_form"] = "relative"
            relative_unit = ("일", "시간", "분", "분")[number - (count - 4)]
            ago = {"일": timedelta(days=3, hours=2), "시간": timedelta(hours=5, minutes=10), "분": timedelta(minutes=40 - (number % 2) * 15)}
            published = now - ago[relative_unit]
        elif variant["date_form"] == "relative":
            variant["date_form"] = "dots"
        if variant["date_form"] == "date_only":
            published = published.replace(hour=0, minute=0)
        modified = published + timedelta(hours=2, minutes=17) if variant["modified"] == "yes" and not relative_unit else None
        if modified and variant["date_form"] == "date_only":  # shown without a time: the next day
            modified = published + timedelta(days=1)
        if modified is None:
            variant["modified"] = "no"
        furniture = tuple(sorted(rng.sample(ERAS[era]["furniture"], rng.randrange(0, 4))))
        idx += 1 + rng.randrange(0, 3)  # gaps: ids never used
        article = EvidenceArticle(number, idx, section, title, subtitles, reporter, published, paragraphs, variant,
                                  furniture, modified, relative_unit=relative_unit)
        article.images = _images(article, rng)
        articles.append(article)
    articles[5].kind = "members_only"
    articles[9].kind = "deleted_alert"  # listed, but its page says it does not exist
    for number in (0, 7, 13, 22):  # in no list and no feed: the walk over ids finds them
        articles[number].listed = False
    articles[-1].listed = False
    articles[-1].linked_only = True  # the newest: only related and most-read boxes link it
    return articles


def _images(article: EvidenceArticle, rng: random.Random) -> list[tuple[str, str, str]]:
    count = {"none": 0, "one": 1, "two": 2}[article.variant["photos"]]
    images = []
    for n in range(count):
        photo_id = 516_000 + article.number * 3 + n
        path = f"news/photo/{article.published:%Y%m}/{article.idx}_{photo_id}_{n + 1}.jpg"
        if article.variant["photo_host"] == "cdn":
            src = f"{CDN}/{path}"
        elif article.variant["base_href"] == "yes":
            src = path  # resolves against <base href="/">, not the page's /news/ folder
        else:
            src = "/" + path
        text = _CAPTIONS[(article.number + n) % len(_CAPTIONS)]
        form = article.variant["caption"] if n == 0 else rng.choice(COMMON["caption"])
        shown, expected = {
            "empty": ("", ""),
            "triangle": (f"▲ {text}", text),
            "credit": (f"{text} (사진={SITE} DB)", f"{text} (사진={SITE} DB)"),
            "plain": (text, text),
            "alt": (text, text),
        }[form]
        images.append((src, shown, expected))
    return images


NOW = datetime.now(KST)
"""When the replica's articles were built (their relative dates count from the request)."""
ARTICLES: list[EvidenceArticle] = build(NOW)
"""The install's articles, oldest first."""
WALK_ONLY = {str(a.idx) for a in ARTICLES if not a.listed and not a.linked_only and a.exported}
"""Exported articles in no list, no feed and no box: only walking the ids finds them."""
LINKED_ONLY = {str(a.idx) for a in ARTICLES if a.linked_only}
"""The newest article: above every id lists and feeds show, linked only from boxes."""
REDIRECTING_ID = str(ARTICLES[10].idx + 1)
"""An unused id that redirects to the home page; ``NOT_FOUND_ID`` answers 404."""
NOT_FOUND_ID = str(ARTICLES[12].idx + 1)
SOFT_404 = (
    "<html><head><meta charset='utf-8'></head><body><script>alert('존재하지 않는 링크입니다.');"
    "history.back();</script><p>존재하지 않는 링크입니다.</p></body></html>"
)


# --- Ground truth ---------------------------------------------------------------------------

def image_url(article: EvidenceArticle, src: str, base_url: str) -> str:
    """The absolute URL of a photo ``src`` of ``article`` served at ``base_url``."""
    if src.startswith("http"):
        return src
    if src.startswith("/"):
        return base_url + src
    folder = "/" if article.variant["base_href"] == "yes" else "/news/"
    return base_url + folder + src


def expected_item(article: EvidenceArticle, base_url: str, site: str = "ndsoft") -> dict[str, Any]:
    """The item ``article`` must give when the replica is served at ``base_url``."""
    return {
        "url": f"{base_url}/news/articleView.html?idxno={article.idx}",
        "article_id": str(article.idx),
        "site": site,
        "section": SECTIONS[article.section],
        "title": article.title,
        "subtitle": "\n".join(article.subtitles),
        "author": article.author,
        "published_at": article.published.isoformat(),
        "modified_at": article.modified.isoformat() if article.modified else None,
        "published_raw": published_text(article, NOW),
        "body": "\n".join(article.paragraphs),
        "images": [{"url": image_url(article, src, base_url), "caption": caption} for src, _, caption in article.images],
        "is_update": False,
    }


def expected_items(base_url: str, site: str = "ndsoft") -> dict[str, dict[str, Any]]:
    """What a correct crawl of the replica exports, by article id."""
    return {str(a.idx): expected_item(a, base_url, site) for a in ARTICLES if a.exported}


def tolerance(article: EvidenceArticle) -> timedelta:
    """How far a correct ``published_at`` may be from the truth: a relative date's unit (and a
    minute of crawl time), nothing for an absolute one."""
    unit = {"": timedelta(0), "분": timedelta(minutes=1), "시간": timedelta(hours=1), "일": timedelta(days=1)}
    return unit[article.relative_unit] + (timedelta(minutes=2) if article.relative_unit else timedelta(0))


# --- Dates as shown -------------------------------------------------------------------------

def _date(moment: datetime, form: str) -> str:
    if form == "spaced":
        return f"{moment:%Y. %m. %d %H:%M}"
    if form == "date_only":
        return f"{moment:%Y.%m.%d}"
    return f"{moment:%Y.%m.%d %H:%M}"


def _relative(moment: datetime, unit: str, now: datetime, space: bool) -> str:
    seconds = (now - moment).total_seconds()
    amount = int(seconds // {"분": 60, "시간": 3600, "일": 86400}[unit])
    return f"{amount}{unit}{' ' if space else ''}전"


def published_text(article: EvidenceArticle, now: datetime) -> str:
    """The publication date line as the page shows it at ``now``."""
    label = article.variant["published_label"]
    if article.relative_unit:
        return f"{label} {_relative(article.published, article.relative_unit, now, space=False)}"
    return f"{label} {_date(article.published, article.variant['date_form'])}"


def modified_text(article: EvidenceArticle) -> str:
    """The modification date line as the page shows it (empty when never modified)."""
    if not article.modified:
        return ""
    return f"{article.variant['modified_label']} {_date(article.modified, article.variant['date_form'])}"


# --- Serving ---------------------------------------------------------------------------------

def page(articles: list[EvidenceArticle], path: str, query: dict[str, list[str]], skin: str = "evidence") -> Page:
    """The install's response to a GET of ``path`` with ``query`` (``skin`` is unused: each
    article carries its own variant)."""
    now = datetime.now(KST)
    if path == "/robots.txt":
        return Page(b"User-agent: *\nDisallow: /member/\n", "text/plain")
    if path == "/":
        return Page(_frame("전체기사", home_page(articles)).encode())
    if path == "/news/articleList.html":
        code, number = query.get("sc_section_code", [""])[0], query.get("page", ["1"])[0]
        if code in SECTIONS and number.isdigit() and int(number) > 0:
            return Page(_frame(SECTIONS[code], list_page(articles, code, int(number), now)).encode())
    if path.startswith("/rss/") and path.endswith(".xml"):
        code = path.removeprefix("/rss/").removesuffix(".xml")
        if code == "allArticle" or code in SECTIONS:
            return Page(feed(articles, None if code == "allArticle" else code).encode(), "application/rss+xml; charset=utf-8")
    if path in ("/news/articleView.html", "/news/articleViewAmp.html"):
        idx = query.get("idxno", [""])[0]
        if idx == REDIRECTING_ID:
            return Page(b"", status=302, headers=(("Location", "/"),))
        if idx == NOT_FOUND_ID:
            return NOT_FOUND
        article = next((a for a in articles if str(a.idx) == idx), None)
        if article is None or article.kind == "deleted_alert":
            return Page(SOFT_404.encode())
        if path.endswith("Amp.html"):
            return Page(amp_page(article).encode())
        return Page(article_page(articles, article, now).encode())
    return NOT_FOUND


def _frame(title: str, contents: str, head: str = "") -> str:
    menu = "".join(
        f'<li><a href="/news/articleList.html?sc_section_code={code}&amp;view_type=sm">{name}</a></li>' for code, name in SECTIONS.items()
    )
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{escape(title)} - {SITE}</title>
<link rel="stylesheet" href="/css/style.css">
<link rel="alternate" type="application/rss+xml" title="전체기사" href="/rss/allArticle.xml">{head}
</head><body>
<header class="user-header"><p class="today">발행일: 2025-12-06 17:25 (토)</p><p class="update">UPDATE : 2018.3.21 수 17:58</p>
<nav class="gnb"><ul>{menu}</ul></nav></header>
<div id="user-container">
{contents}
</div>
<footer class="user-footer"><p>{SITE} | 등록번호 전남 아00000 | 발행일 : 2015-02-23 | 발행인 홍길동</p>
<p>Copyright © {SITE}. All rights reserved.</p><p>ND소프트</p></footer>
</body></html>
<!--// Cache :: replica //-->
"""


def _link(article: EvidenceArticle, amp: bool = False) -> str:
    return f"/news/articleView{'Amp' if amp else ''}.html?idxno={article.idx}"


def home_page(articles: list[EvidenceArticle]) -> str:
    """The home page: the newest listed article and the menu (in the frame)."""
    newest = [a for a in articles if a.listed][-1]
    return f'<div class="main-top"><a href="{_link(newest)}">{escape(newest.title)}</a></div>'


# --- Lists -------------------------------------------------------------------------------------

def listed(articles: list[EvidenceArticle], code: str) -> list[EvidenceArticle]:
    """A section's list, newest first."""
    return [a for a in reversed(articles) if a.section == code and a.listed]


def list_date(article: EvidenceArticle, form: str, now: datetime) -> str:
    """The date a list entry shows in the list skin's ``form``."""
    recent = now - article.published
    if form == "relative_or_dots":  # incheonilbo: "N분 전" / "N시간 전" for today's
        if recent < timedelta(hours=1):
            return _relative(article.published, "분", now, space=True)
        if recent < timedelta(days=1):
            return _relative(article.published, "시간", now, space=True)
        return f"{article.published:%Y.%m.%d %H:%M}"
    if form == "yearless_dots":  # jngjedu: "07.21 18:39"
        return f"{article.published:%m.%d %H:%M}"
    if form == "yearless_dashes":  # 2025: "MM-DD HH:MM" for recent items, "YYYY-MM-DD" for older
        return f"{article.published:%m-%d %H:%M}" if recent < timedelta(days=180) else f"{article.published:%Y-%m-%d}"
    if form == "dashes":
        return f"{article.published:%Y-%m-%d %H:%M}"
    if form == "date_only":
        return f"{article.published:%Y-%m-%d}"
    return f"{article.published:%Y.%m.%d %H:%M}"


def _list_url(code: str, number: int) -> str:
    return f"/news/articleList.html?sc_section_code={code}&amp;view_type=sm&amp;page={number}&amp;total=0&amp;box_idxno="


def list_page(articles: list[EvidenceArticle], code: str, number: int, now: datetime) -> str:
    """A section list page in the section's list skin; past the end, an empty list (a 2025
    list, which has no page links, answers every page with its first)."""
    skin = LIST_SKINS[code]
    entries = listed(articles, code)
    last = max(1, -(-len(entries) // LIST_PAGE_SIZE))
    if skin.startswith("2025"):
        number = 1
    shown = entries[(number - 1) * LIST_PAGE_SIZE : number * LIST_PAGE_SIZE]
    name, form = SECTIONS[code], LIST_DATE_FORMS[skin]
    amp = number == 1 and len(shown) > 1  # one entry of a first page links the AMP form
    rows = []
    for place, a in enumerate(shown):
        href = _link(a, amp=amp and place == 1)
        title, lead = escape(a.title), escape(a.paragraphs[0][:40])
        reporter = f"{escape(a.author)} 기자"
        if skin == "2017-block":
            rows.append(
                f'<div class="list-block"><div class="list-image" style="background-image:url(/news/thumbnail/{a.idx}_v150.jpg)"></div>'
                f'<div class="list-titles"><a href="{href}"><strong>{title}</strong></a></div>'
                f'<p class="list-summary"><a href="{href}">{lead}</a></p>'
                f'<div class="list-dated">{name} | {reporter} | {list_date(a, form, now)}</div></div>'
            )
        elif skin == "2017-table":
            rows.append(
                f'<div class="table-row"><div class="list-titles"><small class="list-section">[{name}]</small> '
                f'<a class="links" href="{href}">{title}</a></div>'
                f'<div class="list-dated">{reporter} | {list_date(a, form, now)}</div></div>'
            )
        elif skin == "2020-type1":
            rows.append(
                f'<li><h4 class="titles"><a href="{href}">{title}</a></h4><p class="lead"><a href="{href}">{lead}</a></p>'
                f'<span class="byline"><em>{name}</em><em>{reporter}</em><em>{list_date(a, form, now)}</em></span></li>'
            )
        elif skin == "2020-type2":
            rows.append(
                f'<li><div class="thumb"><img src="/news/thumbnail/{a.idx}_v150.jpg" alt=""></div><H2 class="titles"><a href="{href}">{title}</a></H2>'
                f'<p class="lead"><a href="{href}">{lead}</a></p><em class="info category">{name}</em>'
                f'<em class="info name">{reporter}</em><em class="info dated">{list_date(a, form, now)}</em></li>'
            )
        else:
            info = "".join(f'<span class="altlist-info-item">{text}</span>' for text in (SUB_SECTIONS[code][1], reporter, list_date(a, form, now)))
            absolute = BASE_PLACEHOLDER + href  # absolute, as 2025 lists write them
            rows.append(
                f'<li class="altlist-{"webzine" if skin.endswith("webzine") else "text"}-item">'
                f'<H2 class="altlist-subject"><a href="{absolute}" target="_top">{title}</a></H2>'
                f'<p class="altlist-summary">{lead}</p><div class="altlist-info">{info}</div></li>'
            )
    if skin.startswith("2017"):
        pages = "".join(f'<li><a href="{_list_url(code, n)}">{n}</a></li>' for n in range(1, last + 1))
        return (f'<section class="article-list-content">{"".join(rows)}</section>'
                f'<ul class="pagination">{pages}<li class="pagination-end"><a href="{_list_url(code, last)}">끝</a></li></ul>')
    if skin.startswith("2020"):
        kind = "type1" if skin.endswith("type1") else "type2"
        pages = "".join(f'<li><a href="{_list_url(code, n)}">{n}</a></li>' for n in range(1, last + 1))
        return (f'<section id="section-list"><ul class="{kind}">{"".join(rows)}</ul></section>'
                f'<ul class="pagination">{pages}<li><a href="{_list_url(code, last)}" title="끝">끝</a></li></ul>')
    kind = "webzine" if skin.endswith("webzine") else "text"
    return (f'<div id="sections" class="altlist"><header><H1 class="altlist-title">{name}'
            f'<small class="altlist-count">총 {len(entries)}건의 기사가 있습니다.</small></H1></header>'
            f'<article id="section-list" class="altlist-body"><ul class="altlist-{kind}">{"".join(rows)}</ul></article>'
            '<button type="button" class="list-btn-more" onclick="listMore()">더보기</button>'
            f'<script>var listPerPage = {LIST_PAGE_SIZE};</script></div>')


# --- Feeds -------------------------------------------------------------------------------------

def feed(articles: list[EvidenceArticle], code: str | None) -> str:
    """The newest listed articles (of a section) as RSS 2.0: titles and authors in CDATA,
    ``pubDate`` as ``YYYY-MM-DD HH:MM:SS`` in KST without a zone."""
    newest = [a for a in reversed(articles) if a.listed and (code is None or a.section == code)][:FEED_SIZE]
    items = "".join(
        f"<item><title><![CDATA[{a.title}]]></title><link>http://127.0.0.1/news/articleView.html?idxno={a.idx}</link>"
        f"<description><![CDATA[{a.paragraphs[0]}]]></description><author><![CDATA[{a.author} 기자]]></author>"
        f"<pubDate>{a.published:%Y-%m-%d %H:%M:%S}</pubDate></item>"
        for a in newest
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{SITE}</title><link>http://127.0.0.1/</link>{items}</channel></rss>'


# --- Article pages -------------------------------------------------------------------------------

def _tag(article: EvidenceArticle, name: str) -> str:
    """``name`` as the source writes it: upper case in the ``upper`` variant."""
    return name.upper() if article.variant["case"] == "upper" else name


def _meta(article: EvidenceArticle) -> str:
    v = article.variant
    parts = [
        f'<meta property="og:title" content="{escape(article.title)}">',
        f'<meta name="title" content="{escape(article.title)} - {SITE}">',
        '<meta property="og:type" content="article">',
        f'<meta property="article:section" content="{article.section}">',
        f'<meta property="article:section2" content="{SUB_SECTIONS[article.section][0]}">',
        f'<meta name="Classification" content="{SECTIONS[article.section]} &gt; {SUB_SECTIONS[article.section][1]}">',
    ]
    if v["date_form"] != "date_only":
        # The meta time is not the visible one (seconds, and minutes off): the visible date is the article's.
        meta_time = article.published - timedelta(minutes=3) + timedelta(seconds=45)
        parts.append(f'<meta property="article:published_time" content="{meta_time.isoformat()}">')
    if v["meta_author"] == "plain":
        parts.append(f'<meta name="author" content="{escape(article.author)} 기자">')
    elif v["meta_author"] == "dateline":
        parts.append(f'<meta name="author" content="{_DATELINES[article.number % 3]}={escape(article.author)} 기자">')
    photo = article.images[0][0] if article.images else LOGO
    parts.append(f'<meta property="og:image" content="{escape(photo)}">')  # the site logo when there is no photo
    if article.images and not photo.startswith("http"):
        parts.append(f'<link rel="preload" as="image" href="{escape(photo)}">')
    if v["base_href"] == "yes":
        parts.append('<base href="/">')
    return "".join(parts)


def _figure(article: EvidenceArticle, n: int, src: str, shown: str) -> str:
    v = article.variant
    alt = escape(shown.removeprefix("▲ ")) if v["caption"] == "alt" or article.era == "2025" else ""
    lazy = ' loading="lazy"' if article.era == "2025" else ""
    img = f'<img src="{escape(src)}" alt="{alt}"{lazy}>'
    if v["figure_wrap"] == "imgfloating":
        img = f'<div class="IMGFLOATING" style="width:600px">{img}</div>'
    caption_class = ' class="text-left"' if n == 1 else ""
    if article.era == "2025":
        photo_id = 516_000 + article.number * 3 + n
        figure = (f'<figure class="photo-layout image photo_{photo_id} float-center" data-type="photo" data-idxno="{photo_id}">'
                  f'{img}<figcaption{caption_class}>{escape(shown)}</figcaption></figure>')
    else:
        figure = f'<figure class="photo-layout image">{img}<figcaption{caption_class}>{escape(shown)}</figcaption></figure>'
    if v["figure_wrap"] == "centred":
        figure = f'<div style="text-align:center">{figure}</div>'
    return figure


_FURNITURE_HTML = {
    "view_editors": '<div class="view-editors"><a href="/news/userArticleList.html"><strong class="names">{author} 기자</strong></a> 다른기사 보기</div>',
    "view_copyright": '<div class="view-copyright">{author} 기자 reporter@namdo-replica.example<br>저작권자 © {site} 무단전재 및 재배포 금지</div>',
    "share_buttons": '<ul class="info-options2 no-bullet"><li><button type="button">페이스북</button></li><li><button type="button">트위터</button></li><li>SNS 기사보내기</li></ul>',
    "flash_script": '<script type="text/javascript">//flash 오류를 우회하기 위한 함수 추가\nfunction setEmbed() {{ var obj = new String; document.write(obj); }}</script>',
    "adop": '<iframe src="https://ad.example.kr/slot" width="300" height="250"></iframe><!-- ADOP SEO Tag S --><ins class="adsbyadop" data-slot="9"></ins><!-- ADOP SEO Tag E -->',
    "ad_template": '<div class="ad-template" id="AD1234567"><div class="ad-view"><p>ADVERTISEMENT</p><ins class="adsbygoogle"></ins></div></div>',
    "google_auto": '<div class="google-auto-placed"><ins class="adsbygoogle" style="display:block"></ins></div>',
    "inline_script": '<script>window.dataLayer = window.dataLayer || [];</script><style>.article-body p {{ margin: 0 }}</style>',
}


def _faq(article: EvidenceArticle) -> str:
    return ('<div id="tem-type-8"><p>FAQ</p>'
            f'<p>Q: {escape(SECTIONS[article.section])} 소식은 어디서 더 볼 수 있나요?</p><p>A: 누리집의 섹션 목록에서 볼 수 있습니다.</p></div>')


def _body_html(article: EvidenceArticle) -> str:
    """The inside of the body container: paragraphs, figures, and the article's furniture."""
    if article.kind == "members_only":
        return '<p>이 기사는 회원 전용 기사입니다. <a href="/member/login.html">로그인</a> 후 이용해 주세요.</p>'
    v = article.variant
    paragraphs = [escape(p) for p in article.paragraphs]
    if "font_wrapper" in article.furniture:  # legacy content: one font element, lines by <br>
        blocks = [f'<div class="news_content"><div><font size="3" face="굴림">{"<br><br>".join(paragraphs)}</font></div></div>']
    else:
        blocks = [f"<p>{p}</p>" for p in paragraphs]
    for n, (src, shown, _) in reversed(list(enumerate(article.images))):
        blocks.insert(n, _figure(article, n, src, shown))
    for name in article.furniture:
        snippet = _FURNITURE_HTML.get(name)
        if snippet:
            blocks.insert(min(2, len(blocks)), snippet.format(author=escape(article.author), site=SITE))
    if "table" in article.furniture:
        blocks.append('<table class="ad-table"><tr><td><div class="ad-template" id="AD99">ADVERTISEMENT</div></td></tr></table>')
    if "faq" in article.furniture:
        blocks.append(_faq(article))
    if "tts" in article.furniture:
        blocks.insert(0, "<p>기사를 읽어드립니다.</p>")
    if "user_content" in article.furniture:  # some 2017 installs: a .user-content wrapper inside
        blocks = [f'<div class="user-content">{"".join(blocks)}</div>']
    if v["subtitle"] == "inside" and article.subtitles:
        lines = "<br>".join(escape(s) for s in article.subtitles)
        if article.era == "2017":
            blocks.insert(0, f'<div class="article-head-sub">{lines}</div>')
        else:
            blocks.insert(0, f'<H2 class="subheading">{lines}</H2>')
    return "\n".join(blocks)


def _body_container(article: EvidenceArticle) -> str:
    """The body container in the article's variant: tag, id, class and itemprop."""
    v = article.variant
    tag = _tag(article, v["body_tag"])
    attributes = ['id="article-view-content-div"']
    if v["body_class"] == "on_body":
        attributes.append('class="article-veiw-body view-page font-size17"')
    if v["itemprop"] == "on":
        attributes.append('itemprop="articleBody"')
    container = f'<{tag} {" ".join(attributes)}>\n{_body_html(article)}\n</{tag}>'
    if v["body_class"] == "wrapper":
        wrapper = _tag(article, "article")
        container = f'<{wrapper} class="article-veiw-body">{container}{_after_body_inside_wrapper(article)}</{wrapper}>'
    if v["script_above"] == "yes":
        container = ("<script>$(document).on('copy', '#article-view-content-div', function () "
                     "{ alert('복사가 제한됩니다.'); return false; });</script>\n" + container)
    return container


def _after_body_inside_wrapper(article: EvidenceArticle) -> str:
    if article.era != "2017":
        return ""
    return (f'<div class="view-copyright">{escape(article.author)} 기자 reporter@namdo-replica.example<br>'
            f'저작권자 © {SITE} 무단전재 및 재배포 금지</div>'
            '<div class="view-editors"><a href="/news/userArticleList.html">다른기사 보기</a></div>')


def _boxes(articles: list[EvidenceArticle], article: EvidenceArticle) -> str:
    """The related-articles and most-read boxes: they link the newest article (in the AMP
    form from one of them) besides other articles."""
    exported = [a for a in articles if a.exported and a is not article]
    newest = articles[-1]
    related = exported[-4:-1] + ([newest] if newest is not article else [])
    related_html = "".join(f'<li><a class="list-title" href="{_link(a)}">{escape(a.title)}</a></li>' for a in related)
    most_read = "".join(
        f'<li><a href="{_link(a, amp=a is newest)}"><span class="number">{n}</span>{escape(a.title)}</a></li>'
        for n, a in enumerate(reversed(related), 1)
    )
    return (f'<article class="article-relation"><h3 class="heading">관련기사</h3><ul>{related_html}</ul></article>'
            f'<div id="skin-23"><div class="auto-article"><h3>많이 본 뉴스</h3><ol>{most_read}</ol></div></div>')


def _section_nav(article: EvidenceArticle) -> str:
    code, name = article.section, SECTIONS[article.section]
    sub_code, sub_name = SUB_SECTIONS[code]
    if article.era == "2017":
        return ('<nav class="article-head-nav auto-marbtm-10"><a href="/">HOME</a><i class="fa fa-angle-right"></i> '
                f'<a href="/news/articleList.html?sc_section_code={code}">{name}</a><i class="fa fa-angle-right"></i> '
                f'<a href="/news/articleList.html?sc_sub_section_code={sub_code}">{sub_name}</a></nav>')
    if article.era == "2020":
        return f'<nav class="article-view-nav"><a href="/">HOME</a> &gt; <a href="/news/articleList.html?sc_section_code={code}&amp;view_type=sm">{name}</a></nav>'
    return f'<div class="shoulder-group"><a class="section-name" href="/news/articleList.html?sc_section_code={code}">{name}</a></div>'


def _print_date(article: EvidenceArticle) -> str:
    """The print edition's date, never the article's: a byline item on some installs."""
    if article.variant["print_date"] != "yes":
        return ""
    day = article.published - timedelta(days=1)
    weekday = "월화수목금토일"[day.weekday()]
    return f"<li>지면게재일 {day.year}년 {day.month:02d}월 {day.day:02d}일 {weekday}요일</li>"


def _byline(article: EvidenceArticle, now: datetime) -> str:
    v, name = article.variant, escape(article.author)
    published, modified = escape(published_text(article, now)), escape(modified_text(article))
    if article.era == "2017":
        author = {
            "name": f"{name}",
            "name_reporter": f"{name} 기자",
            "name_email": f'{name} 기자 <a href="mailto:reporter@namdo-replica.example">reporter@namdo-replica.example</a>',
        }[v["author_form"]]
        third = f'<li><i class="fa fa-clock-o fa-fw"></i> {modified}</li>' if modified else '<li><i class="fa fa-commenting-o fa-fw"></i> 댓글\n 0\t</li>'
        return (f'<div class="info-text"><ul class="no-bullet auto-marbtm-0 line-height-6"><li><i class="fa fa-user-o fa-fw"></i> {author}</li>'
                f'<li><i class="fa fa-clock-o fa-fw"></i> {published}</li>{third}{_print_date(article)}</ul></div>')
    if article.era == "2020":
        author = {
            "reporter": f"{name} 기자",
            "reporter_email": f"{name} 기자 (reporter@namdo-replica.example)",
            "role_email": f"{name} 미국 통신원 (reporter@namdo-replica.example)",
            "editor": f"{name} 에디터",
        }[v["author_form"]]
        mod = f'<li><i class="icon-clock-o"></i> {modified}</li>' if modified else ""
        return (f'<div class="info-group"><ul class="infomation"><li><i class="icon-user-o"><span class="show-for-sr">기자명</span></i> {author}</li>'
                f'{_print_date(article)}<li><i class="icon-clock-o"></i> {published}</li>{mod}<li><i class="icon-eye"></i> 조회수 {article.number * 37 + 5}</li></ul></div>')
    author = f" {name} 기자 " if v["author_form"] == "padded" else f"{_DATELINES[article.number % 3]}={name} 기자"
    if modified:
        dates = f'<li class="{v["update_class"]}">{modified} <div class="info-update-origin">{published}</div></li>'
    else:
        dates = f"<li>{published}</li>"
    return f'<ul class="breadcrumbs"><li class="info-name" aria-label="기자명">{author}</li>{dates}</ul>'


def _heading(article: EvidenceArticle) -> str:
    v = article.variant
    title = escape(article.title)
    if article.era == "2017":
        header = f'<header class="article-header-wrap"><div class="article-head-title">{title}</div></header>'
        subtitle = ""
        if v["subtitle"] == "outside" and article.subtitles:
            subtitle = f'<div class="article-head-sub">{"<br>".join(escape(s) for s in article.subtitles)}</div>'
        return header + subtitle
    level = _tag(article, v["heading"])
    subtitle = ""
    if v["subtitle"] == "outside" and article.subtitles:
        h2 = _tag(article, "h2")
        subtitle = f'<{h2} class="subheading">{"<br>".join(escape(s) for s in article.subtitles)}</{h2}>'
    return f'<{level} class="heading">{title}</{level}>{subtitle}'


def article_page(articles: list[EvidenceArticle], article: EvidenceArticle, now: datetime) -> str:
    """An article page in the article's variant."""
    v = article.variant
    body = _body_container(article)
    boxes = _boxes(articles, article)
    prev_button = ('<button type="button" class="aht-btn prev" onclick="articleHeader.move(\'prev\', \'embargo_date\', '
                   f'\'{int(article.published.timestamp())}_{article.idx}\', \'{article.section}\')">이전</button>')
    if article.era == "2017":
        head = f'<header class="article-view-header">{_section_nav(article)}{_heading(article)}<section class="article-head-info">{_byline(article, now)}</section></header>'
        if v["title_path"] != "plain":  # the positional path some scrapers use
            head = f'<div class="float-center {v["title_path"]}"><header>{head}</header></div>'
        if v["body_class"] != "wrapper":
            body += _after_body_inside_wrapper(article)
        contents = f'<div class="aht-title">{escape(article.title)}</div>{prev_button}{head}{body}{boxes}'
    elif article.era == "2020":
        decor = ""
        if v["decor"] == "item":  # a decorative article: a whole byline in one span
            decor = (f'<article class="item"><span class="byline">기자명 {escape(article.author)} 기자 '
                     f'{escape(published_text(article, now))}</span></article>')
        elif v["decor"] == "fontsize":
            decor = '<article class="fontsize-container"><p>글자크기 설정</p><button type="button">가</button><button type="button">가</button></article>'
        head = (f'<header class="article-view-header">{_section_nav(article)}{_heading(article)}'
                f'{_byline(article, now)}</header>')
        contents = (f'<div class="aht-title-view">{escape(article.title)}</div>{prev_button}<div id="article-view"><div>{head}'
                    f'{decor}<div class="article-body">{body}</div>'
                    f'<article class="writer"><span class="name">{escape(article.author)} 기자</span><span class="email">reporter@namdo-replica.example</span></article>'
                    f'<div class="article-copyright">저작권자 © {SITE} 무단전재 및 재배포 금지</div></div></div>{boxes}')
    else:
        head = (f'<header class="article-view-header">{_section_nav(article)}{_heading(article)}'
                f'<div class="info-group">{_byline(article, now)}</div></header>')
        toolbar = ('<div class="article-sytool"><span>글자크기 설정</span><button type="button">가</button><button type="button">가</button>'
                   '<p>기사의 본문 내용은 이 글자크기로 변경됩니다.</p></div>')
        contents = (f'<section class="atlview-grid"><h2 class="box-title">뉴스홈</h2>{head}'
                    '<article class="atlview-grid-body"><div class="article-body"><article class="article-sytool-container">'
                    f'{toolbar}{body}</article></div>'
                    f'<article class="article-writer"><p>{escape(article.author)} 기자 다른기사 보기</p></article>'
                    '<div class="tag-group"><a href="/news/tag">#지역</a></div>'
                    f'<article class="article-copyright">저작권자 © {SITE} 무단전재 및 재배포, AI학습 및 활용 금지</article></article>'
                    f'{boxes}</section>')
    return _frame(article.title, contents, _meta(article))


def amp_page(article: EvidenceArticle) -> str:
    """The AMP form of an article: a plain page without the metadata."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    return (f'<!doctype html><html amp lang="ko"><head><meta charset="utf-8"><link rel="canonical" href="{_link(article)}">'
            f'<title>{escape(article.title)}</title></head><body><h1>{escape(article.title)}</h1>{paragraphs}</body></html>')


def serve(port: int = 0, articles: list[EvidenceArticle] | None = None) -> ReplicaServer:
    """The replica's server (not started: use it as a context manager), on ``port`` of
    127.0.0.1, with the site's own address filled into the pages that write it."""
    server = ReplicaServer(port, pages=page, articles=list(articles or ARTICLES), skin="evidence")  # type: ignore[arg-type]
    server.rewrite[BASE_PLACEHOLDER.encode()] = server.base_url.encode()
    return server


def main() -> None:
    """Serve the replica until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8022)
    options = parser.parse_args()
    with serve(options.port) as server:
        print(f"Serving the ND소프트 evidence replica at {server.base_url} (Ctrl-C to stop)", flush=True)
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
