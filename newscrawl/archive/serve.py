"""``scrapy archive serve``: the SQLite archive in Datasette, read-only, on 127.0.0.1, with a
Korean search (a canned query through the project's plugin), facets by site and section, and
Datasette's CSV export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PLUGINS_DIR = Path(__file__).resolve().parent / "datasette_plugins"
"""The project's Datasette plugins (``korean_match``)."""
SEARCH_SQL = """select a.published_at, a.site, a.section, a.title, a.url, a.article_id
from article_search join articles a on a.search_key = article_search.rowid
where :q != '' and article_search match korean_match(:q)
  and (:site = '' or a.site = :site)
  and (:section = '' or a.section = :section)
  and (:since = '' or a.published_at >= :since)
  and (:until = '' or a.published_at < date(:until, '+1 day'))
order by article_search.rowid desc
limit 500"""
"""The canned query ``search``: a Korean search with the filters of ``scrapy archive search``."""


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for an archive file served as ``database`` (its file name's stem)."""
    return {
        "title": "newscrawl archive",
        "description": "Every article once, its versions, the runs that saw it. Search in Korean with the 'search' query.",
        "databases": {
            database: {
                "queries": {
                    "search": {
                        "title": "Korean search",
                        "description": "대구 finds 대구시는; 대구 화재 needs both words; \"대구 스마트시티\" needs the phrase. "
                                       "Filters: site, section, since and until (YYYY-MM-DD), all optional.",
                        "sql": SEARCH_SQL,
                    }
                },
                "tables": {
                    "articles": {"facets": ["site", "section", "status"], "sort_desc": "published_at"},
                    "versions": {"sort_desc": "last_seen"},
                    "runs": {"facets": ["site", "verdict", "node"], "sort_desc": "id"},
                    "events": {"facets": ["site", "kind"], "sort_desc": "id"},
                    "article_search": {"hidden": True},
                },
            }
        },
    }


def serve(path: Path, port: int) -> int:
    """Run Datasette on ``path`` (opened read-only, not immutable: a crawl may be writing it)
    until it is stopped (Ctrl-C, or SIGTERM passed on to it); returns its exit status."""
    with tempfile.TemporaryDirectory(prefix="newscrawl-serve-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(path.stem), ensure_ascii=False), encoding="utf-8")
        project = str(Path(__file__).resolve().parents[2])
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [project, os.environ.get("PYTHONPATH")]))}
        command = [
            sys.executable, "-m", "datasette", "serve", str(path), "--host", "127.0.0.1", "--port", str(port),
            "--metadata", str(metadata), "--plugins-dir", str(PLUGINS_DIR), "--setting", "allow_download", "off",
        ]
        datasette = subprocess.Popen(command, env=environment)
        signal.signal(signal.SIGTERM, lambda *_: datasette.terminate())  # a service manager's stop
        try:
            return datasette.wait()
        except KeyboardInterrupt:  # Ctrl-C reached Datasette too
            datasette.wait()
            return 0
