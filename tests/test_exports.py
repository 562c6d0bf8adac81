"""Exporters: Excel-ready CSV, plain UTF-8 JSON and JSON Lines, one fixed column order."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from scrapy.exporters import BaseItemExporter, JsonItemExporter, JsonLinesItemExporter

from newscrawl.exporters import ExcelCsvItemExporter, images_cell
from newscrawl.items import ARTICLE_FIELDS, ArticleItem
from tests.conftest import CrawlResult, run_crawl
from tests.replica.server import ReplicaServer


def _items() -> list[ArticleItem]:
    return [
        ArticleItem(
            url="http://127.0.0.1:8021/news/view.php?idx=1",
            article_id="1",
            site="news21",
            section="사회",
            title="포항시, \"겨울\" 대비, 점검",
            subtitle="첫 부제\n둘째 부제",
            author="최민준",
            published_at="2024-03-04T09:10:00+09:00",
            modified_at=None,
            published_raw="등록 2024-03-04 09:10:00",
            body="첫 문단.\n둘째 문단.",
            images=[
                {"url": "http://127.0.0.1:8021/a.jpg", "caption": "항구 풍경"},
                {"url": "http://127.0.0.1:8021/b.jpg", "caption": ""},
            ],
            crawled_at="2026-11-27T02:00:00+00:00",
        ),
        ArticleItem(url="http://127.0.0.1:8021/news/view.php?idx=2", article_id="2", site="news21", title="둘째"),
    ]


def _export(exporter_class: type[BaseItemExporter]) -> bytes:
    stream = io.BytesIO()
    exporter = exporter_class(stream, fields_to_export=ARTICLE_FIELDS, encoding="utf-8")
    exporter.start_exporting()
    for item in _items():
        exporter.export_item(item)
    exporter.finish_exporting()
    return stream.getvalue()


class TestCsv:
    def test_starts_with_a_bom_for_excel(self) -> None:
        assert _export(ExcelCsvItemExporter).startswith(b"\xef\xbb\xbf")

    def test_header_once_in_field_order(self) -> None:
        rows = list(csv.reader(io.StringIO(_export(ExcelCsvItemExporter).decode("utf-8-sig"))))
        assert rows[0] == ARTICLE_FIELDS
        assert len(rows) == 3 and rows[1][0] != "url" and rows[2][0] != "url"

    def test_values_and_multiline_cells_round_trip(self) -> None:
        rows = list(csv.DictReader(io.StringIO(_export(ExcelCsvItemExporter).decode("utf-8-sig"))))
        assert rows[0]["title"] == "포항시, \"겨울\" 대비, 점검"
        assert rows[0]["body"] == "첫 문단.\n둘째 문단."
        assert rows[0]["modified_at"] == ""
        assert rows[0]["images"] == "http://127.0.0.1:8021/a.jpg | 항구 풍경\nhttp://127.0.0.1:8021/b.jpg"
        assert rows[1]["images"] == ""

    def test_images_cell(self) -> None:
        assert images_cell([]) == ""
        assert images_cell([{"url": "u", "caption": "c"}]) == "u | c"


class TestJson:
    def test_json_is_plain_utf8_with_hangul_unescaped(self) -> None:
        raw = _export(JsonItemExporter)
        assert "포항시".encode() in raw and b"\\u" not in raw
        data = json.loads(raw)
        assert [list(entry) for entry in data] == [ARTICLE_FIELDS, ARTICLE_FIELDS]
        assert data[0]["images"][0] == {"url": "http://127.0.0.1:8021/a.jpg", "caption": "항구 풍경"}
        assert data[0]["modified_at"] is None

    def test_json_lines_one_object_per_line(self) -> None:
        raw = _export(JsonLinesItemExporter)
        assert "포항시".encode() in raw and b"\\u" not in raw
        lines = raw.decode("utf-8").splitlines()
        assert [json.loads(line)["article_id"] for line in lines] == ["1", "2"]


@pytest.mark.parametrize("name", ["articles.csv", "articles.json", "articles.jsonl"])
def test_crawl_writes_each_format(replica: ReplicaServer, tmp_path: Path, name: str) -> None:
    url = f"{replica.base_url}/news/view.php?idx=5003"
    result: CrawlResult = run_crawl(tmp_path, "-a", f"url={url}", output=name)
    assert result.returncode == 0, result.log[-2000:]
    raw = result.output.read_bytes()
    if name.endswith(".csv"):
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert rows[0] == ARTICLE_FIELDS and len(rows) == 2
        assert rows[1][ARTICLE_FIELDS.index("title")] == "안동시 시립미술관, 지역 작가 4인 기획전 개막"
    else:
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\\u" not in raw
        text = raw.decode("utf-8")
        item = json.loads(text)[0] if name.endswith(".json") else json.loads(text.splitlines()[0])
        assert list(item) == ARTICLE_FIELDS
        assert item["title"] == "안동시 시립미술관, 지역 작가 4인 기획전 개막"
