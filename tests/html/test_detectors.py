"""One test per structural detector, on small snippets shaped like real pages."""

from __future__ import annotations

import pytest

from .helpers import ARTICLE, inspect, page, rule_of


def test_article_text_is_kept_whole():
    doc = inspect(page(f"<article>{ARTICLE}</article>"))
    assert "approved the new budget" in doc.cleaned
    assert "the numbers were sound." in doc.cleaned
    assert rule_of(doc, "Officials said the plan") is None


@pytest.mark.parametrize(("markup", "text", "rule"), [
    ("<script>window.dataLayer = window.dataLayer || [];</script>", "window.dataLayer",
     "html.script"),
    ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', "NewsArticle",
     "html.script"),
    ("<style>.share { display: flex }</style>", ".share", "html.style"),
    ("<noscript>Please enable JavaScript to view the comments.</noscript>", "Please enable",
     "html.embedded"),
    ("<template><p>Loading story…</p></template>", "Loading story", "html.embedded"),
    ("<iframe>Your browser does not support frames.</iframe>", "does not support frames",
     "html.embedded"),
    ("<svg><title>Facebook logo</title></svg>", "Facebook logo", "html.embedded"),
])
def test_code_and_embedded(markup, text, rule):
    doc = inspect(page(f"<article>{ARTICLE}{markup}</article>"))
    assert rule_of(doc, text) == rule


def test_head_is_metadata():
    doc = inspect(page(f"<article>{ARTICLE}</article>"))
    assert rule_of(doc, "Budget approved") == "html.head"
    assert doc.metadata.title == "Budget approved"


@pytest.mark.parametrize("markup", [
    "<div hidden>Subscribe to read more stories like this one every single day.</div>",
    "<div style='display: none'>Subscribe to read more stories like this one every day.</div>",
    "<div aria-hidden='true'>Subscribe to read more stories like this one every day.</div>",
])
def test_hidden(markup):
    doc = inspect(page(f"<article>{ARTICLE}{markup}</article>"))
    assert rule_of(doc, "Subscribe to read") == "html.hidden"


@pytest.mark.parametrize(("markup", "text", "rule"), [
    ("<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>",
     "World", "html.nav"),
    ("<header><a href='/'>The Daily Planet</a><span>Tuesday</span></header>", "Daily Planet",
     "html.header"),
    ("<footer><p>About us</p><p>Contact</p><p>Jobs at the paper</p></footer>", "Jobs at",
     "html.footer"),
    ("<aside><h3>Opinion</h3><p>Why the budget vote matters more than you think.</p></aside>",
     "Why the budget", "html.aside"),
    ("<form action='/search'><label>Search the site</label><input name=q></form>",
     "Search the site", "html.form"),
    ("<div role='navigation'><a href='/a'>Sports</a> <a href='/b'>Weather</a></div>", "Weather",
     "html.nav"),
])
def test_landmarks(markup, text, rule):
    doc = inspect(page(f"{markup}<article>{ARTICLE}</article>"))
    assert rule_of(doc, text) == rule


@pytest.mark.parametrize(("markup", "text", "rule"), [
    ("<div id='cookie-notice'>We use cookies to improve your experience on our website, "
     "and by continuing you agree to this.</div>", "We use cookies", "html.names.cookie"),
    ("<div class='share-bar'><a>Facebook</a> <a>Twitter</a> <a>Email</a></div>", "Facebook",
     "html.names.share"),
    ("<div class='newsletter-signup'><p>Get our best stories in your inbox every morning, "
     "free of charge.</p></div>", "Get our best", "html.names.newsletter"),
    ("<div class='related-articles'><h3>Read next</h3><p>Council to vote on new parking "
     "rules later this month, officials say.</p></div>", "Council to vote",
     "html.names.related"),
    ("<div id='comments'><p>I think this is a great decision by the council, and I hope the "
     "schools are built soon.</p></div>", "I think this", "html.names.comments"),
    ("<ol class='breadcrumb'><li>Home</li><li>Local</li></ol>", "Local",
     "html.names.breadcrumb"),
    ("<div class='ad-slot'>Advertisement</div>", "Advertisement", "html.names.ads"),
    ("<div class='post-tags'><a>budget</a> <a>schools</a></div>", "schools", "html.names.tags"),
    ("<div class='byline'>By Jane Smith</div>", "Jane Smith", "html.names.byline"),
])
def test_class_and_id_names(markup, text, rule):
    doc = inspect(page(f"<article>{markup}{ARTICLE}</article>"))
    assert rule_of(doc, text) == rule


def test_byline_goes_to_metadata():
    doc = inspect(page(f"<article><div class='byline'>By Jane Smith</div>{ARTICLE}</article>"))
    assert doc.metadata.author == "Jane Smith"


def test_wordpress_taxonomy_classes_do_not_remove_the_article():
    # "tag-budget" and "category-news" name the article's topics, not a tag list.
    doc = inspect(page(f"<article class='post type-post category-news tag-budget'>{ARTICLE}"
                       "</article>"))
    assert "approved the new budget" in doc.cleaned


def test_a_furniture_name_on_the_article_wrapper_is_overruled():
    doc = inspect(page(f"<form id='aspnetForm'><div class='main-nav-wrapper'>{ARTICLE}</div>"
                       "</form>"))
    assert "approved the new budget" in doc.cleaned


def test_teaser_lists():
    teasers = "".join(
        f"<li class='story'><a href='/s{n}'>Headline number {n} about the city</a>"
        f"<p>A short summary of story {n}, which reads like prose in every way.</p></li>"
        for n in range(4))
    doc = inspect(page(f"<article>{ARTICLE}</article><ul class='more'>{teasers}</ul>"))
    assert rule_of(doc, "Headline number 2") in ("html.teasers", "html.names.related")
    doc = inspect(page(f"<div>{ARTICLE}<ul>{teasers}</ul></div>"))
    assert rule_of(doc, "A short summary of story 3") == "html.teasers"


def test_link_lists_inside_the_article():
    links = "<p><a href='/1'>Budget</a> | <a href='/2'>Schools</a> | <a href='/3'>Mayor</a></p>"
    doc = inspect(page(f"<article>{ARTICLE}{links}{ARTICLE}</article>"))
    assert rule_of(doc, "Schools") == "html.link_density"
    related = "".join(f"<li><a href='/r{n}'>Another story about the city, number {n}</a></li>"
                      for n in range(4))
    doc = inspect(page(f"<article>{ARTICLE}<ul>{related}</ul></article>"))
    assert rule_of(doc, "story about the city, number 2") == "html.link_density"


def test_reference_lists_inside_the_article_are_kept():
    # Some notes are mostly their linked title, but the list as a whole is text.
    cites = "".join(f"<li>^ <a href='/n{n}'>\"Report on the city budget, part {n}\"</a>. "
                    f"2020.</li>" for n in range(3))
    notes = "".join(f"<li>^ The council counted the reserve differently in {n + 2010}, when the "
                    "rules on pensions changed and the state took over part of the cost.</li>"
                    for n in range(3))
    doc = inspect(page(f"<article>{ARTICLE}<ol class='references'>{cites}{notes}</ol>"
                       "</article>"))
    assert rule_of(doc, "Report on the city budget, part 2") is None


def test_headline_moves_to_metadata():
    doc = inspect(page(f"<article><h1>Budget approved after long night</h1>{ARTICLE}</article>"))
    assert rule_of(doc, "Budget approved after") == "html.headline"


def test_outside_the_article():
    doc = inspect(page(f"<div class='top'><span>Tuesday, May 5</span></div>"
                       f"<div class='body'>{ARTICLE}</div>"
                       "<div><p>Weather: sunny</p></div>"))
    assert rule_of(doc, "Weather: sunny") == "html.outside"
    span = next(s for s in doc.spans if s.rule == "html.outside")
    assert span.element and span.element.startswith("html > body")


def test_text_detectors_clean_inside_the_article():
    html = page(f"<article>{ARTICLE}<p>Pour visionner cette vidéo, veuillez activer "
                "JavaScript et envisager de passer à un navigateur web qui prend en charge "
                "la vidéo HTML5.</p></article>")
    doc = inspect(html)
    assert "Pour visionner" not in doc.cleaned
    assert "approved the new budget" in doc.cleaned


def test_spans_carry_element_and_source_line():
    html = page(f"\n<nav>\n<a href='/'>Home</a>\n</nav>\n<article>{ARTICLE}</article>")
    doc = inspect(html)
    nav = next(s for s in doc.spans if s.rule == "html.nav")
    assert nav.element == "html > body > nav"
    assert nav.source_line == 2


def test_code_the_page_shows_in_pre_is_article_text():
    example = ("<pre><code>var cow = new Cow();\nfunction greet(target) {\n"
               "  return this.name + \" greets \" + target;\n}</code></pre>")
    doc = inspect(page(f"<article>{ARTICLE}{example}<p>The second example shows more of "
                       f"the same idea, and the cow greets everyone it meets today.</p>"
                       f"</article>"))
    assert "function greet(target)" in doc.cleaned
    flagged = [s for s in doc.spans if s.detector == "script"]
    assert flagged and all(not s.removed for s in flagged)


def test_a_list_of_article_teasers_is_not_the_article():
    # Teasers marked up as <article> items do not make their list the article,
    # even when their summaries add up to more prose than the story itself.
    items = "".join(
        f"<article class='card'><a href='/d{n}'><h2>Deal number {n}: a discount on laptops"
        f"</h2></a><p>Retailers have cut the price of laptop number {n} again this week, and "
        f"the discount is said to be the largest since the summer sales began...</p></article>"
        for n in range(6))
    doc = inspect(page(f"<main><article>{ARTICLE}</article><div class='secondary'><aside>"
                       f"<div class='deals'>{items}</div></aside></div></main>"))
    assert "the numbers were sound." in doc.cleaned
    assert "laptop number 3" not in doc.cleaned


def test_a_gallery_inside_the_article_goes_however_long_its_captions():
    slides = "".join(f"<li>{n}/30 Picture {n}: the council chamber during the budget debate, "
                     f"where members argued late into the night about schools.</li>"
                     for n in range(30))
    doc = inspect(page(f"<article>{ARTICLE}<div class='full-gallery'><ul>{slides}</ul></div>"
                       "</article>"))
    assert "the numbers were sound." in doc.cleaned
    assert rule_of(doc, "Picture 12") == "html.names.media"


def test_a_footer_is_furniture_even_when_it_outweighs_a_short_story():
    story = ("<p>The son of a former president was stabbed to death on Tuesday during a talk "
             "at the clinic where he worked, and police arrested a suspect at the scene.</p>")
    notice = ("<p>Our customer service centre can be contacted with any questions or requests "
              "by telephone on weekdays, by fax, or by e-mail; the centre is open from eight in "
              "the morning until six in the evening, and on Fridays until one in the afternoon, "
              "except on public holidays and the days before them.</p>")
    doc = inspect(page(f"<div class='story'>{story}</div><div class='footer-wrap'>"
                       f"<div class='footer-text'>{notice}</div></div>"))
    assert "police arrested a suspect" in doc.cleaned
    assert "customer service centre" not in doc.cleaned


def test_lines_of_one_paragraph_are_read_together():
    # A list of products written as one <p> cut by <br>: the address lines are
    # links, yet they are lines of the article's paragraph, not a menu.
    items = "".join(f"{n}) Board game number {n}, the deluxe edition<br>"
                    f"<a href='http://amzn.example/{n}'>http://amzn.example/{n}</a><br>"
                    for n in range(1, 9))
    doc = inspect(page(f"<article>{ARTICLE}<p>{items}</p></article>"))
    assert "http://amzn.example/5" in doc.cleaned
    assert "Board game number 8" in doc.cleaned


def test_without_prose_the_page_markup_names_the_article():
    dates = "".join(f"Round {n}: {n + 2} March – Interlagos<br>" for n in range(1, 13))
    doc = inspect(page(
        "<div class='main'><div itemprop='articleBody'><h3>Stock car calendar 2018</h3>"
        f"<p>{dates}</p><p>Note: comments that are offensive will not be approved "
        "by the moderator of this site.</p></div></div>"))
    assert "Round 7: 9 March" in doc.cleaned


def test_a_read_more_box_that_unfolds_the_story_is_the_story():
    doc = inspect(page(
        "<div class='story-body'><p>The council met on Tuesday.</p><div id='read-more'>"
        f"<button>Read more</button>{ARTICLE}</div></div>"
        "<div class='more-stories'><a href='/a'>Another story about the city budget</a></div>"))
    assert "the numbers were sound." in doc.cleaned
    doc = inspect(page(
        f"<article>{ARTICLE}</article><div class='related'><ul>"
        + "".join(f"<li><a href='/r{n}'>Another story about the city, number {n}</a></li>"
                  for n in range(6)) + "</ul></div>"))
    assert "number 3" not in doc.cleaned


def test_teasers_with_short_headlines():
    items = "".join(
        f"<div class='tumb'><div class='title'><a href='/d{n}'>Диета номер {n}</a></div>"
        f"<div class='body'>Популярная диета при активном ритме жизни, вариант {n}.</div></div>"
        for n in range(5))
    doc = inspect(page(f"<div class='ct'>{ARTICLE}<div id='tumblock'><h2>Самые популярные</h2>"
                       f"{items}</div></div>"))
    assert rule_of(doc, "вариант 3") == "html.teasers"


def test_a_heading_that_repeats_the_page_title_is_the_headline():
    head = "<title>Council approves the new budget - The Daily Planet</title>"
    doc = inspect(page(f"<div class='story'><p class='titulo'>Council approves the new budget"
                       f"</p>{ARTICLE}<h2>What the budget means</h2></div>", head=head))
    headlines = [doc.raw[s.start:s.end] for s in doc.spans if s.rule == "html.headline"]
    assert headlines == ["Council approves the new budget"]
    assert rule_of(doc, "What the budget means") is None


def test_the_story_behind_a_paywall_name_is_the_story():
    doc = inspect(page(f"<article><p>The council met on Tuesday.</p><div class='paywall'>"
                       f"{ARTICLE}</div></article><div class='newsletter'><p>Sign up for our "
                       "newsletter</p><a href='/s'>Subscribe</a></div>"))
    assert "the numbers were sound." in doc.cleaned
    assert "Sign up for our newsletter" not in doc.cleaned


def test_short_articles_beside_the_article_are_a_list_of_stories():
    posts = "".join(
        f"<article class='postbox'><div><a href='/w{n}'>Whatsapp</a> <a href='/f{n}'>Facebook"
        f"</a></div><p>Another message number {n} about hope and courage, which the site "
        f"shows under every story so that readers stay a little longer on it …</p></article>"
        for n in range(6))
    doc = inspect(page(f"<div class='columns'><article class='postbox'>{ARTICLE}</article>"
                       f"<article class='postbox'><h3>You may like</h3>{posts}</article></div>"))
    assert "the numbers were sound." in doc.cleaned
    assert rule_of(doc, "message number 4") == "html.story_list"


def test_a_live_blog_of_short_articles_is_kept():
    posts = "".join(f"<article><p>Update {n}: the council is still debating the budget, and "
                    f"the mayor spoke again at {n + 8} o'clock to the members.</p></article>"
                    for n in range(6))
    doc = inspect(page(f"<main><h1>Live: budget night</h1>{posts}</main>"))
    assert "Update 4: the council" in doc.cleaned


def test_a_table_of_contents_inside_the_article_is_kept():
    toc = ("<div class='toc'><h2>Contents</h2><ul><li><a href='#history'>1 History of the "
           "budget</a></li><li><a href='#vote'>2 The vote</a></li><li><a href='#critics'>3 "
           "What the critics say</a></li></ul></div>")
    doc = inspect(page(f"<article><p>The budget, explained.</p>{toc}{ARTICLE}</article>"))
    assert "What the critics say" in doc.cleaned
    menu = "".join(f"<li><a href='#'>Section {n}</a></li>" for n in range(5))
    doc = inspect(page(f"<article>{ARTICLE}<ul>{menu}</ul>{ARTICLE}</article>"))
    assert "Section 3" not in doc.cleaned
