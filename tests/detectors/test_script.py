"""Leaked script, JSON and CSS are found by shape, also when keywords are translated."""

from __future__ import annotations

from inspector.detectors import Context
from inspector.detectors.script import code_score, detect_script
from inspector.model import Category


def spans(raw, rules):
    return list(detect_script(Context(raw=raw, rules=rules)))


def test_translated_facebook_sdk_is_one_script_span(rules, fixtures):
    raw = (fixtures / "fr-summit-scrape.txt").read_text(encoding="utf-8")
    found = spans(raw, rules)
    assert len(found) == 1
    code = raw[found[0].start:found[0].end]
    assert code.startswith("window.fbApi = (function ()")
    assert code.endswith("})();")  # "Lien source" after it is not code
    assert "pour (i = 0; i < l; i++)" in code and "fbApiInit = vrai" in code
    assert found[0].category is Category.SCRIPT and found[0].confidence >= 0.9


def test_multi_line_script_with_bracket_lines_is_one_span(rules):
    raw = ("Der Bundestag hat am Freitag abgestimmt.\n"
           "var googletag = googletag || {};\n"
           "googletag.cmd = googletag.cmd || [];\n"
           "googletag.cmd.push(function() {\n"
           "  googletag.display('div-gpt-ad-1');\n"
           "});\n"
           "Die Opposition kritisierte das Verfahren scharf.")
    found = spans(raw, rules)
    assert len(found) == 1
    assert raw[found[0].start:found[0].end].startswith("var googletag")
    assert raw[found[0].start:found[0].end].endswith("});")


def test_json_blob_is_script(rules):
    raw = ('Texto del artículo.\n'
           '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Hola",'
           ' "datePublished": "2019-11-20"}\n'
           'Más texto del artículo.')
    found = spans(raw, rules)
    assert len(found) == 1 and raw[found[0].start] == "{"


def test_css_is_style(rules):
    raw = ("Il testo dell'articolo.\n"
           ".article-body p { margin: 0 0 1em; font-size: 18px; } .ad { display: none; }\n")
    found = spans(raw, rules)
    assert len(found) == 1 and found[0].category is Category.STYLE


def test_prose_with_parentheses_and_equals_is_not_code(rules):
    raw = ("The ratio (roughly 3 = 1 in the survey) surprised economists; they had expected "
           "less. In 2019 the index rose 4% (after a 2% fall).\n"
           "Prices were up; wages were not.")
    assert spans(raw, rules) == []
    assert code_score("The ratio (roughly 3 = 1 in the survey) surprised economists") < 0.3


def test_code_after_a_sentence_on_the_same_line_keeps_the_sentence(rules):
    raw = "Le sommet s'est terminé mercredi. window.dataLayer = window.dataLayer || [];"
    found = spans(raw, rules)
    assert len(found) == 1
    assert raw[found[0].start:].startswith("window.dataLayer")


def test_leaked_ad_and_analytics_lines_from_real_pages(rules):
    """Lines as //body//text() dumps leave them (ScrapingHub benchmark pages)."""
    raw = "\n".join([
        "Apple is now in every Fortune 500 company, Cook said on stage.",
        "googletag.",
        "cmd.push(function() { googletag.display('div-gpt-ad-1557853533371-0'); });",
        "\tvar DEsubc=\"capa\";  // Subcanal capa ou outros.",
        "(window.cookieOptions && cookieOptions.msg) || 'Deze site gebruikt cookies van Google',",
        ".fixedfortop{position: absolute; top: 0; left: 0;width: 100%;height: 100%;",
        "    clip-path: polygon(0px 0px,100% 0px,100% 100%,0px 100%)!important;",
        "}",
        "_WidgetManager._SetDataContext([{'name': 'blog', 'data': {'blogId': '1746'}}]);",
        "The shares rose 3% on Tuesday.",
    ])
    found = spans(raw, rules)
    assert len(found) == 1
    code = raw[found[0].start:found[0].end]
    assert code.startswith("googletag.") and code.endswith("}}]);")


def test_sentences_that_look_a_little_technical_are_prose(rules):
    raw = "\n".join([
        "U.S. officials said on Monday (local time) that it's over.",
        "Note: the width was 100% of what's needed; they agreed.",
        "Mr. Smith (the CEO) said: we're fine.",
        "Yes: he said it, twice.",
    ])
    assert spans(raw, rules) == []


def test_continuation_lines_of_scripts(rules):
    for line in ["( 'fetch' in window ) || document.write( '<script src=\"x.js\"></script>' );",
                 '$("img.caption:not(.caption-processed)").each(function(i) {',
                 "if(window.innerWidth < 1025)",
                 "      st.src = ('https:' == document.location.protocol",
                 "!function(f,b,e,v,n,t,s)",
                 "delete window.BGRPageAdSlots[path];"]:
        assert spans(line, rules), line
    for line in ["He looked out of the window. Then he left.",
                 "If (as expected) the vote passes, the law changes.",
                 "The price was $(5) per unit; nobody was happy.",
                 "Return to sender; he said it twice."]:
        assert not spans(line, rules), line


def test_a_style_sheet_and_script_split_one_statement_a_line(rules):
    """Text dumps of <style> and <script> put each selector, declaration and
    statement on its own line, with blank lines between (real page, xpath dump)."""
    code_lines = [".article-optin-cont-l img {", "box-shadow:none;", "    *opacity: 0;",
                  "-moz-animation: scroll-down-animate 3s infinite;", ".owl-prev",
                  ".owl-nav span", ".E-news-letter-box:after", ".node-article .field-name-body img",
                  "   #article4 .node .field-name-body .yeti_main_container",
                  "if(!title)", "title = $(this).find('#short-title')[0];",
                  "else if (secondshow == true)", '   $(".marquee").marquee(']
    raw = "\n\n".join(["The hearing ended on Wednesday after nine hours.", *code_lines,
                       "Lawmakers will meet again next week."])
    removed = "".join(raw[s.start:s.end] for s in spans(raw, rules) if s.removed)
    for line in code_lines:
        assert line.strip() in removed
    assert "hearing" not in removed and "Lawmakers" not in removed


def test_prose_that_opens_like_a_selector_or_a_condition_stays(rules):
    prose = ["#MeToo #TimesUp", "If (as expected) the vote passes, taxes will rise.",
             "Note: see the report;", "The $(x) notation is used by jQuery.",
             ".NET developers are in demand, the survey found.", ".DJI", ".SPX"]
    raw = "\n\n".join(prose)
    assert [raw[s.start:s.end] for s in spans(raw, rules)] == []


def test_a_leaked_html_template_is_code_in_a_text_dump_only(rules):
    template = ['<div class="ask-a-question--dialog-header">Want more information?</div>',
                '<label for="askaquestion-name" class="hidden-text-label">Name</label>',
                '<input type="text" name="name" placeholder="Your Full Name" required/>',
                "<p>Your message has been successfully sent. We will contact you soon!</p>"]
    raw = "\n".join(["The company signed a distribution deal on Monday.", *template,
                     "Use the <div> element for layout, the guide says."])
    removed = "".join(raw[s.start:s.end] for s in spans(raw, rules) if s.removed)
    for line in template:
        assert line in removed
    assert "Monday" not in removed and "guide says" not in removed
    html_ctx = Context(raw=raw, rules=rules, kind="html")
    assert not [s for s in detect_script(html_ctx) if s.removed]


def test_candidate_lines_hold_every_line_that_may_be_code():
    from inspector.detectors.script import _candidate_lines, _maybe_code

    lines = ["Plain prose without marks", "a = 1", "call(x)", "  #hashtag", "\u00a0.cls",
             "<div>", "window.location", "x document.title", "/* c */", "@media", "",
             "é; ü", '"k": 1', "## A heading", "# x }", "#  a function b", ".é function",
             "# functions", "# fun functionality", "< p", "</p>", "#function", "end"]
    raw = "\n".join(lines)
    found = _candidate_lines(raw)
    assert found == sorted(set(found))
    assert {i for i, line in enumerate(lines) if _maybe_code(line)} <= set(found)
    assert 0 not in found and len(lines) - 1 not in found
    # Markdown headings and lines that only open with ".", "#" or "<" are not candidates.
    assert not {lines.index(x) for x in ("## A heading", "# functions", "# fun functionality",
                                          "< p")} & set(found)
    for first in ("#x", ".a", "<b>", "# }"):
        assert 0 in _candidate_lines(first + "\nprose")
    assert _candidate_lines("  # heading\nprose") == []


def test_candidate_lines_hold_the_lines_that_may_be_code_on_real_pages():
    from pathlib import Path

    from inspector.detectors.script import _candidate_lines, _maybe_code

    cases = Path(__file__).parent.parent / "cases"
    for path in sorted(cases.rglob("input.txt")):
        raw = path.read_text(encoding="utf-8")
        lines = raw.split("\n")
        found = set(_candidate_lines(raw))
        assert {i for i, line in enumerate(lines) if _maybe_code(line)} <= found, path.name


def test_code_line_numbers_are_the_code_lines(rules):
    from inspector.detectors.script import code_line_numbers, code_lines

    raw = "\n".join(["Some prose here.", "var x = 1;", "", "More prose.", "$('#a').hide();"])
    ctx = Context(raw=raw, rules=rules)
    assert code_line_numbers(ctx) == [i for i, (code, _) in enumerate(code_lines(ctx)) if code]
    assert code_line_numbers(ctx) == [1, 4]
