"""Import the JSON Lines that runs exported (``output/<site>/*.jsonl``, a fleet node's items)
into the archive, idempotently: a file already imported is not read again, and recording an
item the archive holds changes nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl.archive.store import Archive, now

BATCH = 500
"""Items per transaction: short enough for a crawl writing the same archive to wait for."""
_REQUIRED = ("site", "article_id", "url", "crawled_at")


@dataclass
class ImportedFile:
    """What importing one file did."""

    source: str
    """The file's path, or the URL it was read from."""
    items: int
    run: int
    already: bool
    """The file was imported before (the same content): nothing was read again."""
    cut: int | None = None
    """The line number of a record cut at the end of the file (a killed run's), not imported."""

    def line(self) -> str:
        """One line saying what happened."""
        if self.already:
            return f"{self.source}: already imported (run {self.run}), nothing changed"
        cut = f"; line {self.cut} is a record cut short (a killed run's) and was not imported" if self.cut else ""
        return f"{self.source}: {self.items} articles imported (run {self.run}){cut}"


def parse_items(data: bytes, source: str) -> tuple[list[dict[str, Any]], int | None, bytes]:
    """The items of JSON Lines ``data`` read from ``source`` (a path or URL), the line number of
    a record cut short at its end (or ``None``), and the bytes they were read from. Raises
    ``ValueError`` naming the source and line of anything else that is not an article."""
    lines = data.split(b"\n")
    items: list[dict[str, Any]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except ValueError as error:
            if number == len(lines):  # the last line, with no line break after it
                return items, number, data[: len(data) - len(raw)]
            raise ValueError(f"{source}:{number}: not a JSON line ({error})") from None
        if not isinstance(item, dict) or any(not item.get(name) for name in _REQUIRED):
            raise ValueError(f"{source}:{number}: not an exported article (it needs {', '.join(_REQUIRED)})")
        items.append(item)
    return items, None, data


def _batches(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def import_file(archive: Archive, path: Path) -> ImportedFile:
    """Import one file; its run is keyed by the hash of its content."""
    return import_data(archive, path.read_bytes(), str(path))


def import_data(archive: Archive, data: bytes, source: str) -> ImportedFile:
    """Import the JSON Lines ``data`` read from ``source`` (a path or URL) as :func:`import_file`
    imports a file."""
    items, cut, data = parse_items(data, source)
    sites = sorted({str(item["site"]) for item in items})
    run, done = archive.import_run(hashlib.sha256(data).hexdigest(), ",".join(sites), now())
    if done:
        return ImportedFile(source, len(items), run, already=True)
    for batch in _batches(items):
        archive.record_many(batch, run, "imported")
    archive.finish_run(run, finished_at=now(), exported=len(items))
    return ImportedFile(source, len(items), run, already=False, cut=cut)
