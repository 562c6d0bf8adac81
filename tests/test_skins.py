"""Every install of the CMS: both real skins and the reference markup, the four URL forms,
per-install section codes, a redesign read from metadata, and every site entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cms.dadami import SCHEME
from newscrawl.cms.dadami.sites import SITES
from newscrawl.cms.model import Site
from tests.conftest import CrawlResult, run_crawl
from tests.replica import render
from tests.replica.articles import ARTICLES
from tests.replica.server import Page, ReplicaServer
from tests.replica.truth import expected_items
from tests.test_crawl_replica import PROMO_MARKERS

# The replica's sections under codes of an install's own making.
OWN_CODES = {"m72mass272": "m77kceo", "m73mass273": "m58v7cz", "m81mass281": "m247tk9", "m96mass296": "m3q8xw2"}


def _items_by_id(result: CrawlResult) -> dict[str, dict]:
    items = result.items()
    ids = [item["article_id"] for item in items]
    assert len(ids) == len(set(ids)), f"duplicated: {sorted(i for i in ids if ids.count(i) > 1)}"
    return {item["article_id"]: {k: v for k, v in item.items() if k != "crawled_at"} for item in items}


def _report(result: CrawlResult) -> dict:
    return json.loads(result.output.with_name(result.output.stem + ".report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("skin", ["reference", "A", "B"])
def test_each_skin_is_crawled_completely_with_every_field_right(tmp_path: Path, skin: str) -> None:
    with ReplicaServer(skin=skin) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}")
        assert result.returncode == 0, result.log[-3000:]
        assert _items_by_id(result) == expected_items(site.base_url, skin=skin)
    for item in result.items():
        text = json.dumps(item, ensure_ascii=False)
        assert not [marker for marker in [*PROMO_MARKERS, "스크랩"] if marker in text], item["article_id"]
    report = _report(result)
    assert report["skins"] == {skin: len(ARTICLES) - 3}  # every article page but the two deleted and the members-only one
    assert report["metadata_fallback"] == {"pages": 0, "fields": {}}


def test_an_install_with_its_own_section_codes_crawls_just_the_section_asked_for(tmp_path: Path) -> None:
    with ReplicaServer(skin="B", section_codes=OWN_CODES) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=m77kceo")
        assert result.returncode == 0, result.log[-3000:]
        expected = expected_items(site.base_url, sections=("m72mass272",))
        del expected["5010"]  # in no list, and its neighbours are in other sections
        assert _items_by_id(result) == expected
        assert not any("mcode=m73mass273" in r or "mcode=m58v7cz" in r for r in site.requests)


def test_a_section_the_menu_does_not_offer_stops_the_crawl_naming_the_offered_ones(tmp_path: Path) -> None:
    with ReplicaServer(skin="B", section_codes=OWN_CODES) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=m72mass272")
        assert not any(request.startswith("/news/list.php") for request in site.requests)
    assert result.returncode == 1
    assert (
        f"Unknown section m72mass272: the menu of {site.base_url}/ offers "
        "m77kceo (사회), m58v7cz (지방자치), m247tk9 (문화), m3q8xw2 (국제)"
    ) in result.log
    assert _report(result)["finish_reason"] == "unknown_section"


def test_a_redesign_is_read_from_metadata_and_fails_the_run_naming_the_fields(tmp_path: Path) -> None:
    with ReplicaServer(skin="redesign") as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}")
        expected = expected_items(site.base_url)
    assert result.returncode == 1
    exported = _items_by_id(result)
    assert sorted(exported) == sorted(expected)  # no article lost meanwhile
    for idx, item in exported.items():
        truth = expected[idx]
        for name in ("title", "section", "body", "images", "published_at", "modified_at"):
            assert item[name] == truth[name], (idx, name)
        assert item["published_raw"] == truth["published_at"]  # as the metadata writes it
    report = _report(result)
    pages = len(expected)
    assert report["skins"] == {"unknown": pages}
    fields = report["metadata_fallback"]["fields"]
    assert fields["title"] == fields["published_raw"] == fields["section"] == pages
    # The cause first, in the README's words (the output's column names, not internal ones).
    cause = report["failures"][0]
    assert cause.startswith(f"The site's markup matches no skin: {pages} of {pages} article pages were read from their metadata (100%"), cause
    assert f"title ({pages})" in cause and f"published_at ({pages})" in cause
    assert not any(word in failure for failure in report["failures"] for word in ("_raw", "ParsedArticle"))
    assert f"[news21] ERROR: Run FAILED: {cause}" in result.log


def test_a_few_redesigned_pages_are_exported_and_counted_without_failing_the_run(tmp_path: Path) -> None:
    redesigned = {
        f"/news/view.php?idx={article.idx}": Page(render.article_page(ARTICLES, article, "redesign").encode())
        for article in ARTICLES if article.idx in (5003, 5004)
    }
    with ReplicaServer(skin="B", extra=redesigned) as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}")
        assert result.returncode == 0, result.log[-3000:]
        assert sorted(_items_by_id(result)) == sorted(expected_items(site.base_url))
    report = _report(result)
    assert report["skins"] == {"B": len(ARTICLES) - 3 - 2, "unknown": 2}
    assert report["metadata_fallback"]["pages"] == 2


@pytest.mark.parametrize("entry", SITES, ids=[site.name for site in SITES])
def test_each_site_entry_crawls_a_replica_under_its_own_name(tmp_path: Path, entry: Site) -> None:
    form = SCHEME.article_forms[entry.url_form]
    with ReplicaServer(skin=entry.skin or "reference") as site:
        result = run_crawl(tmp_path, "-a", f"base_url={site.base_url}", "-a", "sections=m81mass281", spider=entry.name)
        assert result.returncode == 0, result.log[-3000:]
        wanted = expected_items(site.base_url, sections=("m81mass281",), skin=entry.skin or "reference")
        assert _items_by_id(result) == {
            idx: {**item, "site": entry.name, "url": site.base_url + form.format(id=idx)} for idx, item in wanted.items()
        }
