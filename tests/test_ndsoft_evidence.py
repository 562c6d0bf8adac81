"""ND소프트 markup as live installs serve it (``../shared/ndsoft/EVIDENCE.md``): the evidence
replica crawled end to end, its article pages read by the pure parser, and the real 2017 page,
each compared field by field with the truth. The expected values come from the replica's
article records and the evidence, never from the readers."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from parsel import Selector

from newscrawl.cms.ndsoft.sites import PROFILES
from newscrawl.extract.article_page import parse_article_page
from newscrawl.extract.dates import parse_date
from newscrawl.extract.list_page import parse_list_page
from newscrawl.extract.promo import compile_promo_lines, strip_promo_lines
from tests.conftest import CrawlResult, run_crawl, shared_path
from tests.replica import ndsoft_variants as replica
from tests.replica.ndsoft_variants import EvidenceArticle

PROFILE = PROFILES["ndsoft"]
PROMO = compile_promo_lines(PROFILE.cms.promo_lines)
ITEM_FIELDS = ("url", "site", "section", "title", "subtitle", "author", "published_at", "modified_at",
               "published_raw", "body", "images", "is_update")
RAW_FIELDS = ("title", "subtitle", "section", "author", "published_raw", "modified_raw", "published_at",
              "modified_at", "body", "images")
EXPORTED = [a for a in replica.ARTICLES if a.exported]
BASE = "http://127.0.0.1:8022"


def read_page(source: str, url: str) -> tuple[str, dict[str, Any]]:
    """The pure parser's status and raw fields for one page (the one place that knows its
    signature and result type)."""
    page = parse_article_page(PROFILE, source, url)
    content = asdict(page.content) if is_dataclass(page.content) else dict(page.content)  # type: ignore[call-overload]
    return page.status.value, content


def _message(article: EvidenceArticle, name: str, got: object, expected: object) -> str:
    return f"article {article.idx} [{article.label()}] field {name}: got {got!r}, expected {expected!r}"


def _date_matches(article: EvidenceArticle, text: str | None, expected: datetime | None, now: datetime) -> bool:
    """Whether the date ``text`` (ISO or as shown) is ``expected``, within a relative date's unit."""
    if expected is None:
        return text in (None, "")
    moment = parse_date(text, now) if text else None
    return moment is not None and abs(moment - expected) <= replica.tolerance(article)


# --- End to end: the replica crawled as a user crawls it --------------------------------------


@dataclass
class Crawl:
    """One crawl of the evidence replica: its result, the requests served, the replica's address."""

    result: CrawlResult
    requests: list[str]
    base_url: str


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """One crawl of the evidence replica with the ``ndsoft`` spider."""
    with replica.serve() as site:
        result = run_crawl(tmp_path_factory.mktemp("evidence"), "-a", f"base_url={site.base_url}", spider="ndsoft")
        return Crawl(result, list(site.requests), site.base_url)


@pytest.fixture(scope="module")
def exported(crawl: Crawl) -> dict[str, dict[str, Any]]:
    """The exported items by article id."""
    return {item["article_id"]: item for item in crawl.result.items()} if crawl.result.output.exists() else {}


def test_the_run_is_ok_and_exports_each_article_once(crawl: Crawl) -> None:
    result = crawl.result
    assert result.returncode == 0, result.log[-3000:]
    ids = [item["article_id"] for item in result.items()]
    assert sorted(ids) == sorted(replica.expected_items(BASE)), (
        f"missing: {sorted(set(replica.expected_items(BASE)) - set(ids))}, "
        f"unexpected: {sorted(set(ids) - set(replica.expected_items(BASE)))}, "
        f"twice: {sorted(i for i, n in Counter(ids).items() if n > 1)}"
    )


def test_the_article_only_boxes_link_is_exported(exported: dict[str, dict[str, Any]]) -> None:
    """The newest article is in no list and no feed, above every id the walk starts from:
    only the related and most-read boxes (one in the AMP form) link it."""
    assert set(exported) >= replica.LINKED_ONLY


def test_unused_ids_and_gone_articles_are_rejected_with_their_reason(crawl: Crawl) -> None:
    result = crawl.result
    reasons = {row["url"].rsplit("=", 1)[-1]: row["reason"] for row in result.rejects()}
    assert reasons.get(str(replica.ARTICLES[5].idx)) == "members_only"
    assert reasons.get(str(replica.ARTICLES[9].idx)) in ("deleted", "missing")
    used = {a.idx for a in replica.ARTICLES}
    gaps = {str(i) for i in range(replica.ARTICLES[0].idx, replica.ARTICLES[-1].idx) if i not in used}
    assert gaps <= {idx for idx, reason in reasons.items() if reason == "missing"}


def test_each_article_is_requested_once_whatever_url_form_links_it(crawl: Crawl) -> None:
    requests = crawl.requests
    ids = Counter(m[1] for r in requests if (m := re.search(r"/news/(?:articleView|articleViewAmp|ampArticleView)\.html\?idxno=(\d+)", r)))
    assert not [idx for idx, count in ids.items() if count > 1], ids.most_common(5)


def test_a_2025_list_page_that_repeats_page_one_stops_the_paging(crawl: Crawl) -> None:
    """A 2025 list has no page links and answers ``page=2`` with page 1: the crawler asks for
    page 2 at most once and never goes beyond it."""
    requests = crawl.requests
    for code, skin in replica.LIST_SKINS.items():
        pages = {int(m[1]) for r in requests if f"sc_section_code={code}&" in r and (m := re.search(r"[?&]page=(\d+)", r))}
        entries = len(replica.listed(replica.ARTICLES, code))
        last = 2 if skin.startswith("2025") else max(1, -(-entries // replica.LIST_PAGE_SIZE)) + 1
        assert pages and max(pages) <= last, (code, skin, sorted(pages))


@pytest.mark.parametrize("name", ITEM_FIELDS)
@pytest.mark.parametrize("article", EXPORTED, ids=lambda a: f"{a.idx}-{a.era}")
def test_crawled_item_field(crawl: Crawl, exported: dict[str, dict[str, Any]], article: EvidenceArticle, name: str) -> None:
    base_url = crawl.base_url
    item = exported.get(str(article.idx))
    if item is None:
        reasons = {row["url"].rsplit("=", 1)[-1]: f"{row['reason']} {row['detail']}".strip() for row in crawl.result.rejects()}
        got = f"no item ({reasons.get(str(article.idx), 'never requested')})"
        raise AssertionError(_message(article, name, got, "an item"))
    expected = replica.expected_item(article, base_url)
    got = item.get(name)
    if name == "published_at":
        crawled = datetime.fromisoformat(item["crawled_at"])
        assert _date_matches(article, got, article.published, crawled), _message(article, name, got, expected[name])
    elif name == "modified_at":
        assert _date_matches(article, got, article.modified, datetime.fromisoformat(item["crawled_at"])), _message(article, name, got, expected[name])
    elif name == "published_raw" and article.relative_unit:
        pattern = rf"{article.variant['published_label']} \d+{article.relative_unit}전"
        assert isinstance(got, str) and re.fullmatch(pattern, got), _message(article, name, got, pattern)
    else:
        assert got == expected[name], _message(article, name, got, expected[name])


# --- The pure parser over the replica's article pages -------------------------------------------


@pytest.fixture(scope="module")
def parsed() -> dict[int, tuple[str, dict[str, Any]]]:
    """Each article page rendered at the replica's build time, read by the pure parser."""
    return {
        a.idx: read_page(replica.article_page(replica.ARTICLES, a, replica.NOW), f"{BASE}/news/articleView.html?idxno={a.idx}")
        for a in replica.ARTICLES
    }


def _raw_truth(article: EvidenceArticle, name: str) -> object:
    item = replica.expected_item(article, BASE)
    if name == "published_raw":
        return replica.published_text(article, replica.NOW)
    if name == "modified_raw":
        return replica.modified_text(article)
    return item[name]


@pytest.mark.parametrize("name", RAW_FIELDS)
@pytest.mark.parametrize("article", EXPORTED, ids=lambda a: f"{a.idx}-{a.era}")
def test_parsed_field(parsed: dict[int, tuple[str, dict[str, Any]]], article: EvidenceArticle, name: str) -> None:
    status, content = parsed[article.idx]
    assert status == "article", _message(article, "status", status, "article")
    if name == "published_at":
        got = content.get("published_raw")
        assert _date_matches(article, got, article.published, replica.NOW), _message(article, name, got, article.published.isoformat())
        return
    if name == "modified_at":
        got = content.get("modified_raw")
        assert _date_matches(article, got, article.modified, replica.NOW), _message(article, name, got, article.modified)
        return
    got = content.get(name)
    if name == "body" and isinstance(got, str):
        got = strip_promo_lines(got, PROMO)  # the promo pipeline's share of the work
    assert got == _raw_truth(article, name), _message(article, name, got, _raw_truth(article, name))


def test_a_members_only_page_is_one() -> None:
    article = replica.ARTICLES[5]
    status, _ = read_page(replica.article_page(replica.ARTICLES, article, replica.NOW), f"{BASE}/news/articleView.html?idxno={article.idx}")
    assert status == "members_only", article.label()


# --- The real 2017 page, field by field, through the pure parser -----------------------------------


def _collapsed(value: object) -> object:
    if isinstance(value, str):
        return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in value.split("\n"))
    if isinstance(value, list):
        return [_collapsed(v) for v in value]
    if isinstance(value, dict):
        return {k: _collapsed(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def sporbiz() -> tuple[dict[str, Any], str, dict[str, Any]]:
    raw = shared_path("realpages", "ndsoft_sporbiz_article_177073.html").read_bytes()
    expected = json.loads(shared_path("realpages", "expected", "ndsoft_sporbiz_article_177073.json").read_text(encoding="utf-8"))
    status, content = read_page(raw.decode("utf-8"), expected["url"])
    return expected, status, content


@pytest.mark.parametrize("name", ["title", "section", "subtitle", "author", "published_raw", "body", "images"])
def test_real_2017_page_field(sporbiz: tuple[dict[str, Any], str, dict[str, Any]], name: str) -> None:
    expected, status, content = sporbiz
    assert status == "article"
    got = content.get(name)
    if name == "body" and isinstance(got, str):
        got = strip_promo_lines(got, PROMO)
    assert _collapsed(got) == _collapsed(expected[name]), f"sporbiz 177073 field {name}: got {got!r}"


def test_real_2017_page_dates(sporbiz: tuple[dict[str, Any], str, dict[str, Any]]) -> None:
    """The visible 승인 date, not the meta's 17:30:45; the third item ("댓글 0") is no
    modification date."""
    expected, _, content = sporbiz
    moment = parse_date(content.get("published_raw", ""), datetime(2018, 1, 1, tzinfo=replica.KST))
    assert moment is not None and moment.isoformat() == expected["published_at"]
    assert content.get("modified_raw", "") == "" and expected["modified_at"] is None


@pytest.mark.parametrize("article", EXPORTED, ids=lambda a: f"{a.idx}-{a.era}")
def test_every_expected_value_is_shown_on_its_page(article: EvidenceArticle) -> None:
    """The replica's own check: what an article must give is on its page as a reader sees
    it, so a failing field is the reader's, not a rendering slip."""
    page = html.unescape(replica.article_page(replica.ARTICLES, article, replica.NOW))
    shown = [article.title, article.author, replica.published_text(article, replica.NOW), replica.modified_text(article),
             *article.paragraphs, *article.subtitles, *(src for src, _, _ in article.images), *(c for _, c, _ in article.images)]
    assert [value for value in shown if value not in page] == [], article.label()


def test_the_replica_renders_every_variant() -> None:
    """Every choice of every era is drawn by at least one exported article of that era (the
    seed and count are chosen so), and relative dates in minutes, hours and days are among them."""
    seen = {(a.era, key, value) for a in EXPORTED for key, value in a.variant.items()}
    seen |= {(a.era, "furniture", name) for a in EXPORTED for name in a.furniture}
    for era, table in replica.ERAS.items():
        for key, values in {**replica.COMMON, **table}.items():
            for value in values:
                if key == "date_form" and value == "relative":
                    continue
                assert (era, key, value) in seen, (era, key, value)
    assert {a.relative_unit for a in EXPORTED} >= {"분", "시간", "일"}
    assert timedelta(0) < replica.NOW - replica.ARTICLES[-1].published < timedelta(hours=1)


# --- List pages: every list skin, read by the pure list reader ----------------------------------


def _list_entries(code: str) -> tuple[list[EvidenceArticle], Any]:
    source = replica.list_page(replica.ARTICLES, code, 1, replica.NOW).replace(replica.BASE_PLACEHOLDER, BASE)
    return replica.listed(replica.ARTICLES, code)[: replica.LIST_PAGE_SIZE], parse_list_page(PROFILE, Selector(source), f"{BASE}/news/articleList.html?sc_section_code={code}&view_type=sm", replica.NOW)


@pytest.mark.parametrize("code", list(replica.LIST_SKINS), ids=lambda code: f"{code}-{replica.LIST_SKINS[code]}")
def test_list_page_entries(code: str) -> None:
    """Every entry of a first list page, in order, by its article id (any URL form)."""
    shown, listing = _list_entries(code)
    ids = [m[1] if (m := re.search(r"idxno=(\d+)", entry.href)) else entry.href for entry in listing.entries]
    assert ids == [str(a.idx) for a in shown], (replica.LIST_SKINS[code], ids)


@pytest.mark.parametrize("code", list(replica.LIST_SKINS), ids=lambda code: f"{code}-{replica.LIST_SKINS[code]}")
def test_list_page_dates(code: str) -> None:
    """Each entry's date, year-less and relative ones included, read against the crawl time:
    to the minute where the list shows a time, to the day where it shows only a date."""
    shown, listing = _list_entries(code)
    form = replica.LIST_DATE_FORMS[replica.LIST_SKINS[code]]
    wrong = []
    for article, entry in zip(shown, listing.entries, strict=False):
        text = replica.list_date(article, form, replica.NOW)
        moment = parse_date(entry.date_text, replica.NOW)
        expected = article.published if ":" in text or "전" in text else article.published.replace(hour=0, minute=0)
        slack = timedelta(hours=1, minutes=1) if "시간" in text else timedelta(minutes=2) if "분" in text else timedelta(0)
        if moment is None or abs(moment - expected) > slack:
            wrong.append((article.idx, text, entry.date_text, moment and moment.isoformat(), expected.isoformat()))
    assert listing.entries and not wrong, (replica.LIST_SKINS[code], wrong)


@pytest.mark.parametrize("code", [c for c, skin in replica.LIST_SKINS.items() if not skin.startswith("2025")])
def test_list_page_last_page(code: str) -> None:
    """The last page from the end marker (``li.pagination-end a``, ``a[title=끝]``)."""
    _, listing = _list_entries(code)
    entries = len(replica.listed(replica.ARTICLES, code))
    assert listing.last_page == max(1, -(-entries // replica.LIST_PAGE_SIZE)), replica.LIST_SKINS[code]
