"""Shards of sites across Scrapyd nodes: ``python -m newscrawl.fleet --sites sites.toml
--nodes http://a:6800,http://b:6800``.

Each site is pinned to one node by rendezvous hashing (a site's state lives on its node, so a
site never runs on two): adding a node moves only the sites that hash to it, and the command
says which. For each node it deploys the project where the node lacks it, skips the node's
shard while its previous job is pending or running, and otherwise schedules the shard as one
``scrapy crawl sites`` job through ``schedule.json``. A node that does not answer is reported
and its sites are not run elsewhere. Then it gathers every node's dashboard into one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newscrawl.dashboard import render_html
from newscrawl.multisite import SITES_SPIDER, read_sites_file
from newscrawl.sites_file import SiteEntry

PROJECT = "newscrawl"
_TIMEOUT = 30


def assign(sites: Iterable[str], nodes: Sequence[str]) -> dict[str, str]:
    """Pin each site to the node with the highest hash of ``node|site`` (rendezvous hashing:
    a new node takes over only the sites that hash highest to it)."""
    return {site: max(nodes, key=lambda node: hashlib.sha256(f"{node}|{site}".encode()).digest()) for site in sites}


def moves(before: Mapping[str, str], after: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """The sites pinned to another node than before: ``(site, old node, new node)``."""
    return [(site, before[site], node) for site, node in sorted(after.items()) if before.get(site, node) != node]


def shard_toml(entries: Iterable[SiteEntry]) -> str:
    """A sites file holding ``entries`` (TOML basic strings are JSON strings)."""
    tables = []
    for entry in entries:
        lines = ["[[site]]", f"name = {json.dumps(entry.name)}"]
        for key in ("cms", "base_url", "brand", "skin"):
            if value := getattr(entry, key):
                lines.append(f"{key} = {json.dumps(value)}")
        if entry.delay is not None:
            lines.append(f"delay = {entry.delay!r}")
        if entry.sections:
            lines.append(f"sections = {json.dumps(list(entry.sections), ensure_ascii=False)}")
        tables.append("\n".join(lines))
    return "\n\n".join(tables) + "\n"


def _api(node: str, endpoint: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    with urllib.request.urlopen(f"{node.rstrip('/')}/{endpoint}", data=body, timeout=_TIMEOUT) as response:
        answer: dict[str, Any] = json.loads(response.read())
    if answer.get("status") != "ok":
        raise OSError(f"{endpoint} answered {answer.get('message', answer)}")
    return answer


def _deploy(node: str) -> None:
    """Upload the project's egg with scrapyd-client (the ``env`` target of ``scrapy.cfg``)."""
    deploy = Path(sys.executable).with_name("scrapyd-deploy")
    done = subprocess.run([str(deploy), "env"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SCRAPYD_URL": node}, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode != 0 or '"status": "ok"' not in done.stdout + done.stderr:
        raise OSError(f"deploying failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")


def dispatch(entries: Sequence[SiteEntry], nodes: Sequence[str], settings: Sequence[str] = (), deploy: bool = False) -> tuple[list[str], bool]:
    """Schedule each node's shard; return the lines to print and whether every node took it
    (or was rightly skipped)."""
    pins = assign((entry.name for entry in entries), nodes)
    lines, ok = [], True
    for node in nodes:
        shard = [entry for entry in entries if pins[entry.name] == node]
        names = ", ".join(entry.name for entry in shard) or "no site"
        try:
            _api(node, "daemonstatus.json")
        except OSError as error:
            lines.append(f"{node}: does not answer ({error}); its sites are not run: {names}")
            ok = False
            continue
        if not shard:
            lines.append(f"{node}: no site pinned here")
            continue
        try:
            if deploy or PROJECT not in _api(node, "listprojects.json")["projects"]:
                _deploy(node)
            jobs = _api(node, f"listjobs.json?project={PROJECT}")
            busy = [job for job in (*jobs["pending"], *jobs["running"]) if job.get("spider") == SITES_SPIDER]
            if busy:
                lines.append(f"{node}: job {busy[0]['id']} still {'running' if busy[0] in jobs['running'] else 'pending'}; nothing scheduled ({names})")
                continue
            job = _api(node, "schedule.json", {"project": PROJECT, "spider": SITES_SPIDER, "toml": shard_toml(shard), "setting": list(settings)})
            lines.append(f"{node}: scheduled job {job['jobid']} for {len(shard)} sites: {names}")
        except OSError as error:
            lines.append(f"{node}: could not schedule its sites ({error}): {names}")
            ok = False
    return lines, ok


def gather_dashboard(nodes: Sequence[str], folder: Path) -> Path:
    """Merge the nodes' dashboards (served from Scrapyd's items folder) into one page and its
    JSON twin in ``folder``; a node whose dashboard cannot be read is left out."""
    rows = []
    for node in nodes:
        try:
            with urllib.request.urlopen(f"{node.rstrip('/')}/items/{PROJECT}/{SITES_SPIDER}/dashboard.json", timeout=_TIMEOUT) as response:
                rows += [{**row, "node": node} for row in json.loads(response.read())["sites"]]
        except (OSError, ValueError):
            continue
    rows.sort(key=lambda row: (row["status"] == "OK", row["site"]))
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fleet.json").write_text(json.dumps({"generated_at": generated, "sites": rows}, ensure_ascii=False, indent=2), encoding="utf-8")
    page = folder / "fleet.html"
    page.write_text(render_html(rows, generated), encoding="utf-8")
    return page


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch the shards, report moved sites, gather the dashboard; exit 1 when a node
    did not answer or refused its shard."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", required=True, help="the sites file (TOML)")
    parser.add_argument("--nodes", required=True, help="Scrapyd URLs, comma-separated")
    parser.add_argument("--pins", default=".newscrawl/fleet-pins.json", help="where the last assignment is kept")
    parser.add_argument("--dashboard", default="output", help="folder of fleet.html and fleet.json")
    parser.add_argument("--deploy", action="store_true", help="deploy the project to every node first")
    parser.add_argument("--setting", action="append", default=[], help="NAME=value for every job")
    options = parser.parse_args(argv)
    nodes = [node.strip() for node in options.nodes.split(",") if node.strip()]
    try:
        entries = read_sites_file(Path(options.sites).read_text(encoding="utf-8"), SpiderLoader.from_settings(get_project_settings()))
    except (OSError, ValueError) as error:
        print(f"error: {options.sites}: {error}", file=sys.stderr)
        return 2
    pins_file = Path(options.pins)
    before = json.loads(pins_file.read_text(encoding="utf-8")) if pins_file.is_file() else {}
    after = assign((entry.name for entry in entries), nodes)
    for site, old, new in moves(before, after):
        print(f"{site}: moves from {old} to {new} (its state stays on {old}: copy .newscrawl there, or it starts afresh)")
    pins_file.parent.mkdir(parents=True, exist_ok=True)
    pins_file.write_text(json.dumps(after, indent=2, sort_keys=True), encoding="utf-8")
    lines, ok = dispatch(entries, nodes, options.setting, options.deploy)
    print("\n".join(lines))
    print(f"dashboard: {gather_dashboard(nodes, Path(options.dashboard))}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
