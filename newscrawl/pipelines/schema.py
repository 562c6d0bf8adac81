"""Every exported article checked against the item schema, counted under spidermon's
validation stats (``spidermon/validation/…``), which the item-schema monitor reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fastjsonschema
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from spidermon.contrib.scrapy.stats import ValidationStatsManager
from spidermon.contrib.validation import JSONSchemaValidator

from newscrawl.items import ArticleItem, field_values


class SchemaValidationPipeline:
    """Check each item against the schemas of ``SPIDERMON_VALIDATION_SCHEMAS``.

    A schema compiled to Python by fastjsonschema decides (16 µs an item with the counts; jsonschema,
    as spidermon's own pipeline runs it, took 230 µs, plus 95 µs to deep-copy the item). An
    item it refuses is validated again by spidermon's validator, whose messages are counted
    per field as spidermon counts them. The item is exported either way: the monitor fails
    the run when errors exceed ``SPIDERMON_MAX_ITEM_VALIDATION_ERRORS``."""

    def __init__(self, schemas: list[dict[str, Any]], stats: StatsCollector) -> None:
        self.checks: list[tuple[Callable[[Any], Any], JSONSchemaValidator]] = [
            (fastjsonschema.compile(schema, use_default=False), JSONSchemaValidator(schema)) for schema in schemas
        ]
        self.stats = ValidationStatsManager(stats)
        """Spidermon's stat names, its messages made slugs."""
        self.counts = ValidationStatsManager(stats, slugify=False)
        """The same names for the counts of every item, whose parts are slugs already
        (making them so again cost 8 µs an item)."""
        for _ in schemas:
            self.stats.add_validator("Item", JSONSchemaValidator.name)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchemaValidationPipeline:
        """Build the pipeline from ``SPIDERMON_VALIDATION_SCHEMAS`` (a list of schema dicts);
        none with spidermon off (``SPIDERMON_ENABLED``) or no schema, as spidermon's own."""
        if not crawler.settings.getbool("SPIDERMON_ENABLED") or not crawler.settings.getlist("SPIDERMON_VALIDATION_SCHEMAS"):
            raise NotConfigured("no item schema to check (SPIDERMON_ENABLED off or SPIDERMON_VALIDATION_SCHEMAS empty)")
        assert crawler.stats is not None
        return cls(list(crawler.settings.getlist("SPIDERMON_VALIDATION_SCHEMAS")), crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Count the item and its fields, and each schema error of its fields."""
        fields = field_values(item)
        self.counts.add_item()
        self.counts.add_fields(len(fields))
        for is_valid, explain in self.checks:
            try:
                is_valid(fields)
            except fastjsonschema.JsonSchemaException:
                valid, errors = explain.validate(fields)
                if not valid:
                    for field, messages in errors.items():
                        for message in messages:
                            self.stats.add_field_error(field, message)
                    self.stats.add_item_with_errors()
        return item
