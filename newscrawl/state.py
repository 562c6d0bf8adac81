"""Incremental crawl state: the articles already exported, kept in an embedded SQLite file.

Each write is its own committed transaction (SQLite in WAL mode), so a process killed at any
moment leaves the file consistent: every recorded article was exported before it was recorded.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    site TEXT NOT NULL,
    article_id TEXT NOT NULL,
    url TEXT NOT NULL,
    published_at TEXT,
    modified_at TEXT,
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (site, article_id)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    site TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    finish_reason TEXT,
    outputs TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS gone (
    site TEXT NOT NULL,
    article_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (site, article_id)
);
CREATE TABLE IF NOT EXISTS walk_floor (
    site TEXT PRIMARY KEY,
    article_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending (
    site TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (site, article_id)
);
"""


@dataclass(frozen=True)
class ArticleRecord:
    """What the state remembers of one exported article."""

    article_id: str
    url: str
    published_at: str | None
    modified_at: str | None
    content_hash: str

    def same_content(self, other: ArticleRecord) -> bool:
        """Whether ``other`` records the same modification time and content."""
        return (self.modified_at, self.content_hash) == (other.modified_at, other.content_hash)


def record_of(item: Mapping[str, Any]) -> ArticleRecord:
    """The state record of an exported item (its fields by name)."""
    images: list[dict[str, str]] = item["images"] if isinstance(item.get("images"), list) else []
    return ArticleRecord(
        article_id=str(item["article_id"]),
        url=item["url"],
        published_at=item.get("published_at") or None,
        modified_at=item.get("modified_at") or None,
        content_hash=content_hash(item.get("title", ""), item.get("subtitle", ""), item.get("body", ""), images),
    )


def content_hash(title: str, subtitle: str, body: str, images: list[dict[str, str]]) -> str:
    """A stable fingerprint of an article's content (SHA-256, hex)."""
    payload = json.dumps([title, subtitle, body, images], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def published_within(records: dict[str, ArticleRecord], days: int, now: datetime | None = None) -> dict[str, ArticleRecord]:
    """The records published in the ``days`` days before ``now`` (none for 0 days)."""
    if days <= 0:
        return {}
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    return {
        idx: record
        for idx, record in records.items()
        if record.published_at and datetime.fromisoformat(record.published_at) >= cutoff
    }


class StateStore:
    """The SQLite file of exported articles, one row per (site, article id)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def records(self, site: str) -> dict[str, ArticleRecord]:
        """Every article recorded for ``site``, by article id."""
        rows = self._db.execute(
            "SELECT article_id, url, published_at, modified_at, content_hash FROM articles WHERE site = ?",
            (site,),
        )
        return {row[0]: ArticleRecord(*row) for row in rows}

    def save(self, site: str, record: ArticleRecord, seen_at: str) -> None:
        """Record (or refresh) one exported article, committed before returning."""
        self._db.execute(
            """INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (site, article_id) DO UPDATE SET
                 url = excluded.url, published_at = excluded.published_at,
                 modified_at = excluded.modified_at, content_hash = excluded.content_hash,
                 last_seen = excluded.last_seen""",
            (site, record.article_id, record.url, record.published_at, record.modified_at,
             record.content_hash, seen_at, seen_at),
        )

    def gone_ids(self, site: str) -> set[str]:
        """Ids of ``site``'s articles found deleted or members-only, never exported."""
        rows = self._db.execute("SELECT article_id FROM gone WHERE site = ?", (site,))
        return {row[0] for row in rows}

    def save_gone(self, site: str, article_id: str, reason: str, seen_at: str) -> None:
        """Remember that an article could not be exported (deleted, members-only)."""
        self._db.execute(
            "INSERT OR REPLACE INTO gone VALUES (?, ?, ?, ?)", (site, article_id, reason, seen_at)
        )

    def walk_floor(self, site: str) -> int | None:
        """The lowest article id a walk below ``site``'s oldest known article went to before
        it met only missing ids (no later run walks further down); ``None`` before."""
        row = self._db.execute("SELECT article_id FROM walk_floor WHERE site = ?", (site,)).fetchone()
        return int(row[0]) if row else None

    def set_walk_floor(self, site: str, article_id: int) -> None:
        """Remember where the walk below the oldest article ended."""
        self._db.execute("INSERT OR REPLACE INTO walk_floor VALUES (?, ?)", (site, str(article_id)))

    def pending_ids(self, site: str) -> set[str]:
        """Articles an earlier run found (in a list or a neighbour link) but did not export,
        nor find gone: failed pages, and pages a stopped run never reached."""
        rows = self._db.execute(
            """SELECT article_id FROM pending WHERE site = ?
               AND article_id NOT IN (SELECT article_id FROM articles WHERE site = ?)
               AND article_id NOT IN (SELECT article_id FROM gone WHERE site = ?)""",
            (site, site, site),
        )
        return {row[0] for row in rows}

    def add_pending(self, site: str, article_ids: Iterable[str]) -> None:
        """Add ``article_ids`` to the pending articles of ``site``, in one transaction."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?, ?)", ((site, idx) for idx in article_ids))

    def replace_pending(self, site: str, article_ids: set[str]) -> None:
        """Make ``article_ids`` the pending articles of ``site``, in one transaction."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM pending WHERE site = ?", (site,))
            self._db.executemany("INSERT INTO pending VALUES (?, ?)", ((site, idx) for idx in sorted(article_ids)))

    def previous_run_finished(self, site: str) -> bool:
        """Whether the latest run for ``site`` ended with reason ``finished`` (true before any run).

        A run that was killed or stopped left articles unexported behind pages it had already
        seen; the next run must not take "every article on this page is known" to mean
        "everything older is known"."""
        row = self._db.execute(
            "SELECT finish_reason FROM runs WHERE site = ? ORDER BY run_id DESC LIMIT 1", (site,)
        ).fetchone()
        return row is None or row[0] == "finished"

    def unfinished_runs(self, site: str) -> list[tuple[int, list[Any]]]:
        """Runs of ``site`` that never recorded their end (killed), with their outputs as
        :meth:`start_run` took them."""
        rows = self._db.execute(
            "SELECT run_id, outputs FROM runs WHERE site = ? AND finished_at IS NULL", (site,)
        )
        return [(row[0], json.loads(row[1])) for row in rows]

    def start_run(self, site: str, started_at: str, outputs: list[dict[str, Any]]) -> int:
        """Record the start of a run writing to ``outputs`` (its feeds, described as JSON
        objects); return its id."""
        cursor = self._db.execute(
            "INSERT INTO runs (site, started_at, outputs) VALUES (?, ?, ?)", (site, started_at, json.dumps(outputs))
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, finished_at: str, reason: str) -> None:
        """Record how a run ended (Scrapy's close reason)."""
        self._db.execute(
            "UPDATE runs SET finished_at = ?, finish_reason = ? WHERE run_id = ?", (finished_at, reason, run_id)
        )

    def close(self) -> None:
        """Close the file."""
        self._db.close()
