"""Safe and polite defaults: no control ports, an honest User-Agent, Retry-After honoured."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from scrapy.utils.project import get_project_settings

from newscrawl.extract.retry_after import retry_after_seconds
from tests.conftest import run_crawl
from tests.replica.server import Page, ReplicaServer


def test_defaults_are_polite_and_closed() -> None:
    settings = get_project_settings()
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert "newscrawl" in settings["USER_AGENT"] and "+http" in settings["USER_AGENT"]


def test_no_control_port_is_opened(full_crawl) -> None:  # type: ignore[no-untyped-def]
    assert "Telnet console listening" not in full_crawl.log
    assert "TelnetConsole" not in full_crawl.log and "RemoteControl" not in full_crawl.log


NOW = datetime(2026, 11, 27, 3, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        (" 120 ", 120.0),
        (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
        (format_datetime(NOW - timedelta(seconds=30), usegmt=True), 0.0),
        ("soon", None),
        ("-5", None),
        ("", None),
    ],
)
def test_retry_after_values(value: str, expected: float | None) -> None:
    assert retry_after_seconds(value, NOW) == expected


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_waited_out_not_hammered(tmp_path: Path, status: int) -> None:
    target = "/news/view.php?idx=5004"
    busy = Page(b"busy", "text/plain", status, (("Retry-After", "2"),))
    with ReplicaServer(extra={target: [busy]}) as site:
        result = run_crawl(tmp_path, "-a", f"url={site.base_url}{target}")
        times = [t for t, r in zip(site.request_times, site.requests) if r == target]
    assert result.returncode == 0, result.log[-2000:]
    assert [item["article_id"] for item in result.items()] == ["5004"]
    assert len(times) == 2
    assert times[1] - times[0] >= 1.9
    assert result.stat("newscrawl/retry_after/waits") == 1
