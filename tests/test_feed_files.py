"""Reading back and repairing the output files of a killed run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newscrawl.feed_files import read_contents, repair

ONE = {"article_id": "1", "title": "첫 기사", "body": "첫 줄\n둘째 줄, \"인용\""}
TWO = {"article_id": "2", "title": "둘째 기사", "body": "한 줄"}


def _jsonl(*items: dict[str, str]) -> bytes:
    return b"".join(json.dumps(item, ensure_ascii=False).encode() + b"\n" for item in items)


def _csv(*items: dict[str, str]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, ["article_id", "title", "body"])
    writer.writeheader()
    writer.writerows(items)
    return text.getvalue().encode("utf-8-sig")


def _json(*items: dict[str, str]) -> bytes:
    return b"[\n" + b",\n".join(json.dumps(item, ensure_ascii=False).encode() for item in items) + b"\n]"


WHOLE_FILES = [("jsonl", _jsonl(ONE, TWO)), ("csv", _csv(ONE, TWO)), ("json", _json(ONE, TWO))]


@pytest.mark.parametrize(("feed_format", "data"), WHOLE_FILES)
def test_a_whole_file_gives_every_item(feed_format: str, data: bytes) -> None:
    assert read_contents(data, feed_format).items == [ONE, TWO]


@pytest.mark.parametrize(("feed_format", "data"), WHOLE_FILES)
@pytest.mark.parametrize("into_last", [1, 10, -3])
def test_a_file_cut_inside_its_last_record_gives_the_records_before_it(feed_format: str, data: bytes, into_last: int) -> None:
    """Cut 1 or 10 bytes into the last record, or 3 bytes before the end of the file."""
    first_only = {"jsonl": _jsonl(ONE), "csv": _csv(ONE), "json": _json(ONE)[: -len(b"\n]")]}[feed_format]
    last_record = data.index(b'{"article_id": "2"' if feed_format != "csv" else b"2,")
    cut = data[: last_record + into_last if into_last > 0 else len(data) + into_last]
    contents = read_contents(cut, feed_format)
    assert contents.items == [ONE]
    assert cut[: contents.end] == first_only


def test_a_csv_row_cut_inside_a_quoted_line_break_is_not_taken_for_a_row() -> None:
    data = _csv(ONE, TWO)
    second_row = data.index(b"2,")
    cut = data[: second_row] + b'3,"a title\r\n'  # a CRLF inside quotes: not the end of a row
    assert read_contents(cut, "csv").items == [ONE]


def test_a_cut_in_the_last_unquoted_field_is_not_a_row() -> None:
    cut = _csv(ONE) + b"2,short,Fa"
    assert read_contents(cut, "csv").items == [ONE]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="xml"):
        read_contents(b"<items/>", "xml")


@pytest.mark.parametrize(("feed_format", "data"), WHOLE_FILES)
def test_repair_sets_the_cut_record_aside_and_leaves_a_valid_file(tmp_path: Path, feed_format: str, data: bytes) -> None:
    path = tmp_path / f"out.{feed_format}"
    cut_at = len(data) - 12
    path.write_bytes(data[:cut_at])
    items, aside = repair(path, feed_format)
    assert items == [ONE]
    assert aside == tmp_path / f"out.{feed_format}.partial"
    assert data[:cut_at].endswith(aside.read_bytes())
    repaired = path.read_bytes()
    if feed_format == "json":
        assert json.loads(repaired) == [ONE]
    elif feed_format == "csv":
        assert list(csv.DictReader(io.StringIO(repaired.decode("utf-8-sig"), newline=""))) == [ONE]
    else:
        assert [json.loads(line) for line in repaired.splitlines()] == [ONE]
    assert read_contents(repaired, feed_format).items == [ONE]


@pytest.mark.parametrize(("feed_format", "data"), WHOLE_FILES)
def test_repair_leaves_a_whole_file_alone(tmp_path: Path, feed_format: str, data: bytes) -> None:
    path = tmp_path / "out"
    path.write_bytes(data)
    assert repair(path, feed_format) == ([ONE, TWO], None)
    assert path.read_bytes() == data
