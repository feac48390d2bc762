"""Many shapes of input: folders, gzip, JSONL, CSV and WARC; bad records never stop a batch."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from inspector.cli import UniqueNames, main
from inspector.sources.records import Options, Record, SourceError, iter_documents

ARTICLE = ("The council approved the new budget on Tuesday after a long debate. Members said "
           "the plan would cut waiting times at the city's hospitals.")
PAGE = f"<html><body><nav>Home</nav><p>{ARTICLE}</p></body></html>"


def items(*inputs, **kw):
    return list(iter_documents([str(i) for i in inputs], Options(**kw)))


def test_folder_recursive_sorted_with_globs(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "1.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / "skip.txt").write_text(ARTICLE, encoding="utf-8")
    found = items(tmp_path, exclude=["skip*"])
    assert [Path(r.name).name for r in found] == ["1.html", "2.txt"]
    assert [Path(r.name).name for r in items(tmp_path, include=["*.html"])] == ["1.html"]


def test_gzip_ok_bomb_and_truncated(tmp_path):
    good = tmp_path / "a.txt.gz"
    good.write_bytes(gzip.compress(ARTICLE.encode()))
    (record,) = items(good)
    assert isinstance(record, Record) and record.data == ARTICLE.encode()
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 5_000_000))
    (error,) = items(bomb, max_bytes=1_000_000)
    assert isinstance(error, SourceError) and "decompresses to more than" in error.message
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(ARTICLE.encode() * 50)[:40])
    (error,) = items(cut)
    assert isinstance(error, SourceError) and "truncated gzip" in error.message


def test_jsonl_fields_bad_lines_and_addressing(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [json.dumps({"id": "a1", "url": "https://ex.com/a", "text": ARTICLE}),
             "{not json",
             json.dumps({"uuid": "b2", "html": PAGE}),
             json.dumps(["a", "list"]),
             json.dumps({"title": "no body"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = items(path)
    assert [type(x).__name__ for x in found] == ["Record", "SourceError", "Record",
                                                 "SourceError", "SourceError"]
    assert found[0].id == "a1" and found[0].metadata["url"] == "https://ex.com/a"
    assert found[2].kind == "html" and found[2].id == "b2"
    assert str(found[1]).startswith(f"{path}:2: not valid JSON")
    assert "no text or html field" in str(found[4]) and ":5:" in str(found[4])
    (only,) = items(f"{path}#3")
    assert only.id == "b2"


def test_csv_fields_missing_column_and_ragged_rows(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,content,link\nx1,\"" + ARTICLE + "\",https://ex.com/x\nx2,short\n",
                    encoding="utf-8")
    good, ragged = items(path)
    assert good.id == "x1" and good.metadata["url"] == "https://ex.com/x"
    assert isinstance(ragged, SourceError) and ragged.line == 3 and "header has 3" in ragged.message
    other = tmp_path / "nobody.csv"
    other.write_text("id,title\n1,Hello\n", encoding="utf-8")
    (error,) = items(other)
    assert "no text or html field" in error.message and "--text-field" in error.message
    (chosen,) = items(other, text_field="title")
    assert chosen.data == "Hello"


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A small WARC file written by hand, record by record, as the format describes."""
    out = b""
    for n, (uri, html) in enumerate(pages):
        block = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                 + html.encode())
        out += (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                f"WARC-Date: 2019-11-20T10:00:0{n}Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"
    path.write_bytes(out)


def test_warc_response_records(tmp_path):
    path = tmp_path / "crawl.warc"
    _warc(path, [("https://ex.com/1", PAGE), ("https://ex.com/2", PAGE)])
    found = items(path)
    assert [r.id for r in found] == ["https://ex.com/1", "https://ex.com/2"]
    assert found[0].kind == "html" and found[0].metadata["date"]


def test_broken_warc_reports_and_keeps_what_was_read(tmp_path):
    path = tmp_path / "broken.warc"
    _warc(path, [("https://ex.com/1", PAGE)])
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9")
    found = items(path)
    assert isinstance(found[0], Record)
    assert isinstance(found[-1], SourceError) and "broken WARC" in found[-1].message


def test_output_names_are_safe_and_unique():
    names = UniqueNames()
    taken = [names.take(x) for x in ["a/b", "../b", "B", "con"]]
    assert taken == ["b", "b-2", "B-3", "document_con"]


def test_batch_cli_mixed_inputs_jsonl_and_summary(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.jsonl").write_text(json.dumps({"id": "j/1", "text": ARTICLE}) + "\n{oops\n",
                                 encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()}
    out = tmp_path / "out.jsonl"
    code = main(["clean", str(src), "--out", str(tmp_path / "o"), "--jsonl", str(out)])
    assert code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "j/1"]
    assert records[1]["text"] == ARTICLE
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "1.inspect.json", "1.txt", "a.inspect.json", "a.txt"]
    captured = capsys.readouterr()
    assert "b.jsonl:2: not valid JSON" in captured.err and "empty.txt: is empty" in captured.err
    assert "done: 2 ok, 2 failed" in captured.out
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt.gz", ".warc"])
def test_readers_survive_random_bytes(tmp_path, suffix):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None)
    @given(st.binary(max_size=400))
    def run(data):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        for item in iter_documents([str(path)]):
            assert isinstance(item, (Record, SourceError))

    run()
