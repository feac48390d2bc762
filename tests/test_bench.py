"""The benchmark: the ScrapingHub scoring method, inputs, peers, gate and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.bench import main, page_counts, score, shingles, xpath_text

ARTICLE_EN = ("The council approved the new budget on Tuesday after a long debate. "
              "Members said the plan would cut waiting times at the city's hospitals. "
              "The mayor welcomed the vote and promised a report within six months.")
ARTICLE_DE = ("Der Stadtrat hat am Dienstag den neuen Haushalt nach langer Debatte beschlossen. "
              "Die Mitglieder sagten, der Plan werde die Wartezeiten in den Kliniken verkürzen.")


def test_shingles_of_short_and_empty_texts():
    assert shingles("") == {}
    assert shingles("one two") == {("one", "two"): 1}
    assert sum(shingles("a b c d e").values()) == 2


def test_page_counts_are_multiset_overlaps():
    assert page_counts("a b c d e", "a b c d e") == (2, 0, 0)
    assert page_counts("a b c d x", "a b c d e") == (1, 1, 1)
    assert page_counts("", "a b c d") == (0, 0, 1)


def test_score_rules_of_the_method():
    s = score([("a b c d", "a b c d"), ("", "w x y z"), ("p q r s", "p q r s t")])
    # page 1: perfect; page 2: TP+FP = 0 so it is skipped for precision; page 3: P 1, R 0.5
    assert s.precision == pytest.approx(1.0)
    assert s.recall == pytest.approx((1 + 0 + 0.5) / 3)
    assert s.accuracy == pytest.approx(1 / 3)
    assert score([("", "")]).precision == 1.0  # FP = FN = 0 counts 1.0


def test_xpath_text_keeps_inline_script():
    html = (b"<html><head><script>var head=1;</script></head><body><p>Hello <b>you</b>.</p>"
            b"<script>window.x = 1;</script></body></html>")
    text = xpath_text(html)
    assert "window.x = 1;" in text and "var head" not in text
    assert text.split("\n")[:3] == ["Hello ", "you", "."]


@pytest.fixture
def dataset(tmp_path) -> Path:
    root = tmp_path / "set"
    for sub in ("html", "truth", "noisy_text/html-text"):
        (root / sub).mkdir(parents=True)
    pages = {"en1": ARTICLE_EN, "de1": ARTICLE_DE}
    for pid, text in pages.items():
        (root / "truth" / f"{pid}.txt").write_text(text, encoding="utf-8")
        (root / "html" / f"{pid}.html").write_text(
            f"<html><body><nav><a href='/'>Home</a></nav><p>{text}</p>"
            "<footer>© 2019 Example. All rights reserved.</footer></body></html>",
            encoding="utf-8")
        (root / "noisy_text" / "html-text" / f"{pid}.txt").write_text(
            f"Home\nNews\nSport\n\n{text}\n\nShare this article\n© 2019 Example. "
            "All rights reserved.\n", encoding="utf-8")
    return root


def test_run_text_input_with_identity_peer(dataset, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main([str(dataset), "--input", "text:html-text", "--peers", "identity",
                 "--json", str(out), "--worst", "1"]) == 0
    data = json.loads(out.read_text())
    assert set(data["tools"]) == {"ours", "identity"}
    assert data["tools"]["ours"]["f1"] > data["tools"]["identity"]["f1"]
    assert set(data["tools"]["ours"]["f1_by_group"]) == {"en", "non-en"}
    assert "worst pages" in capsys.readouterr().out


def test_gate_passes_fails_and_refuses_lowering(dataset, tmp_path, capsys):
    gate = tmp_path / "baseline.json"
    args = [str(dataset), "--input", "text:html-text", "--peers", "none", "--gate", str(gate)]
    assert main([*args, "--update-gate"]) == 0
    assert main(args) == 0
    data = json.loads(gate.read_text())
    key = next(iter(data))
    data[key]["f1_floor"] = 1.01
    gate.write_text(json.dumps(data))
    assert main(args) == 1
    assert "below the floor" in capsys.readouterr().err
    assert main([*args, "--update-gate"]) == 1  # would lower 1.01
    assert main([*args, "--update-gate", "--allow-lower"]) == 0


@pytest.mark.parametrize(("argv_tail", "message"), [
    (["--input", "pdf"], "--input must be"),
    (["--input", "text:nosuchtool"], "noisy_text/nosuchtool"),
    (["--peers", "gpt"], "unknown peer"),
])
def test_usage_errors(dataset, argv_tail, message, capsys):
    assert main([str(dataset), *argv_tail]) == 2
    assert message in capsys.readouterr().err


def test_missing_dataset(tmp_path, capsys):
    assert main([str(tmp_path / "none")]) == 2
    assert "no such data set" in capsys.readouterr().err
