"""Saving is atomic, never touches the input, and re-opening restores decisions."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import inspector
from inspector.errors import StoreError
from inspector.store import (
    apply_decisions,
    default_paths_for,
    find_sidecar,
    output_paths,
    read_sidecar,
    safe_name,
    save,
)


@pytest.fixture
def sample(tmp_path, fixtures) -> Path:
    path = tmp_path / "scrape.txt"
    path.write_bytes((fixtures / "fr-summit-scrape.txt").read_bytes())
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_save_writes_text_and_sidecar_and_leaves_input_alone(sample):
    before = digest(sample)
    doc = inspector.inspect(sample)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    assert digest(sample) == before
    assert txt.read_text(encoding="utf-8") == doc.cleaned + "\n"
    data = json.loads(side.read_text(encoding="utf-8"))
    assert data["format_version"] == 1 and data["input"]["sha256"] == before
    assert len(data["spans"]) == len(doc.spans)
    assert {"auto_decision", "user_decision", "decided_at", "reason"} <= set(data["spans"][0])
    assert find_sidecar(sample) == side


def test_existing_output_is_not_clobbered_without_force(sample):
    doc = inspector.inspect(sample)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    with pytest.raises(StoreError, match="already exists"):
        save(doc, txt, side)
    save(doc, txt, side, force=True)


def test_refuses_to_write_onto_the_input(sample):
    doc = inspector.inspect(sample)
    with pytest.raises(StoreError, match="input"):
        save(doc, sample, sample.with_suffix(".json"), force=True)


def test_reopening_restores_decisions_and_user_spans(sample):
    doc = inspector.inspect(sample)
    caption = next(s for s in doc.spans if s.rule == "caption.credit")
    doc.toggle(caption.id)
    start = doc.raw.index("Moscou et Pyongyang")
    doc.add_user_span(start, start + 40)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)

    again = inspector.inspect(sample)
    warnings = apply_decisions(again, read_sidecar(side))
    assert warnings == []
    assert again.cleaned == doc.cleaned
    restored = next(s for s in again.spans if (s.start, s.end) == (caption.start, caption.end))
    assert restored.user_decision == "keep"


def test_changed_input_is_reported(sample):
    doc = inspector.inspect(sample)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    sample.write_text(sample.read_text(encoding="utf-8") + "\nUne phrase de plus.",
                      encoding="utf-8")
    warnings = apply_decisions(inspector.inspect(sample), read_sidecar(side))
    assert any("changed" in w for w in warnings)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not a valid decisions file"),
    ('{"spans": []}', "no format_version"),
    ('{"format_version": 99}', "not supported"),
])
def test_bad_sidecars_name_the_file(tmp_path, content, message):
    path = tmp_path / "x.inspect.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message) as info:
        read_sidecar(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"), ("a/b\\c", "c"), ("", "document"), ("con", "document_con"),
    ("page 1?.html", "page_1_.html"),
])
def test_output_names_are_safe(tmp_path, name, expected):
    assert safe_name(name) == expected
    txt, _ = output_paths(name, tmp_path)
    assert txt.parent == tmp_path


def test_a_writer_killed_half_way_leaves_the_previous_output(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("previous\n", encoding="utf-8")
    script = (
        "import sys, os, signal\n"
        "from pathlib import Path\n"
        "import inspector.store as store\n"
        "real_replace = os.replace\n"
        "def die(*a):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.replace = die\n"
        f"store.atomic_write(Path({str(target)!r}), 'x' * 5_000_000)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode != 0
    assert target.read_text(encoding="utf-8") == "previous\n"
