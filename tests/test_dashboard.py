"""The fleet dashboard: a static page and its JSON twin, a row per site, failed sites first;
rendered by headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newscrawl.dashboard import site_rows, write_dashboard


def _report(folder: Path, site: str, started: str, status: str, exported: int, failures: list[str]) -> None:
    path = folder / site / f"{started.replace(':', '-')}.report.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "site": site, "status": status, "failures": failures, "started_at": started, "finished_at": started,
        "items_exported": exported, "field_coverage": {"title": 1.0 if status == "OK" else 0.0},
        "pages_rejected": {"deleted": 2}, "skins": {"B": exported}, "metadata_fallback": {"pages": 0, "fields": {}},
    }
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Three sites' reports: alpha OK over three runs, beta failing since its last run, and
    a site whose name needs escaping in HTML."""
    for day, exported in ((1, 40), (2, 3), (3, 5)):
        _report(tmp_path, "alpha", f"2026-11-0{day}T07:00:00+00:00", "OK", exported, [])
    _report(tmp_path, "beta", "2026-11-02T07:00:00+00:00", "OK", 12, [])
    _report(tmp_path, "beta", "2026-11-03T07:00:00+00:00", "FAILED", 0, ["The site's markup matches no skin: <b>9 of 9</b>."])
    _report(tmp_path, "a&b", "2026-11-03T07:00:00+00:00", "OK", 1, [])
    return tmp_path


def test_rows_put_failed_sites_first_with_their_last_runs(reports: Path) -> None:
    rows = site_rows(reports)
    assert [(row["site"], row["status"], row["exported"]) for row in rows] == [
        ("beta", "FAILED", [12, 0]), ("a&b", "OK", [1]), ("alpha", "OK", [40, 3, 5]),
    ]
    assert rows[0]["failures"] == ["The site's markup matches no skin: <b>9 of 9</b>."]


def test_the_json_twin_and_the_page_hold_every_site(reports: Path) -> None:
    page = write_dashboard(reports)
    twin = json.loads((reports / "dashboard.json").read_text(encoding="utf-8"))
    assert [site["site"] for site in twin["sites"]] == ["beta", "a&b", "alpha"]
    html = page.read_text(encoding="utf-8")
    assert "<td class=\"site\">a&amp;b</td>" in html and "&lt;b&gt;9 of 9&lt;/b&gt;" in html
    assert html.count("<tr class=") == 3 and "3 sites, 1 failed" in html


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (Debian's chromium package; .ci/run installs it where apt-get can)")
    return browser


def test_chromium_renders_the_rows_and_the_charts(reports: Path) -> None:
    browser = _chromium()
    page = write_dashboard(reports)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert re.findall(r'<td class="site">([^<]+)</td>', dom.stdout) == ["beta", "a&amp;b", "alpha"]
    assert dom.stdout.count("<rect") == 2 + 1 + 3  # a bar per run in each chart
    shot = reports / "dashboard.png"
    done = subprocess.run([browser, *flags, "--window-size=1280,600", f"--screenshot={shot}", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(data[16:20], "big") == 1280  # width from the IHDR chunk
    assert len(data) > 20_000  # a page of text, colours and bars, not a blank one
