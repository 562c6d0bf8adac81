"""The archive: articles from every run and site, their versions, the runs, where each was
seen, and the deletions; on SQLite (WAL, a busy timeout, short transactions) or PostgreSQL.

Rules (the README's "Archive" section says them too):

- An article is keyed by ``(site, article_id)``, never by its URL.
- Its content is the hash of title, subtitle, body, images, publication and modification
  dates; an observation with a hash the article never had is a new version. Each version
  keeps when it was first and last seen (the item's ``crawled_at``), and the article's current
  version is the one seen last. So the archive does not depend on the order in which runs or
  files arrive, and recording the same item twice changes nothing.
- Each batch of items is one transaction (:mod:`newscrawl.archive.batch` writes it): a process
  killed at any moment leaves a consistent archive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, case, create_engine, event, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Row, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from newscrawl.archive import search
from newscrawl.archive.batch import Batch
from newscrawl.archive.bigrams import parse_query
from newscrawl.archive.schema import SCHEMA_VERSION, articles, events, meta, metadata, provenance, runs, versions

BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another process's transaction on a SQLite archive."""
GONE_KINDS = ("deleted", "members_only")
"""The events recorded for articles that are no longer readable."""
class ArchiveError(Exception):
    """The archive cannot be opened, read or written; the message is one line."""


CACHE_KIB = 16_384
"""SQLite's page cache, at most (it grows as pages are read): with its default 2 MB, a crawl's
batches read the full-text index's pages back from the file again and again as it grows; 64 MB
raised a 20,000-article crawl's peak memory from 178 to 243 MB."""


def archive_url(setting: str | None, state_dir: str) -> str | None:
    """The archive's database URL from ``NEWSCRAWL_ARCHIVE``: unset → ``archive.sqlite3`` in
    the state folder; empty → ``None`` (no archive)."""
    if setting is None:
        return f"sqlite:///{Path(state_dir) / 'archive.sqlite3'}"
    return setting.strip() or None


def now() -> str:
    """The current time as the archive writes times: ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Filters:
    """Which articles a search, an export or a count takes."""

    query: str = ""
    """The search (see :func:`newscrawl.archive.bigrams.parse_query`); empty: every article."""
    site: str = ""
    section: str = ""
    since: date | None = None
    """First publication day (inclusive, in the dates' own +09:00 time)."""
    until: date | None = None
    """Last publication day (inclusive)."""
    limit: int | None = None


def _engine(url: str, create: bool) -> Engine:
    """An engine for ``url`` (``postgresql://`` goes through psycopg 3); a SQLite archive in WAL
    mode with a busy timeout, each write transaction begun ``IMMEDIATE`` (it waits for the write
    lock at its start, rather than failing when it upgrades a read)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ArchiveError(f"the archive {url} names no file")
        path = Path(parsed.database)
        if not create and not path.is_file():
            raise ArchiveError(f"there is no archive at {path} (a crawl writes it; or set NEWSCRAWL_ARCHIVE)")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _connect(connection: Any, _record: Any) -> None:
            connection.isolation_level = None  # transactions are begun below
            cursor = connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if create:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN" if connection.get_execution_options().get("reading") else "BEGIN IMMEDIATE")

        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _one_line(error: BaseException) -> str:
    """The database's own message, on one line."""
    cause = getattr(error, "orig", None) or error
    return " ".join(str(cause).split()) or type(cause).__name__


class Archive:
    """One archive, opened from its URL; writes go through short transactions."""

    def __init__(self, url: str, create: bool = True) -> None:
        """Open the archive (creating its tables when ``create``), checking its schema version.
        Raises :class:`ArchiveError` with a one-line message."""
        try:
            self.shown = make_url(url).render_as_string(hide_password=True)
        except ArgumentError:
            raise ArchiveError(f"NEWSCRAWL_ARCHIVE is not a database URL: {url!r}") from None
        try:
            self.engine = _engine(url, create)
            self._open(create)
        except ArchiveError:
            raise
        except (SQLAlchemyError, NoSuchModuleError, OSError) as error:
            raise ArchiveError(f"the archive {self.shown} cannot be opened: {_one_line(error)}") from None
        self.dialect = self.engine.dialect.name
        self._insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        statement = self._insert(provenance)
        self._upsert_provenance = statement.on_conflict_do_update(
            index_elements=[provenance.c.run, provenance.c.article],
            set_={name: statement.excluded[name] for name in ("action", "url", "skin", "content_hash", "at")},
        )

    def _open(self, create: bool) -> None:
        with self.engine.connect() as connection:
            known = set(connection.dialect.get_table_names(connection))
        if "meta" in known:
            with self._reading() as connection:
                found = connection.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
            version = int(found or 0)
            if version > SCHEMA_VERSION:
                raise ArchiveError(
                    f"the archive {self.shown} has schema version {version}, written by a newer newscrawl "
                    f"(this one reads version {SCHEMA_VERSION}): upgrade newscrawl, or use another archive"
                )
            if version < SCHEMA_VERSION:
                raise ArchiveError(
                    f"the archive {self.shown} has schema version {version}, which this newscrawl cannot "
                    f"upgrade to version {SCHEMA_VERSION}: use another archive"
                )
            return
        if known & set(metadata.tables):
            raise ArchiveError(f"{self.shown} holds tables that are not a newscrawl archive (no schema version)")
        if not create:
            raise ArchiveError(f"the archive {self.shown} is empty: no run has written into it")
        with self.engine.begin() as connection:
            metadata.create_all(connection)
            search.create(connection)
            connection.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))

    def _reading(self) -> Any:
        return self.engine.connect().execution_options(reading=True)

    def _write(self) -> Any:
        return self.engine.begin()

    def close(self) -> None:
        """Close every connection."""
        self.engine.dispose()

    # Runs ---------------------------------------------------------------------------------

    def start_run(self, site: str, node: str, started_at: str, outputs: Sequence[Mapping[str, Any]] = ()) -> int:
        """Record a crawl run's start and its feeds; returns the run's id."""
        with self._wrapped("written"), self._write() as connection:
            values = {"site": site, "node": node, "started_at": started_at, "outputs": json.dumps(list(outputs), ensure_ascii=False)}
            return int(connection.execute(insert(runs).values(**values)).inserted_primary_key[0])

    def unfinished_runs(self, site: str, node: str) -> list[tuple[int, list[dict[str, Any]]]]:
        """The crawl runs of ``site`` on ``node`` that recorded no end (killed), with their feeds."""
        with self._wrapped("read"), self._reading() as connection:
            found = connection.execute(
                select(runs.c.id, runs.c.outputs)
                .where(runs.c.site == site, runs.c.node == node, runs.c.finished_at.is_(None), runs.c.source.is_(None))
                .order_by(runs.c.id)
            )
            return [(int(run), json.loads(outputs)) for run, outputs in found]

    def finish_run(self, run: int, **values: Any) -> None:
        """Record a run's end: ``finished_at``, ``verdict``, ``finish_reason``, counts, ``skins``."""
        with self._wrapped("written"), self._write() as connection:
            connection.execute(update(runs).where(runs.c.id == run).values(**values))

    def import_run(self, source: str, site: str, started_at: str) -> tuple[int, bool]:
        """The run of an imported file, by its content hash ``source``: ``(id, done)``, done
        when an earlier import of it finished (an interrupted one is imported again)."""
        with self._wrapped("written"), self._write() as connection:
            found = connection.execute(select(runs.c.id, runs.c.finished_at).where(runs.c.source == source)).first()
            if found is not None:
                return int(found.id), found.finished_at is not None
            values = {"site": site, "node": "import", "started_at": started_at, "verdict": "imported",
                      "finish_reason": "imported", "source": source}
            return int(connection.execute(insert(runs).values(**values)).inserted_primary_key[0]), False

    # Articles -----------------------------------------------------------------------------

    def record(self, item: Mapping[str, Any], run: int, action: str, skin: str | None = None) -> None:
        """Record one exported item (a dict of the item's fields) in its own transaction."""
        self.record_many([item], run, action, [skin])

    def record_many(self, items: Sequence[Mapping[str, Any]], run: int, action: str, skins: Sequence[str | None] = ()) -> None:
        """Record items in one transaction (a crawl's or an import's batch), each with the skin
        that read its page when known."""
        with self._wrapped("written"), self._write() as connection:
            Batch(connection, run, action, now()).record(items, skins, self._upsert_provenance)

    def record_event(self, site: str, article_id: str, kind: str, url: str, run: int | None, at: str) -> None:
        """Record that an article turned deleted or members-only (once per run)."""
        with self._wrapped("written"), self._write() as connection:
            statement = self._insert(events).values(site=site, article_id=article_id, kind=kind, url=url, run=run, at=at)
            connection.execute(statement.on_conflict_do_nothing())
            connection.execute(
                update(articles).where(articles.c.site == site, articles.c.article_id == article_id).values(status=kind)
            )

    # Reading ------------------------------------------------------------------------------

    def _listing(self, connection: Connection, filters: Filters, *columns: Any) -> Any:
        """``columns`` of the articles matching ``filters``, newest first."""
        source, key, conditions = search.matching(connection, parse_query(filters.query) if filters.query else None)
        if filters.site:
            conditions.append(articles.c.site == filters.site)
        if filters.section:
            conditions.append(articles.c.section == filters.section)
        low, end = search.window(filters.since, filters.until)
        if low is not None:
            conditions.append(key >= low)
        if end is not None:
            conditions.append(key < end)
        return select(*columns).select_from(source).where(*conditions).order_by(key.desc()).limit(filters.limit)

    def search(self, filters: Filters) -> list[Row[Any]]:
        """The articles matching ``filters``, newest first: published_at, site, section, title, url, article_id."""
        with self._wrapped("read"), self._reading() as connection:
            columns = (articles.c.published_at, articles.c.site, articles.c.section, articles.c.title, articles.c.url, articles.c.article_id)
            return list(connection.execute(self._listing(connection, filters, *columns)))

    def items(self, filters: Filters, all_versions: bool = False) -> Iterator[dict[str, Any]]:
        """The articles matching ``filters`` in the project's item format, newest first; with
        ``all_versions``, each of their versions (oldest first), numbered, with first and last seen."""
        join = versions.c.article == articles.c.id
        if not all_versions:
            join = and_(join, versions.c.content_hash == articles.c.content_hash)
        with self._wrapped("read"), self._reading() as connection:
            chosen = self._listing(connection, filters, articles.c.id.label("chosen")).subquery()
            statement = (
                select(articles.c.site, articles.c.article_id, articles.c.versions.label("count"), *versions.c)
                .join_from(articles, versions, join).join(chosen, chosen.c.chosen == articles.c.id)
                .order_by(articles.c.search_key.desc(), versions.c.first_seen)
            )
            number, previous = 0, None
            for row in connection.execution_options(yield_per=500).execute(statement):
                number = number + 1 if row.article == previous else 1
                previous = row.article
                yield _item(row, number if all_versions else None)

    def counts(self) -> dict[str, Any]:
        """What ``scrapy archive stats`` shows: per site, per publication day, the last run per site."""
        day = func.substr(articles.c.published_at, 1, 10)
        with self._wrapped("read"), self._reading() as connection:
            sites = connection.execute(
                select(articles.c.site, func.count(), func.sum(articles.c.versions),
                       func.sum(case((articles.c.status != "live", 1), else_=0)),
                       func.max(articles.c.published_at))
                .group_by(articles.c.site).order_by(articles.c.site)
            ).all()
            days = connection.execute(
                select(day, articles.c.site, func.count()).group_by(day, articles.c.site).order_by(day.desc(), articles.c.site)
            ).all()
            last = select(runs.c.site, func.max(runs.c.id).label("id")).where(runs.c.source.is_(None)).group_by(runs.c.site).subquery()
            last_runs = connection.execute(
                select(runs).join(last, last.c.id == runs.c.id).order_by(runs.c.site)
            ).mappings().all()
            totals = connection.execute(select(func.count()).select_from(articles)).scalar() or 0
            event_count = connection.execute(select(func.count()).select_from(events)).scalar() or 0
        return {
            "articles": totals,
            "events": event_count,
            "sites": [{"site": s, "articles": n, "versions": int(v or 0), "gone": int(g or 0), "newest": p} for s, n, v, g, p in sites],
            "days": [{"day": d, "site": s, "articles": n} for d, s, n in days],
            "last_runs": [dict(run) for run in last_runs],
        }

    def _wrapped(self, doing: str) -> _Errors:
        return _Errors(self.shown, doing)


class _Errors:
    """Turns a database error into an :class:`ArchiveError` with one line."""

    def __init__(self, shown: str, doing: str) -> None:
        self.shown, self.doing = shown, doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: BaseException | None, _traceback: Any) -> None:
        if isinstance(error, (DBAPIError, SQLAlchemyError)):
            raise ArchiveError(f"the archive {self.shown} could not be {self.doing}: {_one_line(error)}") from None


def _item(row: Any, number: int | None) -> dict[str, Any]:
    """An exported item (the project's field order) from a joined article and version row."""
    item = {
        "url": row.url, "article_id": row.article_id, "site": row.site, "section": row.section, "title": row.title,
        "subtitle": row.subtitle, "author": row.author, "published_at": row.published_at, "modified_at": row.modified_at,
        "published_raw": row.published_raw, "modified_raw": row.modified_raw, "body": row.body, "images": json.loads(row.images),
        "crawled_at": row.last_seen, "is_update": (number or row.count) > 1,
    }
    if number is not None:
        item.update(version=number, first_seen=row.first_seen, last_seen=row.last_seen)
    return item
