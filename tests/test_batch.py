"""Batches: unique safe names, the summary, progress on a terminal, flat memory."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

from inspector.batch import Batch, Progress, Settings, Summary, UniqueNames
from inspector.cli import main
from inspector.sources.records import Record, SourceError

ARTICLE = ("The council approved the new budget on Tuesday after a long debate. Members said "
           "the plan would cut waiting times at the city's hospitals.")


def test_output_names_are_safe_and_unique():
    names = UniqueNames()
    taken = [names.take(x) for x in ["a/b", "../b", "B", "con", "a_b", "https://ex.com/b"]]
    assert taken == ["a_b", "b", "B-2", "document_con", "a_b-2", "ex.com_b"]


def test_summary_keeps_a_few_failures_and_counts_the_rest():
    summary = Summary()
    for n in range(50):
        summary.fail(f"f{n}: bad")
    summary.ok = 3
    summary.removed_per_category.update(["promo", "promo", "script"])
    lines = summary.lines()
    assert lines[0].startswith("done: 3 ok, 50 failed")
    assert lines[1] == "removed spans per category: promo 2, script 1"
    assert len(summary.failures) == 20 and lines[-1].startswith("  … and 30 more failures")


def test_progress_counts_and_rate_only_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(True, stream)
    progress.update(7, 1, "docs/a.txt", force=True)
    progress.clear()
    text = stream.getvalue()
    assert "8 documents (7 ok, 1 failed)" in text and "/s" in text and "docs/a.txt" in text
    assert text.endswith("\r\033[K")
    quiet = io.StringIO()
    Progress(False, quiet).update(1, 0, force=True)
    assert quiet.getvalue() == ""


def test_batch_reports_each_failure_and_goes_on(tmp_path):
    errors: list[str] = []
    out = io.StringIO()
    batch = Batch(Settings(out=tmp_path, jsonl=out), error=errors.append, warn=errors.append)
    summary = batch.run([
        Record(id="a", name="a", data=ARTICLE),
        SourceError("x.jsonl", "not valid JSON", 3),
        Record(id="e", name="e.jsonl#2", data="   ", source="e.jsonl", line=2),
        Record(id="a", name="a-again", data=ARTICLE),
    ])
    assert (summary.ok, summary.failed) == (2, 2)
    assert errors == ["x.jsonl:3: not valid JSON", "e.jsonl:2: is empty (no visible text)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a-2.inspect.json", "a-2.txt", "a.inspect.json", "a.txt"]
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == ["a", "a"]


def test_record_metadata_reaches_the_document(tmp_path):
    out = io.StringIO()
    batch = Batch(Settings(jsonl=out), error=print, warn=print)
    batch.run([Record(id="u", name="x.warc#u", data=f"<p>{ARTICLE}</p>", kind="html",
                      source="x.warc", metadata={"url": "https://ex.com/u",
                                                 "date": "2024-01-02", "title": "T"})])
    record = json.loads(out.getvalue())
    meta = record["metadata"]
    assert meta["url"] == "https://ex.com/u" and meta["date"] == "2024-01-02"
    assert meta["extra"]["record"] == "x.warc#u" and record["name"] == "x.warc#u"


def test_mixed_inputs_are_never_modified(tmp_path, fixtures, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for path in (fixtures / "inputs").iterdir():
        (src / path.name).write_bytes(path.read_bytes())
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()}
    out = tmp_path / "out"
    assert main(["clean", str(src), "--out", str(out), "--jsonl", str(tmp_path / "all.jsonl")]) == 1
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()}
    assert before == after
    captured = capsys.readouterr()
    assert "done: 12 ok, 4 failed" in captured.out
    assert "removed spans per category:" in captured.out
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 and len(list(out.glob("*.inspect.json"))) == 12


def test_memory_stays_flat_over_many_documents(tmp_path):
    """Peak memory for 3,000 records is close to that for 300 (measured in a subprocess)."""
    script = (
        "import json, resource, sys\n"
        "from inspector.cli import main\n"
        "main(['clean', sys.argv[1], '--jsonl', sys.argv[2], '--quiet'])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    peaks = []
    for count in (300, 3000):
        src = tmp_path / f"n{count}.jsonl"
        with src.open("w", encoding="utf-8") as handle:
            for n in range(count):
                text = f"Story {n}. {ARTICLE} Advertisement\nRead more: {n}\n" * 3
                handle.write(json.dumps({"id": f"d{n}", "text": text}) + "\n")
        proc = subprocess.run([sys.executable, "-c", script, str(src),
                               str(tmp_path / f"o{count}.jsonl")],
                              capture_output=True, text=True, timeout=120,
                              cwd=Path(__file__).parent.parent)
        assert proc.returncode == 0, proc.stderr
        peaks.append(int(proc.stdout.split()[-1]))
    assert peaks[1] < peaks[0] * 1.25 + 8_000, peaks  # KiB: no growth with the count
