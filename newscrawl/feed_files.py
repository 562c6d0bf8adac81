"""Output files a killed run left behind: the items they hold whole, and the repair of a
record cut mid-write (no Scrapy import).

Formats as Scrapy's exporters write them: JSON Lines (a line per item), CSV (a header row,
then a row per item, rows ending in CRLF outside quotes) and JSON with the default indent
(``[``, then an item per line joined by ``,``, then ``]``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_JSON_LINES = frozenset(("jsonlines", "jsonl", "jl"))
READABLE_FORMATS = frozenset((*_JSON_LINES, "csv", "json"))
"""Feed formats (Scrapy's names) whose files a killed run can be read back from."""
_CSV_BOUNDARY = re.compile(rb'"|\r\n')


@dataclass(frozen=True)
class Contents:
    """The whole records at the start of a feed file."""

    items: list[dict[str, Any]]
    """Every item whose record is complete."""
    end: int
    """The offset just after the last complete record (the header row, for a CSV file)."""
    closing: bytes = b""
    """What the file needs after ``end`` to be valid again (``]`` for a JSON array)."""


def read_contents(data: bytes, feed_format: str) -> Contents:
    """The complete records of a feed file's bytes in ``feed_format`` (one of
    :data:`READABLE_FORMATS`); what follows ``end`` was cut short."""
    if feed_format in _JSON_LINES:
        return _jsonlines(data)
    if feed_format == "csv":
        return _csv(data)
    if feed_format == "json":
        return _json_array(data)
    raise ValueError(f"cannot read back {feed_format} feeds")


def repair(path: Path, feed_format: str) -> tuple[list[dict[str, Any]], Path | None]:
    """Read the items of ``path``; when a record was cut mid-write, move the bytes after the
    last complete record to ``<path>.partial`` and end the file validly. Return the items and
    where the cut bytes went (``None`` when nothing was cut)."""
    data = path.read_bytes()
    contents = read_contents(data, feed_format)
    tail = data[contents.end :]
    if not tail.strip() or (feed_format == "json" and tail.strip() == b"]"):
        return contents.items, None
    aside = path.with_name(path.name + ".partial")
    with aside.open("ab") as file:
        file.write(tail)
    with path.open("r+b") as file:
        file.truncate(contents.end)
        file.seek(contents.end)
        file.write(contents.closing)
    return contents.items, aside


def _jsonlines(data: bytes) -> Contents:
    items: list[dict[str, Any]] = []
    end = 0
    for line in data.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break
        end += len(line)
        item = _json_object(line)
        if item is not None:
            items.append(item)
    return Contents(items, end)


def _csv(data: bytes) -> Contents:
    end = 0
    quoted = False
    for boundary in _CSV_BOUNDARY.finditer(data):
        if boundary[0] == b'"':
            quoted = not quoted
        elif not quoted:
            end = boundary.end()
    rows = csv.reader(io.StringIO(data[:end].decode("utf-8-sig", errors="replace"), newline=""))
    header = next(rows, [])
    items = [dict(zip(header, row, strict=True)) for row in rows if len(row) == len(header)]
    return Contents(items, end)


def _json_array(data: bytes) -> Contents:
    if not data.startswith(b"["):
        return Contents([], 0)
    items: list[dict[str, Any]] = []
    end = offset = len(b"[\n") if data.startswith(b"[\n") else 1
    for line in data[offset:].splitlines(keepends=True):
        item = _json_object(line.rstrip(b"\r\n").removesuffix(b","))
        if item is None:
            break
        items.append(item)
        end = offset + len(line.rstrip(b"\r\n").removesuffix(b","))
        offset += len(line)
    return Contents(items, end, b"\n]" if items else b"]")


def _json_object(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
