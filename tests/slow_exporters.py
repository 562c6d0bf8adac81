"""Exporters for tests that write each record in two halves with a pause between them, so a
test can kill the crawl while a record is cut in the file (``-s FEED_EXPORTERS=…``)."""

from __future__ import annotations

import csv
import time
from typing import IO, Any

from scrapy.exporters import JsonLinesItemExporter

from newscrawl.exporters import ExcelCsvItemExporter

PAUSE = 0.4
"""Seconds between the two halves of a record."""


class _HalvingWriter:
    """Writes each piece in two halves, flushed apart by :data:`PAUSE`."""

    def __init__(self, target: IO[Any]) -> None:
        self.target = target

    def write(self, data: Any) -> int:
        half = len(data) // 2
        self.target.write(data[:half])
        self.target.flush()
        time.sleep(PAUSE)
        self.target.write(data[half:])
        return len(data)

    def flush(self) -> None:
        self.target.flush()


class SlowJsonLinesExporter(JsonLinesItemExporter):
    """JSON Lines, each line written in two halves."""

    def __init__(self, file: IO[bytes], **kwargs: Any) -> None:
        super().__init__(_HalvingWriter(file), **kwargs)


class SlowCsvExporter(ExcelCsvItemExporter):
    """The project's CSV, each row written in two halves."""

    def __init__(self, file: IO[bytes], **kwargs: Any) -> None:
        super().__init__(file, **kwargs)
        self.csv_writer = csv.writer(_HalvingWriter(self.stream), **self._kwargs)
