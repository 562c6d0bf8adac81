"""The items a correct crawl of the replica exports, derived from the article records."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.replica.articles import ARTICLES, SECTIONS, Article


def expected_item(
    article: Article, base_url: str, site: str = "news21", form: str = "/news/view.php?idx={id}", skin: str = "reference"
) -> dict[str, Any]:
    """The exported item of ``article`` when the replica is served at ``base_url`` with its
    article pages in ``skin`` and crawled as ``site``, whose article URLs take the ``form``
    template."""
    return {
        "url": base_url + form.format(id=article.idx),
        "article_id": str(article.idx),
        "site": site,
        "section": SECTIONS[article.section],
        "title": article.title,
        "subtitle": "\n".join(article.subtitles),
        "author": article.authors,
        "published_at": article.published.isoformat() + "+09:00",
        "modified_at": article.modified.isoformat() + "+09:00" if article.modified else None,
        "published_raw": f"{'기사등록' if skin == 'A' else '등록'} {article.published:%Y-%m-%d %H:%M:%S}",
        "modified_raw": f"{'최종수정' if skin == 'A' else '수정'} {article.modified:%Y-%m-%d %H:%M:%S}" if article.modified else "",
        "body": "\n".join(article.paragraphs),
        "images": [{"url": base_url + path, "caption": caption} for path, caption in article.images],
        "is_update": False,
    }


def expected_items(
    base_url: str,
    sections: tuple[str, ...] = (),
    since: date | None = None,
    until: date | None = None,
    articles: list[Article] = ARTICLES,
    skin: str = "reference",
) -> dict[str, dict[str, Any]]:
    """Expected items by article id, for a crawl of ``articles`` (pages in ``skin``) limited to
    ``sections`` and the date window."""
    return {
        str(article.idx): expected_item(article, base_url, skin=skin)
        for article in articles
        if article.exported
        and (not sections or article.section in sections)
        and (since is None or article.published.date() >= since)
        and (until is None or article.published.date() <= until)
    }
