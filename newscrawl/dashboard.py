"""The fleet dashboard: one static HTML page (it opens from disk, no server) and its JSON
twin, with a row per site built from the run reports under a folder (``<site>/*.report.json``,
as every run with the default outputs writes them). ``python -m newscrawl.dashboard [folder]``
writes ``dashboard.html`` and ``dashboard.json`` into it; every run does so too."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

HISTORY_RUNS = 10
"""Runs shown in each site's chart of exported articles."""


def site_rows(folder: Path) -> list[dict[str, Any]]:
    """One row per site with reports under ``folder``: its latest run's verdict and figures
    and the articles exported by its last :data:`HISTORY_RUNS` runs; failed sites first."""
    reports: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*/*.report.json")):
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        reports.setdefault(str(report.get("site") or path.parent.name), []).append(report)
    rows = []
    for site, runs in reports.items():
        runs.sort(key=lambda run: str(run.get("started_at") or ""))
        last = runs[-1]
        rows.append({
            "site": site,
            "status": last.get("status", "FAILED"),
            "finished_at": last.get("finished_at"),
            "exported": [run.get("items_exported", 0) for run in runs[-HISTORY_RUNS:]],
            "field_coverage": last.get("field_coverage", {}),
            "pages_rejected": last.get("pages_rejected", {}),
            "skins": last.get("skins", {}),
            "metadata_fallback": last.get("metadata_fallback", {}),
            "failures": last.get("failures", []),
        })
    return sorted(rows, key=lambda row: (row["status"] == "OK", row["site"]))


def write_dashboard(folder: Path, now: datetime | None = None) -> Path:
    """Write ``dashboard.html`` and ``dashboard.json`` into ``folder``; return the HTML's path."""
    rows = site_rows(folder)
    generated = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dashboard.json").write_text(
        json.dumps({"generated_at": generated, "sites": rows}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    page = folder / "dashboard.html"
    page.write_text(render_html(rows, generated), encoding="utf-8")
    return page


def render_html(rows: Sequence[dict[str, Any]], generated: str) -> str:
    """The dashboard page of ``rows`` (see :func:`site_rows`)."""
    failed = sum(row["status"] != "OK" for row in rows)
    body = "".join(_row(row) for row in rows)
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>newscrawl: {len(rows)} sites, {failed} failed</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .4em .6em; text-align: left; vertical-align: top; }}
tr.FAILED td.verdict {{ color: #fff; background: #c0392b; font-weight: bold; }}
tr.OK td.verdict {{ color: #fff; background: #27ae60; font-weight: bold; }}
ul {{ margin: 0; padding-left: 1.1em; }}
svg rect {{ fill: #2c7fb8; }}
</style></head><body>
<h1>newscrawl fleet</h1>
<p>{len(rows)} sites, {failed} failed; generated {escape(generated)}.</p>
<table><thead><tr><th>Site</th><th>Verdict</th><th>Last run</th><th>Exported (last runs)</th>
<th>Field coverage</th><th>Rejects</th><th>Skins / metadata</th><th>Failing monitors</th></tr></thead>
<tbody>{body}</tbody></table>
</body></html>
"""


def _row(row: dict[str, Any]) -> str:
    coverage = ", ".join(f"{escape(field)} {value:.0%}" for field, value in row["field_coverage"].items())
    rejects = ", ".join(f"{escape(reason)} {count}" for reason, count in row["pages_rejected"].items()) or "none"
    skins = ", ".join(f"{escape(name)} {count}" for name, count in row["skins"].items()) or "—"
    fallback = row["metadata_fallback"].get("pages", 0) if row["metadata_fallback"] else 0
    failures = "".join(f"<li>{escape(failure)}</li>" for failure in row["failures"])
    return (
        f'<tr class="{escape(row["status"])}"><td class="site">{escape(row["site"])}</td>'
        f'<td class="verdict">{escape(row["status"])}</td><td>{escape(str(row["finished_at"] or "—"))}</td>'
        f'<td>{_chart(row["exported"])} {row["exported"][-1] if row["exported"] else 0}</td><td>{coverage}</td>'
        f"<td>{rejects}</td><td>{skins}; metadata: {fallback} pages</td><td><ul>{failures}</ul></td></tr>"
    )


def _chart(values: Sequence[int]) -> str:
    """A small bar chart (inline SVG) of ``values``, oldest first."""
    height, width = 24, 8
    top = max(values, default=0) or 1
    bars = "".join(
        f'<rect x="{index * width}" y="{height - max(1, round(value / top * height))}" width="{width - 2}" '
        f'height="{max(1, round(value / top * height))}"><title>{value}</title></rect>'
        for index, value in enumerate(values)
    )
    return f'<svg class="chart" width="{max(1, len(values)) * width}" height="{height}" role="img">{bars}</svg>'


def main() -> None:
    """Write the dashboard of a reports folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="output", help="the folder of <site>/*.report.json (output)")
    print(write_dashboard(Path(parser.parse_args().folder)))


if __name__ == "__main__":
    main()
