"""The archive's tables, one definition for SQLite and PostgreSQL (SQLAlchemy Core).

The full-text table is the one part per backend (:mod:`newscrawl.archive.search`).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

SCHEMA_VERSION = 1
"""The version of these tables, kept in the ``meta`` table of every archive (key ``schema_version``)."""

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    comment="The archive's own facts: schema_version.",
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", String(64), nullable=False),
    Column("article_id", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("section", Text, nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("author", Text, nullable=False, default=""),
    Column("published_at", String(32)),
    Column("modified_at", String(32)),
    Column("content_hash", String(64), nullable=False, comment="The current version: the one seen last."),
    Column("search_key", BigInteger, nullable=False, comment="Newest first: publication second × 4 plus a free slot (see search.py)."),
    Column("versions", Integer, nullable=False, default=1),
    Column("status", String(16), nullable=False, default="live", comment="live, deleted or members_only: the last thing seen."),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    UniqueConstraint("site", "article_id", name="articles_site_article_id"),
    comment="One row per article, keyed by (site, article_id), never by URL; its current version's fields.",
)
Index("articles_search_key", articles.c.search_key)

versions = Table(
    "versions",
    metadata,
    Column("article", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("content_hash", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("section", Text, nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("subtitle", Text, nullable=False, default=""),
    Column("author", Text, nullable=False, default=""),
    Column("published_at", String(32)),
    Column("modified_at", String(32)),
    Column("published_raw", Text, nullable=False, default=""),
    Column("modified_raw", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
    Column("images", Text, nullable=False, default="[]", comment="JSON list of {url, caption}."),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    comment="Each distinct content of an article (title, subtitle, body, images, dates), with when it was first and last seen.",
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", String(64), nullable=False),
    Column("node", String(255), nullable=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("verdict", String(16), comment="OK, FAILED, killed (no end recorded), or imported."),
    Column("finish_reason", String(64)),
    Column("exported", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("requests", Integer, nullable=False, default=0),
    Column("skins", Text, nullable=False, default="{}", comment="JSON: article pages read with each skin."),
    Column("source", Text, unique=True, comment="For an import: the file's content hash; empty for a crawl."),
    Column("outputs", Text, nullable=False, default="[]", comment="JSON: a crawl's feeds (uri, path, format), read back if it is killed."),
    comment="Crawl runs that wrote into the archive, and imports.",
)
Index("runs_site_started_at", runs.c.site, runs.c.started_at)

provenance = Table(
    "provenance",
    metadata,
    Column("run", Integer, ForeignKey("runs.id"), primary_key=True),
    Column("article", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("action", String(16), nullable=False, comment="exported (by a crawl) or imported."),
    Column("url", Text, nullable=False),
    Column("skin", String(64), comment="The skin that read the page, when the run could tell (see the README)."),
    Column("content_hash", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    comment="Which run exported which article, at which URL, with which skin and content.",
)
Index("provenance_article", provenance.c.article)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", String(64), nullable=False),
    Column("article_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False, comment="deleted or members_only."),
    Column("url", Text, nullable=False),
    Column("run", Integer, ForeignKey("runs.id")),
    Column("at", String(32), nullable=False),
    UniqueConstraint("site", "article_id", "kind", "run", name="events_once_a_run"),
    comment="Articles found deleted or members-only: events, not silent gaps.",
)
