"""inspect(): sources, kinds and the HTML text layer."""

from __future__ import annotations

import pytest

import inspector


def test_html_page_is_cleaned_through_its_text_layer():
    page = (b"<!doctype html><html><head><title>T</title><style>p{color:red}</style></head>"
            b"<body><nav><a href='/'>Home</a></nav><p>The council approved the budget on "
            b"Tuesday after a long debate in the chamber, officials said.</p>"
            b"<script>var x = 1; window.y = 2;</script></body></html>")
    doc = inspector.inspect(page)
    assert doc.kind == "html"
    assert "var x = 1; window.y = 2;" in doc.raw  # script text is part of the raw layer
    assert doc.cleaned == ("The council approved the budget on Tuesday after a long debate "
                           "in the chamber, officials said.")


def test_str_bytes_and_path_sources_agree(tmp_path, fixtures):
    path = fixtures / "fr-summit-scrape.txt"
    by_path = inspector.inspect(path)
    by_bytes = inspector.inspect(path.read_bytes())
    by_text = inspector.inspect(path.read_text(encoding="utf-8"))
    assert by_path.cleaned == by_bytes.cleaned == by_text.cleaned
    assert by_path.metadata.sha256 == by_bytes.metadata.sha256
    assert by_path.metadata.source_path == str(path)


def test_crlf_is_normalised_once(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First paragraph of the article, long enough to read.\r\n\r\nSecond one.")
    doc = inspector.inspect(path)
    assert "\r" not in doc.raw


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_encodings(tmp_path, encoding):
    text = "Le président a déclaré mercredi que l’accord était « historique »."
    if encoding == "cp1252":
        text = text.replace("’", "'").replace("« ", '"').replace(" »", '"')
    path = tmp_path / "enc.txt"
    path.write_bytes(text.encode(encoding))
    doc = inspector.inspect(path)
    assert "président" in doc.raw and doc.metadata.encoding


def test_kind_must_be_known():
    with pytest.raises(ValueError, match="kind"):
        inspector.inspect("Some text.", kind="pdf")


def test_inspecting_builds_no_line_objects(monkeypatch, fixtures):
    """The detectors share the context's plain line lists; an object per line
    (tens of thousands on a page) is only for detectors that ask for it."""
    from inspector.detectors import Context

    def refuse(self):
        raise AssertionError("a detector built ctx.lines")

    monkeypatch.setattr(Context, "lines", property(refuse))
    for name in ("fr-summit-scrape.txt", "inputs/article-en.txt", "inputs/article-de-utf16.txt"):
        assert inspector.inspect(fixtures / name, kind="text").raw
    assert inspector.inspect(fixtures / "fr-summit-scrape.txt").spans
    html = ("<html><body><nav><a href='/'>Home</a></nav><p>" + "Une phrase. " * 40
            + "</p></body></html>")
    assert inspector.inspect(html, kind="html").cleaned
