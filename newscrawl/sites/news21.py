"""뉴스21 통신 (news21tongsin.co.kr): selectors and promotional patterns."""

from __future__ import annotations

from newscrawl.sites.profile import Selectors, SiteProfile

# Whole-line patterns for site furniture, sign-offs and copyright lines found inside a body.
# Each is anchored to the whole line, so prose that merely mentions these words stays.
_PROMO_LINES = (
    r"기사\s*메일\s*전송",
    r"기사\s*수정",
    r"목록\s*바로\s*가기",
    r"인쇄(?:하기)?",
    r"(?:이전|다음)\s*기사\s*보기",
    r"좋아요\s*\d*",
    r"많이\s*본\s*뉴스(?:\s*더\s*보기)?",
    r"모바일\s*버전\s*바로\s*가기",
    r"[\[(<]?\s*(?:광고|AD|PR)\s*[\])>]?",
    # 관련기사 boxes: "[관련기사] …", "▶ 관련기사 …", "관련기사: …", or the bare heading.
    r"(?:[▶▷■◆☞]\s*)?[\[【<(]\s*관련\s*기사\s*[\]】>)].*",
    r"[▶▷■◆☞]\s*관련\s*기사.*",
    r"관련\s*기사\s*(?:[:：▶☞].*)?",
    # Reporter sign-offs: "홍길동 기자 hong@example.kr", "(hong@example.kr)", "홍길동 기자".
    r"[/\-–]?\s*(?:[가-힣]{2,5}\s*(?:기자|특파원|통신원)\s*)?[(<\[]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>\]]?",
    r"[/\-–]?\s*[가-힣]{2,5}\s*(?:기자|특파원|통신원)",
    # Copyright lines.
    r"[<\[(]?\s*(?i:copyright\b|ⓒ|©|\(c\)\s|저작권자\s*[ⓒ©(]).{0,120}",
    r".{0,60}무단\s*전재\s*(?:및|&|와|,|-)?\s*재배포\s*금지[\s.)\]>]*",
)

PROFILE = SiteProfile(
    name="news21",
    base_url="https://news21tongsin.co.kr",
    hosts=frozenset({"news21tongsin.co.kr", "www.news21tongsin.co.kr"}),
    home_path="/",
    list_path="/news/list.php",
    article_path="/news/view.php",
    article_id_param="idx",
    section_param="mcode",
    page_param="page",
    sections={
        "m61mass261": "정치",
        "m62mass262": "경제",
        "m72mass272": "사회",
        "m73mass273": "지방자치",
        "m81mass281": "문화",
        "m96mass296": "국제",
    },
    selectors=Selectors(
        menu_links="ul#gnb li a",
        list_entries="div.basicList ul li dl",
        entry_link="dt.title a",
        entry_date="dd.registDate",
        last_page_link="div.paging a.last",
        article_scope="div#contents",
        title="div.titleWrap h2.title",
        info_items="ul.info-text li",
        breadcrumb_links="div.location a",
        subtitle_lines="ul.subTitle li",
        body="div#viewContent",
        body_furniture=(
            "script, style, noscript, iframe, ins, .ad, .ads, .adsbygoogle, .advertisement, .banner, "
            '[class^="ad_"], [class^="ad-"], [id^="ad_"], [id^="ad-"], '
            ".relation, .related, .relatedNews, .article-relation, "
            # Page furniture that a missing closing tag can pull inside the body.
            "#header, #aside, #footer, .prevNext, .mostView, .bannerArea, .btnArea, .viewBtn, .likeArea"
        ),
        prev_link="div.prevNext a.prev",
        next_link="div.prevNext a.next",
        members_only_link='a[href*="/bbs/login.php"]',
        page_end="div#footer",
    ),
    published_label="등록",
    modified_label="수정",
    caption_marker="▲",
    pinned_marker="[공지]",
    promo_lines=_PROMO_LINES,
    deleted_page=r"alert\(\s*[\"'][^\"']*(?:삭제|존재하지\s*않|없는\s*기사|기사가\s*없|잘못된\s*접근)",
    article_end='<div id="aside"',
)
