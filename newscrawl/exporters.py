"""Feed exporters: a CSV that Excel opens as UTF-8, with list fields in one readable cell."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO

from scrapy.exporters import CsvItemExporter


def images_cell(images: list[Mapping[str, str]]) -> str:
    """One cell for a list of images: a line per image, ``url | caption`` (or just ``url``)."""
    return "\n".join(
        f"{image['url']} | {image['caption']}" if image.get("caption") else image["url"] for image in images
    )


class ExcelCsvItemExporter(CsvItemExporter):
    """CSV in UTF-8 with a byte-order mark, so Excel on Windows reads Hangul correctly."""

    def __init__(self, file: BinaryIO, **kwargs: Any) -> None:
        kwargs["encoding"] = "utf-8-sig"
        super().__init__(file, **kwargs)

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        """Images become one readable cell; ``None`` an empty cell; the rest as Scrapy does."""
        if value is None:
            return ""
        if isinstance(value, list) and all(isinstance(entry, Mapping) for entry in value):
            return images_cell(value)
        return super().serialize_field(field, name, value)
