"""How an ND소프트 home page shows its family (``../shared/FAMILIES.md`` part B): dozens of
``articleView.html?idxno=`` links, ``articleList.html?sc_section_code=`` menus, the
``var HOST`` block, the ``ndsoft.gif`` footer image, ``/rss/allArticle.xml``."""

from __future__ import annotations

from newscrawl.cms.signals import LinkPattern, Mark, Recognition

RECOGNITION = Recognition(
    family="ndsoft",
    label="ND소프트",
    links=(
        LinkPattern("article links /news/articleView.html?idxno=", r"^/news/articleView\.html\?(?:[^#]*&)?idxno=\d"),
        LinkPattern("AMP article links /news/articleViewAmp.html?idxno=", r"^/news/(?:articleViewAmp|ampArticleView)\.html\?(?:[^#]*&)?idxno=\d"),
        LinkPattern("list links /news/articleList.html?sc_section_code=", r"^/news/articleList\.html\?(?:[^#]*&)?sc_(?:sub_)?section_code="),
        LinkPattern("list links /news/articleList.html", r"^/news/articleList\.html", weight=0.5, cap=10),
    ),
    marks=(
        Mark("the var HOST block (PH_DOMAIN, IM_DOMAIN)", "script", r"\bvar\s+HOST\s*=[\s\S]{0,2000}?\b(?:PH|IM)_DOMAIN\b", 8),
        Mark("footer image ndsoft.gif", "asset", r"/image(?:2006)?/[^\s\"']*ndsoft\.gif", 8),
        Mark("vendor name ND소프트 in the footer", "text", r"ND\s?소프트", 6),
        Mark("fonts /css/ndsoft-fonts.css", "asset", r"/css/ndsoft-fonts\.css", 6),
        Mark("RSS feed /rss/allArticle.xml", "asset", r"/rss/(?:gn_rss_)?allArticle\.xml", 4),
        Mark("thumbnails /news/thumbnail/YYYYMM/…_v150.jpg", "asset", r"/news/thumbnail/\d{6}/\d+_\d+_v150\.", 3),
        Mark("boxes BoxDefault_", "attr", r"\bBoxDefault_", 2),
    ),
)
"""The ND소프트 family's signals."""
