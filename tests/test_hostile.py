"""Hostile text in an article, end to end: the exports stay valid, clean and formula-safe."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.conftest import run_crawl
from tests.replica import render
from tests.replica.articles import ARTICLES
from tests.replica.server import Page, ReplicaServer

HOSTILE_TITLE = '=HYPERLINK("http://evil.example","클릭")'
# Right-to-left override, zero-width joiner, a C0 control, a lone surrogate (as a character
# reference), a BOM and a soft hyphen, all inside one paragraph.
HOSTILE_PARAGRAPH = "-2+3 시의회\u202e는 예산\u200d을 \x07의결&#xD800;했다\ufeff고 밝\u00ad혔다."
# The surrogate reference shows as U+FFFD, as browsers show it; everything else invisible goes.
CLEAN_PARAGRAPH = "-2+3 시의회는 예산을 의결\ufffd했다고 밝혔다."


def _hostile_page() -> bytes:
    article = next(a for a in ARTICLES if a.idx == 5004)
    html = render.article_page(ARTICLES, article)
    html = re.sub(r'<h2 class="title">[^<]*</h2>', f'<h2 class="title">{HOSTILE_TITLE}</h2>', html)
    html = html.replace("<p>", f"<p>{HOSTILE_PARAGRAPH}</p><p>", 1)
    return html.encode("utf-8")


def test_hostile_text_is_cleaned_and_csv_cells_are_not_formulas(tmp_path: Path) -> None:
    target = "/news/view.php?idx=5004"
    with ReplicaServer(extra={target: Page(_hostile_page())}) as server:
        jsonl = run_crawl(tmp_path / "json", "-a", f"url={server.base_url}{target}")
        csv_run = run_crawl(tmp_path / "csv", "-a", f"url={server.base_url}{target}", "-s", "NEWSCRAWL_STATE_ENABLED=False",
                            output="out.csv")
    assert jsonl.returncode == 0, jsonl.log[-3000:]
    (item,) = jsonl.items()
    assert item["title"] == HOSTILE_TITLE  # JSON keeps the text as written
    assert item["body"].split("\n")[0] == CLEAN_PARAGRAPH
    assert csv_run.returncode == 0, csv_run.log[-3000:]
    (row,) = csv.DictReader(io.StringIO(csv_run.output.read_bytes().decode("utf-8-sig")))
    assert row["title"] == "'" + HOSTILE_TITLE
    assert row["body"].split("\n")[0] == "'" + CLEAN_PARAGRAPH
