"""Synthetic Korean news articles for the archive's benchmark and tests: our own generator,
seeded, with the short place names and nouns that trigram indexes miss (대구, 부산, 국회), inside
longer words (대구시는, 대구광역시, 국회의원) and in phrases (대구 스마트시티)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

KST = timezone(timedelta(hours=9))
PLACES = [
    "대구", "대구시", "대구광역시", "부산", "부산시", "서울", "경북", "포항", "구미", "안동", "서대구", "동대구", "울산", "광주",
    "대전", "세종", "청주", "천안", "전주", "목포", "여수", "순천", "창원", "김해", "진주", "통영", "거제", "제주", "서귀포",
    "강릉", "춘천", "원주", "속초", "경주", "김천", "상주", "문경", "영주", "영천", "경산", "칠곡", "성주", "고령",
]
NOUNS = [
    "화재", "소방", "스마트시티", "국회", "국회의원", "의회", "예산", "주민", "도로", "공사", "축제", "학교", "병원",
    "교통", "사고", "환경", "에너지", "청년", "일자리", "시장", "조례", "복지", "관광", "문화", "농업", "어업",
    "산업단지", "반도체", "전기차", "수소", "철도", "공항", "하천", "공원", "주택", "재개발", "선거", "후보",
    "경찰", "검찰", "법원", "재판", "기업", "투자", "수출", "물가", "금리", "날씨", "폭염", "한파", "태풍",
]
PARTICLES = ["는", "은", "이", "가", "를", "을", "에서", "의", "와", "과", "에", "도", "로", ""]
VERBS = ["밝혔다", "추진한다", "발표했다", "개최했다", "지원한다", "확대했다", "점검했다", "논의했다", "마련했다", "열었다"]
SITES = ["idaegu", "kyongbuk", "busanilbo", "news21", "jnilbo"]
SECTIONS = ["사회", "지방자치", "정치", "경제", "문화"]


def _sentence(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        word = rng.choice(PLACES) if rng.random() < 0.08 else rng.choice(NOUNS)
        parts.append(word + rng.choice(PARTICLES))
    return " ".join(parts) + " " + rng.choice(VERBS) + "."


def articles(count: int, seed: int = 20, sentences: tuple[int, int] = (5, 12)) -> Iterator[dict[str, Any]]:
    """``count`` articles in the project's item format, the same for the same ``seed``."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=KST)
    for number in range(count):
        site = SITES[number % len(SITES)]
        published = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
        stamp = published.isoformat()
        yield {
            "url": f"https://{site}.example.kr/news/articleView.html?idxno={number + 1}",
            "article_id": str(number + 1),
            "site": site,
            "section": rng.choice(SECTIONS),
            "title": _sentence(rng, rng.randint(3, 6))[:-1],
            "subtitle": _sentence(rng, 4) if rng.random() < 0.3 else "",
            "author": "기자" + str(rng.randrange(50)),
            "published_at": stamp,
            "modified_at": None,
            "published_raw": "입력 " + published.strftime("%Y.%m.%d %H:%M"),
            "body": "\n".join(_sentence(rng, rng.randint(5, 10)) for _ in range(rng.randint(*sentences))),
            "images": [],
            "crawled_at": (published + timedelta(hours=1)).astimezone(UTC).isoformat(timespec="seconds"),
            "is_update": False,
        }
