"""A batch of exported or imported items written into the archive in a few statements.

The batch's articles, their versions' seen times and the search keys near their publication
seconds are read once; each item is then decided in memory, in order, by the archive's rules
(see :mod:`newscrawl.archive.store`), which gives exactly what recording the items one at a
time gives; and the outcome is written with one statement per kind of row, each with the
batch's rows (new articles, with their ids returned; changed articles; new and widened
versions; the full-text rows out and in; provenance). Recording item by item took six
statements per new article, twice the CPU on the crawl's one thread (BENCHMARKS.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.engine import Connection

from newscrawl.archive import search
from newscrawl.archive.schema import articles, versions

_CURRENT_FIELDS = ("url", "section", "title", "author", "published_at", "modified_at")
_CONTENT_FIELDS = ("url", "section", "title", "subtitle", "author", "published_at", "modified_at", "published_raw", "modified_raw", "body")
_ARTICLE_WRITTEN = ("content_hash", "status", "first_seen", "last_seen", "search_key", *_CURRENT_FIELDS)
"""The columns of an article a batch writes (its version count is added to)."""
_NEAR = 2 * search.SLOTS
"""Search keys read at once from each publication second's first one (more when they are taken)."""
_AHEAD = 100
"""Search keys read at once past those."""

_FIND_ARTICLES = select(articles).where(
    articles.c.site == bindparam("key_site"), articles.c.article_id.in_(bindparam("key_ids", expanding=True)))
_FIND_VERSIONS = select(versions.c.article, versions.c.content_hash, versions.c.first_seen, versions.c.last_seen).where(
    versions.c.article.in_(bindparam("key_articles", expanding=True)))
_INDEXED_TEXT = (
    select(versions.c.article, versions.c.title, versions.c.subtitle, versions.c.body)
    .join(articles, and_(articles.c.id == versions.c.article, articles.c.content_hash == versions.c.content_hash))
    .where(articles.c.id.in_(bindparam("key_articles", expanding=True)))
)
_TAKEN_AMONG = select(articles.c.search_key).where(articles.c.search_key.in_(bindparam("keys", expanding=True)))
_TAKEN_FROM = select(articles.c.search_key).where(
    articles.c.search_key >= bindparam("low"), articles.c.search_key < bindparam("low") + _AHEAD)
_INSERT_ARTICLES = insert(articles).returning(articles.c.id, sort_by_parameter_order=True)
_UPDATE_ARTICLES = update(articles).where(articles.c.id == bindparam("key_id")).values(versions=articles.c.versions + bindparam("added"))
_INSERT_VERSIONS = insert(versions)
_UPDATE_VERSIONS = update(versions).where(
    and_(versions.c.article == bindparam("key_article"), versions.c.content_hash == bindparam("key_hash")))


def content_hash(item: Mapping[str, Any]) -> str:
    """The hash of what makes a version: title, subtitle, body, images, dates (SHA-256, hex)."""
    payload = [item.get(name) or "" for name in ("title", "subtitle", "body", "published_at", "modified_at")]
    payload.append(item.get("images") or [])
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass
class _Article:
    """An article during the batch: its row as it will be written."""

    row: dict[str, Any]
    """Its columns :data:`_ARTICLE_WRITTEN`, with ``site`` and ``article_id`` for a new one."""
    text: tuple[str, str, str]
    """Its current version's title, subtitle and body, once the batch makes or changes it (what it indexes)."""
    id: int = 0
    """0 until a new article is inserted."""
    indexed: tuple[int, str] | None = None
    """The search key and content hash the full-text index held for it when the batch began."""
    added: int = 0
    """Versions added by the batch."""
    changed: bool = False


@dataclass
class _Version:
    """A version during the batch: a new one's row, or an existing one's seen times and what to write."""

    row: dict[str, Any]
    new: bool
    written: set[str] = field(default_factory=set)
    """For an existing version: ``first`` (its first seen) and ``last`` (last seen and fields) when changed."""


class _Keys:
    """The search keys free for the batch: those the database held when it began (read as
    needed), less the ones the batch takes, plus the ones it frees."""

    def __init__(self, connection: Connection, lows: set[int]) -> None:
        self.connection = connection
        self.read: set[int] = {low + step for low in lows for step in range(_NEAR)}
        self.stored: set[int] = set(connection.execute(_TAKEN_AMONG, {"keys": sorted(self.read)}).scalars()) if self.read else set()
        self.taken: set[int] = set()
        self.freed: set[int] = set()

    def _free(self, key: int) -> bool:
        if key in self.taken:
            return False
        if key in self.freed:
            return True
        if key not in self.read:
            self.stored.update(self.connection.execute(_TAKEN_FROM, {"low": key}).scalars())
            self.read.update(range(key, key + _AHEAD))
        return key not in self.stored

    def take(self, published_at: str | None) -> int:
        """The first free search key of ``published_at``'s second, now taken."""
        key = search.first_key(published_at)
        while not self._free(key):
            key += 1
        self.taken.add(key)
        self.freed.discard(key)
        return key

    def give_back(self, key: int) -> None:
        """``key`` is no longer an article's."""
        self.taken.discard(key)
        self.freed.add(key)


class Batch:
    """Items recorded in one transaction: read, decided, written (see the module)."""

    def __init__(self, connection: Connection, run: int, action: str, now: str) -> None:
        """A batch of ``run`` (``action``: exported or imported); ``now`` is when an item that
        does not say when it was crawled was seen."""
        self.connection = connection
        self.run = run
        self.action = action
        self.now = now
        self.articles: dict[tuple[str, str], _Article] = {}
        self.versions: dict[tuple[tuple[str, str], str], _Version] = {}
        self.provenance: dict[tuple[str, str], dict[str, Any]] = {}

    def record(self, items: Sequence[Mapping[str, Any]], skins: Sequence[str | None], upsert_provenance: Any) -> None:
        """Record ``items`` (each with its skin, when known); ``upsert_provenance`` is the
        backend's insert-or-update of a provenance row."""
        observed = [_observation(item, skins[number] if number < len(skins) else None, self.now) for number, item in enumerate(items)]
        self._read({key for key, *_ in observed})
        keys = _Keys(self.connection, {search.first_key(fields["published_at"]) for _, _, _, fields, _ in observed})
        for key, seen, digest, fields, skin in observed:
            self._observe(keys, key, seen, digest, fields)
            self.provenance[key] = {"run": self.run, "action": self.action, "url": fields["url"], "skin": skin, "content_hash": digest, "at": seen}
        self._write(upsert_provenance)

    def _read(self, keys: set[tuple[str, str]]) -> None:
        """The batch's articles already in the archive, and their versions' seen times."""
        by_site: dict[str, list[str]] = {}
        for site, article_id in keys:
            by_site.setdefault(site, []).append(article_id)
        for site, article_ids in by_site.items():
            for row in self.connection.execute(_FIND_ARTICLES, {"key_site": site, "key_ids": sorted(article_ids)}).mappings():
                self.articles[(site, row["article_id"])] = _Article(
                    row={name: row[name] for name in _ARTICLE_WRITTEN}, text=("", "", ""), id=row["id"],
                    indexed=(row["search_key"], row["content_hash"]))
        found = {article.id: key for key, article in self.articles.items()}
        if found:
            for article, digest, first_seen, last_seen in self.connection.execute(_FIND_VERSIONS, {"key_articles": sorted(found)}):
                self.versions[(found[article], digest)] = _Version({"first_seen": first_seen, "last_seen": last_seen}, new=False)

    def _observe(self, keys: _Keys, key: tuple[str, str], seen: str, digest: str, fields: dict[str, Any]) -> None:
        """One item, by the archive's rules: a new article, or a version added or widened and
        the article's current version moved to the one seen last."""
        current = {name: fields[name] for name in _CURRENT_FIELDS}
        text = (fields["title"], fields["subtitle"], fields["body"])
        article = self.articles.get(key)
        if article is None:
            row = {"site": key[0], "article_id": key[1], "content_hash": digest, "status": "live", "first_seen": seen,
                   "last_seen": seen, "search_key": keys.take(fields["published_at"]), **current}
            self.articles[key] = _Article(row, text, added=1)
            self.versions[(key, digest)] = _Version({"content_hash": digest, "first_seen": seen, "last_seen": seen, **fields}, new=True)
            return
        version = self.versions.get((key, digest))
        if version is None:
            self.versions[(key, digest)] = _Version({"content_hash": digest, "first_seen": seen, "last_seen": seen, **fields}, new=True)
            article.added += 1
            article.changed = True
        elif seen > version.row["last_seen"]:
            version.row.update(last_seen=seen, **fields)
            version.written.add("last")
        elif seen < version.row["first_seen"]:
            version.row["first_seen"] = seen
            version.written.add("first")
        row = article.row
        if (seen, digest) > (row["last_seen"], row["content_hash"]):  # the newest observation
            ordered = row["search_key"]
            if fields["published_at"] != row["published_at"]:
                ordered = keys.take(fields["published_at"])
                keys.give_back(row["search_key"])
            row.update(content_hash=digest, last_seen=seen, status="live", search_key=ordered, **current)
            article.text = text
            article.changed = True
        if seen < row["first_seen"]:
            row["first_seen"] = seen
            article.changed = True

    def _write(self, upsert_provenance: Any) -> None:
        """The batch's rows, one statement (one executemany) per kind."""
        connection = self.connection
        stale = {article.id: article for article in self.articles.values()
                 if article.indexed is not None and article.indexed != (article.row["search_key"], article.row["content_hash"])}
        unindexed: list[tuple[int, str, str, str]] = []
        if stale and connection.dialect.name == "sqlite":  # its contentless index needs the old text to take it out
            for article_id, title, subtitle, body in connection.execute(_INDEXED_TEXT, {"key_articles": sorted(stale)}):
                indexed = stale[article_id].indexed
                assert indexed is not None
                unindexed.append((indexed[0], title, subtitle, body))
        new = [article for article in self.articles.values() if not article.id]
        if new:
            inserted = connection.execute(_INSERT_ARTICLES, [{**article.row, "versions": article.added} for article in new]).scalars().all()
            for article, article_id in zip(new, inserted, strict=True):
                article.id = article_id
        changed = [{"key_id": article.id, "added": article.added, **article.row}
                   for article in self.articles.values() if article.indexed is not None and article.changed]
        if changed:
            connection.execute(_UPDATE_ARTICLES, changed)
        self._write_versions()
        search.unindex(connection, unindexed)
        search.index(connection, [(article.id, article.row["search_key"], *article.text) for article in self.articles.values()
                                  if article.indexed is None or article.id in stale])
        if self.provenance:
            connection.execute(upsert_provenance, [{"article": self.articles[key].id, **row} for key, row in self.provenance.items()])

    def _write_versions(self) -> None:
        """New versions in one insert; widened ones in one update per set of columns written."""
        added = [{"article": self.articles[key].id, **version.row} for (key, _), version in self.versions.items() if version.new]
        if added:
            self.connection.execute(_INSERT_VERSIONS, added)
        widened: dict[frozenset[str], list[dict[str, Any]]] = {}
        for (key, digest), version in self.versions.items():
            if version.new or not version.written:
                continue
            values: dict[str, Any] = {"key_article": self.articles[key].id, "key_hash": digest}
            if "first" in version.written:
                values["first_seen"] = version.row["first_seen"]
            if "last" in version.written:
                values.update({name: version.row[name] for name in ("last_seen", *_CONTENT_FIELDS, "images")})
            widened.setdefault(frozenset(version.written), []).append(values)
        for rows in widened.values():
            self.connection.execute(_UPDATE_VERSIONS, rows)


def _observation(item: Mapping[str, Any], skin: str | None, now: str) -> tuple[tuple[str, str], str, str, dict[str, Any], str | None]:
    """An item as the archive reads it: its key, when it was seen, its content hash, its
    version's columns, its skin."""
    seen = str(item.get("crawled_at") or now)
    fields: dict[str, Any] = {name: item.get(name) or ("" if name not in ("published_at", "modified_at") else None) for name in _CONTENT_FIELDS}
    fields["images"] = json.dumps(item.get("images") or [], ensure_ascii=False)
    return (str(item["site"]), str(item["article_id"])), seen, content_hash(item), fields, skin

