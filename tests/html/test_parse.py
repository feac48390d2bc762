"""The text layer: document order, block breaks, element ranges, source lines."""

from __future__ import annotations

from inspector.html.parse import parse


def test_text_layer_reads_naturally():
    page = parse("<html><head><title>Hi there</title></head><body><nav><a href=x>Home</a> "
                 "<a>News</a></nav><p>Hello <b>big</b>\n   world.</p><p>Two</p>"
                 "<table><tr><td>a</td><td>b</td></tr></table>x<br>y</body></html>")
    assert page.raw == "Hi there\n\nHome News\n\nHello big world.\n\nTwo\n\na b\n\nx\ny"
    assert page.title == "Hi there"


def test_script_and_style_text_are_in_raw_verbatim():
    page = parse("<body><p>Text.</p><script>var a = 1;\nvar b = 2;</script>"
                 "<style>p { color: red }</style></body>")
    assert "var a = 1;\nvar b = 2;" in page.raw
    assert "p { color: red }" in page.raw


def test_html_comments_are_not_text():
    page = parse("<body><p>Kept<!-- not this --> text</p></body>")
    assert page.raw == "Kept text"


def test_every_element_knows_its_range_and_line():
    page = parse("<html>\n<body>\n<div class='a b'>\n<p>One</p>\n<p>Two <i>x</i></p>\n"
                 "</div>\n</body>\n</html>")
    ps = [i for i, n in enumerate(page.nodes) if n.tag == "p"]
    assert [page.text_of(i) for i in ps] == ["One", "Two x"]
    assert [page.nodes[i].line for i in ps] == [4, 5]
    assert page.css_path(ps[1]) == "html > body > div.a.b > p:nth-of-type(2)"


def test_pre_keeps_its_white_space():
    page = parse("<body><pre>a  b\n  c</pre></body>")
    assert page.raw == "a  b\n  c"


def test_pre_of_highlighted_spans_keeps_words_and_lines_apart():
    # Syntax highlighters put every token in a <span>; the spaces and
    # newlines between them are text nodes of white space alone.
    page = parse("<body><pre><span>SELECT</span> <span>avg</span>(<span>n</span>)\n"
                 "<span>FROM</span> t\n</pre></body>")
    assert page.raw == "SELECT avg(n)\nFROM t"


def test_ten_thousand_levels_deep_keeps_the_text():
    html = "<html><body>" + "<div>" * 10_000 + "deep text" + "</div>" * 10_000 + "</body></html>"
    page = parse(html)
    assert page.raw == "deep text"
    assert page.truncated_depth  # read through the parser's events: no depth limit
    deepest = max(range(len(page.nodes)), key=lambda i: page.nodes[i].depth)
    assert page.css_path(deepest).endswith("div")  # capped, not recursive


def test_malformed_and_truncated_markup():
    page = parse("<html><body><div><p>Unclosed <b>bold <i>text</div></p><p>Next")
    assert "Unclosed bold text" in page.raw and "Next" in page.raw
    assert parse("<html><body><p>Cut off in the mid").raw == "Cut off in the mid"
    assert parse("<<<>>>< / p >").raw is not None


def test_nul_and_xml_declaration():
    page = parse('<?xml version="1.0" encoding="utf-8"?><html><body><p>a\x00b</p></body></html>')
    assert page.raw == "a\ufffdb"
