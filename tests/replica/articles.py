"""The replica's articles: our own Korean prose, plus the traps each special article carries.

Everything a test expects is derived from these records, never from the crawler's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

SECTIONS = {
    "m72mass272": "사회",
    "m73mass273": "지방자치",
    "m81mass281": "문화",
    "m96mass296": "국제",  # in the menu, but with no articles: its list is empty
}
LIST_PAGE_SIZE = 5


@dataclass
class Article:
    """One article of the replica and how it is served."""

    idx: int
    section: str
    title: str
    subtitles: list[str]
    byline: str
    """The first byline item as shown (``이름 기자``, two names, …)."""
    authors: str
    """The expected ``author`` field."""
    published: datetime
    paragraphs: list[str]
    images: list[tuple[str, str]] = field(default_factory=list)
    """(path, caption) pairs; the first image stands before the first paragraph."""
    modified: datetime | None = None
    kind: str = "article"
    """``article``, ``deleted_404``, ``deleted_alert`` or ``members_only``."""
    listed: bool = True
    """Whether the section list shows it (``False``: reachable only through prev/next)."""
    extras: tuple[str, ...] = ()
    """Furniture the body carries: ``ad``, ``related_box``, ``related_line``, ``signoff``,
    ``copyright``, ``noise`` (nbsp and zero-width spaces), ``br_lines``, ``table``."""
    encoding: str = "utf-8"
    charset_in: str = "both"
    """Where the charset is declared: ``both``, ``header``, ``meta`` or ``none``."""

    @property
    def exported(self) -> bool:
        """Whether a correct crawler exports this article."""
        return self.kind == "article"


_CITIES = [
    "포항시", "경주시", "안동시", "구미시", "김천시", "영주시", "상주시", "문경시", "경산시",
    "영천시", "청도군", "고령군", "성주군", "칠곡군", "예천군", "봉화군", "울진군", "영덕군",
]
_REPORTERS = ["최민준", "이서윤", "박지호", "정하은", "강도윤", "윤채원"]


def _topic(word: str) -> str:
    """``word`` with the topic particle that fits its last syllable (은 or 는)."""
    has_final_consonant = (ord(word[-1]) - 0xAC00) % 28 != 0
    return word + ("은" if has_final_consonant else "는")


def _social(city: str, n: int) -> tuple[str, list[str], list[str]]:
    return (
        f"{city}, 겨울철 취약계층 난방비 {n}억 원 지원",
        [f"{city} 저소득 가구 {n * 120}곳에 연료비 지급"],
        [
            f"{_topic(city)} 다가오는 한파에 대비해 홀몸 어르신과 저소득 가구의 난방비로 {n}억 원을 "
            "지원한다고 밝혔다.",
            f"지원 대상은 기초생활수급 가구와 차상위 가구 {n * 120}곳이며, 가구마다 연료비를 "
            "두 차례에 나누어 계좌로 입금한다.",
            "시는 읍면동 행정복지센터 직원들이 직접 가정을 방문해 보일러 상태와 단열 상황도 함께 "
            "살펴볼 계획이라고 설명했다.",
            "담당 과장은 \u201c올겨울 기온이 평년보다 낮을 것으로 예보돼 지원 시기를 한 달 앞당겼다\u201d고 말했다.",
        ],
    )


def _local(city: str, n: int) -> tuple[str, list[str], list[str]]:
    return (
        f"{city}의회, 내년도 예산안 {n}건 심사 착수",
        ["상임위원회별 심사 거쳐 다음 달 본회의 의결", "주민참여예산 사업도 포함"],
        [
            f"{city}의회는 집행부가 제출한 내년도 예산안과 조례안 {n}건에 대한 심사를 시작했다.",
            "의회는 상임위원회별로 소관 부서의 설명을 듣고 사업의 필요성과 집행 가능성을 따져 볼 예정이다.",
            f"올해 처음 도입된 주민참여예산 사업 {n % 7 + 3}건도 심사 대상에 올랐다.",
            "의장은 \u201c한 푼의 예산도 허투루 쓰이지 않도록 꼼꼼히 살피겠다\u201d고 강조했다.",
        ],
    )


def _culture(city: str, n: int) -> tuple[str, list[str], list[str]]:
    return (
        f"{city} 시립미술관, 지역 작가 {n}인 기획전 개막",
        [],
        [
            f"{city} 시립미술관은 지역에서 활동하는 작가 {n}명의 작품을 모은 기획전을 연다고 밝혔다.",
            "전시에는 회화와 판화, 설치 작품 등 모두 여든여 점이 나오며, 관람은 무료다.",
            "미술관은 주말마다 작가와의 대화 시간을 마련해 관람객이 작품 세계를 직접 들을 수 있도록 했다.",
        ],
    )


_TOPICS = {"m72mass272": _social, "m73mass273": _local, "m81mass281": _culture}
_START = datetime(2024, 3, 4, 9, 10, 0)


def make_article(number: int) -> Article:
    """The ``number``-th article of the replica (0 is the oldest), without special traps."""
    section = list(_TOPICS)[number % len(_TOPICS)]
    city = _CITIES[number % len(_CITIES)]
    title, subtitles, paragraphs = _TOPICS[section](city, number + 2)
    reporter = _REPORTERS[number % len(_REPORTERS)]
    return Article(
        idx=5001 + number,
        section=section,
        title=title,
        subtitles=subtitles,
        byline=f"{reporter} 기자" if number % 2 else reporter,
        authors=reporter,
        published=_START + timedelta(hours=7 * number, minutes=number * 3, seconds=number),
        paragraphs=paragraphs,
    )


def _build() -> list[Article]:
    articles = [make_article(number) for number in range(45)]
    _decorate({article.idx: article for article in articles})
    return articles


def _decorate(by_id: dict[int, Article]) -> None:
    """Give particular articles the traps the crawler must handle."""
    photo = by_id[5003]
    photo.images = [
        ("/data/photos/202403/art_5003_a.jpg", "기획전 개막식에서 작품을 둘러보는 관람객들"),
        # A caption with a rights note inside it, as the CMS's editors write them.
        ("/data/photos/202403/art_5003_b.jpg", "전시장 입구에 걸린 대형 판화 작품=뉴스21 통신. 무단 전재-재배포 금지."),
    ]
    photo.extras = ("signoff",)

    by_id[5004].modified = by_id[5004].published + timedelta(days=1, hours=2, minutes=5)
    by_id[5004].extras = ("ad", "copyright")

    by_id[5005].extras = ("related_box", "related_line")
    by_id[5005].paragraphs.append(
        "한편 시는 관련기사를 찾아보기 어렵다는 독자 의견에 따라 보도자료 게시판도 새로 단장했다."
    )
    by_id[5006].byline = "정하은·강도윤 기자"
    by_id[5006].authors = "정하은, 강도윤"
    by_id[5006].extras = ("noise", "br_lines")
    by_id[5006].paragraphs.append(
        "출판사들은 작품의 무단 전재 및 재배포 금지 원칙을 지켜 달라고 이용자들에게 거듭 당부했다."
    )
    # A lead credit opens the body: article text, unlike a reporter sign-off at its end.
    by_id[5008].paragraphs[0] = "[뉴스21 통신=이서윤 ] " + by_id[5008].paragraphs[0]
    by_id[5007].extras = ("table",)
    by_id[5007].paragraphs.append("구분 대상 가구 지원액")
    by_id[5007].paragraphs.append("1차 240곳 2억 원")

    by_id[5010].listed = False  # reachable only through its neighbours' prev/next links
    by_id[5020].kind = "deleted_404"
    by_id[5020].listed = False  # the neighbours still point to it
    by_id[5021].kind = "deleted_alert"  # the list still shows it
    by_id[5022].kind = "members_only"

    by_id[5012].encoding = "cp949"
    by_id[5012].charset_in = "meta"
    by_id[5013].encoding = "cp949"
    by_id[5013].charset_in = "header"
    by_id[5014].encoding = "cp949"
    by_id[5014].charset_in = "none"


ARTICLES: list[Article] = _build()
"""Every article of the replica, oldest first (the prev/next chain follows this order)."""

MOST_READ = (5004, 5002)
"""The articles the aside's most-read box links, on every page (among the first four: tests
that cut the replica down keep them)."""


def _box_only() -> list[Article]:
    articles = []
    for number, idx in ((50, 5101), (51, 5102)):
        article = make_article(number)
        article.idx, article.listed = idx, False
        articles.append(article)
    return articles


BOX_ONLY: list[Article] = _box_only()
"""Two articles in no list and no previous/next chain: the ``boxes`` skin's related box links
the first, its most-read box the second (served only with that skin, appended to the articles)."""
