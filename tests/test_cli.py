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
    assert "1 ok, 0 failed" in capsys.readouterr().out


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
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert main(["clean", str(path), "--out", str(tmp_path / "o")]) == 1
    assert f"error: {path}: cannot be read (permission denied)" in capsys.readouterr().err


def test_undecodable_bytes_are_named(tmp_path, capsys):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe" + "Texte en UTF-16".encode("utf-16-le") + b"\x00")
    assert main(["clean", str(bad), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: starts with a utf-16-le byte-order mark but is not valid" in err
