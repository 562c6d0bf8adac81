"""Spidermon, quiet: its banner (each monitor and action with its status) is a debug line;
a failed monitor's sentence is in the run's summary, and a broken monitor or action (a bug, an
alert that could not be sent) is logged as an error with its traceback."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner


class _SentenceResult(SpiderMonitorResult):
    """Spidermon's log of a monitor run: the banner at debug level; errors (not failures,
    which the run report's summary line says) at error level, one record each."""

    def log_info(self, msg: Any) -> None:
        """The banner's lines: debug."""
        self.log(msg, level=logging.DEBUG)

    def write_errors(self) -> None:
        """Log each broken monitor or action with its traceback."""
        for status in self.step.error_statuses:
            if status == "FAIL":
                continue
            for result in self.step.items_for_status(status):
                self.log_error(f"{status} {result.item.name}: {result.error}")


class _SentenceRunner(SpiderMonitorRunner):
    def create_result(self) -> _SentenceResult:
        return _SentenceResult(self.spider)


class Monitoring(Spidermon):
    """Spidermon's extension (it replaces it; same settings), with a quiet log."""

    def _run_suites(self, spider: Spider, suites: list[Any]) -> None:
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _SentenceRunner(spider=spider).run(suite, **data)
