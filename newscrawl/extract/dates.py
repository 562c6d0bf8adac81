"""Korean date text to timezone-aware datetimes in Korea Standard Time.

The common numeric forms (the site's own ``등록 2020-11-20 13:25:23`` among them) take an
exact fast path; dateparser handles everything else (relative and worded dates).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dateparser

KST = ZoneInfo("Asia/Seoul")

# Labels that stand in front of an article's date ("등록 :", "기사입력", "최종수정 …", "최종편집").
_LABEL = re.compile(
    r"^(?:기사\s*(?:입력|등록|승인)|최초\s*입력|최종\s*(?:수정|편집)|업데이트|등록|입력|수정|승인|노출|송고|작성)"
    r"\s*(?:일시|시간)?\s*[:：]?\s*"
)
# Dates of the publication itself (registration, issue), never an article's date.
_NOT_ARTICLE_DATE = re.compile(r"^(?:등록일|발행일|창간일|등록\s*번호)")
# A byline after the date: "2020-11-20 13:25 | 홍길동 기자".
_TRAILING_BYLINE = re.compile(r"\s*[|｜][^|｜]*기자[^|｜]*$")
_WEEKDAY = re.compile(r"\(\s*[월화수목금토일]\s*(?:요일)?\s*\)")
_TIME = (
    r"(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?"
    r"(?P<hour>\d{1,2})\s*[:시]\s*(?P<minute>\d{1,2})\s*분?"
    r"(?:\s*:\s*(?P<second>\d{1,2})\s*초?)?"
    r"(?:\s*(?P<ampm_after>AM|PM|am|pm))?"
)
_FULL_DATE = re.compile(
    r"^(?P<year>\d{4})\s*[-./년]\s*(?P<month>\d{1,2})\s*[-./월]\s*(?P<day>\d{1,2})\s*[.일]?"
    rf"(?:\s*{_TIME})?$"
)
_MONTH_DAY = re.compile(
    r"^(?P<month>\d{1,2})\s*[-./월]\s*(?P<day>\d{1,2})\s*[.일]?"
    rf"(?:\s*{_TIME})?$"
)
_JUST_NOW = re.compile(r"^(?:방금|막|지금)\s*(?:전)?$")
_DAYS_AGO = {"오늘": 0, "어제": 1, "그제": 2, "그저께": 2}
_DAY_WORD = re.compile(rf"^(?P<word>{'|'.join(_DAYS_AGO)})(?:\s*{_TIME})?$")
_AGO = re.compile(r"^(?P<count>\d{1,4})\s*(?P<unit>분|시간|일)\s*전$")
_AGO_UNITS = {"분": "minutes", "시간": "hours", "일": "days"}
_GLUED_RELATIVE = re.compile(r"(\d+)\s*(초|분|시간|일|주|개월|달|년)\s*(전|후)")

_DATEPARSER_SETTINGS = {
    "TIMEZONE": "Asia/Seoul",
    "TO_TIMEZONE": "Asia/Seoul",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "YMD",
}


def strip_date_label(text: str) -> str:
    """Return ``text`` without a leading date label and a trailing ``| name 기자``."""
    text = " ".join(text.split())
    text = _LABEL.sub("", text, count=1)
    return _TRAILING_BYLINE.sub("", text).strip()


def parse_date(text: str, now: datetime | None = None) -> datetime | None:
    """Parse Korean date text into an aware datetime in KST, or ``None``.

    ``now`` (aware) anchors relative forms (``3시간전``) and year-less ones (``11-20 13:25``);
    it defaults to the current time. Registration and issue dates (``등록일``, ``발행일``)
    are refused: they are never an article's date.
    """
    if not text or _NOT_ARTICLE_DATE.match(text.strip()):
        return None
    cleaned = _WEEKDAY.sub(" ", strip_date_label(text))
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        return None
    if match := _FULL_DATE.match(cleaned):  # the common case, which needs no "now"
        return _from_match(match, int(match["year"]), int(match["month"]), int(match["day"]))
    now = (now or datetime.now(KST)).astimezone(KST).replace(microsecond=0)
    if _JUST_NOW.match(cleaned):
        return now
    if match := _MONTH_DAY.match(cleaned):
        return _month_day(match, now)
    if match := _DAY_WORD.match(cleaned):
        day = now - timedelta(days=_DAYS_AGO[match["word"]])
        return _from_match(match, day.year, day.month, day.day)
    if "T" in cleaned and (iso := _from_iso(cleaned)):
        return iso
    return _with_dateparser(_GLUED_RELATIVE.sub(r"\1\2 \3", cleaned), now)


def parse_list_date(text: str, now: datetime) -> datetime | None:
    """Parse the date of a list entry, in the forms lists write, or return ``None``.

    Full dates (``2024.03.04 09:10``, ``2024-03-04``), dates without a year (``03.04 09:10``,
    ``03-04 09:10``: the latest such date not after ``now``) and relative ones (``5분 전``,
    ``3시간 전``, ``2일 전``, counted back from ``now``). Strict and fast, without dateparser:
    every field of an entry's line is tried, and a reporter's name or a section is not a date.
    """
    cleaned = " ".join(strip_date_label(text).split())
    if match := _FULL_DATE.match(cleaned):
        return _from_match(match, int(match["year"]), int(match["month"]), int(match["day"]))
    now = now.astimezone(KST).replace(microsecond=0)
    if match := _MONTH_DAY.match(cleaned):
        return _month_day(match, now)
    if match := _AGO.match(cleaned):
        return now - timedelta(**{_AGO_UNITS[match["unit"]]: int(match["count"])})
    return None


def to_iso(moment: datetime) -> str:
    """Format an aware datetime as ISO 8601 in KST with seconds: ``2020-11-20T13:25:23+09:00``."""
    return moment.astimezone(KST).replace(microsecond=0).isoformat()


def _from_match(match: re.Match[str], year: int, month: int, day: int) -> datetime | None:
    """Build the datetime of ``year-month-day`` at the time groups of ``match``."""
    hour = int(match["hour"] or 0)
    ampm = (match["ampm"] or match["ampm_after"] or "").lower()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        return datetime(
            year,
            month,
            day,
            hour,
            int(match["minute"] or 0),
            int(match["second"] or 0),
            tzinfo=KST,
        )
    except ValueError:
        return None


def _month_day(match: re.Match[str], now: datetime) -> datetime | None:
    """A date without a year is the latest such date that is not after ``now``: read on
    01-02, ``12-31`` is last year's; ``02-29`` is that of the latest leap year."""
    month, day = int(match["month"]), int(match["day"])
    for year in range(now.year, now.year - 8, -1):
        moment = _from_match(match, year, month, day)
        if moment is not None and moment <= now:
            return moment
    return None


def _from_iso(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    return moment.astimezone(KST)


def _with_dateparser(text: str, now: datetime) -> datetime | None:
    settings = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": now.replace(tzinfo=None)}
    try:
        moment = dateparser.parse(text, languages=["ko", "en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if moment is None:
        return None
    return moment.astimezone(KST).replace(microsecond=0)
