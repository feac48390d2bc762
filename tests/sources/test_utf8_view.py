"""``Loaded.utf8`` hands the detectors UTF-8 bytes only when they are the text's UTF-8."""

from inspector.sources import load


def test_utf8_is_the_bytes_read_when_they_encode_the_text():
    data = "Café « crème »\nsecond line\n".encode()
    loaded = load(data, kind="text")
    assert loaded.utf8 is data
    assert loaded.utf8 == loaded.text.encode("utf-8")


def test_utf8_is_none_when_the_text_differs_from_the_bytes():
    for data in (b"\xef\xbb\xbfwith a byte-order mark\n", b"windows\r\nnewlines\r\n",
                 "Latin-1 café\n".encode("cp1252"), "UTF-16 text\n".encode("utf-16")):
        assert load(data, kind="text").utf8 is None
    assert load("a string with\r\nwindows newlines", kind="text").utf8 is None


def test_a_string_source_keeps_the_encoding_made_for_its_hash():
    loaded = load("plain text given as a string\nsecond line, café", kind="text")
    assert loaded.utf8 == loaded.text.encode("utf-8")


def test_inspect_finds_the_same_with_and_without_the_bytes():
    import inspector
    from inspector.pipeline import inspect_text
    from inspector.rules import load_rules

    text = "By Jane Doe\nMarch 3, 2020\n\nvar x = 1; function f() { return x; }\n\nCafÃ© text.\n"
    rules = load_rules(())
    with_bytes = inspector.inspect(text.encode(), kind="text", rules=rules)
    without = inspect_text(text, rules)
    assert [(s.start, s.end, s.rule) for s in with_bytes.spans] == [
        (s.start, s.end, s.rule) for s in without.spans]
    assert with_bytes.cleaned == without.cleaned
