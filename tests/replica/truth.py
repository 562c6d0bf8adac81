"""The items a correct crawl of the replica exports, derived from the article records."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.replica.articles import ARTICLES, SECTIONS, Article


def expected_item(article: Article, base_url: str) -> dict[str, Any]:
    """The exported item of ``article`` when the replica is served at ``base_url``."""
    return {
        "url": f"{base_url}/news/view.php?idx={article.idx}",
        "article_id": str(article.idx),
        "site": "news21",
        "section": SECTIONS[article.section],
        "title": article.title,
        "subtitle": "\n".join(article.subtitles),
        "author": article.authors,
        "published_at": article.published.isoformat() + "+09:00",
        "modified_at": article.modified.isoformat() + "+09:00" if article.modified else None,
        "published_raw": f"등록 {article.published:%Y-%m-%d %H:%M:%S}",
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
) -> dict[str, dict[str, Any]]:
    """Expected items by article id, for a crawl of ``articles`` limited to ``sections`` and
    the date window."""
    return {
        str(article.idx): expected_item(article, base_url)
        for article in articles
        if article.exported
        and (not sections or article.section in sections)
        and (since is None or article.published.date() >= since)
        and (until is None or article.published.date() <= until)
    }
