"""Folders, addresses of one record, standard input, and ids that stay put."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from inspector.sources.records import Options, Record, SourceError, iter_documents, split_address

from .conftest import ARTICLE, PAGE, kinds, read_all


def test_folder_recursive_sorted_with_globs(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "1.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / "skip.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    found = read_all(tmp_path, exclude=["skip*"])
    assert [r.id for r in found] == ["1", "b/2"]
    assert [Path(r.name).name for r in read_all(tmp_path, include=["*.html"])] == ["1.html"]
    assert [r.id for r in read_all(tmp_path, include=["b/*"])] == ["b/2"]


def test_the_guis_outputs_and_skipped_folders_are_not_inputs(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.cleaned.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.inspect.json").write_text("{}", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    found = list(iter_documents([tmp_path], Options(skip=[tmp_path / "out"])))
    assert [Path(r.name).name for r in found] == ["a.txt"]


def test_ids_are_stable_paths_without_suffixes(tmp_path):
    (tmp_path / "x").mkdir()
    for name in ("x/report.2023.html", "x/report.2024.html", "story.txt.gz"):
        (tmp_path / name).write_bytes(ARTICLE.encode())
    assert [r.id for r in read_all(tmp_path)] == ["story", "x/report.2023", "x/report.2024"]


def test_folder_that_cannot_be_read(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        (error,) = read_all(tmp_path)
        assert isinstance(error, SourceError) and "permission denied" in error.message
    finally:
        locked.chmod(0o755)


def test_a_symlinked_folder_loop_is_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert kinds(read_all(tmp_path)) == ["Record"]


def test_missing_path_device_and_folder_named_as_record(tmp_path):
    (missing,) = read_all(tmp_path / "nope.txt")
    assert str(missing) == f"{tmp_path / 'nope.txt'}: does not exist"
    (device,) = read_all("/dev/null")
    assert "not a regular file" in device.message
    plain = tmp_path / "a.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    (error,) = read_all(f"{plain}#3")
    assert "single document" in error.message


def test_addresses(tmp_path):
    odd = tmp_path / "we#ird.jsonl"
    odd.write_text('{"id": "x", "text": "hello there"}\n', encoding="utf-8")
    assert split_address(str(odd)) == (str(odd), None)
    assert split_address(f"{odd}#1") == (str(odd), "1")
    assert split_address(f"{tmp_path}/nope#1") == (f"{tmp_path}/nope#1", None)
    (record,) = read_all(f"{odd}#1")
    assert record.id == "x" and record.name == f"{odd}#1"


def test_stdin_is_one_document_and_may_be_gzip():
    import gzip

    for data in (ARTICLE.encode(), gzip.compress(ARTICLE.encode())):
        (record,) = list(iter_documents(["-"], stdin=io.BytesIO(data)))
        assert isinstance(record, Record) and record.data == ARTICLE.encode()
        assert record.name == "<stdin>" and record.id == "stdin"
    (error,) = list(iter_documents(["-"], Options(max_bytes=10), stdin=io.BytesIO(b"x" * 11)))
    assert "over the limit" in error.message


def test_fixture_folder_reads_every_shape(inputs):
    found = read_all(inputs)
    names = {Path(x.name.split("#")[0]).name for x in found}
    assert names >= {"article-en.txt", "article-en.txt.gz", "crawl.arc", "crawl.warc.gz",
                     "export.jsonl", "export-excel.csv", "page-latin1.html"}
    assert "make_inputs.py" not in names and "README.md" not in names
