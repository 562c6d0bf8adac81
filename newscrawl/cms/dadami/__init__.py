"""The ``list.php?mcode=`` / ``view.php?idx=`` CMS (known as 다다미디어's PHP CMS): its URL
scheme and the patterns every install shares."""

from __future__ import annotations

from newscrawl.cms.common import KOREAN_PROMO_LINES
from newscrawl.cms.dadami.lists import LISTS
from newscrawl.cms.dadami.skins import SKINS
from newscrawl.cms.model import Cms, UrlScheme

SCHEME = UrlScheme(
    home_path="/",
    list_path="/news/list.php",
    section_param="mcode",
    page_param="page",
    article_id_param="idx",
    article_forms={
        "canonical": "/news/view.php?idx={id}",
        "short": "/news/{id}",
        "article": "/article/{id}",
        "mobile": "/m/view.php?idx={id}",
    },
)

# Whole-line patterns for this CMS's furniture found inside a body (each anchored to the
# whole line, so prose that merely mentions these words stays).
_PROMO_LINES = (
    r"(?:HOME\s*)?기사\s*메일\s*전송",
    r"기사\s*수정",
    r"목록\s*바로\s*가기",
    r"인쇄(?:하기)?",
    r"(?:페이스북|트위터|카카오톡?)\s*공유(?:하기)?",
    r"스크랩(?:하기)?|프린트하기|이메일\s*보내기|글자\s*(?:확대|축소)",
    r"(?:이전|다음)\s*기사\s*보기",
    r"좋아요\s*\d*",
    r"많이\s*본\s*뉴스(?:\s*더\s*보기)?",
    r"모바일\s*버전\s*바로\s*가기",
)

CMS = Cms(
    name="dadami",
    scheme=SCHEME,
    skins=SKINS,
    lists=LISTS,
    promo_lines=(*_PROMO_LINES, *KOREAN_PROMO_LINES),
    deleted_page=r"alert\(\s*[\"'][^\"']*(?:삭제|존재하지\s*않|없는\s*기사|기사가\s*없|잘못된\s*접근)",
)
