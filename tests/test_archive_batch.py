"""A batch written at once (newscrawl/archive/batch.py) gives the archive that recording its
items one at a time gives: the same articles, versions, search keys, provenance and index,
whatever the batch repeats, reorders or changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.archive.bigrams import bigram_text, tokens, words
from newscrawl.archive.store import Archive, Filters
from tests.test_archive_search import QUERIES, check_against_oracle

_SEEN = [f"2026-03-0{day}T00:00:00+00:00" for day in range(1, 8)]
_PUBLISHED = [None, "2026-03-01T09:00:00+09:00", "2026-03-01T09:00:01+09:00", "2026-03-02T10:00:00+09:00"]
"""Few publication seconds: articles share them, so search keys are taken, moved and freed."""

_items = st.lists(
    st.fixed_dictionaries({
        "site": st.sampled_from(["news21", "idaegu"]),
        "article_id": st.sampled_from(["1", "2", "3", "4", "5"]),
        "url": st.sampled_from(["http://example.kr/news/view.php?idx=1", "http://example.kr/m/view.php?idx=1"]),
        "section": st.sampled_from(["사회", "정치"]),
        "title": st.sampled_from(["대구 화재", "부산 국회의원 간담회", "대구시는 예산"]),
        "subtitle": st.sampled_from(["", "대구 스마트시티"]),
        "body": st.sampled_from(["첫 보도.", "고쳐 쓴 보도.", "화재 대책도 논의했다.", ""]),
        "author": st.sampled_from(["", "윤채원"]),
        "published_at": st.sampled_from(_PUBLISHED),
        "images": st.sampled_from([[], [{"url": "http://example.kr/1.jpg", "caption": "현장"}]]),
        "crawled_at": st.sampled_from(_SEEN),
    }),
    min_size=1, max_size=30,
)


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the articles, versions and provenance, and every token the full-text index
    holds (term, search key, column, offset: FTS5's vocabulary of its contentless table)."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE VIRTUAL TABLE temp.held USING fts5vocab(main, article_search, 'instance')")
        found = {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                 for table in ("articles", "versions", "provenance")}
        found["index"] = sorted(connection.execute("SELECT * FROM temp.held").fetchall())
    return found


@settings(max_examples=40, deadline=None)
@given(batches=st.lists(_items, min_size=1, max_size=3), skins=st.lists(st.sampled_from([None, "reference"]), max_size=30))
def test_a_batch_equals_its_items_recorded_one_at_a_time(
        tmp_path_factory: pytest.TempPathFactory, batches: list[list[dict[str, Any]]], skins: list[str | None]) -> None:
    folder = tmp_path_factory.mktemp("batch")
    at_once, one_by_one = Archive(f"sqlite:///{folder / 'once.sqlite3'}"), Archive(f"sqlite:///{folder / 'each.sqlite3'}")
    for archive in (at_once, one_by_one):
        run = archive.start_run("news21", "test", "2026-03-01T00:00:00+00:00")
        for batch in batches:
            if archive is at_once:
                archive.record_many(batch, run, "exported", skins)
            else:
                for number, item in enumerate(batch):
                    archive.record(item, run, "exported", skins[number] if number < len(skins) else None)
    current = list(at_once.items(Filters()))
    for archive in (at_once, one_by_one):
        archive.close()
    assert _tables(folder / "once.sqlite3") == _tables(folder / "each.sqlite3")
    # The index holds the current versions only: a search finds what their text holds.
    searched = Archive(f"sqlite:///{folder / 'once.sqlite3'}")
    check_against_oracle(searched, current, QUERIES)
    searched.close()


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from("대구시는화재 ,.-_\nAbßİ19\u0301")))
def test_the_indexed_text_is_the_tokens_of_the_words(text: str) -> None:
    assert bigram_text(text) == " ".join(tokens(words(text)))
