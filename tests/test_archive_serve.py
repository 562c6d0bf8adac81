"""``scrapy archive serve``: Datasette on 127.0.0.1 over the archive, queried over HTTP as a
user's browser would, with Korean search, facets and CSV, beside a crawl writing the file."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.korean_corpus import articles
from tests.archive_helpers import run_archive, substring_oracle
from tests.conftest import PROJECT_DIR, run_crawl
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _search(base: str, query: str, **filters: str) -> list[dict[str, Any]]:
    parameters = {"q": query, "site": "", "section": "", "since": "", "until": "", "_shape": "array", **filters}
    return json.loads(_get(f"{base}/archive/search.json?{urllib.parse.urlencode(parameters)}"))


def test_serve_searches_in_korean_with_facets_and_csv_beside_a_writing_crawl(tmp_path: Path) -> None:
    items = list(articles(150, seed=3))
    source = tmp_path / "items.jsonl"
    source.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    state = f"NEWSCRAWL_STATE_DIR={tmp_path / 'state'}"
    assert run_archive("import", str(source), "-s", state).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = subprocess.Popen([sys.executable, "-m", "scrapy", "archive", "serve", "--port", str(port), "-s", state],
                              cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "Datasette did not start"
                time.sleep(0.2)
        for query in ("대구", "국회", "대구 화재", '"대구 스마트시티"'):
            found = _search(base, query)
            expected = [item for item in items if substring_oracle(query, item["title"], f"{item['subtitle']}\n{item['body']}")]
            assert sorted(row["article_id"] for row in found) == sorted(item["article_id"] for item in expected), query
            assert [row["published_at"] for row in found] == sorted((row["published_at"] for row in found), reverse=True)
        assert {row["site"] for row in _search(base, "대구", site="idaegu")} == {"idaegu"}
        assert _search(base, "") == []
        facets = json.loads(_get(f"{base}/archive/articles.json?_facet=site&_facet=section&_size=0"))["facet_results"]
        assert {entry["value"]: entry["count"] for entry in facets["site"]["results"]} == Counter(item["site"] for item in items)
        assert {entry["value"]: entry["count"] for entry in facets["section"]["results"]} == Counter(item["section"] for item in items)
        table = list(csv.DictReader(io.StringIO(_get(f"{base}/archive/search.csv?" + urllib.parse.urlencode(
            {"q": "부산", "site": "", "section": "", "since": "", "until": ""})).decode("utf-8"))))
        assert sorted(row["article_id"] for row in table) == sorted(row["article_id"] for row in _search(base, "부산"))
        # A crawl writes the same archive while it is served; what it wrote is found at once.
        with ReplicaServer() as site:
            crawl = run_crawl(tmp_path, "-a", f"base_url={site.base_url}")  # state and archive in tmp_path/state
            assert crawl.returncode == 0, crawl.log[-3000:]
            heating = [item for item in expected_items(site.base_url).values() if "난방비" in item["title"] + item["subtitle"] + item["body"]]
        assert sorted(row["url"] for row in _search(base, "난방비")) == sorted(item["url"] for item in heating)
        assert server.poll() is None
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"Serving {tmp_path / 'state' / 'archive.sqlite3'} read-only on http://127.0.0.1:{port}/" in output


def test_serve_needs_a_sqlite_archive() -> None:
    done = run_archive("serve", "-s", "NEWSCRAWL_ARCHIVE=postgresql://user@127.0.0.1:1/archive")
    assert done.returncode == 1
    assert done.stderr.strip() == "error: serve opens a SQLite archive in Datasette; this archive is on postgresql"
