"""Feed exporters: a CSV that Excel opens as UTF-8, with list fields in one readable cell,
and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO

from scrapy.exporters import CsvItemExporter

# A cell starting with one of these is read as a formula (or a DDE call) by Excel or
# LibreOffice; the full-width forms count in East Asian versions.
_FORMULA_STARTS = tuple("=+-@\t\r\n＝＋－＠")


def excel_safe(text: str) -> str:
    """``text`` as a cell that spreadsheets show as text: an apostrophe goes before a
    leading ``=``, ``+``, ``-``, ``@``, tab or line break (the OWASP CSV-injection rule)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def images_cell(images: list[Mapping[str, str]]) -> str:
    """One cell for a list of images: a line per image, ``url | caption`` (or just ``url``)."""
    return "\n".join(
        f"{image['url']} | {image['caption']}" if image.get("caption") else image["url"] for image in images
    )


class ExcelCsvItemExporter(CsvItemExporter):
    """CSV in UTF-8 with a byte-order mark, so Excel on Windows reads Hangul correctly; text
    cells made formula-safe with :func:`excel_safe` (the JSON exports keep the text as is)."""

    def __init__(self, file: BinaryIO, **kwargs: Any) -> None:
        kwargs["encoding"] = "utf-8-sig"
        super().__init__(file, **kwargs)  # type: ignore[arg-type]  # any binary file, as Scrapy passes it

    def finish_exporting(self) -> None:
        """Write the header row (and so the byte-order mark) when no item did: a file asked for
        with ``-O`` is a valid, Excel-ready CSV even when the run exported nothing."""
        if self._headers_not_written and self.include_headers_line and self.fields_to_export:
            self._headers_not_written = False
            self.csv_writer.writerow(list(self._build_row(self.fields_to_export)))
        super().finish_exporting()

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        """Images become one readable cell; ``None`` an empty cell; text is formula-safe."""
        if value is None:
            return ""
        if isinstance(value, list) and all(isinstance(entry, Mapping) for entry in value):
            value = images_cell(value)
        value = super().serialize_field(field, name, value)
        return excel_safe(value) if isinstance(value, str) else value
