"""The run report: JSON next to the outputs, a summary in the log, the status in the stats."""

from __future__ import annotations

import json
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.extensions.feeds import sidecar_path
from newscrawl.monitors import FAILURES_STAT, MONITORED_STAT
from newscrawl.pipelines.coverage import COVERAGE_ITEM_TYPE
from newscrawl.report import build_report, summary_line
from newscrawl.sitelog import site_logger

STATUS_STAT = "newscrawl/run/status"
"""``OK`` or ``FAILED``; ``scrapy crawl`` exits with status 1 on ``FAILED``."""


class RunReport:
    """After the monitors ran (when the engine stopped, the feeds stored), write
    ``<output>.report.json`` beside the first local feed (``NEWSCRAWL_REPORT_DIR``/
    ``<spider>.report.json`` without one) and log a summary."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        """Connect after spidermon, so that its monitors' results are in the stats."""
        extension = cls(crawler)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        """Build, write and log the report; record the run status."""
        stats, spider = self.crawler.stats, self.crawler.spider
        assert stats is not None and spider is not None
        reason = str(stats.get_value("finish_reason", "shutdown"))
        failures = list(stats.get_value(FAILURES_STAT, []))
        if not stats.get_value(MONITORED_STAT):
            failures.append("The monitors did not run (see the errors above in the log).")
        history = list(getattr(spider, "stats_history", []))[: self.crawler.settings.getint("NEWSCRAWL_HISTORY_RUNS")]
        report = build_report(spider.name, stats.get_stats(), reason, failures, history)
        report.update(_dashboard_facts(spider, self.crawler.settings.getdict("SPIDERMON_FIELD_COVERAGE_RULES")))
        stats.set_value(STATUS_STAT, report["status"])
        path = sidecar_path(self.crawler, spider.name, ".report.json")
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        log = site_logger(self.crawler).error if failures else site_logger(self.crawler).info
        log("%s; report: %s", summary_line(report), path)


def _dashboard_facts(spider: Any, rules: dict[str, float]) -> dict[str, Any]:
    """What the dashboard shows beside the figures: the site's address and brand, and each
    covered field's target (a field no article had is missing from the coverage, not 0)."""
    profile, arguments = getattr(spider, "site", None), getattr(spider, "args", None)
    prefix = f"{COVERAGE_ITEM_TYPE}/"
    return {
        "address": getattr(arguments, "base_url", None) or getattr(profile, "base_url", None),
        "brand": getattr(getattr(profile, "site", None), "brand", ""),
        "coverage_targets": {rule[len(prefix) :]: target for rule, target in rules.items() if rule.startswith(prefix)},
    }
