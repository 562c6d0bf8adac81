"""Addresses instead of families: ``scrapy crawl auto -a base_url=…`` and sites-file entries
with only ``base_url`` crawl a site as the family its home page shows; a site whose home no
longer looks like its declared or last-seen family fails at once, in one sentence naming what
it looks like now; an unsupported or unclear family is refused with one line and exit status
2 before any other request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, CrawlResult, run_crawl
from tests.replica import homes, mediaon, ndsoft
from tests.replica.server import NOT_FOUND, Page, ReplicaServer
from tests.replica.truth import expected_items


def _home_only(kind: str) -> Callable[[list, str, dict, str], Page]:
    def pages(articles: list, path: str, query: dict, skin: str) -> Page:
        return Page(homes.home(kind, 0)) if path == "/" else NOT_FOUND

    return pages


def _mediaon_site() -> ReplicaServer:
    return ReplicaServer(pages=mediaon.page, articles=list(mediaon.ARTICLES))


def _name(server: ReplicaServer) -> str:
    return f"127-0-0-1-{server.httpd.server_address[1]}"


def _report(result: CrawlResult) -> dict:
    return json.loads(result.output.with_name(result.output.stem + ".report.json").read_text(encoding="utf-8"))


def _without_time(result: CrawlResult) -> dict[str, dict]:
    return {item["article_id"]: {k: v for k, v in item.items() if k != "crawled_at"} for item in result.items()}


def test_an_address_is_crawled_as_the_family_its_home_shows(tmp_path: Path) -> None:
    with _mediaon_site() as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="auto")
    assert result.returncode == 0, result.log[-3000:]
    assert _without_time(result) == mediaon.expected_items(site.base_url, site=_name(site))
    assert json.loads((tmp_path / "state" / "families.json").read_text()) == {_name(site): "mediaon"}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("gnuboard", "runs 그누보드 (gnuboard), which newscrawl does not crawl: its home page has "),
        ("wordpress", "runs WordPress, which newscrawl does not crawl: its home page has "),
        ("plain", ": its home page shows no CMS family clearly (no family's signals); give its cms in a sites file if you know it"),
    ],
)
def test_an_unsupported_or_unclear_family_is_refused_before_any_other_request(tmp_path: Path, kind: str, message: str) -> None:
    with ReplicaServer(pages=_home_only(kind)) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="auto")
        requests = list(site.requests)
    assert result.returncode == 2
    error = [line for line in result.log.splitlines() if " error: " in line]
    assert len(error) == 1 and error[0].split(" error: ", 1)[1].startswith(site.base_url) and message in error[0], error
    assert requests == ["/robots.txt", "/"]  # the recognition's, nothing else
    assert not result.output.exists()


def test_the_crawls_settings_reach_the_recognition_of_its_address(tmp_path: Path) -> None:
    with ReplicaServer(pages=_home_only("gnuboard")) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-s", "ROBOTSTXT_OBEY=False", spider="auto")
        requests = list(site.requests)
    assert result.returncode == 2, result.log[-3000:]
    assert requests == ["/"]  # the home page, fetched without robots.txt as the crawl would


def test_a_site_that_changed_cms_fails_at_once_saying_what_it_looks_like_now(tmp_path: Path) -> None:
    with ReplicaServer(pages=ndsoft.page, articles=list(ndsoft.ARTICLES), skin="foundation/foundation") as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="mediaon")
        requests = list(site.requests)
    assert result.returncode == 1
    report = _report(result)
    assert report["status"] == "FAILED"
    assert report["failures"] == [
        "mediaon no longer looks like an install of 미디어온: its home page has 3 list links "
        "/news/articleList.html?sc_section_code= and vendor name ND소프트 in the footer (ND소프트)."
    ]
    assert requests == ["/robots.txt", "/"]
    assert result.items() == []


def test_an_ndsoft_site_at_another_familys_home_says_what_it_looks_like(tmp_path: Path) -> None:
    with _mediaon_site() as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="ndsoft")
        requests = list(site.requests)
    assert result.returncode == 1
    assert _report(result)["failures"] == [
        f"This address does not look like an ND소프트 site: its home page {site.base_url}/ links no article as "
        "/news/articleView.html?idxno=N but has 6 article links /news/article.html?no= and vendor mark powered by mediaOn (미디어온); "
        "the crawl was stopped at once (not_ndsoft)."
    ]
    assert requests == ["/robots.txt", "/"]


def test_the_last_seen_family_is_kept_and_a_change_reported_once(tmp_path: Path) -> None:
    with _mediaon_site() as site:
        first = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="auto", output="first.jsonl")
        assert first.returncode == 0, first.log[-3000:]
        # The outlet moves to ND소프트 on the same address.
        site.pages, site.articles, site.skin = ndsoft.page, list(ndsoft.ARTICLES), "foundation/foundation"
        second = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="auto", output="second.jsonl")
        assert second.returncode == 1
        failures = _report(second)["failures"]
        assert any(f.startswith(f"{_name(site)} no longer looks like an install of 미디어온: ") and f.endswith("(ND소프트).") for f in failures), failures
        third = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", spider="auto", output="third.jsonl")
    assert third.returncode == 0, third.log[-3000:]
    assert {item["article_id"] for item in third.items()} == set(ndsoft.expected_items(site.base_url))


def test_a_sites_file_of_bare_addresses(tmp_path: Path) -> None:
    servers = {"news": ReplicaServer(host="127.0.0.2"), "daily": ReplicaServer(host="127.0.0.3", pages=mediaon.page, articles=list(mediaon.ARTICLES))}
    for server in servers.values():
        server.__enter__()
    try:
        (tmp_path / "sites.toml").write_text("".join(f'[[site]]\nbase_url = "{s.base_url}"\ndelay = 0\n\n' for s in servers.values()), encoding="utf-8")
        done = _sites(tmp_path)
    finally:
        for server in servers.values():
            server.__exit__()
    assert done.returncode == 0, done.stderr[-3000:]
    names = {name: f"127-0-0-{2 + number}-{servers[name].httpd.server_address[1]}" for number, name in enumerate(servers)}
    summary = done.stderr[done.stderr.index("Sites run:"):]
    assert f"  OK: {names['news']} (42), {names['daily']} (21)" in summary
    [output] = (tmp_path / "output" / names["daily"]).glob("*.jsonl")
    exported = {json.loads(line)["article_id"] for line in output.read_text(encoding="utf-8").splitlines()}
    assert exported == set(mediaon.expected_items(servers["daily"].base_url))
    assert len(expected_items(servers["news"].base_url)) == 42


def test_a_sites_file_with_an_unsupported_address_is_refused_before_crawling(tmp_path: Path) -> None:
    with ReplicaServer(host="127.0.0.2") as news, ReplicaServer(host="127.0.0.3", pages=_home_only("wordpress")) as blog:
        (tmp_path / "sites.toml").write_text(f'[[site]]\nname = "news21"\nbase_url = "{news.base_url}"\n\n[[site]]\nbase_url = "{blog.base_url}"\n', encoding="utf-8")
        done = _sites(tmp_path)
        assert news.requests == []
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].endswith(f"error: {blog.base_url} runs WordPress, which newscrawl does not crawl: its home page has " + done.stderr.split("its home page has ", 1)[1].strip())


def _sites(workdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(PROJECT_DIR)}
    command = [sys.executable, "-m", "scrapy", "crawl", "sites", "-a", "file=sites.toml", "-s", "AUTOTHROTTLE_ENABLED=False"]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_a_declared_site_that_changed_cms_is_failed_on_the_dashboard(tmp_path: Path) -> None:
    with ReplicaServer(host="127.0.0.2") as news, ReplicaServer(host="127.0.0.3", pages=mediaon.page, articles=list(mediaon.ARTICLES)) as moved:
        (tmp_path / "sites.toml").write_text(
            f'[[site]]\nname = "news21"\nbase_url = "{news.base_url}"\ndelay = 0\n\n'
            f'[[site]]\nname = "mypaper"\ncms = "dadami"\nbase_url = "{moved.base_url}"\ndelay = 0\n',
            encoding="utf-8",
        )
        done = _sites(tmp_path)
        assert moved.requests == ["/robots.txt", "/"]
    assert done.returncode == 1
    summary = done.stderr[done.stderr.index("Sites run:"):].splitlines()
    assert summary[1].startswith("  mypaper: FAILED, 0 exported; mypaper no longer looks like an install of 다다미디어 view.php: its home page has ")
    assert summary[2] == "  OK: news21 (42)"
    dashboard = json.loads((tmp_path / "output" / "dashboard.json").read_text(encoding="utf-8"))
    [row] = [row for row in dashboard["sites"] if row["site"] == "mypaper"]
    assert row["status"] == "FAILED" and row["failures"][0].endswith("(미디어온).")
