"""The dashboard: a static page and its JSON twin, a row per site, failed sites first; times in
KST, stale sites marked, failing streaks dated, links to files that exist, every targeted field
shown; rendered, sorted and filtered by headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest

from newscrawl.dashboard import chart, site_rows, write_dashboard
from tests.conftest import FAST, PROJECT_DIR
from tests.replica.server import ReplicaServer
from tests.replica.truth import expected_items

NOW = datetime(2026, 11, 3, 7, 30, tzinfo=UTC)  # 16:30 in Seoul
TARGETS = {"title": 0.9, "body": 0.9, "author": 0.5}


def _report(folder: Path, site: str, started: datetime, status: str, exported: int, failures: tuple[str, ...] = (),
            coverage: dict[str, float] | None = None, items: bool = True) -> Path:
    """Write a run's report (and, with ``items``, its items files) as a run of ``site`` would."""
    stem = started.isoformat().replace(":", "-")
    path = folder / site / f"{stem}.report.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "site": site, "status": status, "failures": list(failures), "started_at": started.isoformat(),
        "finished_at": (started + timedelta(minutes=2)).isoformat(), "items_exported": exported,
        "field_coverage": coverage if coverage is not None else ({"title": 1.0, "body": 1.0, "author": 0.8, "url": 1.0} if exported else {}),
        "coverage_targets": TARGETS, "pages_rejected": {"deleted": 2}, "skins": {"B": exported} if exported else {},
        "metadata_fallback": {"pages": 0, "fields": {}}, "address": f"https://{site}.example.kr", "brand": f"{site} 신문",
    }
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    if items:
        for suffix in (".jsonl", ".csv"):
            path.with_name(stem + suffix).write_text("{}\n", encoding="utf-8")
    if failures:
        path.with_name(stem + ".rejects.csv").write_text("url,reason,detail,at\n", encoding="utf-8")
    return path


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """alpha OK over three days, beta failing for its last two runs (the second parsed nothing
    and left no items file), gamma's last run four hours before NOW (stale on an hourly
    schedule), and a site whose name needs escaping in HTML."""
    for day, exported in ((1, 40), (2, 3), (3, 5)):
        _report(tmp_path, "alpha", NOW.replace(day=day) - timedelta(minutes=20), "OK", exported)
    _report(tmp_path, "beta", NOW - timedelta(hours=3, minutes=10), "OK", 12)
    _report(tmp_path, "beta", NOW - timedelta(hours=2, minutes=10), "FAILED", 0,
            ("The site's markup matches no skin: <b>9 of 9</b>.",), coverage={"title": 0.0, "url": 1.0, "body": 0.2})
    _report(tmp_path, "beta", NOW - timedelta(minutes=10), "FAILED", 0, ("The site answered no request.",), items=False)
    _report(tmp_path, "gamma", NOW - timedelta(hours=4), "OK", 7)
    _report(tmp_path, "a&b", NOW - timedelta(minutes=30), "OK", 1)
    return tmp_path


def test_rows_put_failed_then_stale_sites_first(reports: Path) -> None:
    rows = site_rows(reports, NOW)
    assert [(row["site"], row["status"]) for row in rows] == [
        ("beta", "FAILED"), ("gamma", "OK"), ("a&b", "OK"), ("alpha", "OK"),
    ]
    beta = rows[0]
    assert beta["failing_since"] == (NOW - timedelta(hours=2, minutes=10)).isoformat() and beta["failed_runs"] == 2
    assert beta["failures"] == ["The site answered no request."]
    assert (beta["brand"], beta["address"]) == ("beta 신문", "https://beta.example.kr")
    assert [row["failing_since"] for row in rows[1:]] == [None, None, None]


def test_articles_per_day_over_the_last_two_weeks_in_kst(reports: Path) -> None:
    alpha = next(row for row in site_rows(reports, NOW) if row["site"] == "alpha")
    days = alpha["articles_per_day"]
    assert len(days) == 14 and days[-1] == {"day": "2026-11-03", "articles": 5}
    assert days[-3:-1] == [{"day": "2026-11-01", "articles": 40}, {"day": "2026-11-02", "articles": 3}]
    assert sum(day["articles"] for day in days) == 48
    # A run finishing at 23:00 UTC is the next day in Seoul.
    late = datetime(2026, 11, 2, 22, 58, tzinfo=UTC)
    _report(reports, "delta", late, "OK", 4)
    delta = next(row for row in site_rows(reports, NOW) if row["site"] == "delta")
    assert delta["articles_per_day"][-1] == {"day": "2026-11-03", "articles": 4}


def test_coverage_lists_fields_below_target_first_and_a_field_at_zero(reports: Path) -> None:
    _report(reports, "zeta", NOW - timedelta(minutes=5), "FAILED", 3, ("author in 0%",),
            coverage={"title": 1.0, "body": 0.6, "url": 1.0, "subtitle": 0.5})
    zeta = next(row for row in site_rows(reports, NOW) if row["site"] == "zeta")
    assert [(entry["field"], entry["share"]) for entry in zeta["coverage"]] == [
        ("author", 0.0), ("body", 0.6), ("subtitle", 0.5), ("title", 1.0),
    ]
    html = write_dashboard(reports, NOW).read_text(encoding="utf-8")
    zeta_row = re.search(r'<tr class="site-row FAILED" data-site="zeta".*?</tr>', html, re.S)
    assert zeta_row is not None
    assert re.findall(r'<li class="(below|met)"><span class="field">(\w+)</span> (\d+)%', zeta_row[0]) == [
        ("below", "author", "0"), ("below", "body", "60"), ("met", "subtitle", "50"), ("met", "title", "100"),
    ]


def test_an_unchanged_run_keeps_the_last_state_and_links_to_files_that_exist(reports: Path) -> None:
    _report(reports, "alpha", NOW - timedelta(minutes=3), "OK", 0, items=False)  # nothing new
    rows = {row["site"]: row for row in site_rows(reports, NOW)}
    alpha = rows["alpha"]
    assert alpha["exported"][-2:] == [5, 0] and alpha["articles_per_day"][-1]["articles"] == 5
    assert [entry["field"] for entry in alpha["coverage"]] == ["author", "body", "title"]  # from the run before
    assert alpha["coverage_run"] == (NOW - timedelta(minutes=18)).isoformat() and alpha["skins"] == {"B": 5}
    assert alpha["links"]["items"] == "alpha/" + (NOW - timedelta(minutes=20)).isoformat().replace(":", "-").replace("+", "%2B") + ".jsonl"
    assert alpha["links"]["report"].startswith("alpha/") and alpha["links"]["rejects"] is None
    html = write_dashboard(reports, NOW).read_text(encoding="utf-8")
    hrefs = re.findall(r'<a class="(report|items|csv|rejects)" href="([^"]+)"', html)
    assert {kind for kind, _ in hrefs} == {"report", "items", "csv", "rejects"}
    for _, href in hrefs:
        assert (reports / unquote(href)).is_file(), href
    assert "beta/" in dict((href, kind) for kind, href in hrefs if kind == "rejects").popitem()[0]


def test_the_page_shows_kst_times_ago_and_stale_marks(reports: Path) -> None:
    html = write_dashboard(reports, NOW).read_text(encoding="utf-8")
    gamma = re.search(r'<tr class="site-row OK stale" data-site="gamma".*?</tr>', html, re.S)
    assert gamma is not None  # four hours since its last run, on an hourly schedule
    assert 'title="2026-11-03 12:32 KST">11-03 12:32 KST</time>' in gamma[0] and '<span class="ago">3 hours ago</span>' in gamma[0]  # 238 minutes
    assert re.search(r'data-site="a&amp;b".*?<span class="ago">28 minutes ago</span>', html, re.S)
    assert html.count('class="site-row OK stale"') == 1  # alpha's last run was 18 minutes before NOW
    beta = re.search(r'data-site="beta".*?</tr>', html, re.S)
    assert beta and 'title="2026-11-03 14:20 KST">11-03 14:20 KST</time>' in beta[0] and '<span class="failing-for">for 2 hours</span>, 2 runs' in beta[0]
    assert '<b id="n-sites">4</b>' in html and '<b id="n-failed">1</b>' in html and '<b id="n-stale">1</b>' in html
    assert '<b id="n-today">25</b>' in html  # alpha 5, beta 12, gamma 7, a&b 1 on 3 November (KST)
    twin = json.loads((reports / "dashboard.json").read_text(encoding="utf-8"))
    assert twin["totals"] == {"sites": 4, "ok": 3, "failed": 1, "stale": 1, "unreachable": 0, "articles_today": 25}
    assert twin["generated_at"] == NOW.isoformat()
    assert '<td class="site"><b class="name">a&amp;b</b>' in html and "&lt;b&gt;9 of 9&lt;/b&gt;" not in html


def test_a_longer_schedule_is_not_stale(reports: Path) -> None:
    rows = site_rows(reports, NOW, schedule_minutes=360)
    html = write_dashboard(reports, NOW, schedule_minutes=360).read_text(encoding="utf-8")
    assert all(row["schedule_minutes"] == 360 for row in rows)
    assert 'class="site-row OK stale"' not in html and '<b id="n-stale">0</b>' in html


def test_the_chart_has_its_axis_and_a_bar_per_day_with_articles() -> None:
    days = [{"day": f"2026-11-{day:02d}", "articles": count} for day, count in ((1, 0), (2, 37), (3, 4))]
    svg = chart(days)
    assert svg.count('<rect class="bar"') == 2 and "<title>2026-11-02: 37 articles</title>" in svg
    assert re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg) == ["50", "0", "11-01", "11-03"]
    assert "articles per day (KST)" in svg and svg.count('class="axis"') == 2


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (Debian's chromium package; .ci/run installs it where apt-get can)")
    return browser


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def _dom(browser: str, url: str) -> str:
    done = subprocess.run([browser, *FLAGS, "--virtual-time-budget=2000", "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """Reports timed against the real clock (the browser's): one fresh, one stale, one failing."""
    now = datetime.now(UTC)
    _report(tmp_path, "fresh", now - timedelta(minutes=12), "OK", 9)
    _report(tmp_path, "late", now - timedelta(hours=5), "OK", 3)
    _report(tmp_path, "broken", now - timedelta(hours=30), "OK", 6)
    _report(tmp_path, "broken", now - timedelta(hours=26), "FAILED", 0, ("The site answered no request.",), items=False)
    _report(tmp_path, "broken", now - timedelta(minutes=40), "FAILED", 0, ("The site answered no request.",), items=False)
    # Written as if generated two hours ago: the script updates the times and the stale marks.
    write_dashboard(tmp_path, now - timedelta(hours=2))
    return tmp_path


def _sites(dom: str, visible_only: bool = False) -> list[str]:
    rows = re.findall(r'<tr class="([^"]*)" data-site="([^"]+)"[^>]*?( hidden="")?>', dom)
    return [site for _, site, hidden in rows if not (visible_only and hidden)]


def test_chromium_updates_the_times_and_the_stale_marks_on_view(live: Path) -> None:
    dom = _dom(_chromium(), (live / "dashboard.html").as_uri())
    assert _sites(dom) == ["broken", "late", "fresh"]  # failed, stale, fresh
    assert re.search(r'class="site-row OK stale" data-site="late"', dom)
    assert re.search(r'class="site-row OK" data-site="fresh"', dom)  # it ran after the page was written
    assert re.search(r'data-site="fresh".*?<span class="ago">1[01] minutes ago</span>', dom, re.S)
    assert re.search(r'data-site="late".*?<span class="ago">4 hours ago</span>', dom, re.S)
    assert '<span class="failing-for">for 26 hours</span>, 2 runs' in dom
    assert '<b id="n-stale">1</b>' in dom and re.search(r'id="generated-ago">2 hours ago<', dom)
    assert dom.count('<rect class="bar"') == 3  # a bar for each day with articles


def _clicked(page: Path, script: str) -> str:
    """A copy of the page that runs ``script`` (clicks, typing) once the page's own script ran."""
    copy = page.with_name("scripted.html")
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    return copy.as_uri()


def test_chromium_sorts_on_a_click_and_filters_as_one_types(live: Path) -> None:
    browser, page = _chromium(), live / "dashboard.html"
    heading = "document.querySelector('th[data-key=\"{}\"]').click();"
    assert _sites(_dom(browser, _clicked(page, heading.format("site")))) == ["broken", "fresh", "late"]
    twice = _dom(browser, _clicked(page, heading.format("site") * 2))
    assert _sites(twice) == ["late", "fresh", "broken"] and 'class="sorted desc"' in twice
    assert _sites(_dom(browser, _clicked(page, heading.format("finished")))) == ["late", "broken", "fresh"]
    typed = "var f = document.getElementById('filter'); f.value = 'LATE.example'; f.dispatchEvent(new Event('input'));"
    dom = _dom(browser, _clicked(page, typed))
    assert _sites(dom, visible_only=True) == ["late"] and "1 of 3 shown" in dom
    chosen = "var s = document.getElementById('status'); s.value = 'stale'; s.dispatchEvent(new Event('change'));"
    assert _sites(_dom(browser, _clicked(page, chosen)), visible_only=True) == ["late"]
    chosen = chosen.replace("'stale'", "'FAILED'")
    assert _sites(_dom(browser, _clicked(page, chosen)), visible_only=True) == ["broken"]
    # The state is kept in the address: a bookmark opens the same view.
    assert _sites(_dom(browser, page.as_uri() + "#sort=-today&status=OK"), visible_only=True) == ["fresh"]


def test_chromium_screenshot_is_a_full_page(live: Path) -> None:
    browser, page = _chromium(), live / "dashboard.html"
    shot = live / "dashboard.png"
    done = subprocess.run([browser, *FLAGS, "--window-size=1400,700", f"--screenshot={shot}", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and int.from_bytes(data[16:20], "big") == 1400
    assert len(data) > 20_000  # a page of text, colours and bars, not a blank one


def test_a_real_run_writes_the_dashboard_with_the_sites_address_targets_and_schedule(tmp_path: Path, replica: ReplicaServer) -> None:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(PROJECT_DIR)}
    command = [sys.executable, "-m", "scrapy", "crawl", "news21", "-a", f"base_url={replica.base_url}", *FAST,
               "-s", "NEWSCRAWL_SCHEDULE_MINUTES=1440"]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    twin = json.loads((tmp_path / "output" / "dashboard.json").read_text(encoding="utf-8"))
    [row] = twin["sites"]
    assert (row["site"], row["status"], row["brand"], row["address"]) == ("news21", "OK", "뉴스21 통신", replica.base_url)
    assert row["schedule_minutes"] == 1440 and row["exported"] == [len(expected_items(replica.base_url))]
    targeted = {entry["field"]: entry["target"] for entry in row["coverage"] if entry["target"] is not None}
    assert targeted == {"title": 0.9, "body": 0.9, "published_at": 0.9, "section": 0.9, "author": 0.5}
    for key in ("report", "items", "csv"):
        assert (tmp_path / "output" / unquote(row["links"][key])).is_file(), row["links"]
