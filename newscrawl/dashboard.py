"""The dashboard: one static HTML page (it opens from disk, no server) and its JSON twin, with
a row per site built from the run reports under a folder (``<site>/*.report.json``, as every
run with the default outputs writes them). ``python -m newscrawl.dashboard [folder]`` writes
dashboard.html and dashboard.json into it; every run does so too."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

KST = timezone(timedelta(hours=9), "KST")
"""The time zone the page shows times in (the sites' own)."""
DEFAULT_SCHEDULE_MINUTES = 60
"""Minutes between two scheduled runs of a site (``NEWSCRAWL_SCHEDULE_MINUTES``)."""
STALE_FACTOR = 1.25
"""A site is stale (overdue) when its last run finished longer ago than its schedule times this
(a quarter of the schedule is left for a run's own length and a timer's random delay)."""
CHART_DAYS = 14
"""Days shown in each site's chart of articles per day (KST days, ending today)."""
HISTORY_RUNS = 10
"""Runs listed in each row's ``exported`` (articles exported by each of the last runs)."""
_REPORT = ".report.json"
_ITEMS = {"items": (".jsonl", ".jl"), "csv": (".csv",)}


def site_rows(folder: Path, now: datetime | None = None, schedule_minutes: int = DEFAULT_SCHEDULE_MINUTES) -> list[dict[str, Any]]:
    """One row per site with reports under ``folder`` (see :func:`_site_row`), failed sites
    first, then stale ones."""
    now = now or datetime.now(UTC)
    rows = []
    for site_dir in sorted(path for path in folder.iterdir() if path.is_dir()) if folder.is_dir() else []:
        row = _site_row(site_dir, now, schedule_minutes)
        if row is not None:
            rows.append(row)
    return sorted(rows, key=lambda row: (rank(row, now), row["site"]))


def _site_row(site_dir: Path, now: datetime, schedule_minutes: int) -> dict[str, Any] | None:
    """A site's row: the last run's verdict and times, how long it has been failing, articles
    per day, coverage and skins of the last run that parsed articles, links to its files."""
    files = {entry.name: entry for entry in os.scandir(site_dir) if entry.is_file()}
    runs, unreadable = _recent_runs(files, now)
    if not runs:
        return None
    last = runs[0][1]
    streak = []
    for _, report in runs:
        if report.get("status") == "OK":
            break
        streak.append(report)
    parsed = next((report for _, report in runs if report.get("field_coverage")), None)
    return {
        "site": str(last.get("site") or site_dir.name),
        "brand": str(last.get("brand") or ""),
        "address": str(last.get("address") or ""),
        "status": "OK" if last.get("status") == "OK" else "FAILED",
        "started_at": last.get("started_at"),
        "finished_at": _run_end(last),
        "schedule_minutes": schedule_minutes,
        "failing_since": streak[-1].get("started_at") if streak else None,
        "failed_runs": len(streak),
        "exported": [int(report.get("items_exported", 0)) for _, report in reversed(runs[:HISTORY_RUNS])],
        "articles_per_day": _per_day(runs, now),
        "coverage": coverage_list(parsed or {}),
        "coverage_run": _run_end(parsed) if parsed else None,
        "skins": (parsed or {}).get("skins", {}),
        "metadata_pages": int(((parsed or {}).get("metadata_fallback") or {}).get("pages", 0)),
        "pages_rejected": last.get("pages_rejected", {}),
        "failures": list(last.get("failures", [])),
        "links": _links(site_dir.name, files.keys(), runs),
        "unreadable_reports": unreadable,
    }


def _recent_runs(files: Mapping[str, os.DirEntry[str]], now: datetime) -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """The site's reports (file name, content), newest first, read until they cover the chart's
    days, the last :data:`HISTORY_RUNS` runs, the current failing streak and a run that parsed
    articles (an hourly site keeps thousands: the rest are not read); and how many of those
    read could not be."""
    window = _days(now)[0]
    reports = sorted((entry for name, entry in files.items() if name.endswith(_REPORT)),
                     key=lambda entry: (entry.stat().st_mtime, entry.name), reverse=True)
    runs, unreadable = [], 0
    for entry in reports:
        try:
            with open(entry.path, encoding="utf-8") as file:
                report = json.load(file)
        except (OSError, ValueError):
            unreadable += 1
            continue
        if not isinstance(report, dict):
            unreadable += 1
            continue
        runs.append((entry.name, report))
        if len(runs) >= HISTORY_RUNS and any(r.get("status") == "OK" for _, r in runs) and any(
            r.get("field_coverage") for _, r in runs
        ):
            oldest = _moment(_run_end(report))
            if oldest is None or oldest.astimezone(KST).date() < window:
                break
    runs.sort(key=lambda run: str(run[1].get("started_at") or ""), reverse=True)
    return runs, unreadable


def _run_end(report: Mapping[str, Any]) -> str | None:
    """When a run finished (when it started, for a run that never finished)."""
    value = report.get("finished_at") or report.get("started_at")
    return str(value) if value else None


def _days(now: datetime) -> list[date]:
    """The chart's KST days, oldest first, ending on ``now``'s."""
    today = now.astimezone(KST).date()
    return [today - timedelta(days=back) for back in reversed(range(CHART_DAYS))]


def _per_day(runs: Iterable[tuple[str, Mapping[str, Any]]], now: datetime) -> list[dict[str, Any]]:
    """Articles exported on each of the chart's days (by when each run finished, in KST)."""
    counts = {day: 0 for day in _days(now)}
    for _, report in runs:
        moment = _moment(_run_end(report))
        if moment is not None and (day := moment.astimezone(KST).date()) in counts:
            counts[day] += int(report.get("items_exported", 0))
    return [{"day": day.isoformat(), "articles": count} for day, count in counts.items()]


def coverage_list(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The report's field coverage with its targets: each field with a target or under 100 %,
    those below their target first (a targeted field no article had is there at 0 %: spidermon
    counts only the fields it saw), then the rest, lowest first."""
    shares: dict[str, float] = dict(report.get("field_coverage") or {})
    targets: dict[str, float] = dict(report.get("coverage_targets") or {})
    if not shares:
        return []
    fields = [
        {"field": name, "share": float(shares.get(name, 0.0)), "target": targets.get(name)}
        for name in sorted(set(shares) | set(targets))
        if name in targets or shares[name] < 1.0
    ]
    return sorted(fields, key=lambda entry: (not _below(entry), entry["share"], entry["field"]))


def _below(entry: Mapping[str, Any]) -> bool:
    return entry["target"] is not None and entry["share"] < entry["target"]


def _links(site: str, names: Collection[str], runs: Sequence[tuple[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """Links relative to the dashboard's folder (``<site>/<file>``) to the last run's report
    and rejects file, and to the newest items files there are (an unchanged run writes none:
    those of an earlier run)."""
    stem = runs[0][0][: -len(_REPORT)]
    links: dict[str, Any] = {"report": _relative(site, runs[0][0])}
    links["rejects"] = _relative(site, f"{stem}.rejects.csv") if f"{stem}.rejects.csv" in names else None
    for key, suffixes in _ITEMS.items():
        links[key] = links[f"{key}_run"] = None
        for name, report in runs:
            if found := [item for suffix in suffixes if (item := name[: -len(_REPORT)] + suffix) in names]:
                links[key], links[f"{key}_run"] = _relative(site, found[0]), _run_end(report)
                break
    return links


def _relative(site: str, name: str) -> str:
    """The URL path of a site's file, relative to the dashboard (it works from disk and over
    HTTP alike)."""
    return f"{quote(site)}/{quote(name)}"


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_stale(row: Mapping[str, Any], now: datetime) -> bool:
    """Whether the site's last run finished longer ago than its schedule allows."""
    finished = _moment(row.get("finished_at"))
    limit = timedelta(minutes=float(row.get("schedule_minutes") or DEFAULT_SCHEDULE_MINUTES) * STALE_FACTOR)
    return finished is None or now - finished > limit


def rank(row: Mapping[str, Any], now: datetime) -> int:
    """A row's place: failed first, then unreachable, then stale, then OK."""
    if row["status"] != "OK":
        return 0
    return 1 if row.get("unreachable_since") else 2 if is_stale(row, now) else 3


def totals(rows: Sequence[Mapping[str, Any]], now: datetime) -> dict[str, int]:
    """The fleet's figures: sites, OK, FAILED, stale, unreachable, articles exported today (KST)."""
    today = now.astimezone(KST).date().isoformat()
    return {
        "sites": len(rows),
        "ok": sum(row["status"] == "OK" for row in rows),
        "failed": sum(row["status"] != "OK" for row in rows),
        "stale": sum(is_stale(row, now) for row in rows),
        "unreachable": sum(bool(row.get("unreachable_since")) for row in rows),
        "articles_today": sum(day["articles"] for row in rows for day in row["articles_per_day"] if day["day"] == today),
    }


def write_dashboard(folder: Path, now: datetime | None = None, schedule_minutes: int = DEFAULT_SCHEDULE_MINUTES) -> Path:
    """Write ``dashboard.html`` and ``dashboard.json`` into ``folder``; return the HTML's path."""
    now = now or datetime.now(UTC)
    rows = site_rows(folder, now, schedule_minutes)
    folder.mkdir(parents=True, exist_ok=True)
    return write_page(folder, "dashboard", rows, now, "newscrawl dashboard")


def write_page(folder: Path, name: str, rows: Sequence[dict[str, Any]], now: datetime, title: str) -> Path:
    """Write ``<name>.json`` and ``<name>.html`` of ``rows`` into ``folder``, each whole or not
    at all (a reader never sees half a file: runs on one node may write at the same time)."""
    twin = {"generated_at": now.isoformat(timespec="seconds"), "totals": totals(rows, now), "sites": list(rows)}
    _replace(folder / f"{name}.json", json.dumps(twin, ensure_ascii=False, indent=2))
    page = folder / f"{name}.html"
    _replace(page, render_html(rows, now, title))
    return page


def _replace(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def kst(value: Any, year: bool = True) -> str:
    """An ISO time as ``2026-11-03 16:00 KST`` (``11-03 16:00 KST`` without the year; ``—``
    when absent)."""
    moment = _moment(value) if value else None
    return moment.astimezone(KST).strftime(f"{'%Y-' if year else ''}%m-%d %H:%M KST") if moment else "—"


def _time(value: Any) -> str:
    """A ``<time>`` element: the short KST time, the whole one as its tooltip."""
    return f'<time datetime="{escape(str(value or ""))}" title="{kst(value)}">{kst(value, year=False)}</time>'



def ago(seconds: float) -> str:
    """``N minutes ago`` (hours past two hours, days past two days); the page's script says
    the same."""
    minutes = max(0, int(seconds // 60))
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    hours = minutes // 60
    return f"{hours} hours ago" if hours < 48 else f"{hours // 24} days ago"


def render_html(rows: Sequence[Mapping[str, Any]], now: datetime, title: str = "newscrawl dashboard") -> str:
    """The page of ``rows`` (see :func:`site_rows`; a ``node`` and ``unreachable_since`` per row
    on the fleet's page) as it looks at ``now``; its script updates the times when viewed."""
    figures = totals(rows, now)
    with_nodes = any(row.get("node") for row in rows)
    body = "".join(_row(row, now, with_nodes) for row in rows)
    node_head = '<th data-key="node">Node</th>' if with_nodes else ""
    unreachable = f'<span class="total unreachable"><b id="n-unreachable">{figures["unreachable"]}</b> unreachable</span>' if with_nodes else ""
    options = "".join(f'<option value="{value}">{label}</option>' for value, label in (
        ("", "all sites"), ("FAILED", "FAILED"), ("stale", "stale"), ("OK", "OK and on time"),
        *((("unreachable", "unreachable"),) if with_nodes else ()),
    ))
    generated = now.isoformat(timespec="seconds")
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{escape(title)}: {figures["sites"]} sites, {figures["failed"]} failed</title>
<meta name="generated" content="{generated}">
<style>{_STYLE}</style></head>
<body data-generated="{generated}">
<h1>{escape(title)}</h1>
<p class="totals"><span class="total"><b id="n-sites">{figures["sites"]}</b> sites</span>
<span class="total ok"><b id="n-ok">{figures["ok"]}</b> OK</span>
<span class="total failed"><b id="n-failed">{figures["failed"]}</b> FAILED</span>
<span class="total stale"><b id="n-stale">{figures["stale"]}</b> stale</span>{unreachable}
<span class="total"><b id="n-today">{figures["articles_today"]}</b> articles today</span></p>
<p class="generated">Generated <time datetime="{generated}">{kst(generated)}</time>
(<span id="generated-ago">{ago(0)}</span>). Times are Korean (KST). A site is stale when its last run
finished longer ago than its schedule{_schedules(rows)} allows, plus {round((STALE_FACTOR - 1) * 100)}%.</p>
<p class="controls"><label>Filter <input id="filter" type="search" placeholder="site, brand, address{', node' if with_nodes else ''}"></label>
<label>Show <select id="status">{options}</select></label> <span id="shown">{figures["sites"]} of {figures["sites"]} shown</span>
· click a column heading to sort</p>
<table><thead><tr><th data-key="site">Site</th>{node_head}<th data-key="rank">Verdict</th><th data-key="finished">Last run</th>
<th data-key="failing">Failing since</th><th data-key="today">Articles per day</th><th>Field coverage</th><th>Rejects</th>
<th>Skins / metadata</th><th>Files</th><th>Failing monitors</th></tr></thead>
<tbody>{body}</tbody></table>
<script>{_SCRIPT}</script>
</body></html>
"""


def _schedules(rows: Sequence[Mapping[str, Any]]) -> str:
    """`` (every 60 minutes)``: the schedules of ``rows``."""
    minutes = sorted({int(row["schedule_minutes"]) for row in rows})
    return f" (every {' or '.join(map(str, minutes))} minutes)" if minutes else ""


def _row(row: Mapping[str, Any], now: datetime, with_node: bool) -> str:
    stale = is_stale(row, now)
    unreachable = row.get("unreachable_since")
    classes = " ".join(["site-row", row["status"], *(["stale"] if stale else []), *(["unreachable"] if unreachable else [])])
    today = next((day["articles"] for day in row["articles_per_day"] if day["day"] == now.astimezone(KST).date().isoformat()), 0)
    search = " ".join(str(row.get(key) or "") for key in ("site", "brand", "address", "node")).lower()
    finished = _moment(row.get("finished_at"))
    failing = _moment(row.get("failing_since"))
    data = (
        f'data-site="{escape(row["site"])}" data-status="{row["status"]}" data-schedule="{row["schedule_minutes"]}" '
        f'data-finished="{escape(str(row.get("finished_at") or ""))}" data-failing="{escape(str(row.get("failing_since") or ""))}" '
        f'data-today="{today}" data-node="{escape(str(row.get("node") or ""))}" data-search="{escape(search)}" '
        f'data-unreachable="{escape(str(unreachable or ""))}"'
    )
    address = row.get("address") or ""
    site = (
        f'<td class="site"><b class="name">{escape(row["site"])}</b>'
        + (f'<br><span class="brand">{escape(row["brand"])}</span>' if row.get("brand") else "")
        + (f'<br><a class="address" href="{escape(address)}">{escape(address.split("://", 1)[-1])}</a>' if address else "")
        + "</td>"
    )
    node = f'<td class="node">{escape(str(row.get("node") or ""))}</td>' if with_node else ""
    verdict = (
        f'<td class="verdict"><span class="status {row["status"]}">{row["status"]}</span>'
        f'<span class="badge stale-badge">stale</span>'
        + (f'<span class="badge unreachable-badge" title="{escape(str(row.get("unreachable_reason") or ""))}">node unreachable since '
           f'{kst(unreachable, year=False)}: last known state</span>' if unreachable else "")
        + "</td>"
    )
    last = (
        f'<td class="last" title="runs every {row["schedule_minutes"]} minutes">{_time(row.get("finished_at"))}'
        f'<br><span class="ago">{ago((now - finished).total_seconds()) if finished else ""}</span></td>'
    )
    failing_cell = (
        f'<td class="failing">{_time(row["failing_since"])}<br>'
        f'<span class="failing-for">for {_duration((now - failing).total_seconds())}</span>, {row["failed_runs"]} run{"s" if row["failed_runs"] != 1 else ""}</td>'
        if failing else '<td class="failing">—</td>'
    )
    return (
        f'<tr class="{classes}" {data}>{site}{node}{verdict}{last}{failing_cell}'
        f'<td class="chart">{chart(row["articles_per_day"])}<br>last run: {row["exported"][-1] if row["exported"] else 0}</td>'
        f'<td class="coverage">{_coverage(row)}</td><td class="rejects">{_rejects(row["pages_rejected"])}</td>'
        f'<td class="skins">{_skins(row)}</td><td class="files">{_files(row["links"], row.get("finished_at"))}</td>'
        f'<td class="failures"><ul>{"".join(f"<li>{escape(failure)}</li>" for failure in row["failures"])}</ul></td></tr>'
    )


def _duration(seconds: float) -> str:
    return ago(seconds)[: -len(" ago")]


def _coverage(row: Mapping[str, Any]) -> str:
    if not row["coverage"]:
        return "no article parsed yet"
    items = []
    for entry in row["coverage"]:
        target = f' <span class="target">(target {entry["target"]:.0%})</span>' if entry["target"] is not None else ""
        css = "below" if _below(entry) else "met"
        items.append(f'<li class="{css}"><span class="field">{escape(entry["field"])}</span> {entry["share"]:.0%}{target}</li>')
    origin = "" if row["coverage_run"] == row.get("finished_at") else f'<p class="note">from the run of {kst(row["coverage_run"], year=False)}</p>'
    return f'<ul>{"".join(items)}</ul>{origin}'


def _rejects(rejected: Mapping[str, int]) -> str:
    return ", ".join(f"{escape(reason)} {count}" for reason, count in rejected.items()) or "none"


def _skins(row: Mapping[str, Any]) -> str:
    skins = ", ".join(f"{escape(name)} {count}" for name, count in row["skins"].items()) or "no page read"
    return f"{skins}<br>metadata: {row['metadata_pages']} pages"


def _files(links: Mapping[str, Any], finished: Any) -> str:
    parts = [f'<a class="report" href="{escape(links["report"])}">report</a>']
    for key, label in (("items", "items"), ("csv", "CSV")):
        if links.get(key):
            older = f' <span class="note">of {kst(links[f"{key}_run"], year=False)}</span>' if links[f"{key}_run"] != finished else ""
            parts.append(f'<a class="{key}" href="{escape(links[key])}">{label}</a>{older}')
    if links.get("rejects"):
        parts.append(f'<a class="rejects" href="{escape(links["rejects"])}">rejects</a>')
    return "<br>".join(parts)


def chart(days: Sequence[Mapping[str, Any]]) -> str:
    """Articles per day as an inline SVG bar chart with its axes: the count scale on the left
    (0 and a round maximum), the first and last day below, each bar titled with its day."""
    width, height, left, top, bottom = 190, 78, 30, 14, 18
    plot_w, plot_h = width - left - 4, height - top - bottom
    top_value = _round_up(max((day["articles"] for day in days), default=0))
    slot = plot_w / max(1, len(days))
    bars = []
    for index, day in enumerate(days):
        if day["articles"]:
            bar = max(1.0, day["articles"] / top_value * plot_h)
            bars.append(
                f'<rect class="bar" x="{left + index * slot + 1:.1f}" y="{top + plot_h - bar:.1f}" width="{slot - 2:.1f}" '
                f'height="{bar:.1f}"><title>{day["day"]}: {day["articles"]} articles</title></rect>'
            )
    base = top + plot_h
    first, last = (days[0]["day"][5:], days[-1]["day"][5:]) if days else ("", "")
    return (
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="articles per day, {first} to {last}">'
        f'<text class="label" x="{left}" y="9">articles per day (KST)</text>'
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{base}"/>'
        f'<line class="axis" x1="{left}" y1="{base}" x2="{width - 4}" y2="{base}"/>'
        f'<line class="grid" x1="{left}" y1="{top}" x2="{width - 4}" y2="{top}"/>'
        f'<text class="tick" x="{left - 3}" y="{top + 4}" text-anchor="end">{top_value}</text>'
        f'<text class="tick" x="{left - 3}" y="{base}" text-anchor="end">0</text>'
        f'<text class="tick" x="{left}" y="{height - 4}">{first}</text>'
        f'<text class="tick" x="{width - 4}" y="{height - 4}" text-anchor="end">{last}</text>'
        f'{"".join(bars)}</svg>'
    )


def _round_up(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … at least ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


_STYLE = """
body { font: 14px/1.4 system-ui, "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", NanumGothic, sans-serif; margin: 1em; color: #222; }
h1 { margin: 0 0 .3em; font-size: 1.5em; }
.totals .total { display: inline-block; margin-right: 1.2em; font-size: 1.1em; }
.totals .failed b { color: #c0392b; } .totals .stale b { color: #b9770e; } .totals .ok b { color: #1e8449; }
.generated, .controls { color: #555; }
.controls input, .controls select { font: inherit; margin-right: 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .4em .5em; text-align: left; vertical-align: top; }
th[data-key] { cursor: pointer; text-decoration: underline dotted; white-space: nowrap; }
th.sorted::after { content: " \\25B2"; } th.sorted.desc::after { content: " \\25BC"; }
td time { white-space: nowrap; }
.status { display: inline-block; padding: .1em .5em; color: #fff; font-weight: bold; border-radius: 3px; }
.status.OK { background: #27ae60; } .status.FAILED { background: #c0392b; }
.badge { display: none; margin-top: .3em; padding: .1em .4em; border-radius: 3px; font-size: .9em; }
tr.stale .stale-badge { display: inline-block; background: #f5b041; color: #222; }
.unreachable-badge { display: inline-block; background: #7f8c8d; color: #fff; }
tr.stale td.last time, tr.stale td.last .ago { color: #b9770e; font-weight: bold; }
tr.unreachable td { background: #f2f3f4; }
.ago, .note, .brand { color: #666; font-size: .9em; }
ul { margin: 0; padding-left: 1.1em; }
td.coverage li.below { color: #c0392b; font-weight: bold; }
td.coverage li.met { color: #444; }
td.coverage li { white-space: nowrap; } td.coverage .target { color: #888; font-weight: normal; font-size: .85em; }
td.failures { min-width: 10em; }
td.site { min-width: 9em; overflow-wrap: anywhere; } td.node { overflow-wrap: anywhere; min-width: 6em; }
svg.chart .bar { fill: #2c7fb8; }
svg.chart .axis { stroke: #555; stroke-width: 1; } svg.chart .grid { stroke: #ddd; stroke-dasharray: 2 2; }
svg.chart text { font: 10px system-ui, sans-serif; fill: #555; }
"""

_SCRIPT = r"""
(function () {
  var now = Date.now();
  var body = document.querySelector("tbody");
  var rows = Array.prototype.slice.call(body.rows);
  function ago(ms) {
    var minutes = Math.max(0, Math.floor(ms / 60000));
    if (minutes < 120) return minutes + (minutes === 1 ? " minute ago" : " minutes ago");
    var hours = Math.floor(minutes / 60);
    return hours < 48 ? hours + " hours ago" : Math.floor(hours / 24) + " days ago";
  }
  var stale = 0;
  rows.forEach(function (row) {
    var finished = Date.parse(row.dataset.finished);
    var late = isNaN(finished) || now - finished > row.dataset.schedule * 60000 * STALE_FACTOR;
    row.classList.toggle("stale", late);
    if (late) stale += 1;
    if (!isNaN(finished)) row.querySelector(".ago").textContent = ago(now - finished);
    var failing = Date.parse(row.dataset.failing);
    if (!isNaN(failing)) row.querySelector(".failing-for").textContent = "for " + ago(now - failing).replace(/ ago$/, "");
    row.dataset.rank = row.dataset.status !== "OK" ? 0 : row.dataset.unreachable ? 1 : late ? 2 : 3;
  });
  document.getElementById("n-stale").textContent = stale;
  document.getElementById("generated-ago").textContent = ago(now - Date.parse(document.body.dataset.generated));
  var keys = {
    site: function (row) { return row.dataset.site; },
    node: function (row) { return row.dataset.node; },
    rank: function (row) { return +row.dataset.rank; },
    finished: function (row) { return Date.parse(row.dataset.finished) || 0; },
    failing: function (row) { return Date.parse(row.dataset.failing) || Infinity; },
    today: function (row) { return +row.dataset.today; }
  };
  var filter = document.getElementById("filter"), status = document.getElementById("status");
  var state = {sort: "", desc: false};
  function sort(key, desc) {
    var value = keys[key];
    if (!value) return;
    state.sort = key; state.desc = desc;
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      var order = x < y ? -1 : x > y ? 1 : (a.dataset.site < b.dataset.site ? -1 : 1);
      return desc ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    document.querySelectorAll("th[data-key]").forEach(function (th) {
      th.classList.toggle("sorted", th.dataset.key === key);
      th.classList.toggle("desc", th.dataset.key === key && desc);
    });
  }
  function show() {
    var text = filter.value.trim().toLowerCase(), wanted = status.value, shown = 0;
    rows.forEach(function (row) {
      var kind = row.dataset.status === "FAILED" ? "FAILED" : row.dataset.unreachable ? "unreachable"
        : row.classList.contains("stale") ? "stale" : "OK";
      var visible = (!text || row.dataset.search.indexOf(text) >= 0) &&
        (!wanted || kind === wanted || (wanted === "stale" && row.classList.contains("stale")));
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    document.getElementById("shown").textContent = shown + " of " + rows.length + " shown";
  }
  function remember() {
    var parts = [];
    if (state.sort) parts.push("sort=" + (state.desc ? "-" : "") + state.sort);
    if (filter.value) parts.push("q=" + encodeURIComponent(filter.value));
    if (status.value) parts.push("status=" + status.value);
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
  }
  document.querySelectorAll("th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () {
      sort(th.dataset.key, state.sort === th.dataset.key ? !state.desc : false);
      remember();
    });
  });
  filter.addEventListener("input", function () { show(); remember(); });
  status.addEventListener("change", function () { show(); remember(); });
  location.hash.slice(1).split("&").forEach(function (part) {
    var pair = part.split("="), value = decodeURIComponent(pair[1] || "");
    if (pair[0] === "sort") sort(value.replace(/^-/, ""), value.charAt(0) === "-");
    if (pair[0] === "q") filter.value = value;
    if (pair[0] === "status") status.value = value;
  });
  show();
})();
""".replace("STALE_FACTOR", repr(STALE_FACTOR))


def command_description(doc: str) -> str:
    """A command's ``--help`` description from its module docstring: the first paragraph on one
    line, literals without their RST backticks."""
    return " ".join(doc.strip().split("\n\n")[0].split()).replace("``", "")


def main() -> None:
    """Write the dashboard of a reports folder."""
    parser = argparse.ArgumentParser(description=command_description(__doc__ or ""))
    parser.add_argument("folder", nargs="?", default="output", help="the folder of <site>/*.report.json (output)")
    parser.add_argument("--schedule-minutes", type=int, default=DEFAULT_SCHEDULE_MINUTES,
                        help=f"minutes between a site's scheduled runs (default {DEFAULT_SCHEDULE_MINUTES})")
    options = parser.parse_args()
    print(write_dashboard(Path(options.folder), schedule_minutes=options.schedule_minutes))


if __name__ == "__main__":
    main()
