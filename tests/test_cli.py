"""The command line: outputs, exit codes, and clear errors for bad input."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

from inspector.cli import main, parse_args


@pytest.fixture
def sample(tmp_path, fixtures) -> Path:
    path = tmp_path / "in" / "scrape.txt"
    path.parent.mkdir()
    path.write_bytes((fixtures / "fr-summit-scrape.txt").read_bytes())
    return path


def test_parse_args_clean():
    args = parse_args(["clean", "a.txt", "b.html", "--out", "o", "--force", "--kind", "text"])
    assert args.command == "clean" and args.inputs == ["a.txt", "b.html"]
    assert args.out == Path("o") and args.force and args.kind == "text"


@pytest.mark.parametrize("argv", [[], ["clean", "a.txt"], ["frobnicate"], ["clean", "--out", "o"],
                                  ["explain"], ["clean", "a", "--out", "o", "--kind", "pdf"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "error" in capsys.readouterr().err


def test_clean_writes_both_files(sample, tmp_path, capsys):
    out = tmp_path / "out"
    before = hashlib.sha256(sample.read_bytes()).hexdigest()
    assert main(["clean", str(sample), "--out", str(out)]) == 0
    assert (out / "scrape.txt").read_text(encoding="utf-8").startswith("Kim Jong-un")
    data = json.loads((out / "scrape.inspect.json").read_text(encoding="utf-8"))
    assert data["input"]["sha256"] == before
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == before
    assert "done: 1 ok, 0 failed" in capsys.readouterr().out


def test_clean_folder_and_existing_output(sample, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["clean", str(sample.parent), "--out", str(out), "--quiet"]) == 0
    assert main(["clean", str(sample), "--out", str(out)]) == 1
    assert "already exists (use --force" in capsys.readouterr().err
    assert main(["clean", str(sample), "--out", str(out), "--force", "--quiet"]) == 0


def test_force_keeps_the_persons_decisions(sample, tmp_path):
    out = tmp_path / "out"
    assert main(["clean", str(sample), "--out", str(out), "--quiet"]) == 0
    side = out / "scrape.inspect.json"
    data = json.loads(side.read_text(encoding="utf-8"))
    caption = next(s for s in data["spans"] if s["rule"] == "caption.credit")
    caption["user_decision"] = "keep"
    side.write_text(json.dumps(data), encoding="utf-8")
    assert main(["clean", str(sample), "--out", str(out), "--force", "--quiet"]) == 0
    assert "(Photo : AP)" in (out / "scrape.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"   \n\n\t ", "is empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\x00\x01\x02\x03" * 100, "binary"),
])
def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path, sample, content, message, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    assert main(["clean", str(bad), str(sample), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: " in err and message in err and "Traceback" not in err
    assert (out / "scrape.txt").exists()


def test_missing_and_unreadable_inputs(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["clean", str(missing), "--out", str(tmp_path / "o")]) == 1
    assert "does not exist" in capsys.readouterr().err
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        assert main(["clean", str(locked), "--out", str(tmp_path / "o")]) == 1
        assert "permission denied" in capsys.readouterr().err
    finally:
        locked.chmod(0o644)


def test_too_big_input(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    assert main(["clean", str(big), "--out", str(tmp_path / "o"), "--max-mb", "1"]) == 1
    assert "over the limit" in capsys.readouterr().err


def test_unwritable_output_folder(sample, tmp_path, capsys):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    assert main(["clean", str(sample), "--out", str(blocker / "sub")]) == 1
    assert "error:" in capsys.readouterr().err


def test_stdin_to_stdout(monkeypatch, capsys, fixtures):
    data = (fixtures / "fr-summit-scrape.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["clean", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kim Jong-un") and "Lien source" not in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["clean", "-"]) == 1
    assert capsys.readouterr().err == "error: <stdin>: is empty (0 bytes)\n"


def test_explain_table_and_json(sample, capsys):
    assert main(["explain", str(sample)]) == 0
    table = capsys.readouterr().out
    assert "video_fallback.fr.1" in table and "Message de remplacement" in table
    assert main(["explain", str(sample), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(s["category"] == "script" and s["excerpt"].startswith("window.fbApi")
               for s in data["spans"])
    assert data["metadata"]["date"] == "2023-09"


def test_extra_rule_file(sample, tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text(
        'language = "fr"\n[[rule]]\nid = "user.fr.1"\ncategory = "user"\n'
        'pattern = "moscou et pyongyang ont nié de telles intentions\\\\."\n'
        'reason = "Test rule."\nexamples = ["x"]\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(sample), "--out", str(out), "--rules", str(rules), "--quiet"]) == 0
    assert "Moscou et Pyongyang ont nié" not in (out / "scrape.txt").read_text(encoding="utf-8")


def test_bad_rule_file_is_a_usage_error(sample, tmp_path, capsys):
    rules = tmp_path / "bad.toml"
    rules.write_text("[[rule]\n", encoding="utf-8")
    assert main(["clean", str(sample), "--out", str(tmp_path), "--rules", str(rules)]) == 2
    assert f"{rules}: not valid TOML" in capsys.readouterr().err


def test_unreadable_input_even_as_root(tmp_path, monkeypatch, capsys):
    """Root ignores file modes, so the refusal is simulated where the file is read."""
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    real = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert main(["clean", str(path), "--out", str(tmp_path / "o")]) == 1
    assert f"error: {path}: cannot be read (permission denied)" in capsys.readouterr().err


def test_undecodable_bytes_are_named(tmp_path, capsys):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe" + "Texte en UTF-16".encode("utf-16-le") + b"\x00")
    assert main(["clean", str(bad), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: starts with a utf-16-le byte-order mark but is not valid" in err


def test_parse_args_batch_options():
    args = parse_args(["clean", "d", "--jsonl", "o.jsonl", "--include", "*.html", "--exclude",
                       "tmp*", "--text-field", "body", "--max-mb", "0.5", "--quiet"])
    assert args.out is None and args.jsonl == "o.jsonl" and args.include == ["*.html"]
    assert args.text_field == "body" and args.max_mb == 0.5 and args.quiet
    assert parse_args(["clean", "-"]).inputs == ["-"]
    assert parse_args(["explain", "x.jsonl#3", "--json"]).json


@pytest.mark.parametrize("argv", [["clean", "a", "--out", "o", "--max-mb", "0"],
                                  ["clean", "a", "--out", "o", "--max-mb", "lots"],
                                  ["clean", "-", "-", "--out", "o"],
                                  ["clean", "-", "a.txt"]])
def test_more_usage_errors(argv, capsys):
    assert main(argv) == 2
    assert "error" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "clean" in capsys.readouterr().out


def test_bench_is_wired(capsys):
    code = main(["bench", "--help"])
    out = capsys.readouterr().out
    assert code == 0 and "bench" in out


def test_outputs_never_go_into_the_input_folder(sample, tmp_path, capsys):
    assert main(["clean", str(sample.parent), "--out", str(sample.parent)]) == 2
    assert "is the input folder" in capsys.readouterr().err
    inner = sample.parent / "cleaned"
    assert main(["clean", str(sample.parent), "--out", str(inner), "--quiet"]) == 0
    assert main(["clean", str(sample.parent), "--out", str(inner), "--force", "--quiet"]) == 0
    assert sorted(p.name for p in inner.iterdir()) == ["scrape.inspect.json", "scrape.txt"]


def test_an_output_never_replaces_another_input(tmp_path, capsys):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.html").write_text(
        "<html><body><p>Le conseil a voté le budget mardi soir après un long débat.</p>"
        "</body></html>", encoding="utf-8")
    (folder / "a.txt").write_text("Une autre source, à ne jamais écraser.", encoding="utf-8")
    before = (folder / "a.txt").read_bytes()
    code = main(["clean", str(folder / "a.html"), str(folder / "a.txt"), "--out", str(folder),
                 "--force", "--quiet"])
    assert code == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (folder / "a.txt").read_bytes() == before


def test_jsonl_output_and_stdout(sample, tmp_path, capsys):
    out = tmp_path / "all.jsonl"
    assert main(["clean", str(sample), "--jsonl", str(out), "--quiet"]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "scrape" and record["text"].startswith("Kim Jong-un")
    assert record["spans"] and record["metadata"]["sha256"]
    assert main(["clean", str(sample), "--jsonl", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["clean", str(sample), "--jsonl", "-"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["id"] == "scrape" and "done: 1 ok" in captured.err


def test_jsonl_output_is_atomic(sample, tmp_path, monkeypatch):
    out = tmp_path / "all.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    import inspector.batch

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(inspector.batch, "document_for", boom)
    assert main(["clean", str(sample), "--jsonl", str(out), "--force"]) == 130
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_decisions_saved_by_the_gui_beside_the_input_are_used(sample, tmp_path):
    import inspector
    from inspector.store import default_paths_for, save

    doc = inspector.inspect(sample)
    caption = next(s for s in doc.spans if s.rule == "caption.credit")
    doc.set_decision(caption.id, "keep")
    save(doc, *default_paths_for(sample))
    out = tmp_path / "out"
    assert main(["clean", str(sample), "--out", str(out), "--quiet"]) == 0
    assert "(Photo : AP)" in (out / "scrape.txt").read_text(encoding="utf-8")
    assert main(["clean", str(sample), "--out", str(out), "--force", "--quiet",
                 "--discard-decisions"]) == 0
    assert "(Photo : AP)" not in (out / "scrape.txt").read_text(encoding="utf-8")


def test_a_corrupt_sidecar_is_not_silently_replaced(sample, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["clean", str(sample), "--out", str(out), "--quiet"]) == 0
    (out / "scrape.inspect.json").write_text("{broken", encoding="utf-8")
    assert main(["clean", str(sample), "--out", str(out), "--force", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "not a valid decisions file" in err and "--discard-decisions" in err
    assert main(["clean", str(sample), "--out", str(out), "--force", "--quiet",
                 "--discard-decisions"]) == 0


def test_explain_records_and_several_documents(fixtures, capsys):
    export = fixtures / "inputs" / "export.jsonl"
    assert main(["explain", f"{export}#1"]) == 0
    table = capsys.readouterr().out
    assert "artifact" in table and "Advertisement" in table and "why:" in table
    assert main(["explain", str(export)]) == 1
    assert f"for example {export}#1" in capsys.readouterr().err
    assert main(["explain", f"{export}#3", "--json"]) == 1
    assert f"error: {export}:3: not valid JSON" in capsys.readouterr().err


def test_explain_marks_newlines_and_cuts_long_excerpts():
    from inspector.cli import excerpt

    assert excerpt("a\nb") == "a⏎b"
    assert excerpt("x" * 100, 10) == "x" * 9 + "…"


def test_every_bad_input_in_one_batch(tmp_path, fixtures, capsys):
    import gzip

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "doc.pdf.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (bad / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    (bad / "cut.txt.gz").write_bytes(gzip.compress(b"some words " * 1000)[:50])
    (bad / "big.txt").write_bytes(b"word " * 300_000)
    (bad / "rows.csv").write_text("id,text\n1,fine text for a record\n2\n", encoding="utf-8")
    (bad / "lines.jsonl").write_text('{"text": "ok then"}\n{oops\n', encoding="utf-8")
    (bad / "crawl.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99")
    out = tmp_path / "out"
    code = main(["clean", str(bad), str(tmp_path / "missing.txt"), "--out", str(out),
                 "--max-mb", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    for expected in [f"{bad / 'empty.txt'}: is empty", f"{bad / 'doc.pdf.txt'}: looks like a PDF",
                     f"{bad / 'bomb.txt.gz'}: decompresses to more than 1 MB",
                     f"{bad / 'cut.txt.gz'}: is a truncated gzip file",
                     f"{bad / 'big.txt'}: is 2 MB, over the limit of 1 MB",
                     f"{bad / 'rows.csv'}:3: row has 1 fields, the header has 2",
                     f"{bad / 'lines.jsonl'}:2: not valid JSON",
                     f"{bad / 'crawl.warc'}: broken record",
                     f"{tmp_path / 'missing.txt'}: does not exist"]:
        assert f"error: {expected}" in err
    assert sorted(p.name for p in out.iterdir()) == [
        "1.inspect.json", "1.txt", "line1.inspect.json", "line1.txt"]


def test_unwritable_output_folder_names_the_folder(sample, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        assert main(["clean", str(sample), "--out", str(locked)]) == 1
        assert f"error: {sample}: not saved: " in capsys.readouterr().err
    finally:
        locked.chmod(0o755)


def test_output_folder_that_is_a_file(sample, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["clean", str(sample), "--out", str(blocker)]) == 1
    assert f"error: {blocker}: output folder cannot be created" in capsys.readouterr().err


def test_a_full_disk_is_reported_per_document(sample, tmp_path, monkeypatch, capsys):
    import inspector.store

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(inspector.store.os, "replace", full)
    assert main(["clean", str(sample), "--out", str(tmp_path / "o")]) == 1
    assert "No space left on device" in capsys.readouterr().err
