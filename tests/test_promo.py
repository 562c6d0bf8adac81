"""Promotional lines are stripped; prose that mentions the same words stays."""

from __future__ import annotations

import pytest

from newscrawl.cms.dadami.sites import PROFILES
from newscrawl.extract.promo import compile_promo_lines, strip_promo_lines

PROFILE = PROFILES["news21"]

PROMO = compile_promo_lines(PROFILE.cms.promo_lines)


@pytest.mark.parametrize(
    "line",
    [
        "기사 메일전송",
        "기사수정",
        "좋아요 12",
        "목록 바로가기",
        "인쇄",
        "이전 기사 보기",
        "다음 기사 보기",
        "많이 본 뉴스",
        "모바일 버전 바로가기",
        "관련기사",
        "[관련기사] 포항시, 제설 장비 점검",
        "▶ 관련기사 : 지난해 난방비 지원 사업 결산",
        "관련기사: 시의회 예산 심사",
        "【관련기사】 미술관 기획전",
        "최민준 기자 mj.choi@news21.example",
        "(mj.choi@news21.example)",
        "/최민준 기자",
        "최민준 기자",
        "Copyright ⓒ 뉴스21 통신 All rights reserved. 무단전재 및 재배포 금지",
        "ⓒ 뉴스21 통신 무단전재 및 재배포 금지",
        "저작권자 © 뉴스21 통신 무단전재 및 재배포 금지",
        "<저작권자(c) 뉴스21 통신, 무단 전재-재배포 금지>",
        "무단전재 및 재배포 금지",
        "  인쇄  ",
        "[광고]",
        "AD",
    ],
)
def test_promotional_line_is_removed(line: str) -> None:
    assert strip_promo_lines(f"첫 문단이다.\n{line}\n끝 문단이다.", PROMO) == "첫 문단이다.\n끝 문단이다."


@pytest.mark.parametrize(
    "line",
    [
        "한편 시는 관련기사를 찾아보기 어렵다는 독자 의견에 따라 게시판을 새로 단장했다.",
        "출판사들은 작품의 무단 전재 및 재배포 금지 원칙을 지켜 달라고 이용자들에게 당부했다.",
        "그는 기사 수정 요청이 들어오면 하루 안에 답하겠다고 말했다.",
        "인쇄 산업 종사자들은 종이값 상승에 어려움을 호소했다.",
        "많이 본 뉴스 목록에 오른 기사들은 주로 날씨와 교통 소식이었다.",
        "최민준 기자는 이날 현장을 찾아 주민들의 이야기를 들었다.",
        "저작권자들은 이번 판결이 창작 환경을 바꿀 것이라고 내다봤다.",
        "문의는 시청 문화예술과(053-000-0000)로 하면 된다.",
    ],
)
def test_prose_mentioning_the_words_stays(line: str) -> None:
    text = f"첫 문단이다.\n{line}"
    assert strip_promo_lines(text, PROMO) == text


def test_no_patterns_is_an_error() -> None:
    with pytest.raises(ValueError):
        compile_promo_lines([])
