"""The article item: the one schema every site's spider yields and every feed exports."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class ArticleItem:
    """One news article. Field order is the column order of every export."""

    url: str
    """Canonical article URL, ``{base}/news/view.php?idx=N`` on the base the crawl used."""
    article_id: str
    """The site's article id (the ``idx`` query value), as a string of digits."""
    site: str
    """Short name of the site the article comes from (``news21``)."""
    section: str = ""
    """Section name from the article's breadcrumb (``지방자치``)."""
    title: str = ""
    """Headline."""
    subtitle: str = ""
    """Subtitle lines joined by a newline; empty when the article has none."""
    author: str = ""
    """Reporter name(s) without the ``기자`` suffix, several joined by ``", "``."""
    published_at: str | None = None
    """Publication time, ISO 8601 with the ``+09:00`` offset, normalized from
    ``published_raw`` by the dates pipeline; ``None`` until then, or when it does not parse."""
    modified_at: str | None = None
    """Last modification time like ``published_at``, from ``modified_raw``; ``None`` when the
    page shows no modification date."""
    published_raw: str = ""
    """The publication date line exactly as the page shows it (``등록 2020-11-20 13:25:23``)."""
    modified_raw: str = ""
    """The modification date line exactly as the page shows it (``수정 …``); empty when none."""
    body: str = ""
    """Article paragraphs, one per line: no blank lines, photo captions or promotional text."""
    images: list[dict[str, str]] = field(default_factory=list)
    """Article images in page order, each ``{"url": absolute URL, "caption": text}``."""
    crawled_at: str = ""
    """When the page was fetched, ISO 8601 in UTC."""
    is_update: bool = False
    """True when ``-a recheck_days=N`` found that this already exported article changed
    (new ``modified_at`` or content); it is exported again with its new content."""


ARTICLE_FIELDS: list[str] = [item_field.name for item_field in fields(ArticleItem)]
"""Field names in export order."""


def field_values(item: ArticleItem) -> dict[str, Any]:
    """The item's fields by name, in export order: the item's own attributes, not a copy
    (``ItemAdapter.asdict`` copies deep, a tenth of a millisecond an item; nothing changes an
    item once the spider made it but the pipelines, which return it)."""
    return vars(item)
