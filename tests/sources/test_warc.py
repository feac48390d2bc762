"""WARC and ARC crawls: HTML responses with their URI and date; broken records skipped."""

from __future__ import annotations

import gzip

from inspector.sources.records import Record, SourceError

from .conftest import PAGE, kinds, read_all


def _warc(pages: list[tuple[str, str]], gz: bool = False) -> bytes:
    """A WARC written by hand, record by record, as the format describes."""
    out = b""
    for n, (uri, html) in enumerate(pages):
        block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                 + html.encode())
        record = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                  f"WARC-Date: 2019-11-20T10:00:0{n}Z\r\n"
                  f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n"
                  "Content-Type: application/http; msgtype=response\r\n"
                  f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"
        out += gzip.compress(record, mtime=0) if gz else record  # one gzip member per record
    return out


def test_fixture_crawl(inputs):
    path = inputs / "crawl.warc.gz"
    found = read_all(path)
    assert [r.id for r in found] == ["https://news.example/budget", "https://news.example/fr"]
    budget, french = found
    assert budget.kind == "html" and budget.metadata["date"] == "2024-03-05T10:00:00Z"
    assert budget.name == f"{path}#https://news.example/budget" and budget.source == str(path)
    assert isinstance(french.data, str) and "débat" in french.data
    assert french.metadata["encoding"].startswith("windows-1252")
    (second,) = read_all(f"{path}#2")
    assert second.id == "https://news.example/fr"
    (by_uri,) = read_all(f"{path}#https://news.example/budget")
    assert by_uri.id == "https://news.example/budget"
    (missing,) = read_all(f"{path}#7")
    assert "has no HTML or text record 7" in missing.message


def test_arc_fixture(inputs):
    (record,) = read_all(inputs / "crawl.arc")
    assert record.id == "https://news.example/budget"
    assert record.metadata["date"] == "2005-06-14T07:01:44Z"


def test_broken_record_is_reported_and_the_rest_is_read(tmp_path):
    good = _warc([("https://ex.com/1", PAGE), ("https://ex.com/2", PAGE)])
    second = good.index(b"WARC/1", 10)
    path = tmp_path / "broken.warc"
    for damage, message in [
        (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nHTTP/1.1 200", "broken"),
        (b"\x00\x01garbage garbage\r\n\r\n", "broken record near byte"),
        (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 2\r\n\r\ngarbage\r\n\r\n",
         "record"),
    ]:
        path.write_bytes(good[:second] + damage + good[second:])
        found = read_all(path)
        assert kinds(found) == ["Record", "SourceError", "Record"], damage
        assert found[1].name == str(path) and message in found[1].message
        assert found[2].id == "https://ex.com/2"


def test_broken_gzip_member_is_skipped(tmp_path):
    good = _warc([("https://ex.com/1", PAGE), ("https://ex.com/2", PAGE),
                  ("https://ex.com/3", PAGE)], gz=True)
    members = []
    pos = 0
    while (nxt := good.find(b"\x1f\x8b\x08", pos + 1)) > 0:
        members.append(good[pos:nxt])
        pos = nxt
    members.append(good[pos:])
    broken = members[1][:12] + b"\x00" * 20 + members[1][32:]
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(members[0] + broken + members[2])
    found = read_all(path)
    assert [r.id for r in found if isinstance(r, Record)] == ["https://ex.com/1",
                                                              "https://ex.com/3"]
    assert any(isinstance(r, SourceError) for r in found)


def test_truncated_warc_keeps_what_was_read(tmp_path):
    path = tmp_path / "cut.warc"
    path.write_bytes(_warc([("https://ex.com/1", PAGE)])
                     + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9")
    found = read_all(path)
    assert isinstance(found[0], Record) and isinstance(found[-1], SourceError)


def test_not_a_warc_at_all(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a crawl\n" * 10)
    (error,) = read_all(path)
    assert isinstance(error, SourceError) and "is not a WARC or ARC file" in error.message
    gz = tmp_path / "fake.warc.gz"
    gz.write_bytes(gzip.compress(b"still not a crawl"))
    (error,) = read_all(gz)
    assert isinstance(error, SourceError)


def test_record_over_the_limit(tmp_path):
    path = tmp_path / "big.warc"
    path.write_bytes(_warc([("https://ex.com/big", "<p>" + "x" * 5000 + "</p>"),
                            ("https://ex.com/ok", PAGE)]))
    big, ok = read_all(path, max_bytes=1000)
    assert "over the limit" in big.message and ok.id == "https://ex.com/ok"


def test_warc_without_the_suffix_is_recognised(tmp_path):
    path = tmp_path / "download"
    path.write_bytes(_warc([("https://ex.com/1", PAGE)]))
    (record,) = read_all(path)
    assert record.id == "https://ex.com/1"
