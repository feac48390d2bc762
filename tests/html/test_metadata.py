"""Title, author, date, URL, site name and language from the page's head."""

from __future__ import annotations

from .helpers import ARTICLE, inspect, page

HEAD = """
<title>Budget approved | The Daily Planet</title>
<meta property="og:title" content="Budget approved after a long night">
<meta property="og:site_name" content="The Daily Planet">
<meta property="article:published_time" content="2024-05-07T08:00:00Z">
<link rel="canonical" href="https://example.org/local/budget">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget approved",
 "author": [{"@type": "Person", "name": "Jane Smith"}, {"@type": "Person", "name": "Ali Ray"}],
 "publisher": {"@type": "Organization", "name": "Daily Planet Media"}}
</script>
"""


def test_meta_opengraph_and_json_ld():
    doc = inspect(page(f"<article>{ARTICLE}</article>", head=HEAD))
    meta = doc.metadata
    assert meta.title == "Budget approved after a long night"
    assert meta.site_name == "The Daily Planet"
    assert meta.date == "2024-05-07T08:00:00Z"
    assert meta.url == "https://example.org/local/budget"
    assert meta.author == "Jane Smith, Ali Ray"
    assert meta.language == "en"


def test_title_falls_back_to_the_title_element_and_lang_to_html():
    doc = inspect("<html lang='fr-FR'><head><title>Le budget</title></head><body>"
                  f"<article>{ARTICLE}</article></body></html>")
    assert doc.metadata.title == "Le budget"
    assert doc.metadata.language == "fr"


def test_broken_json_ld_is_ignored():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
    doc = inspect(page(f"<article>{ARTICLE}</article>", head=head))
    assert doc.metadata.author is None
