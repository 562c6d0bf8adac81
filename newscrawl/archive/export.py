"""Write a slice of the archive to a file in the project's item format: CSV (Excel-ready, as
the crawls write it), JSON Lines, JSON, or Parquet (pyarrow)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from scrapy.exporters import BaseItemExporter, JsonItemExporter, JsonLinesItemExporter

from newscrawl.exporters import ExcelCsvItemExporter
from newscrawl.items import ARTICLE_FIELDS

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".jl": "jsonl", ".json": "json", ".parquet": "parquet"}
"""The export format of each file suffix."""
VERSION_FIELDS = ["version", "first_seen", "last_seen"]
"""The columns ``--versions`` adds after the item's."""
_EXPORTERS: dict[str, Callable[..., BaseItemExporter]] = {"csv": ExcelCsvItemExporter, "jsonl": JsonLinesItemExporter, "json": JsonItemExporter}


def export_format(path: Path) -> str:
    """The format a file name asks for; ``ValueError`` for another suffix."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: the export file must end in {', '.join(FORMATS)}") from None


def write_items(items: Iterable[dict[str, Any]], path: Path, with_versions: bool = False) -> int:
    """Write ``items`` to ``path`` (its suffix names the format); returns how many. The file
    appears whole or not at all (written beside it, then renamed)."""
    kind = export_format(path)
    fields = ARTICLE_FIELDS + (VERSION_FIELDS if with_versions else [])
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as file:
            count = _write_parquet(items, file, fields) if kind == "parquet" else _write_scrapy(kind, items, file, fields)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_scrapy(kind: str, items: Iterable[dict[str, Any]], file: BinaryIO, fields: list[str]) -> int:
    exporter = _EXPORTERS[kind](file, fields_to_export=fields, encoding="utf-8")
    exporter.start_exporting()
    count = 0
    for item in items:
        exporter.export_item(item)
        count += 1
    exporter.finish_exporting()
    return count


def _chunks(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write_parquet(items: Iterable[dict[str, Any]], file: BinaryIO, fields: list[str]) -> int:
    import pyarrow as pa  # only for this format
    import pyarrow.parquet as pq

    types = {"images": pa.list_(pa.struct([("url", pa.string()), ("caption", pa.string())])), "is_update": pa.bool_(), "version": pa.int32()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in fields])
    count = 0
    with pq.ParquetWriter(file, schema) as writer:
        for chunk in _chunks(items, 5000):
            writer.write_table(pa.Table.from_pylist([{name: item.get(name) for name in fields} for item in chunk], schema=schema))
            count += len(chunk)
    return count
