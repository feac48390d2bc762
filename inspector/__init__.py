"""Article Inspector: explainable cleaning of scraped news articles.

The public API is :func:`inspect` and the model classes; everything here is
pure Python and imports no Qt.
"""

from .errors import InputError, InspectorError, RuleError, StoreError
from .model import Caption, Category, Change, Document, Edit, Metadata, Span
from .pipeline import inspect

__version__ = "0.1.0"

__all__ = [
    "Caption",
    "Category",
    "Change",
    "Document",
    "Edit",
    "InputError",
    "InspectorError",
    "Metadata",
    "RuleError",
    "Span",
    "StoreError",
    "__version__",
    "inspect",
]
