"""The ND소프트 CMS that most Korean regional papers run: its URL scheme and the patterns every
install shares. Its article pages have no previous/next links: feeds and walking article ids
find what the lists no longer show (see ``spider``)."""

from __future__ import annotations

from newscrawl.cms.common import KOREAN_PROMO_LINES
from newscrawl.cms.model import Cms, UrlScheme
from newscrawl.cms.ndsoft.lists import LISTS
from newscrawl.cms.ndsoft.skins import SKINS

SCHEME = UrlScheme(
    home_path="/",
    list_path="/news/articleList.html",
    section_param="sc_section_code",
    page_param="page",
    article_id_param="idxno",
    article_forms={
        "canonical": "/news/articleView.html?idxno={id}",
        "amp": "/news/articleViewAmp.html?idxno={id}",
        "amp_legacy": "/news/ampArticleView.html?idxno={id}",
    },
    list_query="view_type=sm",
)

FEED_PATHS = ("/rss/allArticle.xml",)
"""Feeds every install serves; the home page links the others (per section, on a CDN host)."""

_PROMO_LINES = (
    r"다른\s*기사\s*보기",
    r"(?:관련\s*기사|핫\s*이슈|인기\s*기사|많이\s*본\s*뉴스)",
    r"(?:기사\s*)?댓글\s*\d*",
    r"(?:공유|글씨\s*(?:키우기|줄이기)|SNS\s*기사보내기|기사\s*스크랩|기사\s*저장)",
    r".{0,60}무단\s*전재\s*(?:및|&|와|,|-)?\s*재배포(?:\s*,?\s*AI\s*학습\s*및\s*활용)?\s*금지[\s.)\]>]*",
    # 2025: the text-to-speech line opening a body, the font-size toolbar's text.
    r"기사를\s*읽어\s*드립니다\.?",
    r"글자\s*크기\s*설정.*",
    # Byline and print-edition lines some installs repeat inside the body.
    r"기자명\s*\S+\s*기자",
    r"(?:승인|입력|수정|업데이트)\s*\d{4}\s*[.-]\s*\d{1,2}\s*[.-]\s*\d{1,2}[\d\s:.]*",
    r"지면\s*게재일\s*\d{4}\s*년.*",
    r"BEST\s*댓글.*자동으로\s*노출됩니다\.?",
    # The text of an old Flash workaround script, left in old articles.
    r"(?://|/\*)?\s*flash\s*오류를\s*우회하기\s*위한\s*함수\s*추가.*",
)

CMS = Cms(
    name="ndsoft",
    scheme=SCHEME,
    skins=SKINS,
    lists=LISTS,
    promo_lines=(*_PROMO_LINES, *KOREAN_PROMO_LINES),
    deleted_page=r"존재하지\s*않는\s*(?:링크|기사|페이지)|삭제된\s*기사|없는\s*기사",
)
