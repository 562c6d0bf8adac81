"""The archive's full-text part, the one thing written per backend: an FTS5 table over the
bigram text on SQLite (``unicode61``, contentless), a ``tsvector`` column with a GIN index on
PostgreSQL. Both index the current version of each article: its title, and its subtitle and
body (see :mod:`newscrawl.archive.bigrams`).

Articles are listed newest first by their *search key*: the first free one of the
:data:`SLOTS` keys of their publication second (:func:`first_key`; the store takes the next
free one). On SQLite the key is the FTS5 row id, so a search reads the index from its newest
entry and stops once it has the articles it shows; keys close together keep the index small
(FTS5 stores the gaps between row ids)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Table, bindparam, cast, column, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import FromClause

from newscrawl.archive.bigrams import Query, bigram_text, fts5_query, searchable_text, tsquery, tsvector
from newscrawl.archive.schema import articles

FTS_TABLE = "article_search"
"""The full-text table: its rowid (SQLite) is the article's search key; ``article`` (PostgreSQL) its id."""
SLOTS = 4
"""Search keys per second of publication time."""
_KST = timezone(timedelta(hours=9))

pg_search = Table(
    FTS_TABLE,
    MetaData(),  # apart from the common tables: on SQLite this name is the FTS5 table
    Column("article", Integer, ForeignKey(articles.c.id), primary_key=True),
    Column("document", TSVECTOR, nullable=False),
)
Index("article_search_document", pg_search.c.document, postgresql_using="gin")

_sqlite_search = table(FTS_TABLE, column("rowid", Integer))
_SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
)
_SQLITE_INDEX = text(f"INSERT INTO {FTS_TABLE} (rowid, title, text) VALUES (:key, :title, :text)")
_SQLITE_UNINDEX = text(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, title, text) VALUES ('delete', :key, :title, :text)")
_PG_INDEX = (
    pg_insert(pg_search)
    .values(article=bindparam("article"), document=cast(bindparam("document"), TSVECTOR))
    .on_conflict_do_update(index_elements=[pg_search.c.article], set_={"document": cast(bindparam("document"), TSVECTOR)})
)


def first_key(published_at: str | None) -> int:
    """The lowest search key of an article published at ``published_at`` (seconds since 1970
    times :data:`SLOTS`); 0 for an article without a date (it sorts after every dated one)."""
    seconds = int(datetime.fromisoformat(published_at).timestamp()) if published_at else 0
    return max(seconds, 0) * SLOTS


def window(since: date | None, until: date | None) -> tuple[int | None, int | None]:
    """The search keys of a publication window (days in Korean time, inclusive): lowest and
    past-the-end; ``None`` for an open side (an article without a date is outside any window)."""
    def start_of(day: date) -> int:
        return int(datetime.combine(day, time(), _KST).timestamp()) * SLOTS

    low = start_of(since) if since else (start_of(date(1970, 1, 2)) if until else None)
    return low, start_of(until + timedelta(days=1)) if until else None


def create(connection: Connection) -> None:
    """Create the full-text table of the connection's backend, unless it exists."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(_SQLITE_FTS)
    else:
        pg_search.create(connection, checkfirst=True)


def index(connection: Connection, entries: Sequence[tuple[int, int, str, str, str]]) -> None:
    """Index articles' current versions, each ``(article id, search key, title, subtitle,
    body)``, in one statement (after :func:`unindex` of the versions they replace)."""
    if not entries:
        return
    if connection.dialect.name == "sqlite":
        connection.execute(_SQLITE_INDEX, [
            {"key": key, "title": bigram_text(title), "text": bigram_text(searchable_text(subtitle, body))}
            for _, key, title, subtitle, body in entries])
    else:
        connection.execute(_PG_INDEX, [
            {"article": article, "document": tsvector(title, searchable_text(subtitle, body))}
            for article, _, title, subtitle, body in entries])


def unindex(connection: Connection, entries: Sequence[tuple[int, str, str, str]]) -> None:
    """Take indexed versions out, each ``(search key, title, subtitle, body)``: SQLite's
    contentless table needs their text back; PostgreSQL's rows are replaced by :func:`index`."""
    if entries and connection.dialect.name == "sqlite":
        connection.execute(_SQLITE_UNINDEX, [
            {"key": key, "title": bigram_text(title), "text": bigram_text(searchable_text(subtitle, body))}
            for key, title, subtitle, body in entries])


def matching(connection: Connection, query: Query | None) -> tuple[FromClause, ColumnElement[int], list[ColumnElement[bool]]]:
    """What a listing of ``articles`` selects from, orders by (newest first: descending) and
    requires, for the articles whose current version matches ``query`` (every article for ``None``)."""
    if query is None:
        return articles, articles.c.search_key, []
    if connection.dialect.name == "sqlite":
        source = _sqlite_search.join(articles, articles.c.search_key == _sqlite_search.c.rowid)
        match = literal_column(FTS_TABLE).op("MATCH")(bindparam("match", fts5_query(query)))
        return source, _sqlite_search.c.rowid, [match]
    condition = pg_search.c.document.op("@@")(cast(bindparam("match", tsquery(query)), TSQUERY))
    return articles, articles.c.search_key, [articles.c.id.in_(select(pg_search.c.article).where(condition))]
