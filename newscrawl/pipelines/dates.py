"""Publication and modification dates normalized to ISO 8601 in KST."""

from __future__ import annotations

from datetime import datetime

from newscrawl.extract.dates import parse_date, to_iso
from newscrawl.items import ArticleItem


class DateNormalizationPipeline:
    """Set ``published_at``/``modified_at`` from the date text of ``published_raw`` and
    ``modified_raw``, as ISO 8601 (+09:00).

    Relative dates (``3시간 전``) count from ``crawled_at``. Text that does not parse
    becomes ``None``; the required-fields pipeline then drops an article without a date.
    """

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Normalize both dates in place."""
        now = datetime.fromisoformat(item.crawled_at) if item.crawled_at else None
        item.published_at = _normalized(item.published_raw, now)
        item.modified_at = _normalized(item.modified_raw, now)
        return item


def _normalized(text: str | None, now: datetime | None) -> str | None:
    moment = parse_date(text, now) if text else None
    return to_iso(moment) if moment else None
