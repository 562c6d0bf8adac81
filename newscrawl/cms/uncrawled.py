"""Families recognised from a home page but not crawled (``../shared/FAMILIES.md`` part B):
a site running one of them is named for what it is, never taken for a family the project
crawls. A family that becomes crawled moves into its own package."""

from __future__ import annotations

from newscrawl.cms.signals import LinkPattern, Mark, Recognition

INSWAVE = Recognition(
    family="inswave",
    label="Inswave (newswave)",
    links=(
        LinkPattern("article links sub_read.html?uid=", r"^/?(?:[^?#]*/)?sub_read\.html\?(?:[^#]*&)?uid=\d"),
        LinkPattern("section links sub.html?section=sc", r"^/?(?:[^?#]*/)?sub\.html\?(?:[^#]*&)?section=sc\d"),
        LinkPattern("pages /sub_view.html", r"^/sub_view\.html"),
    ),
    marks=(
        Mark("vendor mark 인스정보기술 / inswave.net", "text", r"인스정보기술|inswave", 8),
        Mark("vendor link inswave.net", "href", r"inswave\.(?:net|com)", 4),
        Mark("script ins_js.js", "asset", r"/ins_js\.js", 5),
        Mark("skin folder /news_skin/", "asset", r"/news_skin/", 4),
        Mark("pages etc_info.html?etc_uid=, ins_newsx_report.html", "href", r"etc_info\.html\?etc_uid=|ins_newsx_report\.html", 3),
        Mark("a create time comment", "comment", r"create\s*time", 1),
    ),
)
"""Inswave's ``sub_read.html?uid=`` CMS (EUC-KR)."""

DKBSOFT = Recognition(
    family="dkbsoft",
    label="dkbsoft",
    links=(LinkPattern("article links /default/index_view_page.php?idx=", r"^/default/index_view_page\.php\?(?:[^#]*&)?idx=\d"),),
    marks=(Mark("search form value MPK_dkbsoft_", "attr", r"MPK_dkbsoft_", 8),),
)
"""dkbsoft's ``/default/index_view_page.php?idx=`` CMS (EUC-KR)."""

NCODE = Recognition(
    family="ncode",
    label="ncode (newsview.php?ncode=)",
    links=(
        LinkPattern("article links /news/newsview.php?ncode=", r"^/news/newsview\.php\?(?:[^#]*&)?ncode=\d{12,}"),
        LinkPattern("article links /news/view/<16 digits>", r"^/news/view/\d{16}(?:$|[/?])"),
    ),
)
"""The sites with ``newsview.php?ncode=`` article URLs (their software is not named)."""

GNUBOARD = Recognition(
    family="gnuboard",
    label="그누보드 (gnuboard)",
    links=(
        LinkPattern("board posts /bbs/board.php?bo_table=…&wr_id=", r"^(?:/[^?#]*)?/bbs/board\.php\?(?:[^#]*&)?(?:bo_table=[^&#]+&(?:[^#]*&)?wr_id=\d|wr_id=\d+[^#]*&bo_table=)"),
        LinkPattern("boards /bbs/board.php?bo_table=", r"^(?:/[^?#]*)?/bbs/board\.php\?(?:[^#]*&)?bo_table=", weight=0.5, cap=10),
    ),
    marks=(
        Mark("script variables g5_url, g5_bbs_url", "script", r"\bg5_(?:url|bbs_url|bo_table)\b", 8),
        Mark("script variables g4_path, g4_bbs", "script", r"\bg4_(?:path|bbs|url)\b", 8),
        Mark("script /js/wrest.js", "asset", r"/js/wrest\.js", 3),
        Mark("board feed /bbs/rss.php?bo_table=", "asset", r"/bbs/rss\.php\?bo_table=", 3),
        Mark("search /bbs/search.php", "href", r"/bbs/search\.php", 1),
        Mark("theme folder /theme/ or /thema/", "asset", r"/them[ea]/", 1),
    ),
)
"""그누보드, the PHP board package: a news site built on its boards, or a board beside a CMS
(then its links are a minority)."""

WORDPRESS = Recognition(
    family="wordpress",
    label="WordPress",
    links=(
        LinkPattern("post links ?p=N", r"^/(?:index\.php)?\?p=\d"),
        LinkPattern("post links /archives/N", r"^/archives/\d", weight=0.5),
    ),
    marks=(
        Mark("meta generator WordPress", "meta", r"^generator=WordPress\b", 10),
        Mark("asset paths /wp-content/", "asset", r"/wp-content/", 6),
        Mark("asset paths /wp-includes/", "asset", r"/wp-includes/", 4),
        Mark("REST API /wp-json/", "asset", r"/wp-json/", 3),
        Mark("xmlrpc.php", "asset", r"/xmlrpc\.php", 2),
    ),
)
"""WordPress (pretty permalinks are not a pattern: its asset paths decide)."""

UNCRAWLED: tuple[Recognition, ...] = (INSWAVE, DKBSOFT, NCODE, GNUBOARD, WORDPRESS)
"""Every family recognised but not crawled."""
