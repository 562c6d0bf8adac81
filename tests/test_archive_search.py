"""Korean search over the archive: bigram phrases find short words inside longer ones, every
word or phrase must occur, and the results equal a plain substring scan (the oracle)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.korean_corpus import articles
from newscrawl.archive.bigrams import BOUNDARY, bigram_text, fts5_query, parse_query, tsquery
from newscrawl.archive.store import Archive, Filters
from tests.archive_helpers import substring_oracle

QUERIES = [
    "대구", "부산", "국회", "구미", "서대구", "대구시", "대구광역시", "국회의원", "스마트시티", "산업단지",
    "대구 화재", "부산 국회의원 예산", '"대구 스마트시티"', '"국회의원 선거"', '"대구 화재"', "시는", "회의", "구에서",
    "COVID-19", "대구,화재", "없는단어",
]
"""Two-, three-, four- and five-syllable words, several words, phrases, parts of words, no match."""


def _item(number: int, title: str, body: str, subtitle: str = "", published: str = "2026-03-01T09:00:00+09:00") -> dict[str, object]:
    return {"url": f"http://example.kr/news/view.php?idx={number}", "article_id": str(number), "site": "news21", "section": "사회",
            "title": title, "subtitle": subtitle, "body": body, "published_at": published, "crawled_at": f"2026-03-0{number % 9 + 1}T00:00:00+00:00"}


def check_against_oracle(archive: Archive, items: list[dict[str, object]], queries: list[str]) -> None:
    """Each query finds exactly the articles whose text holds it (the plain substring scan)."""
    for query in queries:
        found = {row.article_id for row in archive.search(Filters(query=query))}
        expected = {str(item["article_id"]) for item in items if substring_oracle(query, str(item["title"]), f"{item['subtitle']}\n{item['body']}")}
        assert found == expected, query


def test_bigrams_of_korean_text() -> None:
    assert bigram_text("대구시는 화재") == f"대구 구시 시는 {BOUNDARY} 화재"
    assert bigram_text("시 ABC-1") == f"시 {BOUNDARY} ab bc {BOUNDARY} 1"
    assert fts5_query(parse_query('대구 "스마트 시티"')) == f'"대구" AND "스마 마트 {BOUNDARY} 시티"'
    assert tsquery(parse_query("대구시 화재")) == "('대구' <-> '구시') & ('화재')"
    with pytest.raises(ValueError, match="has no word"):
        parse_query(' "" ,, ')


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """An empty SQLite archive."""
    return Archive(f"sqlite:///{tmp_path / 'archive.sqlite3'}")


def test_short_words_inside_longer_ones_all_words_and_phrases(archive: Archive) -> None:
    items = [
        _item(1, "대구시는 화재 예방 점검", "소방 당국이 나섰다."),
        _item(2, "대구광역시 스마트시티 사업", "대구 스마트시티 계획을 밝혔다."),
        _item(3, "부산 국회의원 간담회", "화재 대책도 논의했다."),
        _item(4, "스마트시티 박람회", "대구에서 열린다.", subtitle="대구 전시장"),
    ]
    archive.record_many(items, archive.start_run("news21", "test", "2026-03-01T00:00:00+00:00"), "exported")
    assert {row.article_id for row in archive.search(Filters(query="대구"))} == {"1", "2", "4"}
    assert {row.article_id for row in archive.search(Filters(query="대구 화재"))} == {"1"}
    assert {row.article_id for row in archive.search(Filters(query='"대구 스마트시티"'))} == {"2"}
    assert {row.article_id for row in archive.search(Filters(query="국회"))} == {"3"}
    assert {row.article_id for row in archive.search(Filters(query="구스"))} == set()  # not across words
    check_against_oracle(archive, items, QUERIES)


def test_filters_and_newest_first(archive: Archive) -> None:
    items = [_item(n, f"대구 소식 {n}", "본문", published=f"2026-03-{n:02d}T09:00:00+09:00") for n in range(1, 8)]
    items[2]["section"] = "정치"
    archive.record_many(items, archive.start_run("news21", "test", "2026-03-01T00:00:00+00:00"), "exported")
    assert [row.article_id for row in archive.search(Filters(query="대구", limit=3))] == ["7", "6", "5"]
    window = Filters(query="대구", since=date(2026, 3, 2), until=date(2026, 3, 4))
    assert [row.article_id for row in archive.search(window)] == ["4", "3", "2"]
    assert [row.article_id for row in archive.search(Filters(query="대구", section="정치"))] == ["3"]
    assert archive.search(Filters(query="대구", site="other")) == []


def test_versions_are_keyed_by_content_and_order_does_not_matter(tmp_path: Path) -> None:
    old = _item(1, "대구 화재", "첫 보도.")
    new = {**old, "body": "고쳐 쓴 보도.", "crawled_at": "2026-03-09T00:00:00+00:00"}
    again = {**old, "crawled_at": "2026-03-05T00:00:00+00:00", "url": "http://example.kr/m/view.php?idx=1"}
    outcomes = []
    for order in ([old, new, again], [again, new, old], [new, old, again, old]):
        archive = Archive(f"sqlite:///{tmp_path / f'{len(outcomes)}.sqlite3'}")
        run = archive.start_run("news21", "test", "2026-03-01T00:00:00+00:00")
        for item in order:
            archive.record(item, run, "exported")
        outcomes.append((
            [(item["body"], item["version"], item["first_seen"], item["last_seen"]) for item in archive.items(Filters(), all_versions=True)],
            [row.article_id for row in archive.search(Filters(query="고쳐"))],
            [row.article_id for row in archive.search(Filters(query="첫 보도"))],
        ))
        archive.close()
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert outcomes[0] == (
        [("첫 보도.", 1, "2026-03-02T00:00:00+00:00", "2026-03-05T00:00:00+00:00"),
         ("고쳐 쓴 보도.", 2, "2026-03-09T00:00:00+00:00", "2026-03-09T00:00:00+00:00")],
        ["1"], [],
    )


def test_search_equals_a_substring_scan_over_generated_articles(archive: Archive) -> None:
    items = list(articles(400, seed=7))
    run = archive.start_run("mixed", "test", "2026-03-01T00:00:00+00:00")
    archive.record_many(items, run, "imported")
    check_against_oracle(archive, items, QUERIES)


_SYLLABLES = "대구시는화재부산국회의원 ,."


@settings(max_examples=25, deadline=None)
@given(
    texts=st.lists(st.tuples(st.text(_SYLLABLES, max_size=12), st.text(_SYLLABLES, max_size=40)), min_size=1, max_size=8),
    queries=st.lists(st.text(_SYLLABLES, min_size=2, max_size=6), min_size=1, max_size=6),
)
def test_search_equals_a_substring_scan_for_any_text(tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str]], queries: list[str]) -> None:
    archive = Archive(f"sqlite:///{tmp_path_factory.mktemp('any') / 'archive.sqlite3'}")
    items = [_item(number, title, body) for number, (title, body) in enumerate(texts, start=1)]
    archive.record_many(items, archive.start_run("news21", "test", "2026-03-01T00:00:00+00:00"), "exported")
    # Words of two characters or more: a one-character word is matched as a whole word only.
    usable = [query for query in queries if (found := re.findall(r"[^\W_]+", query)) and all(len(word) >= 2 for word in found)]
    usable += [f'"{query}"' for query in usable if " " in query.strip()]
    check_against_oracle(archive, items, usable)
    archive.close()
