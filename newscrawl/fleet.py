"""Sites spread over Scrapyd nodes, each node's sites in as many jobs as it runs at once:
python -m newscrawl.fleet --sites sites.toml --nodes http://a:6800#2,http://b:6800#2

Each site is pinned to one node by rendezvous hashing (a site's state lives on its node, so a
site never runs on two): adding a node moves only the sites that hash to it, and the command
says which; a site whose new node does not answer keeps its old pin. A node runs ``URL#N``
crawl processes at once (its Scrapyd ``max_proc``; ``--jobs-per-node`` for the nodes without
``#N``): its sites are split into N jobs, a site always in the same one (hashing again), and
each job is scheduled as a ``scrapy crawl sites`` job through ``schedule.json`` unless its
previous one is still pending or running. The project is deployed where a node lacks it
(``--deploy``: to every node), and the command says which version each node runs. Then it
gathers every node's dashboard (from Scrapyd's ``items_dir``) into ``fleet.html`` and
``fleet.json``: a node that does not answer, or whose results cannot be read, is one line and
exit status 1, and its sites stay on the page, marked since when. With ``--archive URL`` it
then imports into that archive the JSON Lines of every sites run over on each node that it
has not imported before, a line per node.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newscrawl.archive.importer import import_data
from newscrawl.archive.store import Archive, ArchiveError
from newscrawl.dashboard import DEFAULT_SCHEDULE_MINUTES, command_description, rank, write_page
from newscrawl.multisite import SITES_SPIDER, read_sites_file
from newscrawl.sites_file import SiteEntry

PROJECT = "newscrawl"
PROJECT_DIR = Path(__file__).resolve().parent.parent
_TIMEOUT = 30
IMPORTS_FILE = "fleet-imports.json"
"""Beside the pins: for each archive, node and site, the newest run whose files are imported."""
_LISTED = re.compile(r'<td><a href="([^"]+)">')
_REPORT, _JSONL = ".report.json", ".jsonl"


@dataclass(frozen=True)
class Node:
    """A Scrapyd node: its URL and how many crawl processes it runs at once."""

    url: str
    """``http://host:port``, without a trailing slash; what sites are pinned to."""
    jobs: int
    """Its Scrapyd ``max_proc``: the node's sites are split into this many jobs."""


def parse_nodes(text: str, jobs_per_node: int) -> list[Node]:
    """The nodes of ``--nodes``: comma-separated ``URL`` or ``URL#N``; raise ``ValueError``
    with a one-line reason."""
    nodes = []
    for spec in (part.strip() for part in text.split(",")):
        if not spec:
            continue
        url, _, count = spec.partition("#")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError(f"{spec!r} is not a Scrapyd URL (http://host:port, optionally #N jobs)")
        if count and not (count.isascii() and count.isdigit() and 0 < int(count) <= 64):
            raise ValueError(f"{spec!r}: the jobs after # must be a whole number from 1 to 64")
        nodes.append(Node(url.rstrip("/"), int(count) if count else jobs_per_node))
    urls = [node.url for node in nodes]
    if not nodes or len(set(urls)) != len(urls):
        raise ValueError("--nodes needs one or more distinct Scrapyd URLs")
    return nodes


def _hash(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def assign(sites: Iterable[str], nodes: Sequence[str]) -> dict[str, str]:
    """Pin each site to the node with the highest hash of ``node|site`` (rendezvous hashing:
    a new node takes over only the sites that hash highest to it)."""
    return {site: max(nodes, key=lambda node: _hash(f"{node}|{site}")) for site in sites}


def job_of(site: str, jobs: int) -> int:
    """The job (0 … ``jobs`` - 1) of its node that a site always runs in."""
    return int.from_bytes(_hash(f"job|{site}")[:8], "big") % jobs


def moves(before: Mapping[str, str], after: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """The sites pinned to another node than before: ``(site, old node, new node)``."""
    return [(site, before[site], node) for site, node in sorted(after.items()) if before.get(site, node) != node]


def keep_pins(before: Mapping[str, str], after: Mapping[str, str], answering: Iterable[str]) -> dict[str, str]:
    """The pins to use and save: the new pin, unless its node did not answer and the site has an
    old pin on a node that did (its state is there)."""
    up = set(answering)
    return {site: before[site] if node not in up and before.get(site) in up else node for site, node in after.items()}


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


def _get(url: str, data: dict[str, Any] | None = None) -> Any:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=_TIMEOUT) as response:
        return json.loads(response.read())


def _api(node: str, endpoint: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    try:
        answer = _get(f"{node}/{endpoint}", data)
    except ValueError as error:
        raise OSError(f"{endpoint} answered no JSON ({error})") from None
    if not isinstance(answer, dict) or answer.get("status") != "ok":
        raise OSError(f"{endpoint} answered {answer.get('message', answer) if isinstance(answer, dict) else answer}")
    return answer


def _egg_version() -> str:
    """A version for a new egg: the time (Scrapyd runs the highest version), then the commit,
    in the form Scrapyd keeps (it turns other characters into ``_``)."""
    version = str(int(time.time()))
    done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=PROJECT_DIR, capture_output=True, text=True)
    commit = re.sub(r"[^A-Za-z0-9]", "_", done.stdout.strip())
    return f"{version}_{commit}" if done.returncode == 0 and commit else version


def _deploy(node: str, version: str) -> dict[str, Any]:
    """Upload the project's egg with scrapyd-client (the ``env`` target of ``scrapy.cfg``);
    return Scrapyd's answer (project, version, spiders)."""
    deploy = Path(sys.executable).with_name("scrapyd-deploy")
    done = subprocess.run([str(deploy), "env", "--version", version], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SCRAPYD_URL": node}, cwd=PROJECT_DIR)
    try:  # scrapyd-deploy prints Scrapyd's answer on standard output, its own lines on standard error
        response = json.loads(done.stdout[done.stdout.find("{") :]) if "{" in done.stdout else {}
    except ValueError:
        response = {}
    if done.returncode != 0 or not isinstance(response, dict) or response.get("status") != "ok":
        why = " ".join((done.stdout.strip() or done.stderr.strip()).splitlines()[-1:])
        raise OSError(f"deploying failed: {why}")
    return dict(response)


def job_prefix(job: int, jobs: int) -> str:
    """The start of the Scrapyd job ids of one job of a node (``fleet2of4-``)."""
    return f"fleet{job + 1}of{jobs}-"


def dispatch_node(node: Node, shard: Sequence[SiteEntry], settings: Sequence[str], deploy: str | None) -> tuple[list[str], bool]:
    """Deploy where needed and schedule each job of a node's ``shard`` unless its previous job
    is pending or running; return the lines to print and whether the node took its sites.
    ``deploy`` is the version to deploy even where the node has the project."""
    lines: list[str] = []
    try:
        versions = _api(node.url, f"listversions.json?project={PROJECT}").get("versions", [])
    except OSError as error:
        if "not found" not in str(error):
            return [f"{node.url}: could not list its versions ({error})"], False
        versions = []
    try:
        if deploy is not None or not versions:
            answer = _deploy(node.url, deploy or _egg_version())
            lines.append(f"{node.url}: deployed {answer.get('project', PROJECT)} version {answer.get('version')} ({answer.get('spiders')} spiders)")
        else:
            lines.append(f"{node.url}: runs {PROJECT} version {versions[-1]} (deployed before; --deploy to replace it)")
        jobs = _api(node.url, f"listjobs.json?project={PROJECT}")
    except OSError as error:
        return [*lines, f"{node.url}: could not deploy or list its jobs ({error}); its sites are not run: {_names(shard)}"], False
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    ok = True
    for job in range(node.jobs):
        sites = [entry for entry in shard if job_of(entry.name, node.jobs) == job]
        label = f"{node.url} job {job + 1}/{node.jobs}"
        if not sites:
            lines.append(f"{label}: no site")
            continue
        prefix = job_prefix(job, node.jobs)
        busy = [(kind, run["id"]) for kind in ("pending", "running") for run in jobs[kind]
                if run.get("spider") == SITES_SPIDER and str(run.get("id", "")).startswith(prefix)]
        if busy:
            lines.append(f"{label}: {busy[0][1]} still {busy[0][0]}; nothing scheduled ({_names(sites)})")
            continue
        try:
            answer = _api(node.url, "schedule.json", {
                "project": PROJECT, "spider": SITES_SPIDER, "jobid": prefix + stamp, "toml": shard_toml(sites),
                "setting": [*settings, f"NEWSCRAWL_NODE={node.url}"],
            })
        except OSError as error:
            lines.append(f"{label}: could not schedule its sites ({error}): {_names(sites)}")
            ok = False
            continue
        lines.append(f"{label}: scheduled {answer['jobid']} for {len(sites)} sites: {_names(sites)}")
    return lines, ok


def _names(entries: Sequence[SiteEntry]) -> str:
    return ", ".join(entry.name for entry in entries) or "no site"


def items_folder(node: str) -> str:
    """Where a node's sites jobs write a folder per site and the dashboard (Scrapyd's items
    folder, over HTTP)."""
    return f"{node}/items/{PROJECT}/{SITES_SPIDER}/"


def dashboard_url(node: str) -> str:
    """Where a node's sites jobs write their dashboard."""
    return items_folder(node) + "dashboard.json"


def read_results(node: str) -> list[dict[str, Any]]:
    """A node's dashboard rows, with its node and absolute links; ``OSError`` saying why they
    cannot be read (no ``items_dir``, no dashboard after a finished job, bad JSON)."""
    url = dashboard_url(node)
    try:
        rows = _get(url)["sites"]
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise OSError(f"{url} answered HTTP {error.code}") from None
        with urllib.request.urlopen(f"{node}/", timeout=_TIMEOUT) as home:  # it links to /items/ when it serves them
            if b'/items/">' not in home.read():
                raise OSError("Scrapyd serves no items folder: set items_dir in its scrapyd.conf (see deploy/scrapyd.conf)") from None
        raise OSError(f"{url} is missing (no sites job has written it yet, or Scrapyd's jobs_to_keep removed it)") from None
    except (ValueError, KeyError, TypeError) as error:
        raise OSError(f"{url} is not a dashboard ({error})") from None
    base = url.rsplit("/", 1)[0] + "/"
    for row in rows:
        row["node"] = node
        row["links"] = {key: urllib.parse.urljoin(base, value) if isinstance(value, str) and key in ("report", "items", "csv", "rejects") else value
                        for key, value in row.get("links", {}).items()}
    return list(rows)


def finished_sites_jobs(node: str) -> int:
    """How many sites jobs the node has finished (as far as it remembers)."""
    return sum(job.get("spider") == SITES_SPIDER for job in _api(node, f"listjobs.json?project={PROJECT}")["finished"])


def gather(nodes: Sequence[str], down: Mapping[str, str], pins: Mapping[str, str], folder: Path, now: datetime,
           schedule_minutes: int) -> tuple[Path, list[str], bool]:
    """Merge the nodes' dashboards into ``fleet.html`` and ``fleet.json`` in ``folder``, a row
    per site of the sites file from the node it is pinned to. A node that is ``down`` (node: why)
    or whose results cannot be read keeps its sites' rows of the last fleet page, marked
    unreachable since the first time. Return the page, a line per node whose results could not
    be read (or that has none yet), and whether every node's results were read."""
    previous = _previous(folder / "fleet.json")
    rows: list[dict[str, Any]] = []
    lines, ok = [], True
    for node in nodes:
        problem = down.get(node)
        if problem is None:
            try:
                rows += [row for row in read_results(node) if pins.get(str(row.get("site"))) == node]
                continue
            except OSError as error:
                problem = _unread(node, error)
            if problem is None:
                lines.append(f"{node}: no results yet (no sites job has finished there)")
                continue
            lines.append(f"{node}: {problem}")
        ok = False
        kept = [row for row in previous.values() if row.get("node") == node and pins.get(str(row.get("site"))) == node]
        for row in kept:
            row["unreachable_since"] = row.get("unreachable_since") or now.isoformat(timespec="seconds")
            row["unreachable_reason"] = problem
        rows += kept
    for row in rows:
        row["schedule_minutes"] = schedule_minutes
    missing = sorted(set(pins) - {row["site"] for row in rows})
    if missing:
        lines.append(f"no results yet for {len(missing)} sites: {', '.join(missing)}")
    folder.mkdir(parents=True, exist_ok=True)
    rows.sort(key=lambda row: (rank(row, now), row["site"]))
    return write_page(folder, "fleet", rows, now, "newscrawl fleet"), lines, ok


def _unread(node: str, error: OSError) -> str | None:
    """Why a node's results could not be read, or ``None`` when there are none yet (its
    dashboard is missing and no sites job has finished there)."""
    if "is missing" in str(error):
        try:
            if not finished_sites_jobs(node):
                return None
        except OSError as listing:
            return f"its results cannot be read: {error}; nor its jobs: {listing}"
    return f"its results cannot be read: {error}"


def _previous(path: Path) -> dict[str, dict[str, Any]]:
    """The rows of the last fleet page, by site (none when there is none, or it is unreadable)."""
    try:
        return {row["site"]: row for row in json.loads(path.read_text(encoding="utf-8"))["sites"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _listing(url: str) -> list[str]:
    """The names in a folder that Scrapyd lists (its items folder's pages); a folder's ends in ``/``."""
    with urllib.request.urlopen(url, timeout=_TIMEOUT) as page:
        return [urllib.parse.unquote(href) for href in _LISTED.findall(page.read().decode("utf-8", "replace"))]


def runs_over(names: Iterable[str]) -> tuple[str, list[str], int]:
    """Of the files in a site's folder: the newest run that wrote its report (its time, the
    files' stem; ``""`` for none), the JSON Lines of the runs that are over, oldest first (their
    report is there, or a later run's: a killed run's file), and how many belong to a run still
    going. The stems are UTC times of one width, so they sort as the runs started."""
    newest = max((name[: -len(_REPORT)] for name in names if name.endswith(_REPORT)), default="")
    items = sorted(name for name in names if name.endswith(_JSONL))
    over = [name for name in items if name[: -len(_JSONL)] <= newest]
    return newest, over, len(items) - len(over)


@dataclass
class NodeImport:
    """What importing a node's JSON Lines into the archive did."""

    files: int = 0
    articles: int = 0
    already: int = 0
    """Files imported before: by an earlier fleet run, or found in the archive by their content."""
    going: int = 0
    """Files of runs still going, imported once they are over."""

    def line(self, node: str, archive: str) -> str:
        """The node's line."""
        going = f"; {self.going} files of runs still going, imported once they end" if self.going else ""
        return f"{node}: into {archive}: {self.files} files imported ({self.articles} articles), {self.already} already imported{going}"


def import_node(archive: Archive, node: str, done: dict[str, str]) -> NodeImport:
    """Import into ``archive`` the JSON Lines of the node's sites runs that are over and newer
    than ``done`` (site: the newest run imported before), which it moves on site by site. Raises
    ``OSError``, ``ValueError`` (not JSON Lines of articles) or :class:`ArchiveError`."""
    folder = items_folder(node)
    try:
        sites = sorted(name[:-1] for name in _listing(folder) if name.endswith("/"))
    except urllib.error.HTTPError as error:
        if error.code == 404:  # no sites job has written there yet; reading the results says whether that is wrong
            return NodeImport()
        raise OSError(f"{folder} answered HTTP {error.code}") from None
    result = NodeImport()
    for site in sites:
        site_folder = f"{folder}{urllib.parse.quote(site)}/"
        newest, over, going = runs_over(_listing(site_folder))
        result.going += going
        for name in over:
            if name[: -len(_JSONL)] <= done.get(site, ""):
                result.already += 1
                continue
            url = site_folder + urllib.parse.quote(name)
            with urllib.request.urlopen(url, timeout=_TIMEOUT) as response:
                imported = import_data(archive, response.read(), url)
            result.already += imported.already
            result.files += not imported.already
            result.articles += 0 if imported.already else imported.items
        if newest > done.get(site, ""):
            done[site] = newest
    return result


def import_items(url: str, nodes: Sequence[str], marks_file: Path) -> tuple[list[str], bool]:
    """Import into the archive at ``url`` the JSON Lines of the nodes' runs that are over and not
    imported before (per node and site, the newest run imported is kept in ``marks_file``;
    without it every file is read again, and those in the archive change nothing). Return a line
    per node (one line when the archive cannot be opened) and whether every node's were read."""
    try:
        archive = Archive(url)
    except ArchiveError as error:
        return [f"the archive cannot be opened, no items imported: {error}"], False
    marks = _marks(marks_file)
    mine = marks.setdefault(archive.shown, {})
    lines, ok = [], True
    try:
        for node in nodes:
            try:
                lines.append(import_node(archive, node, mine.setdefault(node, {})).line(node, archive.shown))
            except (OSError, ValueError, ArchiveError) as error:
                lines.append(f"{node}: its items cannot be imported into {archive.shown}: {error}")
                ok = False
    finally:
        archive.close()
        marks_file.parent.mkdir(parents=True, exist_ok=True)
        marks_file.write_text(json.dumps(marks, indent=2, sort_keys=True), encoding="utf-8")
    return lines, ok


def _marks(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    """The kept marks (archive: node: site: newest run imported); none when missing or unreadable."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        return {str(archive): {str(node): {str(site): str(run) for site, run in sites.items()} for node, sites in nodes.items()}
                for archive, nodes in found.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def archive_option(text: str) -> str:
    """``--archive``: a ``sqlite:///…`` or ``postgresql://…`` URL."""
    if text.partition("://")[0].partition("+")[0] not in ("sqlite", "postgresql", "postgres"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a database URL (sqlite:///path or postgresql://user@host/db)")
    return text


def probe(node: str) -> str | None:
    """``None`` when the node answers, else why not."""
    try:
        _api(node, "daemonstatus.json")
    except OSError as error:
        return f"does not answer ({getattr(error, 'reason', error)})"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Pin, deploy, schedule, gather, import; exit 1 when a node did not answer, refused its
    sites, or its results or items could not be read, 2 on a bad option or sites file."""
    parser = argparse.ArgumentParser(prog="python -m newscrawl.fleet", description=command_description(__doc__ or ""))
    parser.add_argument("--sites", required=True, help="the sites file (TOML)")
    parser.add_argument("--nodes", required=True,
                        help="Scrapyd URLs, comma-separated; URL#N: the node runs N crawl processes at once (its max_proc)")
    parser.add_argument("--jobs-per-node", type=int, default=1, metavar="N",
                        help="jobs of a node given without #N (default 1: set it to the nodes' max_proc)")
    parser.add_argument("--pins", default=".newscrawl/fleet-pins.json", help="where the pins are kept (.newscrawl/fleet-pins.json)")
    parser.add_argument("--dashboard", default="output", help="folder of fleet.html and fleet.json (output)")
    parser.add_argument("--deploy", action="store_true", help="deploy the project to every node first")
    parser.add_argument("--schedule-minutes", type=int, default=DEFAULT_SCHEDULE_MINUTES, metavar="M",
                        help=f"minutes between two fleet runs: a site is stale past it (default {DEFAULT_SCHEDULE_MINUTES})")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=value", help="a Scrapy setting for every job")
    parser.add_argument("--archive", type=archive_option, metavar="URL",
                        help="then import into this archive (sqlite:///path or postgresql://…) the JSON Lines the nodes' runs "
                             f"exported that it has not imported before (what is imported is kept in {IMPORTS_FILE} beside the pins)")
    options = parser.parse_args(argv)
    try:
        if not 1 <= options.jobs_per_node <= 64 or options.schedule_minutes < 1:
            raise ValueError("--jobs-per-node takes 1 to 64, --schedule-minutes a positive number")
        nodes = parse_nodes(options.nodes, options.jobs_per_node)
        entries = read_sites_file(Path(options.sites).read_text(encoding="utf-8"), SpiderLoader.from_settings(get_project_settings()))
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    urls = [node.url for node in nodes]
    down = {url: problem for url in urls if (problem := probe(url)) is not None}
    pins_file = Path(options.pins)
    before = _previous_pins(pins_file)
    after = assign((entry.name for entry in entries), urls)
    pins = keep_pins(before, after, [url for url in urls if url not in down])
    for site, new in sorted(after.items()):
        if pins[site] != new:
            print(f"{site}: stays on {pins[site]}: {new}, where it now belongs, does not answer")
    for site, old, new in moves(before, pins):
        print(f"{site}: moves from {old} to {new} (its state stays on {old}: copy .newscrawl there, or it starts afresh)")
    pins_file.parent.mkdir(parents=True, exist_ok=True)
    pins_file.write_text(json.dumps(pins, indent=2, sort_keys=True), encoding="utf-8")
    settings = [*options.setting, f"NEWSCRAWL_SCHEDULE_MINUTES={options.schedule_minutes}"]
    version = _egg_version() if options.deploy else None
    ok = True
    for node in nodes:
        shard = [entry for entry in entries if pins[entry.name] == node.url]
        if node.url in down:
            print(f"{node.url}: {down[node.url]}; its sites are not run: {_names(shard)}")
            continue
        lines, taken = dispatch_node(node, shard, settings, version)
        print("\n".join(lines))
        ok = ok and taken
    page, lines, read = gather(urls, down, pins, Path(options.dashboard), datetime.now(UTC), options.schedule_minutes)
    print("\n".join([*lines, f"dashboard: {page}"]))
    imported = True
    if options.archive:
        lines, imported = import_items(options.archive, [url for url in urls if url not in down], pins_file.with_name(IMPORTS_FILE))
        print("\n".join(lines))
    return 0 if ok and read and imported and not down else 1


def _previous_pins(path: Path) -> dict[str, str]:
    """The saved pins (site: node URL); none when the file is missing or unreadable."""
    try:
        pins = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(site): str(node) for site, node in pins.items()} if isinstance(pins, dict) else {}


if __name__ == "__main__":
    raise SystemExit(main())
