"""Unicode and whitespace normalization of every text field."""

from __future__ import annotations

from newscrawl.extract.text import clean_line, clean_lines
from newscrawl.items import ArticleItem

_ONE_LINE_FIELDS = ("section", "title", "author", "published_raw")
_MULTI_LINE_FIELDS = ("subtitle", "body")


class TextCleaningPipeline:
    """NFC, no invisible characters, collapsed spaces; multi-line fields keep their lines."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Clean the item's text fields in place."""
        for name in _ONE_LINE_FIELDS:
            setattr(item, name, clean_line(getattr(item, name)))
        for name in _MULTI_LINE_FIELDS:
            setattr(item, name, clean_lines(getattr(item, name)))
        for image in item.images:
            image["caption"] = clean_line(image["caption"])
        return item
