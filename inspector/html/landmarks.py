"""``html.nav``, ``html.header``, ``html.footer``, ``html.aside``, ``html.form``: page landmarks.

Elements (and ARIA roles) that HTML itself defines as navigation, site
header and footer, side content and forms.  A landmark that holds the
article (some sites wrap the whole page in a ``<form>`` or a ``<header>``)
is overruled later, in :mod:`inspector.html`.
"""

from __future__ import annotations

from ..model import Category
from .findings import Finding
from .parse import Page

_TAGS = {
    "nav": ("html.nav", Category.NAVIGATION, "Navigation links (<nav>)."),
    "menu": ("html.nav", Category.NAVIGATION, "Menu (<menu>)."),
    "header": ("html.header", Category.NAVIGATION, "Header of the page or a section (<header>)."),
    "footer": ("html.footer", Category.NAVIGATION, "Footer of the page or a section (<footer>)."),
    "aside": ("html.aside", Category.RELATED, "Side content beside the article (<aside>)."),
    "form": ("html.form", Category.NAVIGATION, "Form (<form>): search, sign-up, comment or login."),
    "button": ("html.form", Category.NAVIGATION, "Button label (<button>)."),
    "select": ("html.form", Category.NAVIGATION, "Drop-down list (<select>)."),
    "textarea": ("html.form", Category.NAVIGATION, "Text field (<textarea>)."),
    "label": ("html.form", Category.NAVIGATION, "Form field label (<label>)."),
    "dialog": ("html.dialog", Category.PROMO, "Dialog box (<dialog>)."),
}
_ROLES = {
    "navigation": ("html.nav", Category.NAVIGATION, "Navigation (role=navigation)."),
    "menu": ("html.nav", Category.NAVIGATION, "Menu (role=menu)."),
    "menubar": ("html.nav", Category.NAVIGATION, "Menu bar (role=menubar)."),
    "banner": ("html.header", Category.NAVIGATION, "Site header (role=banner)."),
    "contentinfo": ("html.footer", Category.NAVIGATION, "Site footer (role=contentinfo)."),
    "complementary": ("html.aside", Category.RELATED, "Side content (role=complementary)."),
    "search": ("html.form", Category.NAVIGATION, "Search box (role=search)."),
    "dialog": ("html.dialog", Category.PROMO, "Dialog box (role=dialog)."),
    "alertdialog": ("html.dialog", Category.PROMO, "Dialog box (role=alertdialog)."),
    "toolbar": ("html.nav", Category.NAVIGATION, "Toolbar (role=toolbar)."),
    "tablist": ("html.nav", Category.NAVIGATION, "Tabs (role=tablist)."),
}
#: Confidence per rule: a <header> inside an article holds its title and
#: byline, which are metadata, but a <form> is sometimes only a wrapper.
_CONFIDENCE = {"html.form": 0.8, "html.header": 0.8}


def detect(page: Page) -> list[Finding]:
    out: list[Finding] = []
    for i, node in enumerate(page.nodes):
        hit = _TAGS.get(node.tag)
        if hit is None and "role" in node.attrs:
            hit = _ROLES.get(node.attrs["role"].strip().lower())
        if hit is None:
            continue
        rule, category, reason = hit
        out.append(Finding(i, rule, category, reason, rule, _CONFIDENCE.get(rule, 0.9)))
    return out
