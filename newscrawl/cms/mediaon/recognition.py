"""How a 미디어온 home page shows its family (``../shared/FAMILIES.md`` part B): up to ~90
``article.html?no=`` links, ``section_list_all.html?sec_no=`` menus, ``/data/rss/news.xml``,
``/data/cache/skin/`` and ``/data/skin/`` assets on every stock home; the vendor footer on new
skins, the solution named in the meta text of old ones. A custom skin on its URLs shows the
links alone."""

from __future__ import annotations

from newscrawl.cms.signals import LinkPattern, Mark, Recognition

RECOGNITION = Recognition(
    family="mediaon",
    label="미디어온",
    links=(
        LinkPattern("article links /news/article.html?no=", r"^/news/article\.html\?(?:[^#]*&)?no=\d"),
        LinkPattern("mobile article links /mobile/article.html?no=", r"^/mobile/article\.html\?(?:[^#]*&)?no=\d"),
        LinkPattern("print links /news/article_print.html?no=", r"^/news/article_print\.html\?(?:[^#]*&)?no=\d"),
        LinkPattern("list links /news/article_list_all.html", r"^/news/article_list_all(?:\.html|/)"),
        LinkPattern("section links /news/section_list_all.html?sec_no=", r"^/news/section(?:_list_all)?\.html\?(?:[^#]*&)?sec_no="),
        LinkPattern("series links /news/review_list_all.html?rvw_no=", r"^/news/review_list_all2?\.html\?(?:[^#]*&)?rvw_no="),
        LinkPattern("reporter links /news/article_list_writer.html", r"^/news/article_list_writer\.html"),
    ),
    marks=(
        Mark("vendor mark powered by mediaOn", "text", r"powered\s+by\s+media\s?on", 8),
        Mark("vendor link to mediaOn", "href", r"^https?://(?:www\.)?mediaon\.", 4),
        Mark("meta text 인터넷신문 솔루션", "meta", r"^(?:description|keywords)=.*(?:인터넷\s?신문\s?솔루션|뉴스\s?솔루션)", 5),
        Mark("RSS feed /data/rss/news.xml", "asset", r"/data/rss/news\.xml", 5),
        Mark("skin cache /data/cache/skin/", "asset", r"/data/cache/skin/", 5),
        Mark("skin layout /data/skin/layout/", "asset", r"/data/skin/(?:layout|content)/", 4),
        Mark("script ajaxGetSkinContent", "script", r"\bajaxGetSkinContent\b", 4),
        Mark("photos /data/photos/ or /data/cache/public/photos/", "asset", r"/data/(?:cache/public/)?photos/\d{8}/art_", 3),
        Mark("banner clicks /news/banner_click.php?no=", "href", r"/news/banner_click\.php\?no=", 2),
        Mark("menu images /data/menu/1/", "asset", r"/data/menu/\d+/", 2),
        Mark("a MAKE FILE comment", "comment", r"MAKE\s+FILE", 2),
    ),
)
"""The 미디어온 family's signals: both skin generations share its URLs, feed and paths."""
