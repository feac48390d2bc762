"""Random bytes and text: readers and the pipeline raise only the project's own errors.

Every reader yields Records or SourceErrors whatever it is fed, and every
document inspected from them has its spans inside the text.
"""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector import InspectorError, inspect
from inspector.sources.records import Options, Record, SourceError, iter_documents

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
OPTIONS = Options(max_bytes=20_000)


def _check_document(data: bytes | str, kind: str = "auto") -> None:
    try:
        doc = inspect(data, kind=kind, max_bytes=20_000, name="<fuzz>")
    except InspectorError:
        return
    for span in doc.spans:
        assert 0 <= span.start <= span.end <= len(doc.raw)
    for edit in doc.edits:
        assert 0 <= edit.start <= edit.end <= len(doc.raw)
    assert isinstance(doc.cleaned, str)


def _read(path) -> None:
    for item in iter_documents([str(path)], OPTIONS):
        assert isinstance(item, (Record, SourceError))
        if isinstance(item, Record):
            _check_document(item.data, item.kind)


def _prefixed(prefix: bytes) -> st.SearchStrategy[bytes]:
    return st.binary(max_size=300).map(lambda b: prefix + b)


@pytest.mark.parametrize(("suffix", "strategy"), [
    (".txt", st.binary(max_size=400)),
    (".html", _prefixed(b"<html><body><p>")),
    (".txt.gz", st.binary(max_size=300).map(lambda b: gzip.compress(b)[: len(b) % 97 + 10])),
    (".jsonl", st.binary(max_size=400)),
    (".csv", _prefixed(b"id,text\n")),
    (".warc", _prefixed(b"WARC/1.0\r\n")),
    (".warc.gz", st.binary(max_size=200).map(lambda b: gzip.compress(b"WARC/1.0\r\n" + b))),
    (".arc", _prefixed(b"filedesc://x.arc 0.0.0.0 20050614070159 text/plain ")),
])
def test_readers_survive_random_bytes(tmp_path, suffix, strategy):
    @FUZZ
    @given(strategy)
    def run(data: bytes) -> None:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        _read(path)

    run()


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["id", "text", "html", "url", "body"]),
                                st.one_of(st.text(max_size=200), st.integers(), st.none()),
                                max_size=4), max_size=5))
def test_jsonl_records_of_any_shape(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("j") / "x.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    _read(path)


@FUZZ
@given(st.text(max_size=600))
def test_inspect_random_text(text):
    _check_document(text)
    _check_document(text, "html")


@FUZZ
@given(st.binary(max_size=600))
def test_inspect_random_bytes(data):
    _check_document(data)
    _check_document(data, "text")
