"""Helpers of the archive tests: ``scrapy archive`` run as a user runs it, and the archive read back."""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

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


def plain(text: str) -> str:
    """``text`` lower-cased, every run of characters other than letters and digits one space."""
    return " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFC", text).casefold()).split())


def oracle_phrases(query: str) -> list[str]:
    """What a search asks for, read plainly: each bare word, or each quoted phrase, as :func:`plain` text."""
    return [phrase for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', query) if (phrase := plain(quoted or bare))]


def substring_oracle(query: str, title: str, text: str) -> bool:
    """The plain reading of a search the index must agree with: each bare word, or each quoted
    phrase, is a substring of the title or of the text, both read as :func:`plain` text."""
    fields = (plain(title), plain(text))
    return all(any(phrase in field for field in fields) for phrase in oracle_phrases(query))


@contextmanager
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server (Debian's ``postgresql``) initialised in a temporary folder, as the
    ``postgres`` user when run as root, listening on a free port of 127.0.0.1, UTF-8 with the
    ``C.UTF-8`` locale; yields its URL (database ``postgres``). Skips, saying why, without the package."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if not found:
        pytest.skip("Debian's postgresql package is not installed (apt-get install postgresql; .ci/run installs it)")
    binaries = found[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="newscrawl-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    data = folder / "data"
    subprocess.run([*as_user, str(binaries / "initdb"), "-D", str(data), "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True, timeout=120)
    server = subprocess.Popen([*as_user, str(binaries / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port), "-k", str(folder),
                               "-c", "fsync=off"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def postgres_database(server: str, name: str) -> str:
    """A new, empty database on the server of :func:`postgres_server`; its URL."""
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name
