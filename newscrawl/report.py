"""The run report: what a finished crawl did, built from its stats (no Scrapy import)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

DROPPED_PREFIX = "newscrawl/dropped/"
"""Stats ``newscrawl/dropped/<reason>``: pages not exported, by reason."""
EXPORTED_STAT = "newscrawl/items_stored"
"""Stat counting the items every feed holds: the run's exported items (an item handed to a
feed that failed is scraped, not exported)."""
SKIN_PREFIX = "newscrawl/skin/"
"""Stats ``newscrawl/skin/<name>``: article pages read with each skin (``unknown``: none)."""
RULE_PREFIX = "newscrawl/rule/"
"""Stats ``newscrawl/rule/<field>/<rule>``: article pages whose field each rule read (``meta``:
the page's metadata)."""
FALLBACK_PREFIX = "newscrawl/fallback/"
"""Stats ``newscrawl/fallback/<field>``: article pages whose field came from metadata."""
FALLBACK_PAGES_STAT = "newscrawl/fallback_pages"
"""Stat counting the article pages that needed the metadata for at least one field."""
REJECTS_FILE_STAT = "newscrawl/rejects_file"
"""Stat holding the path of the run's rejects file."""
STOP_DETAIL_STAT = "newscrawl/stopped_at_once"
"""Stat holding why a crawl was stopped at once, in words (what could not be fetched; what the
home page shows), for the run's verdict to say in one sentence."""
_STATUS = "downloader/response_status_count/"
_COVERAGE = "spidermon_field_coverage/ParsedArticle/"


def build_report(
    site: str, stats: Mapping[str, Any], finish_reason: str, failures: Sequence[str], history: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The report of a run of ``site`` from its final ``stats`` and the stats of earlier runs
    (newest first)."""
    started, finished = stats.get("start_time"), stats.get("finish_time")
    return {
        "site": site,
        "status": "FAILED" if failures else "OK",
        "failures": list(failures),
        "finish_reason": finish_reason,
        "started_at": _iso(started),
        "finished_at": _iso(finished),
        "duration_s": round(stats.get("elapsed_time_seconds", 0.0), 1),
        **_figures(stats),
        "progress": progress_figures(stats, finished) if isinstance(finished, datetime) else None,
        "pages_rejected": {
            k[len(DROPPED_PREFIX) :]: v for k, v in sorted(stats.items()) if k.startswith(DROPPED_PREFIX)
        },
        "rejects_file": stats.get(REJECTS_FILE_STAT),
        "http_errors": {
            k[len(_STATUS) :]: v for k, v in sorted(stats.items()) if k.startswith(_STATUS) and k[len(_STATUS)] in "45"
        },
        "field_coverage": {k[len(_COVERAGE) :]: round(v, 3) for k, v in sorted(stats.items()) if k.startswith(_COVERAGE)},
        "skins": _by_name(stats, SKIN_PREFIX),
        "rules": _rules(stats),
        "metadata_fallback": {"pages": stats.get(FALLBACK_PAGES_STAT, 0), "fields": _by_name(stats, FALLBACK_PREFIX)},
        "previous_runs": [{"finished_at": _iso(run.get("finish_time")), **_figures(run)} for run in history],
    }


def _rules(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """How each field was read: ``{field: {rule: pages}}``."""
    rules: dict[str, dict[str, int]] = {}
    for key, value in sorted(stats.items()):
        if key.startswith(RULE_PREFIX):
            name, rule = key[len(RULE_PREFIX) :].split("/", 1)
            rules.setdefault(name, {})[rule] = value
    return rules


ESTIMATE_PREFIX = "newscrawl/estimate/"
"""Stats ``newscrawl/estimate/<section>``: entries on page 1 × the last page number."""


def progress_figures(stats: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """Exported items, the estimated total, the rate per minute and the ETA in minutes."""
    exported = stats.get(EXPORTED_STAT, 0)
    estimate = sum(v for k, v in stats.items() if k.startswith(ESTIMATE_PREFIX))
    started = stats.get("start_time")
    minutes = (now - started).total_seconds() / 60 if started else 0.0
    rate = exported / minutes if minutes > 0 else 0.0
    remaining = max(estimate - exported, 0)
    return {
        "exported": exported,
        "estimated_total": estimate,
        "per_minute": round(rate, 1),
        "eta_minutes": round(remaining / rate, 1) if rate else None,
    }


def summary_line(report: Mapping[str, Any]) -> str:
    """The report in the log: the verdict with its cause first (a FAILED run's first failure,
    then its others), then the figures, saying plainly when nothing new was exported."""
    rejected = sum(report["pages_rejected"].values())
    exported = report["items_exported"]
    figures = (
        f"{f'{exported} articles exported' if exported else 'no new articles exported'}, {rejected} pages rejected, "
        f"{report['pages_fetched']} pages fetched in {report['duration_s']} s"
    )
    if not report["failures"]:
        return f"Run {report['status']}: {figures}"
    first, *others = report["failures"]
    return f"Run FAILED: {first}" + "".join(f"\n  also FAILED: {failure}" for failure in others) + f"\n  {figures}"


def _figures(stats: Mapping[str, Any]) -> dict[str, int]:
    return {
        "pages_fetched": stats.get("downloader/response_count", 0),
        "items_exported": stats.get(EXPORTED_STAT, 0),
        "list_pages": stats.get("newscrawl/list_pages", 0),
        "list_entries": stats.get("newscrawl/list_entries", 0),
    }


def _by_name(stats: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The stats under ``prefix``, by the rest of their names."""
    return {key[len(prefix) :]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}


def _iso(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") if isinstance(moment, datetime) else None
