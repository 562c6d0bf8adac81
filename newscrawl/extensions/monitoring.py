"""Spidermon, with each failed monitor logged as its one sentence instead of a traceback."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner


class _SentenceResult(SpiderMonitorResult):  # type: ignore[misc]
    """Spidermon's log of a monitor run; a failure is one line, its sentence (an error, a
    bug in a monitor, keeps its traceback)."""

    def write_errors(self) -> None:
        """Log each failed or broken monitor."""
        for status in self.step.error_statuses:
            for result in self.step.items_for_status(status):
                detail = result.reason if status == "FAIL" else result.error
                self.log_error(f"{status} {result.item.name}: {detail}")


class _SentenceRunner(SpiderMonitorRunner):  # type: ignore[misc]
    def create_result(self) -> _SentenceResult:
        return _SentenceResult(self.spider)


class Monitoring(Spidermon):  # type: ignore[misc]
    """Spidermon's extension (it replaces it; same settings), logging failures as sentences."""

    def _run_suites(self, spider: Spider, suites: list[Any]) -> None:
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _SentenceRunner(spider=spider).run(suite, **data)
