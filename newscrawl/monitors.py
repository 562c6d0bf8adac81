"""Run monitors (spidermon): a run that looks broken is marked FAILED."""

from __future__ import annotations

from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import (
    FieldCoverageMonitor,
    FinishReasonMonitor,
    ItemValidationMonitor,
)
from spidermon.core.actions import Action

from newscrawl.pipelines.coverage import COVERAGE_ITEM_TYPE
from newscrawl.report import DROPPED_PREFIX

FAILURES_STAT = "newscrawl/run/failures"
"""Stat holding the failed monitors' messages (``name: reason``)."""
MONITORED_STAT = "newscrawl/run/monitors"
"""Stat holding how many monitors ran; absent when the monitors themselves broke."""


@monitors.name("Field coverage of parsed articles")
class ParsedArticleCoverageMonitor(FieldCoverageMonitor):
    """Spidermon's field coverage rules, over every parsed article (see FieldCoveragePipeline);
    skipped when the run parsed no article page (an incremental run with nothing new)."""

    def test_check_if_field_coverage_rules_are_met(self) -> None:
        """Skip without parsed articles; otherwise apply ``SPIDERMON_FIELD_COVERAGE_RULES``."""
        if not self.data.stats.get(f"spidermon_item_scraped_count/{COVERAGE_ITEM_TYPE}", 0):
            self.skipTest("No article page was parsed.")
        super().test_check_if_field_coverage_rules_are_met()


@monitors.name("List pages")
class ListPagesMonitor(Monitor):
    """List pages were fetched but no article entry was found on any of them."""

    @monitors.name("List pages show article entries")
    def test_list_pages_show_entries(self) -> None:
        """Fail when list pages were fetched and none of them gave an entry."""
        pages = self.data.stats.get("newscrawl/list_pages", 0)
        entries = self.data.stats.get("newscrawl/list_entries", 0)
        self.assertFalse(pages and not entries, f"{pages} list pages fetched, no article entry found on them")


# Rejects that describe the site's content, not a fault: articles removed or paywalled.
_EXPECTED_REJECTS = frozenset(("deleted", "members_only"))


@monitors.name("Error rate")
class ErrorRateMonitor(Monitor):
    """Too many pages were rejected: failed for good after retries, refused, unparseable or
    incomplete (every ``newscrawl/dropped/<reason>`` but deleted and members-only articles)."""

    @monitors.name("Error rate under the threshold")
    def test_error_rate(self) -> None:
        """Fail when rejected pages exceed ``NEWSCRAWL_MAX_ERROR_RATE`` of all requests."""
        stats = self.data.stats
        requests = stats.get("downloader/request_count", 0)
        errors = sum(
            value
            for key, value in stats.items()
            if key.startswith(DROPPED_PREFIX) and key[len(DROPPED_PREFIX) :] not in _EXPECTED_REJECTS
        )
        limit = self.data.crawler.settings.getfloat("NEWSCRAWL_MAX_ERROR_RATE")
        rate = errors / requests if requests else 0.0
        self.assertLessEqual(rate, limit, f"{errors} pages rejected for {requests} requests ({rate:.0%} > {limit:.0%})")

    @monitors.name("The site answered")
    def test_site_answered(self) -> None:
        """Fail when requests were made but not one was answered with a page (2xx)."""
        stats = self.data.stats
        requests = stats.get("downloader/request_count", 0)
        pages = sum(v for k, v in stats.items() if k.startswith("downloader/response_status_count/2"))
        self.assertFalse(requests and not pages, f"{requests} requests made, not one answered with a page")


@monitors.name("Against recent runs")
class RecentRunsMonitor(Monitor):
    """Article entries per list page fell sharply against the recent runs' average."""

    @monitors.name("Entries per list page hold up")
    def test_entries_per_list_page(self) -> None:
        """Fail when entries per list page fall below ``1 - NEWSCRAWL_MAX_DROP`` of the average
        of up to ``NEWSCRAWL_HISTORY_RUNS`` earlier runs (runs without list pages are ignored)."""
        settings = self.data.crawler.settings
        history = [
            _entries_per_page(stats)
            for stats in list(self.data.stats_history)[: settings.getint("NEWSCRAWL_HISTORY_RUNS")]
        ]
        earlier = [value for value in history if value is not None]
        current = _entries_per_page(self.data.stats)
        if not earlier or current is None:
            return
        average = sum(earlier) / len(earlier)
        floor = average * (1 - settings.getfloat("NEWSCRAWL_MAX_DROP"))
        self.assertGreaterEqual(
            current, floor, f"{current:.1f} entries per list page against {average:.1f} in recent runs"
        )


def _entries_per_page(stats: dict) -> float | None:  # type: ignore[type-arg]
    pages = stats.get("newscrawl/list_pages", 0)
    return stats.get("newscrawl/list_entries", 0) / pages if pages else None


class MarkRunFailed(Action):
    """Record the failed monitors in the stats; the run report and the exit status use them."""

    def run_action(self) -> None:
        """Store ``monitor: reason`` lines under :data:`FAILURES_STAT`."""
        failures = [f"{result.monitor.name}: {result.reason}" for result in self.result.monitors_failed_results]
        self.data.crawler.stats.set_value(FAILURES_STAT, failures)


class RecordMonitorsRan(Action):
    """Record that the monitors ran, so that a broken monitor setup cannot pass silently."""

    def run_action(self) -> None:
        """Store the number of monitor results under :data:`MONITORED_STAT`."""
        self.data.crawler.stats.set_value(MONITORED_STAT, len(self.result.monitor_results))


class RunMonitors(MonitorSuite):
    """Every check of a finished run."""

    monitors = [
        FinishReasonMonitor,
        ParsedArticleCoverageMonitor,
        ItemValidationMonitor,
        ListPagesMonitor,
        ErrorRateMonitor,
        RecentRunsMonitor,
    ]
    monitors_finished_actions = [RecordMonitorsRan]
    monitors_failed_actions = [MarkRunFailed]
