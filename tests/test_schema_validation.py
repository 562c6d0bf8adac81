"""The item-schema pipeline counts what spidermon's own validation pipeline counts, on valid
items and on items that break the schema in any field."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy import Spider
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline

from newscrawl.items import ARTICLE_FIELDS, ArticleItem
from newscrawl.pipelines.schema import SchemaValidationPipeline
from newscrawl.schema import ARTICLE_SCHEMA

VALID = ArticleItem(
    url="https://example.kr/news/view.php?idx=7",
    article_id="7",
    site="example",
    section="사회",
    title="시험 제목",
    author="김기자",
    published_at="2024-05-01T09:30:00+09:00",
    published_raw="등록 2024-05-01 09:30",
    body="첫 문단\n둘째 문단",
    images=[{"url": "https://example.kr/photo.jpg", "caption": "사진 설명"}],
    crawled_at="2024-05-01T01:00:00+00:00",
)

# Values of every JSON type, and strings near the schema's patterns.
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(["", "7", "07", "x7", "http://a", "ftp://a", "2024-05-01T09:30:00+09:00", "2024-05-01T09:30:00+00:00"]),
    st.text(max_size=8),
    st.lists(st.dictionaries(st.sampled_from(["url", "caption", "alt"]), st.sampled_from(["", "https://a/b.jpg", "x"]), max_size=3), max_size=2),
)


def _stats(pipeline_class: Any, items: list[ArticleItem]) -> dict[str, Any]:
    """The validation stats ``pipeline_class`` leaves after processing ``items``."""
    crawler = get_crawler(Spider, {"SPIDERMON_ENABLED": True, "SPIDERMON_VALIDATION_SCHEMAS": [ARTICLE_SCHEMA]})
    crawler.stats.open_spider()
    pipeline = pipeline_class.from_crawler(crawler)
    for item in items:
        pipeline.process_item(item)
    return {key: value for key, value in crawler.stats.get_stats().items() if key.startswith("spidermon/validation")}


def test_no_check_with_spidermon_off() -> None:
    crawler = get_crawler(Spider, {"SPIDERMON_ENABLED": False, "SPIDERMON_VALIDATION_SCHEMAS": [ARTICLE_SCHEMA]})
    with pytest.raises(NotConfigured):
        SchemaValidationPipeline.from_crawler(crawler)


def test_a_valid_item_is_counted_without_errors() -> None:
    stats = _stats(SchemaValidationPipeline, [VALID])
    assert stats["spidermon/validation/items"] == 1
    assert stats["spidermon/validation/fields"] == len(ARTICLE_FIELDS)
    assert "spidermon/validation/fields/errors" not in stats


def test_a_broken_field_is_counted_under_its_name() -> None:
    stats = _stats(SchemaValidationPipeline, [replace(VALID, article_id="7a", published_at="2024-05-01")])
    assert stats["spidermon/validation/fields/errors"] == 2
    assert stats["spidermon/validation/items/errors"] == 1
    assert any(key.endswith("/article_id") for key in stats)
    assert any(key.endswith("/published_at") for key in stats)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(ARTICLE_FIELDS), VALUES, max_size=4), min_size=1, max_size=3))
def test_the_same_counts_as_spidermons_own_pipeline(changes: list[dict[str, Any]]) -> None:
    items = [replace(VALID, **change) for change in changes]
    assert _stats(SchemaValidationPipeline, items) == _stats(ItemValidationPipeline, items)
