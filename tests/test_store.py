"""Saving is atomic, never touches the input, and re-opening restores decisions."""

from __future__ import annotations

import hashlib
import json
import os
import stat
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
    to_json,
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
    ("../../etc/passwd", "etc_passwd"), ("a/b\\c", "a_b_c"), ("", "document"),
    ("con", "document_con"), ("https://ex.com/news/", "ex.com_news"), ("..", "document"),
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


def test_outputs_get_the_usual_file_mode(sample):
    doc = inspector.inspect(sample)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(txt.stat().st_mode) == 0o666 & ~mask
    assert not [p for p in sample.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_rename_keeps_the_previous_output_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("previous\n", encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(os, "replace", fail)
    doc = inspector.inspect("Une phrase d'article assez longue pour rester telle quelle.")
    with pytest.raises(StoreError, match="No space left"):
        save(doc, target, tmp_path / "out.inspect.json", force=True)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_the_sidecar_keeps_the_text_of_each_span(sample):
    doc = inspector.inspect(sample)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    data = read_sidecar(side)
    assert all(s["text"] == doc.raw[s["start"]:s["end"]] for s in data["spans"])
    assert data["tool"]["name"] == "article-inspector" and data["rules_version"]
    assert data["metadata"]["captions"] and data["stats"]["spans"] == len(doc.spans)


def test_restoring_twice_does_not_duplicate_user_spans(sample):
    doc = inspector.inspect(sample)
    start = doc.raw.index("Moscou et Pyongyang")
    doc.add_user_span(start, start + 40)
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    again = inspector.inspect(sample)
    apply_decisions(again, read_sidecar(side))
    apply_decisions(again, read_sidecar(side))
    assert sum(1 for s in again.spans if s.origin == "user") == 1


def test_decisions_are_not_applied_to_text_that_moved(sample):
    doc = inspector.inspect(sample)
    caption = next(s for s in doc.spans if s.rule == "caption.credit")
    doc.set_decision(caption.id, "keep")
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    sample.write_text("Une nouvelle phrase au début.\n" + sample.read_text(encoding="utf-8"),
                      encoding="utf-8")
    again = inspector.inspect(sample)
    warnings = apply_decisions(again, read_sidecar(side))
    assert any("changed" in w for w in warnings)
    assert any("caption.credit" in w and "not restored" in w for w in warnings)
    assert all(s.user_decision is None for s in again.spans)


def test_a_sidecar_of_another_input_is_not_applied(sample, tmp_path):
    doc = inspector.inspect(sample)
    doc.set_decision(doc.spans[0].id, "keep")
    txt, side = default_paths_for(sample)
    save(doc, txt, side)
    other = tmp_path / "other.txt"
    other.write_text("Un tout autre article, avec ses propres phrases.", encoding="utf-8")
    warnings = apply_decisions(inspector.inspect(other), read_sidecar(side))
    assert warnings and "another input" in warnings[0]


def test_turned_off_repairs_are_restored():
    raw = "Le prÃ©sident a parlÃ© hier soir devant les dÃ©putÃ©s rÃ©unis."
    doc = inspector.inspect(raw)
    assert doc.edits
    doc.set_edit_enabled(doc.edits[0].id, False)
    again = inspector.inspect(raw)
    assert apply_decisions(again, to_json(doc)) == []
    assert again.edits[0].enabled is False and again.cleaned == doc.cleaned


@pytest.mark.parametrize("content", [
    '{"format_version": 1, "spans": {"a": 1}}',
    '{"format_version": 1, "input": "x"}',
    '[1, 2]',
    '{"format_version": "1"}',
])
def test_malformed_sidecars_are_refused(tmp_path, content):
    path = tmp_path / "x.inspect.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=r"x\.inspect\.json"):
        read_sidecar(path)


def test_odd_saved_spans_become_warnings_not_crashes(sample):
    doc = inspector.inspect(sample)
    sidecar = {"format_version": 1, "spans": [
        "not a span", {"start": 0}, {"start": 0, "end": 5, "category": "nope", "rule": "x",
                                     "reason": ""},
        {"start": 0, "end": 10 ** 9, "category": "user", "rule": "user.selection",
         "reason": "", "origin": "user"},
        {"start": 0, "end": 5, "category": "promo", "rule": "x", "reason": "",
         "user_decision": "maybe"},
    ], "edits": [None]}
    warnings = apply_decisions(doc, sidecar)
    assert len(warnings) == 6


def test_long_and_reserved_names():
    a, b = safe_name("x" * 300 + "a"), safe_name("x" * 300 + "b")
    assert a != b and len(a) <= 150 and len(b) <= 150
    assert safe_name("nul.txt") == "document_nul.txt"
    assert safe_name(". .") == "document"


def test_default_paths_never_equal_the_input(tmp_path):
    for name in ("a.txt", "a.cleaned.txt", "a.inspect.json", "a", ".hidden"):
        path = tmp_path / name
        assert path not in default_paths_for(path)


def test_refuses_to_write_onto_the_input_through_a_link(sample, tmp_path):
    doc = inspector.inspect(sample)
    link = tmp_path / "link.txt"
    link.symlink_to(sample)
    hard = tmp_path / "hard.txt"
    os.link(sample, hard)
    for target in (link, hard):
        with pytest.raises(StoreError, match="input"):
            save(doc, target, tmp_path / "x.inspect.json", force=True, input_path=sample)
