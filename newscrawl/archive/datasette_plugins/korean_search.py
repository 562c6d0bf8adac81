"""Datasette plugin of ``scrapy archive serve``: the SQL function ``korean_match(text)``, the
FTS5 query of a Korean search (bigram phrases, see :mod:`newscrawl.archive.bigrams`); the
canned query ``search`` uses it."""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from newscrawl.archive.bigrams import fts5_query, parse_query


def korean_match(text: str | None) -> str | None:
    """The FTS5 MATCH expression of a search; ``None`` (matching nothing) for no words."""
    try:
        return fts5_query(parse_query(text or ""))
    except ValueError:
        return None


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Register ``korean_match`` on each of Datasette's connections."""
    conn.create_function("korean_match", 1, korean_match, deterministic=True)
