"""Run monitors (spidermon): a run that looks broken is marked FAILED."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action

from newscrawl.alerts import alert_actions
from newscrawl.keys import (
    CMS_CHANGED_REASON,
    DROPPED_PREFIX,
    FAILED_FEEDS_STAT,
    FAILURES_STAT,
    FALLBACK_PAGES_STAT,
    FALLBACK_PREFIX,
    HANDLER_ERROR_DETAIL_STAT,
    HANDLER_ERRORS_STAT,
    LIST_ENTRIES_STAT,
    LIST_PAGES_STAT,
    MONITORED_STAT,
    NOT_NDSOFT_REASON,
    SKIN_PREFIX,
    STOP_DETAIL_STAT,
    STORE_FAILED_PREFIX,
    UNREACHABLE_REASON,
)
from newscrawl.pipelines.coverage import COVERAGE_ITEM_TYPE


@monitors.name("Finish reason")
class FinishReasonMonitor(Monitor):
    """The crawl ended for another reason than ``SPIDERMON_EXPECTED_FINISH_REASONS``."""

    @monitors.name("The crawl finished")
    def test_finish_reason(self) -> None:
        """Fail, saying why in words, when the finish reason is not an expected one."""
        reason = str(self.data.stats.get("finish_reason", "unknown"))
        expected = self.data.crawler.settings.getlist("SPIDERMON_EXPECTED_FINISH_REASONS")
        if reason not in expected:
            sentence = _UNFINISHED.get(reason, "The crawl ended with finish reason {reason}, not {expected}.")
            what = self.data.stats.get(STOP_DETAIL_STAT, "see the log")
            self.fail(sentence.format(reason=reason, expected=" or ".join(expected), what=what))


_UNFINISHED = {
    "error_budget_exhausted": "The crawl was stopped early: the site failed too many requests in a row ({reason}).",
    "feed_failed": "The crawl was stopped early: a feed could not be written ({reason}).",
    "archive_failed": "The crawl was stopped early: the archive could not be written ({reason}).",
    "site_unreachable": "The site is unreachable: {what}; the crawl was stopped at once ({reason}).",
    NOT_NDSOFT_REASON: "This address does not look like an ND소프트 site: {what}; the crawl was stopped at once ({reason}).",
    # The crawl's own sentence: the site, its family, and what its home page looks like now.
    CMS_CHANGED_REASON: "{what}",
    "shutdown": "The crawl was interrupted before it finished ({reason}).",
    "unknown_section": "The crawl was stopped at once: -a sections names a section the site's menu does not offer ({reason}).",
}


@monitors.name("Field coverage of parsed articles")
class ParsedArticleCoverageMonitor(Monitor):
    """``SPIDERMON_FIELD_COVERAGE_RULES`` over every parsed article (see
    FieldCoveragePipeline); skipped when the run parsed no article page (an incremental run
    with nothing new)."""

    @monitors.name("Fields are filled")
    def test_field_coverage(self) -> None:
        """Fail naming each field whose coverage is below its rule."""
        parsed = self.data.stats.get(f"spidermon_item_scraped_count/{COVERAGE_ITEM_TYPE}", 0)
        if not parsed:
            self.skipTest("No article page was parsed.")
        rules = self.data.crawler.settings.getdict("SPIDERMON_FIELD_COVERAGE_RULES")
        short = [
            f"{field.split('/', 1)[-1]} in {coverage:.0%} (at least {minimum:.0%})"
            for field, minimum in rules.items()
            if (coverage := self.data.stats.get(f"spidermon_field_coverage/{field}", 0)) < minimum
        ]
        if short:
            self.fail(f"Too many of the {parsed} parsed articles lack a field: {'; '.join(short)}.")


@monitors.name("Skins")
class MetadataFallbackMonitor(Monitor):
    """Too many article pages needed the page's metadata for a field: the site's markup has
    changed (a redesign) and no skin reads it any more; the articles are still exported."""

    @monitors.name("The skins read the pages")
    def test_fallback_share(self) -> None:
        """Fail naming the fields when more than ``NEWSCRAWL_MAX_FALLBACK_SHARE`` of the
        parsed article pages needed metadata, or matched no skin and had no metadata to fill
        what it did not read."""
        stats = self.data.stats
        parsed = sum(value for key, value in stats.items() if key.startswith(SKIN_PREFIX))
        needed = stats.get(FALLBACK_PAGES_STAT, 0)
        unread = stats.get(f"{SKIN_PREFIX}unknown", 0)
        limit = self.data.crawler.settings.getfloat("NEWSCRAWL_MAX_FALLBACK_SHARE")
        if parsed and not needed and unread / parsed > limit:
            self.fail(
                f"The site's markup matches no skin: {unread} of {parsed} article pages matched none "
                f"({unread / parsed:.0%}, at most {limit:.0%}), and their metadata did not give the missing fields."
            )
        if parsed and needed / parsed > limit:
            fields = ", ".join(
                f"{_COLUMN.get(name, name)} ({value})"
                for key, value in sorted(stats.items())
                if key.startswith(FALLBACK_PREFIX) and (name := key[len(FALLBACK_PREFIX) :])
            )
            self.fail(
                f"The site's markup matches no skin: {needed} of {parsed} article pages were read from "
                f"their metadata ({needed / parsed:.0%}, at most {limit:.0%}); fields taken from it: {fields}."
            )


# The page's raw date texts, by the output columns the README names them with.
_COLUMN = {"published_raw": "published_at", "modified_raw": "modified_at"}


@monitors.name("Item schema")
class ItemValidationMonitor(Monitor):
    """Exported items broke the schema more than ``SPIDERMON_MAX_ITEM_VALIDATION_ERRORS`` times."""

    @monitors.name("Items follow the schema")
    def test_items_follow_the_schema(self) -> None:
        """Fail when the validation errors exceed the setting."""
        errors = self.data.stats.get("spidermon/validation/fields/errors", 0)
        allowed = self.data.crawler.settings.getint("SPIDERMON_MAX_ITEM_VALIDATION_ERRORS")
        if errors > allowed:
            self.fail(f"Exported items broke the item schema {errors} times (at most {allowed} allowed).")


@monitors.name("Signal handlers")
class HandlerErrorsMonitor(Monitor):
    """Code run on a signal raised an error, which Scrapy logged and went on after."""

    @monitors.name("No signal handler failed")
    def test_no_handler_failed(self) -> None:
        """Fail naming the last handler that raised and its error."""
        errors = self.data.stats.get(HANDLER_ERRORS_STAT, 0)
        if errors:
            last = self.data.stats.get(HANDLER_ERROR_DETAIL_STAT, "see the log")
            self.fail(
                f"The crawl's code raised {errors} error(s) on signals and went on, so the run may have "
                f"stopped short (the last in {last}; the traceback is in the log)."
            )


@monitors.name("Feeds")
class FeedsMonitor(Monitor):
    """A feed could not be opened, written or stored: what it did not hold is not exported."""

    @monitors.name("Every feed stored its items")
    def test_feeds_stored(self) -> None:
        """Fail naming each feed that failed and its error."""
        stats = self.data.stats
        broken = list(stats.get(FAILED_FEEDS_STAT, []))
        stores = sum(value for key, value in stats.items() if key.startswith(STORE_FAILED_PREFIX))
        if stores:
            broken.append(f"A feed could not be stored at the end of the run ({stores} failed; see 'Error storing' in the log).")
        if broken:
            self.fail(" ".join(broken))


@monitors.name("List pages")
class ListPagesMonitor(Monitor):
    """List pages were fetched but no article entry was found on any of them."""

    @monitors.name("List pages show article entries")
    def test_list_pages_show_entries(self) -> None:
        """Fail when list pages were fetched and none of them gave an entry."""
        pages = self.data.stats.get(LIST_PAGES_STAT, 0)
        if pages and not self.data.stats.get(LIST_ENTRIES_STAT, 0):
            self.fail(f"No list page shows an article entry: {pages} list pages fetched, no entry found on them.")


# Rejects that describe the site's content, not a fault: articles removed or paywalled, and
# ids that a walk over article ids found unused.
_EXPECTED_REJECTS = frozenset(("deleted", "members_only", "missing"))


@monitors.name("Error rate")
class ErrorRateMonitor(Monitor):
    """Too many pages were rejected: failed for good after retries, refused, unparseable or
    incomplete (every ``newscrawl/dropped/<reason>`` but deleted and members-only articles)."""

    def setUp(self) -> None:
        """Skip when the site could not be reached at all: the finish reason says it, once."""
        if self.data.stats.get("finish_reason") == UNREACHABLE_REASON:
            self.skipTest("The site is unreachable (see the finish reason).")

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
        if rate > limit:
            self.fail(f"Too many pages were rejected: {errors} for {requests} requests ({rate:.0%}, at most {limit:.0%}).")

    @monitors.name("The site answered")
    def test_site_answered(self) -> None:
        """Fail when requests were made but not one was answered with a page (2xx)."""
        stats = self.data.stats
        requests = stats.get("downloader/request_count", 0)
        pages = sum(v for k, v in stats.items() if k.startswith("downloader/response_status_count/2"))
        if requests and not pages:
            self.fail(f"The site answered no request: {requests} requests made, 0 pages received.")


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
        if current < floor:
            self.fail(f"List pages show far fewer entries than in recent runs: {current:.1f} per page against {average:.1f}.")


def _entries_per_page(stats: dict) -> float | None:
    pages = stats.get(LIST_PAGES_STAT, 0)
    return stats.get(LIST_ENTRIES_STAT, 0) / pages if pages else None


class MarkRunFailed(Action):
    """Record the failed monitors in the stats; the run report and the exit status use them."""

    def run_action(self) -> None:
        """Store each failed monitor's sentence under :data:`FAILURES_STAT`."""
        failures = [str(result.reason) for result in self.result.monitors_failed_results]
        self.data.crawler.stats.set_value(FAILURES_STAT, failures)


class RecordMonitorsRan(Action):
    """Record that the monitors ran, so that a broken monitor setup cannot pass silently."""

    def run_action(self) -> None:
        """Store the number of monitor results under :data:`MONITORED_STAT`."""
        self.data.crawler.stats.set_value(MONITORED_STAT, len(self.result.monitor_results))


class RunMonitors(MonitorSuite):
    """Every check of a finished run."""

    # Causes before their symptoms: the failures are listed in this order, and a verdict line
    # names the first (a redesign before the fields it left empty; an outage before its rejects).
    monitors = [
        FinishReasonMonitor,
        HandlerErrorsMonitor,
        FeedsMonitor,
        MetadataFallbackMonitor,
        ListPagesMonitor,
        ErrorRateMonitor,
        ParsedArticleCoverageMonitor,
        ItemValidationMonitor,
        RecentRunsMonitor,
    ]
    monitors_finished_actions = [RecordMonitorsRan]
    monitors_failed_actions = [MarkRunFailed]

    def __init__(self, crawler: Crawler, **kwargs: Any) -> None:
        """The suite, with the alerts ``NEWSCRAWL_ALERTS`` switches on among its failed actions."""
        super().__init__(crawler=crawler, monitors_failed_actions=alert_actions(crawler.settings), **kwargs)
