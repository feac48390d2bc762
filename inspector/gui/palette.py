"""Category colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies.

Eight colours for fourteen categories, so related categories share a colour
(code, links, promotion, structure).  Colour is never the only cue: removed
spans are filled, kept spans are only underlined, spans to review carry a
wavy underline, and the tooltip and span list always name the category.
"""

from __future__ import annotations

from inspector.model import Category

from .qt import QtGui

# Okabe & Ito (2008), "Color Universal Design".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"

CATEGORY_COLOURS: dict[Category, str] = {
    Category.SCRIPT: BLUE,
    Category.STYLE: BLUE,
    Category.VIDEO_FALLBACK: ORANGE,
    Category.CAPTION: BLUISH_GREEN,
    Category.NAVIGATION: SKY_BLUE,
    Category.RELATED: SKY_BLUE,
    Category.PROMO: REDDISH_PURPLE,
    Category.SOCIAL: REDDISH_PURPLE,
    Category.LEGAL: YELLOW,
    Category.SOURCE_LINK: GREY,
    Category.METADATA_LINE: GREY,
    Category.ARTIFACT: GREY,
    Category.DUPLICATE: GREY,
    Category.USER: VERMILLION,
}

#: Wavy underline of spans the person should review first.
REVIEW_COLOUR = VERMILLION
#: Dotted underline of repairs (edits) such as mojibake fixes.
EDIT_COLOUR = BLUE

LABELS: dict[Category, str] = {
    Category.SCRIPT: "Script",
    Category.STYLE: "Style",
    Category.VIDEO_FALLBACK: "Video fallback",
    Category.CAPTION: "Caption",
    Category.NAVIGATION: "Navigation",
    Category.RELATED: "Related",
    Category.PROMO: "Promo",
    Category.SOCIAL: "Social",
    Category.LEGAL: "Legal",
    Category.SOURCE_LINK: "Source link",
    Category.METADATA_LINE: "Metadata line",
    Category.ARTIFACT: "Artifact",
    Category.DUPLICATE: "Duplicate",
    Category.USER: "Marked by me",
}


def is_dark(palette: QtGui.QPalette) -> bool:
    return palette.color(QtGui.QPalette.ColorRole.Base).lightness() < 128


def colour(category: Category) -> QtGui.QColor:
    return QtGui.QColor(CATEGORY_COLOURS[category])


def fill(category: Category, palette: QtGui.QPalette, *, strong: bool = False) -> QtGui.QColor:
    """Background tint for a removed span, readable on the palette's base colour."""
    base = palette.color(QtGui.QPalette.ColorRole.Base)
    tint = colour(category)
    amount = (0.7 if strong else 0.32) if is_dark(palette) else (0.8 if strong else 0.35)
    return QtGui.QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def swatch(category: Category, size: int = 12) -> QtGui.QIcon:
    pixmap = QtGui.QPixmap(size, size)
    pixmap.fill(colour(category))
    return QtGui.QIcon(pixmap)
