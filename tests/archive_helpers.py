"""Helpers of the archive tests: ``scrapy archive`` run as a user runs it, and the archive read back."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import PROJECT_DIR


def run_archive(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``scrapy archive <arguments>`` in the project directory."""
    command = [sys.executable, "-m", "scrapy", "archive", *arguments]
    return subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)


def rows(path: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """The rows a query returns from the SQLite archive at ``path`` (opened read-only)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute(sql, parameters).fetchall()


def content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The archive's articles and versions (without the surrogate ids), for comparisons."""
    return {
        "articles": rows(path, "SELECT site, article_id, url, section, title, author, published_at, modified_at, "
                               "content_hash, versions, status, first_seen, last_seen FROM articles ORDER BY site, article_id"),
        "versions": rows(path, "SELECT a.site, a.article_id, v.content_hash, v.title, v.subtitle, v.body, v.images, "
                               "v.published_at, v.modified_at, v.first_seen, v.last_seen FROM versions v "
                               "JOIN articles a ON a.id = v.article ORDER BY a.site, a.article_id, v.first_seen"),
    }
