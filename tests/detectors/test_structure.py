"""The structure detector finds the article among menus and footers, in any language."""

from __future__ import annotations

import inspector
from inspector.model import Category

ARTICLE_DE = [
    "Der Bundestag hat am Freitag nach langer Debatte das neue Klimaschutzgesetz beschlossen, "
    "das die Emissionen bis zum Ende des Jahrzehnts deutlich senken soll.",
    "Die Opposition kritisierte, dass die Ziele für den Verkehr und die Gebäude zu schwach "
    "seien und dass die Regierung die Kosten für die Bürger unterschätze.",
    "Der Bundesrat muss dem Gesetz noch zustimmen; eine Mehrheit gilt aber als sicher, weil "
    "die Länder an den Verhandlungen beteiligt waren.",
]
MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Wissen", "Reisen"]
FOOTER = ["Impressum", "Kontakt", "Mediadaten", "Jobs", "Newsletter", "Archiv"]


def test_menus_and_footer_around_a_german_article():
    raw = "\n".join([*MENU, "", *ARTICLE_DE, "", *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in ARTICLE_DE:
        assert paragraph in doc.cleaned
    for word in ("Startseite", "Wirtschaft", "Mediadaten", "Archiv"):
        assert word not in doc.cleaned
    nav = [s for s in doc.spans if s.category is Category.NAVIGATION and s.removed]
    assert nav and all(s.reason for s in nav)


def test_a_language_without_rule_files_works_by_shape():
    article = [
        "Kansainvälinen ilmastokokous päättyi lauantaina Glasgow’ssa, ja osallistujat hyväksyivät "
        "loppupäätöksen, jossa vaaditaan hiilen käytön vähentämistä nopeammin kuin aiemmin.",
        "Monet kehittyvät maat arvostelivat päätöstä, koska niiden mielestä rikkaat maat eivät "
        "ole täyttäneet aiempia rahoituslupauksiaan. Neuvottelut jatkuvat ensi vuonna Egyptissä.",
    ]
    menu = ["Etusivu", "Uutiset", "Urheilu", "Viihde", "Sää", "Kirjaudu"]
    raw = "\n".join([*menu, "", *article, "", "Tietosuoja", "Evästeet", "Yhteystiedot"])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in article:
        assert paragraph in doc.cleaned
    assert "Urheilu" not in doc.cleaned and "Evästeet" not in doc.cleaned


def test_a_clean_article_loses_nothing():
    raw = "\n\n".join(ARTICLE_DE)
    doc = inspector.inspect(raw, kind="text")
    assert doc.cleaned == raw
    assert not [s for s in doc.spans if s.removed]


def test_a_results_table_under_its_introduction_is_kept():
    intro = ("Nesta página você terá sempre a classificação atualizada da NASCAR até a última "
             "corrida, com os pontos e as vitórias de cada piloto da temporada.")
    rows = ["1 Kyle Busch 5040 5 1 17 27", "2 Martin Truex Jr. 5035 7 0 15 24",
            "3 Kevin Harvick 5033 4 6 15 26", "4 Denny Hamlin 5027 6 3 19 24",
            "5 Joey Logano 2380 2 3 12 21"]
    raw = "\n".join([*MENU, "", intro, "", *rows, "", *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    assert intro in doc.cleaned
    for row in rows:
        assert row in doc.cleaned
    assert "Mediadaten" not in doc.cleaned


def test_dated_teasers_after_the_article_are_not_article():
    article = [
        "Beijing has warned that it could send troops into Hong Kong if the protests there "
        "cannot be contained by the city's police, officials said on Tuesday in a statement.",
        "The warning came as students remained inside a besieged university campus for a third "
        "day, surrounded by police who have fired tear gas at anyone trying to leave.",
        "In short, analysts said, the standoff is likely to end badly for the protesters.",
    ]
    teasers = [
        "Carlos Ghosn and the dark side of Japanese justice", "Anthony Ghosn",
        "Wednesday November 20, 2019",
        "Our family always celebrates anniversaries, but not this week, because a year ago our "
        "father was arrested in Japan and his trial has still not begun.",
        "What made Joker so popular?", "Madeline Fry", "Wednesday November 20, 2019",
        "The film has become the most profitable comic book adaptation ever made, and critics "
        "are still arguing about why audiences went to see it in such numbers.",
    ]
    raw = "\n\n".join([*MENU, *article, "More Washington Examiner", *teasers])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in article:
        assert paragraph in doc.cleaned
    assert "Joker" not in doc.cleaned and "anniversaries" not in doc.cleaned


ITALIAN_OFFERS = [
    "Il black Friday è arrivato anche quest'anno e i negozi online propongono sconti su "
    "moltissimi prodotti, dai giocattoli ai film in edizione da collezione.",
    "E chi siamo noi per restare a guardare? Abbiamo scelto per voi le offerte più "
    "interessanti per chi ama gli anni Ottanta, da non lasciarsi sfuggire prima che finiscano:",
]
OFFER_ITEMS = [
    "1) Lego Star Wars Bombardiere della Resistenza", "http://amzn.to/2iJFhRj",
    "2) Pista Elettrica Sorpasso", "http://amzn.to/2hZfWFJ",
    "3) Ritorno al futuro, la trilogia (Blu-Ray)", "http://amzn.to/2hWw372",
    "4) Gioco da tavolo Taboo",
]


def test_a_list_the_article_announces_with_a_colon_is_kept():
    raw = "\n".join([*MENU, "", *ITALIAN_OFFERS, "", *OFFER_ITEMS, "", *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    for line in [*ITALIAN_OFFERS, *OFFER_ITEMS]:
        assert line in doc.cleaned
    assert "Mediadaten" not in doc.cleaned


def test_a_heading_with_a_colon_does_not_take_in_the_links_below_it():
    links = ["- Die besten Wanderwege im Harz", "- Zehn Tipps für den Winterurlaub",
             "- So sparen Sie beim Heizen", "- Neue Regeln für Mieter ab Januar"]
    raw = "\n".join([*MENU, "", *ARTICLE_DE, "", "Mehr zum Thema:", *links, "", *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in ARTICLE_DE:
        assert paragraph in doc.cleaned
    for link in links:
        assert link not in doc.cleaned


ENGLISH_ARTICLE = [
    "The merger of the two largest newspaper chains in the country was completed on Tuesday, "
    "creating a company that owns more than two hundred daily papers.",
    "Executives said the deal would save hundreds of millions of dollars a year, but analysts "
    "warned that most of the savings would come from closing newsrooms.",
    "Since 2008 there has not been a single year of revenue growth in the industry, and the "
    "number of reporters at local papers has fallen by almost half.",
    "The new company will be led by the chief executive of the smaller chain, who told "
    "investors that he expected the integration to take about two years.",
    "Unions representing the journalists said they were worried about further layoffs and "
    "asked for talks with the management before the end of the month.",
]
FLAT_MENU = ("Home World U.S. Politics Economy Business Tech Markets Opinion Life Arts "
             "Real Estate Magazine Video Podcasts Newsletters Crossword Subscribe Sign In")
FLAT_FOOTER = ("Terms Privacy Cookies Careers Advertise Licensing Reprints Help Center "
               "Contact Sitemap Accessibility Corrections Archive")


def test_a_page_flattened_into_one_line_loses_its_menus_not_its_sentences():
    article = " ".join(ENGLISH_ARTICLE * 4)  # long enough to be a flattened page
    raw = " ".join([FLAT_MENU, FLAT_MENU.replace("Home", "Start"), article, FLAT_FOOTER])
    assert "\n" not in raw and len(raw) > 3000
    doc = inspector.inspect(raw, kind="text")
    for sentence in ENGLISH_ARTICLE:
        assert sentence in doc.cleaned
    assert "Crossword" not in doc.cleaned and "Licensing" not in doc.cleaned


def test_menus_inside_a_flattened_line_do_not_take_the_article_between_them():
    half = len(ENGLISH_ARTICLE) // 2
    article = " ".join(ENGLISH_ARTICLE * 2)
    # Two menu-like "sentences" in a row inside the article, twice.
    ad_box = ("Advertisement Sponsored Content Shop Deals Coupons Promo Codes Gift Guides. "
              "Black Friday Cyber Monday Holiday Gifts Toys Gadgets Fashion Beauty Home.")
    raw = " ".join([FLAT_MENU, " ".join(ENGLISH_ARTICLE[:half]), ad_box, article, ad_box,
                    article, FLAT_FOOTER])
    assert "\n" not in raw and len(raw) > 3000
    doc = inspector.inspect(raw, kind="text")
    for sentence in ENGLISH_ARTICLE:
        assert sentence in doc.cleaned


def test_the_title_repeated_as_headline_marks_where_the_article_starts():
    title = "Michigan Officials Report a Sixth Death From Mosquito Virus | CBS Detroit"
    teasers = [
        "Customers Leave Without Paying Bill At Troy Steakhouse A party of six left the "
        "steakhouse in Troy without paying their bill after a fight broke out at the table.",
        "Michigan To Mail Redistricting Panel Applications The state of Michigan will mail "
        "thousands of applications encouraging voters to apply to serve on the new commission.",
        "Couple Finds Newspapers Dating Back To The 1940s A couple renovating their home found "
        "a stack of newspapers hidden in the walls, some of them from the war years.",
    ]
    article = [
        "Health authorities in Michigan are reporting a sixth death linked to the virus, "
        "which is spread by mosquitoes and has been found in ten counties this year.",
        "Officials said on Monday that the victim was one of two people who contracted the "
        "virus in the south-west of the state at the end of the summer.",
    ]
    raw = "\n\n".join([title, *MENU, *teasers, "Autos", "Michigan Officials Report a Sixth "
                       "Death From Mosquito Virus", *article, *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in article:
        assert paragraph in doc.cleaned
    for teaser in teasers:
        assert teaser not in doc.cleaned


def test_without_a_title_line_nothing_is_assumed():
    raw = "\n\n".join([*ARTICLE_DE, "Startseite | Politik | Wirtschaft", *ARTICLE_DE[:1]])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in ARTICLE_DE:
        assert paragraph in doc.cleaned


def test_title_and_blurb_teasers_after_the_article_are_cut():
    """A "more stories" box in a language without a stop-word list (Russian)."""
    article = [
        "Белковая диета подходит тем, кто ведёт активный образ жизни и много двигается. "
        "В меню остаются мясо, рыба, яйца и творог, а сладкое и выпечка исключаются.",
        "Врачи советуют соблюдать такую диету не дольше двух недель и пить много воды, "
        "потому что нагрузка на почки при ней заметно возрастает.",
        "Перед началом стоит посоветоваться с врачом, особенно если есть хронические "
        "болезни, и заранее рассчитать меню на каждый день недели.",
    ]
    teasers = ["Гречневая диета",
               "Самая популярная диета этого года. Сбрасывается до двенадцати килограммов.",
               "Капустная диета",
               "Высокоэффективная диета с потерей веса до десяти килограммов за десять дней.",
               "Японская диета",
               "Продолжительная эффективная диета на тринадцать дней. Результат виден сразу.",
               "Яблочная диета",
               "Простая и эффективная диета с минимумом ограничений. Подходит почти всем."]
    raw = "\n\n".join([*article, *teasers])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in article:
        assert paragraph in doc.cleaned
    assert "Японская диета" not in doc.cleaned


def test_an_announced_list_with_markdown_leftovers_between_its_items_is_kept():
    items = ["1) Lego Star Wars Bombardiere della Resistenza", "**http://amzn.to/2iJFhRj",
             "**", "2) Pista Elettrica Sorpasso", "**http://amzn.to/2hZfWFJ", "**",
             "3) Ritorno al futuro, la trilogia (Blu-Ray)", "**http://amzn.to/2hWw372", "**",
             "4) Gioco da tavolo Taboo"]
    raw = "\n\n".join([*MENU, *ITALIAN_OFFERS, *items, *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    for item in ("Lego Star Wars", "Pista Elettrica", "Ritorno al futuro", "Taboo"):
        assert item in doc.cleaned
    assert "Mediadaten" not in doc.cleaned


def test_sentences_split_around_links_and_citations_are_one_paragraph():
    """``//body//text()`` dumps put every text node on its own line."""
    raw = "\n".join([
        *MENU, "",
        "Fad diets can often be very unhealthy, and studies show that overly restrictive "
        "eating methods may trigger episodes of binge eating.",
        "For example, one study in 496 adolescent girls found that fasting was associated "
        "with a higher risk of binge eating (", "2", ").",
        "Similarly, another study in 103 women noticed that abstaining from certain foods "
        "resulted in increased cravings and a higher risk of overeating (", "3", ").",
        "", *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    assert "fasting was associated with a higher risk of binge eating (\n2\n)." in doc.cleaned
    assert "increased cravings" in doc.cleaned and "Mediadaten" not in doc.cleaned


def test_dates_of_embedded_posts_do_not_end_the_article():
    paragraphs = ARTICLE_DE * 2
    raw = "\n\n".join([*MENU, paragraphs[0], "Die Luft ist heute wieder sehr schlecht.",
                       "— Josh Apte (@joshapte)", "November 1, 2019", *paragraphs[1:3],
                       "Die Werte steigen weiter, schreibt sie.", "— Anna Muster (@amuster)",
                       "November 3, 2019", *paragraphs[3:], *FOOTER])
    doc = inspector.inspect(raw, kind="text")
    for paragraph in paragraphs:
        assert paragraph in doc.cleaned
