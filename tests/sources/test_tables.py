"""JSONL and CSV exports: field detection, one bad record never stops the file."""

from __future__ import annotations

import gzip
import json

from inspector.sources.records import Record, SourceError

from .conftest import ARTICLE, PAGE, kinds, read_all


def test_jsonl_fixture(inputs):
    path = inputs / "export.jsonl"
    found = read_all(path)
    assert kinds(found) == ["Record", "Record", "SourceError", "SourceError", "Record"]
    first, html, bad, nobody, german = found
    assert first.id == "a1" and first.line == 1 and first.name == f"{path}#1"
    assert first.metadata == {"url": "https://news.example/a1", "date": "2024-03-05",
                              "title": "Budget", "encoding": "utf-8 (JSON)"}
    assert html.kind == "html" and "<article>" in html.data
    assert str(bad).startswith(f"{path}:3: not valid JSON")
    assert str(nobody) == (f"{path}:4: no text or html field (fields: id, title; choose one "
                           "with --text-field or --html-field)")
    assert german.id == "a5" and german.line == 6


def test_jsonl_addressing_by_line_and_id(inputs):
    path = inputs / "export.jsonl"
    (one,) = read_all(f"{path}#2")
    assert one.id == "a2"
    (by_id,) = read_all(f"{path}#a5")
    assert by_id.line == 6
    (bad,) = read_all(f"{path}#3")
    assert isinstance(bad, SourceError) and bad.line == 3
    (none,) = read_all(f"{path}#99")
    assert str(none) == f"{path}: has no record at line 99"
    (none,) = read_all(f"{path}#zz")
    assert "no record with id 'zz'" in none.message


def test_jsonl_odd_lines(tmp_path):
    path = tmp_path / "odd.jsonl"
    lines = [json.dumps(["a", "list"]), json.dumps({"text": 42}), json.dumps({"text": "  "}),
             "[" * 100_000, b"\xff\xfe{}".decode("latin-1"),
             json.dumps({"body": ARTICLE, "link": "https://ex.com/x"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = read_all(path)
    assert kinds(found) == ["SourceError"] * 5 + ["Record"]
    assert "must be an object" in found[0].message
    assert "not text but int" in found[1].message and "is empty" in found[2].message
    assert found[5].id == "line6" and found[5].metadata["url"] == "https://ex.com/x"


def test_jsonl_chosen_fields_and_missing_choice(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"key": "k1", "story": ARTICLE, "page": PAGE}) + "\n",
                    encoding="utf-8")
    (record,) = read_all(path, text_field="story", html_field="none", id_field="key")
    assert isinstance(record, SourceError) and "has no field 'none'" in record.message
    (record,) = read_all(path, text_field="story", id_field="key")
    assert record.id == "k1" and record.data == ARTICLE and record.kind == "auto"


def test_jsonl_line_over_the_limit_is_skipped_unread(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": ARTICLE}),
                    encoding="utf-8")
    big, ok = read_all(path, max_bytes=1000)
    assert big.line == 1 and "over the limit" in big.message
    assert ok.data == ARTICLE and ok.line == 2


def test_gzipped_jsonl_and_bomb(tmp_path):
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": ARTICLE}) + "\n").encode() * 3))
    assert kinds(read_all(path)) == ["Record"] * 3
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"\n" * 3_000_000))
    (error,) = read_all(bomb, max_bytes=1_000_000)
    assert "decompresses to more than" in error.message and error.line is None
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-12])
    found = read_all(cut)
    assert isinstance(found[-1], SourceError) and "truncated gzip" in found[-1].message


def test_csv_fixture_semicolons_and_windows_1252(inputs):
    path = inputs / "export-excel.csv"
    good, ragged, empty = read_all(path)
    assert good.id == "b1" and good.metadata == {"url": "https://news.example/b1",
                                                 "title": "Budget",
                                                 "encoding": "cp1252 (CSV file)"}
    assert "débat" in good.data and good.line == 2
    assert str(ragged) == f"{path}:6: row has 2 fields, the header has 4"
    assert str(empty) == f"{path}:7: field 'texte' is empty"
    (again,) = read_all(f"{path}#2")
    assert again.id == "b1"


def test_csv_missing_column_is_one_error_and_can_be_chosen(tmp_path):
    path = tmp_path / "nobody.csv"
    path.write_text("id,title\n1,Hello there\n2,Again\n", encoding="utf-8")
    (error,) = read_all(path)
    assert error.line == 1 and "no text or html field" in error.message
    assert "--text-field" in error.message
    first, _ = read_all(path, text_field="title")
    assert isinstance(first, Record) and first.data == "Hello there"


def test_csv_ragged_long_row_tsv_and_bad_quotes(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text(f"id\ttext\n1\t{ARTICLE}\textra\n2\t{ARTICLE}\n", encoding="utf-8")
    long_row, ok = read_all(path)
    assert "row has 3 fields, the header has 2" in long_row.message and ok.id == "2"
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"id,text\n1,a\x00b\n2,fine text here\n")
    found = read_all(nul)
    assert isinstance(found[-1], Record) and found[-1].id == "2"


def test_csv_without_header_or_with_bad_bytes_later(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    (error,) = read_all(empty)
    assert "no header row" in error.message
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(b"id,text\n" + b"1,plain ascii text\n" * 5000 + b"2,caf\xe9 \xff\xfe\n"
                      + b"3,read on after it\n")
    found = read_all(mixed)
    assert kinds(found) == ["Record"] * 5000 + ["SourceError", "Record"]
    assert str(found[-2]) == f"{mixed}:5002: row has bytes that are not utf-8; it was skipped"
    assert found[-1].id == "3"


def test_binary_csv_is_given_up(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(b"id,text\n" + b"a,b,c,d\n" * 500)
    found = read_all(path)
    assert len(found) == 101 and "gave up" in found[-1].message
