"""The archive's full-text part, the one thing written per backend: an FTS5 table over the
bigram text on SQLite (``unicode61``, contentless), a ``tsvector`` column with a GIN index on
PostgreSQL. Both index the current version of each article: its title, and its subtitle and
body (see :mod:`newscrawl.archive.bigrams`)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Table, bindparam, cast, column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR, insert as pg_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from newscrawl.archive.bigrams import Query, bigram_text, fts5_query, searchable_text, tsquery, tsvector
from newscrawl.archive.schema import articles

FTS_TABLE = "article_search"
"""The full-text table: its rowid (SQLite) or ``article`` (PostgreSQL) is ``articles.id``."""

pg_search = Table(
    FTS_TABLE,
    MetaData(),  # apart from the common tables: on SQLite this name is the FTS5 table
    Column("article", Integer, ForeignKey(articles.c.id), primary_key=True),
    Column("document", TSVECTOR, nullable=False),
)
Index("article_search_document", pg_search.c.document, postgresql_using="gin")

_SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
)


def create(connection: Connection) -> None:
    """Create the full-text table of the connection's backend, unless it exists."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(_SQLITE_FTS)
    else:
        pg_search.create(connection, checkfirst=True)


def index(connection: Connection, article: int, title: str, subtitle: str, body: str) -> None:
    """Index an article's current version (after :func:`unindex` of the one before, if any)."""
    searched = searchable_text(subtitle, body)
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"INSERT INTO {FTS_TABLE} (rowid, title, text) VALUES (:id, :title, :text)"),
            {"id": article, "title": bigram_text(title), "text": bigram_text(searched)},
        )
    else:
        document = cast(bindparam("document", tsvector(title, searched)), TSVECTOR)
        statement = pg_insert(pg_search).values(article=article, document=document)
        connection.execute(statement.on_conflict_do_update(index_elements=[pg_search.c.article], set_={"document": document}))


def unindex(connection: Connection, article: int, title: str, subtitle: str, body: str) -> None:
    """Take an article's indexed version out (SQLite's contentless table needs its text back;
    PostgreSQL's row is replaced by :func:`index`)."""
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, title, text) VALUES ('delete', :id, :title, :text)"),
            {"id": article, "title": bigram_text(title), "text": bigram_text(searchable_text(subtitle, body))},
        )


def matching(connection: Connection, query: Query) -> ColumnElement[bool]:
    """The condition on ``articles`` that the article's current version matches ``query``."""
    if connection.dialect.name == "sqlite":
        found = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match").bindparams(match=fts5_query(query))
        return articles.c.id.in_(found.columns(column("rowid", Integer)))
    condition = pg_search.c.document.op("@@")(cast(bindparam("match", tsquery(query)), TSQUERY))
    return articles.c.id.in_(select(pg_search.c.article).where(condition))
