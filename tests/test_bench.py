"""The benchmark: the ScrapingHub scoring method, inputs, peers, gate and exit codes.

Everything runs on a tiny data set written here; nothing needs ../shared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from inspector import bench
from inspector.bench import (
    add_arguments,
    aggregate,
    as_paragraphs,
    corpus_hash,
    floor_for,
    language_group,
    load_pages,
    main,
    page_counts,
    run,
    score,
    score_page,
    shingles,
    xpath_text,
)

ARTICLE_EN = ("The council approved the new budget on Tuesday after a long debate. "
              "Members said the plan would cut waiting times at the city's hospitals. "
              "The mayor welcomed the vote and promised a report within six months.")
ARTICLE_EN2 = ("Rescue teams reached the village before dawn, and they found the bridge "
               "still standing. The river had risen by two metres in a single night.")
ARTICLE_DE = ("Der Stadtrat hat am Dienstag den neuen Haushalt nach langer Debatte beschlossen. "
              "Die Mitglieder sagten, der Plan werde die Wartezeiten in den Kliniken verkürzen.")
ARTICLE_FR = ("Le conseil a adopté mardi le nouveau budget après un long débat. Les élus "
              "ont dit que le plan réduira les délais dans les hôpitaux de la ville.")
PAGES = {"en1": ARTICLE_EN, "en2": ARTICLE_EN2, "de1": ARTICLE_DE, "fr1": ARTICLE_FR}


# -- scoring -------------------------------------------------------------------------
def test_shingles_of_long_short_and_empty_texts():
    assert shingles("") == {}
    assert shingles("... !!") == {}
    assert shingles("one two") == {("one", "two"): 1}
    assert shingles("a b c") == {("a", "b", "c"): 1}
    assert shingles("a b c d") == {("a", "b", "c", "d"): 1}
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    # a multiset: a repeated window counts twice
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2
    # tokens are Unicode \w+ runs; punctuation and apostrophes split them
    assert shingles("Wartezeiten verkürzen, l'hôpital") == {
        ("Wartezeiten", "verkürzen", "l", "hôpital"): 1}


def test_page_counts_are_multiset_overlaps():
    assert page_counts("a b c d e", "a b c d e") == (2, 0, 0)  # identical
    assert page_counts("a b c d x", "a b c d e") == (1, 1, 1)
    assert page_counts("p q r s t", "a b c d e") == (0, 2, 2)  # disjoint
    assert page_counts("", "a b c d") == (0, 0, 1)  # empty prediction
    assert page_counts("a b", "") == (0, 1, 0)  # empty gold
    assert page_counts("a b", "a b") == (1, 0, 0)  # < 4 tokens: one shingle each
    assert page_counts("a b", "a b c") == (0, 1, 1)
    # multiset: the gold has the window twice, the prediction once
    assert page_counts("x y z w", "x y z w x y z w") == (1, 0, 4)


def test_page_scores_follow_the_skip_and_perfect_rules():
    perfect_empty = score_page("", "")
    assert (perfect_empty.precision, perfect_empty.recall, perfect_empty.exact) == (1.0, 1.0, True)
    nothing_predicted = score_page("", "w x y z")
    assert nothing_predicted.precision is None  # TP+FP = 0: skipped for precision
    assert nothing_predicted.recall == 0.0
    nothing_gold = score_page("w x y z", "")
    assert (nothing_gold.precision, nothing_gold.recall) == (0.0, None)
    disjoint = score_page("p q r s t", "a b c d e")
    assert (disjoint.precision, disjoint.recall, disjoint.f1) == (0.0, 0.0, 0.0)
    # same tokens, different spacing and punctuation: exact, and FP = FN = 0
    same = score_page("Hello,  world -- again!", "Hello world again")
    assert (same.precision, same.recall, same.exact) == (1.0, 1.0, True)


def test_score_means_over_pages():
    s = score([("a b c d", "a b c d"), ("", "w x y z"), ("p q r s", "p q r s t")])
    # page 1 perfect; page 2 skipped for precision, recall 0; page 3: P 1, R 1/2
    assert s.precision == pytest.approx(1.0)
    assert s.recall == pytest.approx((1 + 0 + 0.5) / 3)
    assert s.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.pages == 3
    assert score([("", "")]).f1 == 1.0  # FP = FN = 0 counts 1.0
    assert score([("", "a b c d")]).precision == 0.0  # every page skipped: mean of nothing
    # P = mean(2/3, 1/2), R = mean(2/3, 1): F1 from the means, not a mean of F1s
    s = score([("a b c d e x", "a b c d e f"), ("a b c d e", "a b c d")])
    p, r = (2 / 3 + 1 / 2) / 2, (2 / 3 + 1) / 2
    assert (s.precision, s.recall) == (pytest.approx(p), pytest.approx(r))
    assert s.f1 == pytest.approx(2 * p * r / (p + r))
    assert aggregate([]).f1 == 0.0


def test_floor_is_measured_minus_margin_rounded_down():
    assert floor_for(0.923) == 0.918
    assert floor_for(0.92349) == 0.918
    assert floor_for(0.9235) == 0.918


# -- inputs ----------------------------------------------------------------------------
def test_xpath_text_keeps_inline_script():
    html = (b"<html><head><script>var head=1;</script></head><body><p>Hello <b>you</b>.</p>"
            b"<script>window.x = 1;</script></body></html>")
    text = xpath_text(html)
    assert "window.x = 1;" in text and "var head" not in text
    assert text.split("\n") == ["Hello ", "you", ".", "window.x = 1;"]


def test_xpath_text_decodes_and_survives_odd_documents():
    latin = ('<?xml version="1.0" encoding="iso-8859-1"?><html><head>'
             '<meta charset="iso-8859-1"></head><body><p>Café</p></body></html>')
    assert xpath_text(latin.encode("latin-1")) == "Café"
    assert xpath_text("<p>sans body é</p>".encode()) == "sans body é"
    assert xpath_text(b"") == ""
    # no <body> at all: the document's text nodes
    assert xpath_text(b"<html><head><title>Only a title</title></head></html>") == "Only a title"


def test_language_group():
    assert [language_group(t) for t in PAGES.values()] == ["en", "en", "non-en", "non-en"]
    assert language_group("Lorem ipsum dolor sit amet, sed do eiusmod et ut labore.") == "non-en"
    assert language_group("先日、不正に改造したiPhoneを販売したとして") == "non-en"
    assert language_group("Palm Bay 70, Rockledge 44") == "en"


def test_text_inputs_reach_peers_one_paragraph_per_line():
    html = as_paragraphs("a < b\nsecond & last")
    assert "<p>a &lt; b</p>\n<p>second &amp; last</p>" in html


def _write_dataset(root: Path) -> Path:
    for sub in ("html", "truth", "noisy_text/html-text"):
        (root / sub).mkdir(parents=True)
    for pid, text in PAGES.items():
        (root / "truth" / f"{pid}.txt").write_text(text, encoding="utf-8")
        lang = "de" if pid == "de1" else "fr" if pid == "fr1" else "en"
        (root / "html" / f"{pid}.html").write_text(
            f"<html lang='{lang}'><head><title>T</title></head><body><nav><ul>"
            "<li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
            f"<article><p>{text}</p></article>"
            "<script>window.dataLayer = window.dataLayer || [];</script>"
            "<footer>© 2019 Example. All rights reserved.</footer></body></html>",
            encoding="utf-8")
        (root / "noisy_text" / "html-text" / f"{pid}.txt").write_text(
            f"Home\nNews\nSport\n\n{text}\n\nShare this article\n© 2019 Example. "
            "All rights reserved.\n", encoding="utf-8")
    return root


@pytest.fixture
def dataset(tmp_path) -> Path:
    return _write_dataset(tmp_path / "set")


def test_load_pages_per_input(dataset):
    html = load_pages(dataset, "html")
    assert [p.id for p in html] == ["de1", "en1", "en2", "fr1"]
    assert isinstance(html[0].input, bytes)
    assert [p.group for p in html] == ["non-en", "en", "en", "non-en"]
    text = load_pages(dataset, "text:html-text", limit=2)
    assert len(text) == 2 and text[0].input.startswith("Home\nNews")
    xpath = load_pages(dataset, "xpath", ids=["en1"])
    assert [p.id for p in xpath] == ["en1"] and "window.dataLayer" in xpath[0].input


def test_corpus_hash_follows_the_files(dataset):
    before = corpus_hash(dataset, "xpath", load_pages(dataset, "xpath"))
    assert before == corpus_hash(dataset, "xpath", load_pages(dataset, "xpath"))
    assert before != corpus_hash(dataset, "html", load_pages(dataset, "html"))
    assert before != corpus_hash(dataset, "xpath", load_pages(dataset, "xpath", limit=3))
    (dataset / "truth" / "en1.txt").write_text(ARTICLE_EN + " Updated.", encoding="utf-8")
    assert before != corpus_hash(dataset, "xpath", load_pages(dataset, "xpath"))


# -- running -----------------------------------------------------------------------------
def test_run_text_input_with_identity_peer(dataset, tmp_path, capsys):
    out = tmp_path / "r.json"
    dump = tmp_path / "dump"
    assert main([str(dataset), "--input", "text:html-text", "--peers", "identity",
                 "--json", str(out), "--worst", "2", "--dump", str(dump)]) == 0
    data = json.loads(out.read_text())
    assert {"dataset", "input", "pages", "megabytes", "corpus_hash", "language_groups",
            "tools", "per_page", "versions"} <= set(data)
    assert (data["dataset"], data["input"], data["pages"]) == ("set", "text:html-text", 4)
    assert data["language_groups"] == {"en": 2, "non-en": 2}
    assert set(data["tools"]) == {"ours", "identity"}
    ours, identity = data["tools"]["ours"], data["tools"]["identity"]
    for key in ("f1", "precision", "recall", "accuracy", "mb_per_s", "speed_ratio_to_ours",
                "ours_speed_ratio", "failures", "by_group", "f1_by_group", "seconds"):
        assert key in ours and key in identity
    assert set(ours["by_group"]) == {"en", "non-en"}
    assert ours["failures"] == identity["failures"] == 0
    assert ours["f1"] > identity["f1"]
    assert identity["precision"] < 1.0 and identity["recall"] == 1.0
    assert len(data["per_page"]) == 4 and set(data["per_page"][0]["tools"]) == {"ours",
                                                                                "identity"}
    assert data["python_executable"] == sys.executable
    printed = capsys.readouterr().out
    assert "our 2 worst pages" in printed and "identity" in printed
    # Speeds are only comparable on the same interpreter: the table names it.
    assert f"python {sys.version.split()[0]} ({sys.executable})" in printed
    assert sorted(p.name for p in dump.iterdir()) == ["de1.txt", "en1.txt", "en2.txt",
                                                       "fr1.txt"]
    assert ARTICLE_EN[:40] in (dump / "en1.txt").read_text()


def test_run_is_callable_with_a_namespace_from_add_arguments(dataset, tmp_path):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    out = tmp_path / "r.json"
    args = parser.parse_args([str(dataset), "--input", "xpath", "--peers", "none", "--limit",
                              "2", "--json", str(out)])
    assert run(args) == 0
    data = json.loads(out.read_text())
    assert set(data["tools"]) == {"ours"} and data["pages"] == 2


def test_identity_on_html_is_the_body_text_without_scripts(dataset, tmp_path):
    out = tmp_path / "r.json"
    assert main([str(dataset), "--input", "html", "--peers", "identity", "--ids",
                 str(_ids(tmp_path, "en1")), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["tools"]["identity"]["recall"] == 1.0
    call = bench.make_tool("identity", "html")
    text = call.call(load_pages(dataset, "html", ids=["en1"])[0].input)
    assert text.split("\n")[:2] == ["Home", "News"]
    assert "dataLayer" not in text and "T" not in text.split("\n")


def _ids(tmp_path: Path, *ids: str) -> Path:
    path = tmp_path / "ids.txt"
    path.write_text("# chosen pages\n" + "\n".join(ids) + "\n", encoding="utf-8")
    return path


def test_our_failures_are_counted_per_page_not_fatal(dataset, tmp_path, monkeypatch, capsys):
    import inspector

    def broken(source, kind="auto", **_kwargs):
        raise NotImplementedError("HTML mode is not there yet")

    monkeypatch.setattr(inspector, "inspect", broken)
    out = tmp_path / "r.json"
    assert main([str(dataset), "--input", "html", "--peers", "identity",
                 "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    ours = data["tools"]["ours"]
    assert ours["failures"] == 4 and ours["f1"] == 0.0
    assert ours["mb_per_s"] is None and data["tools"]["identity"]["speed_ratio_to_ours"] is None
    assert "NotImplementedError: HTML mode is not there yet" in ours["failure_messages"]
    assert data["tools"]["identity"]["failures"] == 0
    assert "ours failed on 4 page(s)" in capsys.readouterr().out


def test_a_failing_peer_counts_as_empty_output(dataset, monkeypatch):
    def flaky() -> object:
        def call(content: object) -> str:
            if "Stadtrat" in str(content):
                raise ValueError("cannot parse")
            return "whatever"
        return call

    monkeypatch.setattr(bench, "_boilerpy3", flaky)
    tool = bench.make_tool("boilerpy3", "text:html-text")
    result = bench.run_tool(tool, load_pages(dataset, "text:html-text"))
    assert result.failures == 1 and result.errors == {"de1": "ValueError: cannot parse"}
    assert result.outputs[0] == ""


def test_passes_take_turns_and_report_the_median(dataset, monkeypatch):
    """With several passes the tools alternate, each round in the same order,
    and a tool's time is its median pass; what is scored is its first pass."""
    calls: list[str] = []
    clock = iter(range(1000))
    monkeypatch.setattr(bench.time, "perf_counter", lambda: float(next(clock)))

    def tool(name: str) -> bench.Tool:
        def call(content: object) -> str:
            calls.append(name)
            return str(content)
        return bench.Tool(name, call, lambda page: page.input)

    pages = load_pages(dataset, "text:html-text")
    results = bench.run_tools([tool("a"), tool("b")], pages, passes=3)
    n = len(pages)
    # One warm-up call each, then a (a's pass, b's pass) round three times.
    assert calls == ["a", "b"] + (["a"] * n + ["b"] * n) * 3
    # Each pass reads the clock twice, so every pass takes one tick here.
    assert [r.pass_seconds for r in results] == [[1.0, 1.0, 1.0]] * 2
    assert results[0].outputs == [page.input for page in pages]


def test_median_pass_and_a_changing_output_is_reported(dataset, monkeypatch, capsys):
    ticks = iter([0.0, 4.0, 10.0, 11.0, 20.0, 22.0])  # passes of 4, 1 and 2 seconds
    monkeypatch.setattr(bench.time, "perf_counter", lambda: next(ticks))
    seen: list[int] = []

    def call(content: object) -> str:
        seen.append(1)
        return "same" if len(seen) <= 1 + len(pages) else "drifted"

    pages = load_pages(dataset, "text:html-text")
    result = bench.run_tool(bench.Tool("t", call, lambda page: page.input), pages, passes=3)
    assert result.pass_seconds == [4.0, 1.0, 2.0] and result.seconds == 2.0
    assert result.outputs == ["same"] * len(pages)
    err = capsys.readouterr().err
    assert f"t gave other output on pass 2 for {len(pages)} page(s)" in err


def test_passes_on_the_command_line(dataset, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main([str(dataset), "--input", "text:html-text", "--peers", "identity",
                 "--passes", "2", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["passes"] == 2
    for tool in data["tools"].values():
        assert len(tool["pass_seconds"]) == 2
        assert tool["seconds"] == pytest.approx(sum(tool["pass_seconds"]) / 2)
    assert "median of 2 timed passes per tool" in capsys.readouterr().out


# -- quality gate -------------------------------------------------------------------------
def test_gate_passes_fails_and_refuses_lowering(dataset, tmp_path, capsys):
    gate = tmp_path / "baseline.json"
    args = [str(dataset), "--input", "text:html-text", "--peers", "none", "--gate", str(gate)]
    assert main([*args, "--update-gate"]) == 0
    data = json.loads(gate.read_text())
    entry = data["set/text:html-text"]
    assert set(entry) == {"corpus_hash", "f1_floor"}
    measured = entry["f1_floor"]
    assert main(args) == 0
    assert "≥ floor" in capsys.readouterr().out

    entry["f1_floor"] = 1.01
    gate.write_text(json.dumps(data))
    assert main(args) == 1
    assert "below the floor 1.010" in capsys.readouterr().err
    assert main([*args, "--update-gate"]) == 1  # would lower 1.01
    assert "refusing to lower" in capsys.readouterr().err
    assert json.loads(gate.read_text())["set/text:html-text"]["f1_floor"] == 1.01
    assert main([*args, "--update-gate", "--allow-lower"]) == 0
    assert json.loads(gate.read_text())["set/text:html-text"]["f1_floor"] == measured

    entry["f1_floor"] = 0.1  # raising needs no permission
    gate.write_text(json.dumps(data))
    assert main([*args, "--update-gate"]) == 0
    assert json.loads(gate.read_text())["set/text:html-text"]["f1_floor"] == measured


def test_gate_does_not_compare_another_corpus(dataset, tmp_path, capsys):
    gate = tmp_path / "baseline.json"
    gate.write_text(json.dumps({"set/text:html-text": {"corpus_hash": "0123", "f1_floor": 1.0}}))
    out = tmp_path / "r.json"
    assert main([str(dataset), "--input", "text:html-text", "--peers", "none",
                 "--gate", str(gate), "--json", str(out)]) == 0
    assert "corpus differs" in capsys.readouterr().err
    assert json.loads(out.read_text())["gate"]["status"] == "corpus-differs"
    # another input has no floor: reported, not failed
    assert main([str(dataset), "--input", "xpath", "--peers", "none", "--gate", str(gate)]) == 0
    assert "no floor recorded" in capsys.readouterr().err


# -- usage errors ---------------------------------------------------------------------------
@pytest.mark.parametrize(("argv_tail", "message"), [
    (["--input", "pdf"], "unknown input kind 'pdf'"),
    (["--input", "text:"], "unknown input kind"),
    (["--input", "text:nosuchtool"], "no noisy_text/nosuchtool/ folder"),
    (["--peers", "gpt"], "unknown peer 'gpt'"),
    (["--peers", "identity,gpt"], "unknown peer 'gpt'"),
    (["--ids", "no-such-file.txt"], "--ids no-such-file.txt"),
    (["--gate", "no-such-baseline.json"], "no such file"),
    (["--update-gate"], "--update-gate needs --gate"),
    (["--limit", "0"], "must be at least 1"),
    (["--passes", "0"], "must be at least 1"),
    (["--passes", "two"], "not a whole number"),
    (["--bogus"], "unrecognized arguments"),
])
def test_usage_errors(dataset, argv_tail, message, capsys):
    assert main([str(dataset), *argv_tail]) == 2
    assert message in capsys.readouterr().err


def test_usage_errors_about_the_data_set(tmp_path, capsys):
    assert main([str(tmp_path / "none")]) == 2
    assert "no such data set folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty")]) == 2
    assert "no truth/ folder" in capsys.readouterr().err


def test_update_gate_refuses_a_partial_corpus(dataset, tmp_path, capsys):
    gate = tmp_path / "baseline.json"
    assert main([str(dataset), "--input", "xpath", "--peers", "none", "--limit", "1",
                 "--gate", str(gate), "--update-gate"]) == 2
    assert "whole data set" in capsys.readouterr().err
    assert not gate.exists()
