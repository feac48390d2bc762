"""Captions end in a credit; they are moved to metadata with the credit kept."""

from __future__ import annotations

from inspector.detectors import Context
from inspector.detectors.captions import detect_captions
from inspector.model import Metadata


def run(raw, rules):
    ctx = Context(raw=raw, rules=rules, metadata=Metadata())
    found = list(detect_captions(ctx))
    return [raw[s.start:s.end] for s in found], ctx.metadata.captions


def test_french_captions_mid_paragraph(rules, fixtures):
    raw = (fixtures / "fr-summit-scrape.txt").read_text(encoding="utf-8")
    texts, captions = run(raw, rules)
    assert any(t.endswith("avant le sommet (Photo : AP)") for t in texts)
    assert ("Le président russe a indiqué sa volonté d’aider son collègue dictateur à lancer "
            "ses propres satellites et fusées (Photo : AFP via Getty Images)") in texts
    assert any(t.endswith("était remarquable (Photo : Reuters)") for t in texts)
    assert any(t.startswith("Peu avant le sommet") and t.endswith("(Photo : AFP via Getty)")
               for t in texts)
    # the article sentence right after a caption is not part of it
    assert not any("Les responsables américains" in t for t in texts)
    assert {c.credit for c in captions} >= {"Photo : AP", "Photo : Reuters"}


def test_credit_line_takes_the_caption_line_above(rules):
    raw = ("Heavy air pollution in Delhi is shaving years off the lives of millions.\n"
           "Biplov Bhuyan/Hindustan Times/Getty Images\n\n"
           "The city handed out masks to schoolchildren.")
    texts, captions = run(raw, rules)
    assert texts == ["Heavy air pollution in Delhi is shaving years off the lives of millions.\n"
                     "Biplov Bhuyan/Hindustan Times/Getty Images"]
    assert captions[0].credit == "Biplov Bhuyan/Hindustan Times/Getty Images"


def test_german_and_spanish_labels(rules):
    raw = ("Feuerwehrleute löschen den Brand in der Altstadt. Bild: dpa\n"
           "Los bomberos trabajan en la zona afectada. Foto: EFE\n")
    texts, _ = run(raw, rules)
    assert any(t.endswith("Bild: dpa") for t in texts)
    assert any(t.endswith("Foto: EFE") for t in texts)


def test_credit_may_open_with_a_copyright_sign(rules):
    raw = ("The simulation shows gas flowing along the filaments between cosmic voids.\n"
           "(Image: © TNG Collaboration)\n\n"
           "Astronauts photographed the aurora from orbit. Photo: © NASA/JPL\n\n"
           "The researchers said the map would help © holders little.")
    texts, captions = run(raw, rules)
    assert "(Image: © TNG Collaboration)" in texts[0]
    assert texts[1].endswith("Photo: © NASA/JPL")
    assert {c.credit for c in captions} == {"Image: © TNG Collaboration", "Photo: © NASA/JPL"}
    assert not any("holders" in t for t in texts)


def test_dateline_agency_is_not_a_caption(rules):
    raw = ("LONDON (Reuters) - Britain's economy grew faster than expected in the third "
           "quarter, official figures showed on Monday.\n"
           "PARIS (AFP) — Le gouvernement a présenté mercredi son projet de budget.")
    texts, captions = run(raw, rules)
    assert texts == [] and captions == []


def test_article_sentence_mentioning_a_photo_is_kept(rules):
    raw = ("The photo, taken by an AP photographer in 1972, became a symbol of the war. "
           "Reuters reported that the image was later restored.")
    assert run(raw, rules)[0] == []


def test_gallery_captions(rules):
    raw = ("1of4Grass Valley's Dionicio Torres looks at the gas can selection before\n"
           "taking the last 5-gallon gas can on the shelves.\n\n"
           "2 of 4 A shopper looks at extension cords. (Elias Funez/The Union via AP)\n\n"
           "SAN FRANCISCO (AP) — Pacific Gas & Electric Co. was set to begin shutting off power.")
    texts, captions = run(raw, rules)
    assert texts[0].startswith("1of4Grass") and texts[0].endswith("on the shelves.")
    assert any(t.startswith("2 of 4 A shopper") for t in texts)
    assert not any("SAN FRANCISCO" in t for t in texts)
    assert len(captions) >= 2


def test_labelled_credits_found_near_colons_as_by_a_scan_of_every_position(rules):
    """The shortcut (patterns tried only before colons with a label) finds
    what trying the labelled pattern at every position of each line finds."""
    from inspector.detectors import captions

    labels, agencies = captions._labels_and_agencies(rules)
    labelled = captions._patterns(labels, agencies)[1]
    label_set, finder = captions._finders(labels, agencies)
    reach = captions._word_reach(labels, agencies)
    head = captions._label_head(labels)
    assert head is not None
    raw = ("A very long line " + "time 10:30, ratio 3:1; " * 200
           + "the fire in the old town Photo: EFE The firemen came.\n"
           "xphoto credit: John Smith\n"
           "Photo credit:   John Smith\n"
           "Foto：Reuters\n"
           "Bildquelle\t :  dpa / Max Muster\n"
           "PHOTO   CREDIT: Jane Doe\n"
           "Photo : AP Photo: Reuters\n")
    ctx = Context(raw=raw, rules=rules)
    fast = list(captions._labelled_credits(ctx, labelled, head, label_set, finder, reach))
    slow = list(captions._labelled_credits(ctx, labelled, None, label_set, finder, reach))
    assert fast == slow and len(fast) >= 4


def test_merged_alternation_matches_the_same_strings(rules):
    import re

    from inspector.detectors import captions

    labels, agencies = captions._labels_and_agencies(rules)
    for words in (labels, agencies):
        plain = re.compile("|".join(re.escape(x).replace(r"\ ", r"\s+") for x in words),
                           re.IGNORECASE)
        merged = re.compile(captions._merged(captions._label_tokens(x) for x in words),
                            re.IGNORECASE)
        samples = {*words, *(x.upper() for x in words), *(x[:-1] for x in words),
                   *(x.replace(" ", "  ") for x in words), *(x + "s" for x in words)}
        for text in samples:
            assert bool(plain.fullmatch(text)) == bool(merged.fullmatch(text)), text


def test_gallery_numbers_open_lines_only(rules):
    from inspector.detectors.captions import _gallery_openings

    raw = "1 of 4 A boat.\nText 2 of 4 B.\n  3/12 “Quote”\n\n12 de 20 Casa"
    found = _gallery_openings(Context(raw=raw, rules=rules))
    assert [raw[s:e] for s, e in found] == ["1 of 4", "  3/12", "12 de 20"]


def test_gallery_openings_found_on_date_line_candidates_as_by_a_scan(rules):
    """Looked for on the lines that can hold a date, the "1 of 4" openings
    are those a scan of the whole text, from newline to newline, finds."""
    import re

    from inspector.detectors.captions import _GALLERY, _gallery_openings

    after_newline = re.compile(rf"\n({_GALLERY.pattern})")

    def scanned(raw):
        first = _GALLERY.match(raw)
        return ([first.span()] if first else []) + [m.span(1) for m in after_newline.finditer(raw)]

    for raw in ["1 of 4 A boat.\nText 2 of 4 B.\n  3/12 “Quote”\n\n12 de 20 Casa",
                "\t2of4«Bild»\n x 1 of 4 A\n9 von 12 Ähre\n1 of 4\nB 3 of 5 C\n 7 / 8 D",
                "٢ of ٤ Arabic digits\n  ١ / ٣ “Q”\n1 of 4 A\n", "", "\n\n4 of 5 Z\n"]:
        found = list(_gallery_openings(Context(raw=raw, rules=rules)))
        assert found == scanned(raw) and (found or not raw.strip()), raw


def test_grouped_alternation_matches_as_the_plain_one(rules):
    import re

    from inspector.detectors import captions

    labels, agencies = captions._labels_and_agencies(rules)
    for words, flags in ((labels, re.IGNORECASE), (agencies, 0)):
        plain = re.compile("|".join(sorted((re.escape(x).replace(r"\ ", r"\s+") for x in words),
                                           key=len, reverse=True)), flags)
        grouped = re.compile(captions._alternation(words, ignore_case=bool(flags)), flags)
        assert grouped.pattern != plain.pattern
        text = " ".join([*words, *(x.upper() for x in words), "İmage ſource Kredit x"])
        assert ([m.span() for m in grouped.finditer(text)]
                == [m.span() for m in plain.finditer(text)])


def test_credit_lines_are_looked_for_on_short_lines_only(rules):
    long_line = "Reuters " * 40
    texts, _ = run("Heavy rain in the city.\nJohn Smith/Reuters\n" + long_line, rules)
    assert texts == ["Heavy rain in the city.\nJohn Smith/Reuters"]


def test_credit_line_candidates_hold_every_line_the_pattern_matches(rules):
    """Lines ending in an agency or holding one before "/", "|" or "via" are
    the only ones ``credit_line`` can match; the candidates are exactly those."""
    from inspector.detectors import captions

    labels, agencies = captions._labels_and_agencies(rules)
    credit_line = captions._patterns(labels, agencies)[3]
    lines = ["Getty Images", "  John Smith / AFP via Getty Images \t", "Reuters/John Doe",
             "Photo by Reuters", "Bloomberg | Jane Roe", "dpa", "The sky. Reuters said",
             "AP Photo\u00a0", "Getty\u00a0\u00a0Images", "JohnforAFP", "EPA via Max Muster",
             "a/b", "nothing here", "", "Ends in Reuters.", "Thomson Reuters"]
    raw = "\n".join(lines)
    ctx = Context(raw=raw, rules=rules)
    found = captions._credit_line_candidates(ctx, agencies, "\n" + raw[::-1])
    # Not 7: a no-break space is no [ \t] before the line end; 8: it is one between words.
    # Not 11: "a/b" holds no agency before its "/".
    assert found == [0, 1, 2, 3, 4, 5, 8, 9, 10, 15]
    assert {i for i, line in enumerate(lines) if credit_line.match(line)} <= set(found)


def test_credit_line_candidates_miss_no_line_the_pattern_matches(rules):
    """Every short line ``credit_line`` matches is a candidate, on lines of
    agencies, names and separators put together at random."""
    import random

    from inspector.detectors import captions

    labels, agencies = captions._labels_and_agencies(rules)
    credit_line = captions._patterns(labels, agencies)[3]
    pieces = [*agencies[:40], "Getty Images", "AFP via Getty Images", "John Smith", "Jane",
              "/", " / ", "|", " | ", "via", " via ", " for ", " ", "\t", "\u00a0", ".", "a/b"]
    rng = random.Random(7)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
             for _ in range(3000)]
    raw = "\n".join(lines)
    ctx = Context(raw=raw, rules=rules)
    found = captions._credit_line_candidates(ctx, agencies, "\n" + raw[::-1])
    matched = {i for i, line in enumerate(lines) if credit_line.match(line)}
    assert len(matched) > 500
    assert matched <= set(found)


def test_label_lookaheads_let_through_all_the_labels_can_open_or_end_with(rules):
    import re
    import sys

    from inspector.detectors import captions

    labels, _ = captions._labels_and_agencies(rules)
    for ahead, edge in ((captions._opening(labels), 0),
                        (captions._one_of(x[-1] for x in labels), -1)):
        ahead = re.compile(ahead, re.IGNORECASE)
        edges = re.compile("|".join(re.escape(x[edge]) for x in labels), re.IGNORECASE)
        for code in range(sys.maxunicode + 1):
            if edges.match(chr(code)):
                assert ahead.match(chr(code)), hex(code)
    assert captions._opening((" photo",)) == "" and captions._opening(("", "x")) == ""


def test_bare_paren_credits_found_backwards_as_by_a_forward_scan(rules):
    from inspector.detectors import captions

    labels, agencies = captions._labels_and_agencies(rules)
    bare_paren = captions._patterns(labels, agencies)[2]
    raw = ("Fire (AFP via Getty Images) and (Getty Images) (John Smith / Reuters )\n"
           "(f(a,b)) (x (AFP) (Reuters\n) (Kirk Irwin/Getty\tImages)(dpa)(not one)"
           "(Getty  Images)((AP) (Mary Ann, Jo via Bloomberg)")
    plain = [m.span() for m in bare_paren.finditer(raw)]
    fast = sorted(m.span() for m in captions._bare_paren_credits(
        raw, "\n" + raw[::-1], bare_paren, agencies))
    assert fast == plain and len(plain) >= 8
    blank = [m.span() for m in captions._bare_paren_credits(raw, "\n" + raw[::-1], bare_paren,
                                                            (*agencies, " "))]
    assert blank == plain


def test_detectors_run_in_the_order_of_their_modules():
    """Captions reads the metadata lines' candidates without registering
    that detector before its own (the registry order is the run order)."""
    from inspector.detectors import REGISTRY

    names = list(REGISTRY)
    assert names.index("captions") < names.index("duplicates") < names.index("metadata_lines")
